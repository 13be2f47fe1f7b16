"""A request's whole journey through the command line alone, for each of the five associations:
registered (``applicants add``; Al-Huda's pilgrim with a passport), an enquiry, request,
documents, declaration, submit, researcher, committee, decision letter, delivery, survey, closed;
an immediate service delivered the same day where the profile has one; a rejection appealed and
decided again — each step acting as the named user whose role takes it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from pypdf import PdfReader

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.domain.profile import get_profile
from conftest import PG_URL
from journeycli import (
    IMMEDIATE,
    JOURNEYS,
    STORE_FILE,
    add_documents,
    ok,
    register,
    run,
    status,
    store_maker,
)
from stores import fresh_postgres


@pytest.fixture
def make_store(tmp_path, monkeypatch):
    return store_maker(tmp_path, monkeypatch)


@pytest.mark.parametrize("association", sorted(JOURNEYS))
def test_the_whole_journey_through_the_command_line(association, make_store, tmp_path):
    walk(make_store(association), association, tmp_path)


@pytest.mark.skipif(not PG_URL, reason="set AJFAR_TEST_PG_URL to run against PostgreSQL")
def test_the_whole_journey_on_postgresql(tmp_path, monkeypatch):
    fresh_postgres(PG_URL)  # migrated and empty, as a new store finds it
    walk(store_maker(tmp_path, monkeypatch, PG_URL)("aman"), "aman", tmp_path, sql=False)


def walk(data, association: str, tmp_path, sql: bool = True) -> None:
    program, category, confirm = JOURNEYS[association]
    nid = register(data, association, category, make_national_id(1, "04455667"))
    asked = json.loads(ok(data, "enquiries", "add", "--channel", "phone", "--applicant", nid,
                          "--subject", "شروط البرنامج", "--answer", "شرحت الشروط", "--json",
                          user="desk"))
    assert asked["subject"] == "شروط البرنامج"
    listed = json.loads(ok(data, "enquiries", "list", "--json", user="desk"))
    assert [e["subject"] for e in listed] == ["شروط البرنامج"]

    created = json.loads(ok(data, "requests", "new", "--applicant", nid, "--program", program,
                            "--channel", "interview", "--text", "طلب دعم", "--json", user="desk"))
    reference = created["reference"]
    assert created["status"] == "draft" and created["program"] == program
    if get_profile(association).program(program).required_documents:
        # the declaration waits for the documents: nothing printed, what is missing said
        code, _out, err = run(data, "print", "declaration", reference, "--out",
                              str(tmp_path / "d0.pdf"), user="desk")
        assert code == 2 and not (tmp_path / "d0.pdf").exists()
        assert "The declaration is not issued before the documents are complete." in err
        assert "Missing document" in err
    add_documents(data, association, program, nid)

    ok(data, "print", "declaration", reference, "--out", str(tmp_path / "d.pdf"), user="desk")
    assert "D1" in ok(data, "declaration", "sign", reference, "--on-paper", user="desk")
    confirms = [arg for code in confirm for arg in ("--confirm", code)]
    step = json.loads(ok(data, "requests", "step", reference, "submit", *confirms, "--json",
                         user="desk"))
    assert step == {"reference": reference, "step": "submit", "from": "draft", "to": "submitted"}

    ok(data, "requests", "step", reference, "refer_to_researcher", user="desk")
    out = ok(data, "requests", "step", reference, "forward_to_committee", user="researcher")
    assert "Awaiting the committee" in out
    decided = json.loads(ok(data, "requests", "step", reference, "approve", "--service",
                            "سلة غذائية", "--amount", "750.50", "--json", user="member"))
    assert decided["to"] == "approved" and decided["meeting"]["opened"] is True

    ok(data, "print", "decision", reference, "--out", str(tmp_path / "decision.pdf"), user="desk")
    letter = "".join(page.extract_text() for page in PdfReader(tmp_path / "decision.pdf").pages)
    assert reference in letter

    out = ok(data, "requests", "step", reference, "deliver", user="desk")
    assert "Service delivered" in out
    survey = json.loads(ok(data, "survey", "record", reference, "--answer", "reception=5",
                           "--answer", "overall=٤", "--answer", "comments=شكراً", "--json",
                           user="desk"))
    assert survey["answers"] == {"comments": "شكراً", "overall": 4, "reception": 5}
    ok(data, "requests", "step", reference, "close", user="desk")
    assert status(data, reference) == "closed"
    if association in IMMEDIATE:
        immediate_service(data, association, nid)
    appeal(data, association, nid, program, confirms, tmp_path)
    if not sql:
        return
    with sqlite3.connect(data / STORE_FILE) as db:
        steps = db.execute(
            "SELECT e.action, u.username FROM status_event e JOIN app_user u ON u.id = e.user_id "
            "JOIN support_request r ON r.id = e.request_id WHERE r.reference = ? "
            "ORDER BY e.at", (reference,)).fetchall()
        delivered = db.execute(
            "SELECT d.description FROM service_delivery d JOIN support_request r "
            "ON r.id = d.request_id WHERE r.reference = ?", (reference,)).fetchall()
    db.close()
    assert steps == [
        ("", "desk"), ("submit", "desk"), ("refer_to_researcher", "desk"),
        ("forward_to_committee", "researcher"), ("approve", "member"), ("deliver", "desk"),
        ("close", "desk"),
    ]
    assert delivered == [("سلة غذائية",)]  # the approved service, by default


def immediate_service(data, association: str, nid: str) -> None:
    """Recorded and delivered at the desk in one step, the same day: no declaration, no
    committee, no answer date; submitting it is refused."""
    program, confirm = IMMEDIATE[association]
    created = json.loads(ok(data, "requests", "new", "--applicant", nid, "--program", program,
                            "--channel", "interview", "--json", user="desk"))
    code, _out, err = run(data, "requests", "step", created["reference"], "submit", user="desk")
    assert code == 2 and "immediate" in err
    confirms = [arg for c in confirm for arg in ("--confirm", c)]
    done = json.loads(ok(data, "requests", "step", created["reference"], "deliver_immediately",
                         "--service", "دلالة على المخيم", *confirms, "--json", user="desk"))
    assert (done["from"], done["to"]) == ("draft", "delivered")


def appeal(data, association: str, nid: str, program: str, confirms: list, tmp_path) -> None:
    """A second request rejected by the committee, appealed at the desk with its grounds, and
    decided again by the committee; the decision letter says it is the appeal's decision."""
    reference = json.loads(ok(data, "requests", "new", "--applicant", nid, "--program", program,
                              "--channel", "phone", "--json", user="desk"))["reference"]
    ok(data, "print", "declaration", reference, "--out", str(tmp_path / "d2.pdf"), user="desk")
    ok(data, "declaration", "sign", reference, "--on-paper", user="desk")
    ok(data, "requests", "step", reference, "submit", *confirms, user="desk")
    ok(data, "requests", "step", reference, "forward_to_committee", user="desk")
    ok(data, "requests", "step", reference, "reject", "--reason", "اكتمل العدد", user="member")
    code, _out, err = run(data, "requests", "step", reference, "appeal", user="desk")
    assert code == 2 and "grounds of the appeal" in err  # an appeal states its grounds
    appealed = json.loads(ok(data, "requests", "step", reference, "appeal", "--reason",
                             "تغيّر دخل الأسرة بعد الدراسة", "--json", user="desk"))
    assert appealed["to"] == "appealed"
    again = json.loads(ok(data, "requests", "step", reference, "approve", "--service",
                          "سلة غذائية", "--json", user="member"))
    assert again["to"] == "approved"
    ok(data, "print", "decision", reference, "--out", str(tmp_path / "appeal.pdf"), user="desk")
    letter = "".join(p.extract_text() for p in PdfReader(tmp_path / "appeal.pdf").pages)
    assert "appeal" in letter.lower(), (association, letter)
