"""The command line's journey refuses as the window refuses: by role, by state, without a signed-in
user; each refusal is one line naming the reason, exit 2, and nothing is written."""

from __future__ import annotations

import json
import sqlite3

import pytest

from ajfar_desk.domain.identity import make_national_id
from journeycli import (
    JOURNEYS,
    STORE_FILE,
    add_documents,
    cli_run,
    ok,
    register,
    run,
    store_maker,
)

NID = make_national_id(1, "07788990")


@pytest.fixture
def journey(tmp_path, monkeypatch):
    """An AlAjfar store with a submitted request awaiting the committee."""
    data = store_maker(tmp_path, monkeypatch)("ajfar")
    program, category, _confirm = JOURNEYS["ajfar"]
    register(data, tmp_path, category, NID)
    reference = json.loads(ok(data, "requests", "new", "--applicant", NID, "--program", program,
                              "--channel", "phone", "--json", user="desk"))["reference"]
    add_documents(data, "ajfar", program, NID)
    ok(data, "print", "declaration", reference, "--out", str(tmp_path / "d.pdf"), user="desk")
    ok(data, "declaration", "sign", reference, "--on-paper", user="desk")
    ok(data, "requests", "step", reference, "submit", user="desk")
    ok(data, "requests", "step", reference, "forward_to_committee", user="desk")
    return data, reference


def refused(data, *args: str, user: str | None = None, password: str | None = None) -> str:
    if password is not None:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("AJFAR_PASSWORD", password)
            code, out, err = cli_run(data, "--user", user, *args)
    else:
        code, out, err = run(data, *args, user=user)
    assert code == 2, (args, out, err)
    assert len(err.strip().splitlines()) == 1, err
    return err


def _count(data, table: str) -> int:
    with sqlite3.connect(data / STORE_FILE) as db:
        (n,) = db.execute(f"SELECT count(*) FROM {table}").fetchone()
    db.close()
    return n


def test_each_role_is_refused_what_the_window_refuses(journey, tmp_path):
    data, reference = journey
    events = _count(data, "status_event")
    err = refused(data, "requests", "step", reference, "approve", "--service", "x", user="desk")
    assert "Only a member of the research committee can approve" in err
    err = refused(data, "requests", "step", reference, "approve", "--service", "x", user="boss")
    assert "Only a member of the research committee can approve" in err
    err = refused(data, "requests", "step", reference, "cancel", "--reason", "x", user="member")
    assert "Only the front desk or a manager can cancel" in err
    err = refused(data, "documents", "add", NID, "--kind", "lease", "--number", "9",
                  "--expires", "2031-01-01", user="researcher")
    assert "may not register or change an applicant" in err
    err = refused(data, "requests", "new", "--applicant", NID, "--program", "food_aid",
                  "--channel", "phone", user="member")
    assert "may not create or change a request" in err
    assert _count(data, "status_event") == events
    assert _count(data, "committee_meeting") == 0  # no meeting opened for a refused decision
    assert _count(data, "document") == 3


def test_steps_refused_by_the_state_and_the_rules(journey):
    data, reference = journey
    err = refused(data, "requests", "step", reference, "deliver", user="desk")
    assert "cannot be delivered: it has not been approved" in err
    err = refused(data, "requests", "step", reference, "reject", user="member")
    assert "Give a reason for rejecting" in err
    err = refused(data, "requests", "step", reference, "reject", "--reason", "x", "--amount", "5",
                  user="member")
    assert "takes no amount" in err
    err = refused(data, "requests", "step", reference, "fly_away", user="desk")
    assert "Unknown step “fly_away”" in err and "submit" in err
    err = refused(data, "requests", "step", "AJF-1400-999999", "close", user="desk")
    assert "AJF-1400-999999" in err
    err = refused(data, "declaration", "sign", reference, "--on-paper", user="desk")
    assert "already recorded as signed" in err


def test_decisions_go_into_the_open_meeting(journey):
    data, reference = journey
    first = json.loads(ok(data, "requests", "step", reference, "defer", "--reason",
                          "ينتظر التقرير", "--json", user="member"))
    assert first["from"] == first["to"] == "awaiting_committee"
    assert first["meeting"]["opened"] is True
    again = json.loads(ok(data, "requests", "step", reference, "reject", "--reason",
                          "لا تنطبق الشروط", "--json", user="member"))
    assert again["to"] == "rejected" and again["meeting"]["opened"] is False
    assert again["meeting"]["number"] == first["meeting"]["number"]
    assert _count(data, "committee_meeting") == 1 and _count(data, "committee_decision") == 2
    out = ok(data, "requests", "step", reference, "close", user="desk")
    assert "Closed" in out
    err = refused(data, "requests", "step", reference, "reopen", "--reason", "تظلم", user="desk")
    assert "Only a manager can reopen" in err
    assert "Submitted" in ok(data, "requests", "step", reference, "reopen", "--reason", "تظلم",
                             user="boss")


def test_the_journey_needs_a_signed_in_user(journey, tmp_path):
    data, reference = journey
    err = refused(data, "requests", "step", reference, "approve", "--service", "x")
    assert "--user" in err and "AJFAR_PASSWORD" in err
    err = refused(data, "requests", "step", reference, "approve", "--service", "x",
                  user="member", password="wrong-password")
    assert "wrong password" in err
    err = refused(data, "requests", "step", reference, "approve", user="nobody", password="x")
    assert "wrong password" in err
    code, _out, err = cli_run(data, "--user", "member", "requests", "step", reference, "defer")
    assert code == 2 and "No password for member" in err
    # the password from a file, before the command or after it
    secret = tmp_path / "member.txt"
    secret.write_text("member-pass-2026\n", encoding="utf-8")
    code, out, err = cli_run(data, "--user", "member", "--password-file", str(secret), "requests",
                             "step", reference, "request_more_info", "--reason", "كشف حساب")
    assert code == 0, err
    code, out, err = cli_run(data, "--user", "member", "requests", "step", reference,
                             "request_more_info", "--reason", "كشف حساب", "--password-file",
                             str(secret))
    assert code == 2 and "not awaiting the committee" in err  # signed in, refused by the rules


def test_a_disabled_account_is_refused_and_scripts_without_a_user_act_as_before(journey):
    data, reference = journey
    ok(data, "users", "set", "desk", "--disable")  # nobody named: the first administrator
    err = refused(data, "requests", "step", reference, "cancel", "--reason", "x", user="desk")
    assert "wrong password" in err
    listed = json.loads(ok(data, "requests", "list", "--json"))
    assert [r["reference"] for r in listed] == [reference]
    err = refused(data, "requests", "new", "--applicant", NID, "--program", "food_aid",
                  "--channel", "phone")
    assert "--user" in err


def test_a_step_added_to_the_workflow_s_table_is_a_command_at_once(journey, monkeypatch):
    """Another step in the rules (here: the desk puts a submitted request on hold, and takes it
    off) needs no command-line code: ``requests step`` takes it, its help lists it."""
    from ajfar_desk.domain import workflow as wf

    monkeypatch.setattr(wf, "ACTIONS", (*wf.ACTIONS, "hold"))
    monkeypatch.setitem(wf.ACTION_LABELS, "hold", "Put on hold")
    monkeypatch.setitem(wf.TRANSITIONS, ("hold", wf.AWAITING_COMMITTEE),
                        (wf.AWAITING_COMMITTEE, frozenset({wf.FRONT_DESK, wf.MANAGER})))
    data, reference = journey
    code, out, _err = cli_run(data, "requests", "step", "--help")
    assert code == 0 and "hold: Put on hold (Front-desk employee, Manager)" in out
    moved = json.loads(ok(data, "requests", "step", reference, "hold", "--json", user="desk"))
    assert moved["step"] == "hold" and moved["to"] == "awaiting_committee"
    err = refused(data, "requests", "step", reference, "hold", user="member")
    assert "Your role may not take the step “Put on hold”" in err
    with sqlite3.connect(data / STORE_FILE) as db:
        (action,) = db.execute(
            "SELECT action FROM status_event ORDER BY at DESC LIMIT 1").fetchone()
    db.close()
    assert action == "hold"


def test_the_applicant_is_found_by_the_id_number_as_typed(journey):
    data, _reference = journey
    arabic = NID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    typed = f"{arabic[:4]} {arabic[4:7]}-{arabic[7:]}"
    made = json.loads(ok(data, "requests", "new", "--applicant", typed, "--program", "food_aid",
                         "--channel", "phone", "--json", user="desk"))
    again = json.loads(ok(data, "requests", "new", "--applicant", made["applicant_id"],
                          "--program", "food_aid", "--channel", "phone", "--json", user="desk"))
    assert again["applicant_id"] == made["applicant_id"]
    err = refused(data, "requests", "new", "--applicant", "1000000008", "--program", "food_aid",
                  "--channel", "phone", user="desk")
    assert "No applicant with ID number 1000000008" in err
    err = refused(data, "requests", "new", "--applicant", NID, "--program", "no_such",
                  "--channel", "phone", user="desk")
    assert "no_such" in err


def test_the_documents_refusal_names_the_command_not_the_windows_button(tmp_path, monkeypatch):
    """The checklist's refusal read at a terminal ends with the command that adds a document
    (the window's ends with its button «Add document», tests/services/requests)."""
    data = store_maker(tmp_path, monkeypatch)("ajfar")
    program, category, _confirm = JOURNEYS["ajfar"]
    register(data, tmp_path, category, NID)
    reference = json.loads(ok(data, "requests", "new", "--applicant", NID, "--program", program,
                              "--channel", "phone", "--json", user="desk"))["reference"]
    for args in (("print", "declaration", reference, "--out", str(tmp_path / "d.pdf")),
                 ("requests", "step", reference, "submit")):
        err = refused(data, *args, user="desk")
        assert "Missing document" in err, err
        assert err.rstrip().endswith("ajfar-desk documents add ID --kind KIND --expires DATE"), err
        assert "“Add document”" not in err, err
    add_documents(data, "ajfar", program, NID)
    ok(data, "print", "declaration", reference, "--out", str(tmp_path / "d.pdf"), user="desk")
