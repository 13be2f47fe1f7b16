"""``appointments add|list|cancel|mark`` from the command line: one booking per slot, the day
list in JSON and in words, a refusal on one line naming the reason (exit 2)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from test_cli import one_line_error, run

ENV = {"AJFAR_ADMIN_PASSWORD": "s3cret-pass"}
NID = "1000000008"


def next_sunday() -> dt.date:
    today = dt.date.today()
    return today + dt.timedelta(days=(6 - today.weekday()) % 7 or 7)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    data = tmp_path_factory.mktemp("baraa")
    assert run(data, "init", "--association", "baraa", "--full-name", "سعاد الحربي", env=ENV).returncode == 0
    added = run(data, "applicants", "add", "--id-type", "national_id", "--id", NID,
                "--name", "خالد محمد سعد العتيبي", "--birth-date", "1990-01-01", "--gender", "male",
                "--phone", "0551234567", "--city", "جدة", "--messages-consent", "yes")
    assert added.returncode == 0, added.stderr
    made = run(data, "users", "add", "hind", "--role", "front_desk", "--name", "هند الموظفة",
               env={"AJFAR_NEW_USER_PASSWORD": "password123"})
    assert made.returncode == 0, made.stderr
    return data


def test_add_list_cancel_and_mark(store):
    day = next_sunday()
    added = run(store, "appointments", "add", "--applicant", NID, "--at", f"{day} 09:20",
                "--purpose", "document", "--employee", "hind", "--note", "صك الإعالة", "--json")
    assert added.returncode == 0, added.stderr
    booked = json.loads(added.stdout)
    assert {k: booked[k] for k in ("day", "time", "minutes", "purpose", "state", "applicant", "employee",
                                   "note")} == {
        "day": day.isoformat(), "time": "09:20", "minutes": 20, "purpose": "document",
        "state": "booked", "applicant": NID, "employee": "هند الموظفة", "note": "صك الإعالة"}
    taken = run(store, "appointments", "add", "--applicant", NID, "--at", f"{day} 09:30",
                "--purpose", "interview", "--employee", "hind")
    assert taken.returncode == 2
    assert "هند الموظفة already has an appointment at 09:20" in one_line_error(taken)
    mine = run(store, "appointments", "add", "--applicant", NID, "--at", f"{day} 09:20",
               "--purpose", "interview")  # the acting user (the administrator) is free then
    assert mine.returncode == 0, mine.stderr
    listed = json.loads(run(store, "appointments", "list", "--day", day.isoformat(), "--json").stdout)
    assert sorted(r["employee"] for r in listed) == ["سعاد الحربي", "هند الموظفة"]
    hinds = run(store, "appointments", "list", "--day", day.isoformat(), "--employee", "hind", lang="ar")
    assert hinds.returncode == 0, hinds.stderr
    assert "إحضار مستند" in hinds.stdout and "09:20" in hinds.stdout and "محجوز" in hinds.stdout
    cancelled = run(store, "appointments", "cancel", booked["id"], "--reason", "اعتذر")
    assert cancelled.returncode == 0, cancelled.stderr
    left = json.loads(run(store, "appointments", "list", "--day", day.isoformat(), "--json").stdout)
    assert [r["employee"] for r in left] == ["سعاد الحربي"]
    early = run(store, "appointments", "mark", left[0]["id"], "attended")
    assert early.returncode == 2 and "has not come yet" in one_line_error(early)
    eve = (day - dt.timedelta(days=1)).isoformat()
    reminded = run(store, "appointments", "remind", "--today", eve)
    assert reminded.returncode == 0 and reminded.stdout.strip() == "1 reminder queued"
    assert run(store, "appointments", "remind", "--today", eve).stdout.strip() == "0 reminders queued"
    [message] = json.loads(run(store, "outbox", "list", "--json").stdout)
    assert message["kind"] == "appointment_reminder"


@pytest.mark.parametrize(("args", "reason"), [
    (("--applicant", "1000000016", "--at", "{day} 09:00", "--purpose", "service"), "No applicant"),
    (("--applicant", NID, "--at", "tomorrow", "--purpose", "service"), "the day and the time"),
    (("--applicant", NID, "--at", "{day} 07:00", "--purpose", "service"), "office's hours"),
    (("--applicant", NID, "--at", "{day} 09:00", "--purpose", "service", "--employee", "nobody"),
     "not an active employee"),
    (("--applicant", NID, "--at", "{day} 09:00", "--purpose", "service", "--request", "BRA-1448-000404"),
     "No request has this reference"),
])
def test_a_refusal_is_one_line_naming_the_reason_exit_2(store, args, reason):
    day = next_sunday() + dt.timedelta(days=7)
    result = run(store, "appointments", "add", *(a.format(day=day) for a in args))
    assert result.returncode == 2
    assert reason in one_line_error(result)


def test_cancel_refuses_an_unknown_id(store):
    result = run(store, "appointments", "cancel", "not-an-id")
    assert result.returncode == 2 and "No such appointment" in one_line_error(result)
