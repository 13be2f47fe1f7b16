"""The command line names a committee meeting's chair (trial 11: only the window ever asked, so
minutes of meetings the command line opened or closed had no chair's line): ``requests step …
--chair USER`` for the meeting a decision opens, ``print minutes --close --chair USER`` for one
closed with nobody in its chair; anyone but an active committee member is refused, one line."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from pypdf import PdfReader

from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from journeycli import PASSWORD, STORE_FILE, ok, run
from test_cli_journey_refusals import journey, refused  # noqa: F401  (the fixture)

NOURA = "Noura Al-Shehri"


def add_member(data) -> None:
    """A second committee member, a woman: Noura."""
    store = Store.open(data)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", "admin-pass-2026")
        users.create_user(ctx, "noura", NOURA, "committee", PASSWORD.format("noura"),
                          gender="female")
    finally:
        store.close()


def meetings(data) -> list[tuple[int, str, str]]:
    with sqlite3.connect(data / STORE_FILE) as db:
        rows = db.execute("SELECT number, chair, status FROM committee_meeting ORDER BY number")
        found = list(rows)
    db.close()
    return found


def test_a_decision_opens_its_meeting_chaired_by_the_member_named(journey, tmp_path):  # noqa: F811
    data, reference = journey
    add_member(data)
    err = refused(data, "requests", "step", reference, "defer", "--reason", "ينتظر التقرير",
                  "--chair", "desk", user="member")
    assert "Chair" in err and "“desk” is not an active member of the research committee" in err
    assert meetings(data) == []  # nothing opened for a refused chair
    err = refused(data, "requests", "step", reference, "close", "--chair", "noura", user="desk")
    assert "takes no chair" in err

    first = json.loads(ok(data, "requests", "step", reference, "defer", "--reason",
                          "ينتظر التقرير", "--chair", "noura", "--json", user="member"))
    assert first["meeting"]["opened"] is True
    assert meetings(data) == [(1, NOURA, "open")]
    # the meeting in session keeps its chair: another is refused, the same one is taken
    err = refused(data, "requests", "step", reference, "reject", "--reason", "لا تنطبق الشروط",
                  "--chair", "member", user="member")
    assert f"meeting 1/{first['meeting']['year']} is already chaired by {NOURA}" in err
    ok(data, "requests", "step", reference, "reject", "--reason", "لا تنطبق الشروط",
       "--chair", "noura", user="member")

    out = tmp_path / "m.pdf"
    err = refused(data, "print", "minutes", "--meeting", "1", "--chair", "noura",
                  "--out", str(out))
    assert "give --close with it" in err and not out.exists()
    ok(data, "print", "minutes", "--meeting", "1", "--close", "--out", str(out))
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert NOURA in words and "Chair of the committee" in words


def test_closing_names_the_chair_nobody_recorded(journey, tmp_path):  # noqa: F811
    data, reference = journey
    add_member(data)
    store = Store.open(data)
    try:  # opened in the window with nobody in the chair
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "member", PASSWORD.format("member"))
        meeting = committee.create_meeting(ctx, dt.date.today(), ["Fahd Al-Dosari", NOURA],
                                           chair="")
        request = requests.find_by_reference(ctx, reference)
        committee.decide(ctx, meeting.id, request.id, "defer", reason="ينتظر التقرير")
    finally:
        store.close()
    out = tmp_path / "m.pdf"
    err = refused(data, "print", "minutes", "--meeting", "1", "--close", "--chair", "nobody",
                  "--out", str(out), user="boss")
    assert "“nobody” is not an active member" in err
    assert meetings(data)[0][1:] == ("", "open")  # nothing written
    ok(data, "print", "minutes", "--meeting", "1", "--close", "--chair", "noura",
       "--out", str(out), user="boss")
    assert meetings(data)[0][1:] == (NOURA, "closed")
    words = " ".join(" ".join(p.extract_text() for p in PdfReader(out).pages).split())
    assert NOURA in words
    # closed: another chair is refused, not passed over
    err = refused(data, "print", "minutes", "--meeting", "1", "--close", "--chair", "member",
                  "--out", str(tmp_path / "n.pdf"), user="boss")
    assert f"already chaired by {NOURA}" in err


def test_help_says_what_happens_without_a_chair(journey):  # noqa: F811
    data, _reference = journey
    step = " ".join(run(data, "requests", "step", "--help")[1].split())
    assert "--chair USERNAME" in step and "without it the member taking the step chairs" in step
    minutes = " ".join(run(data, "print", "minutes", "--help")[1].split())
    assert "leave the chair's line to sign by hand" in minutes
