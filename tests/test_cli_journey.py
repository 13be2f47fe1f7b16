"""A request's whole journey through the command line alone, for each of the five associations:
registered (import), request, documents, declaration, submit, researcher, committee, decision
letter, delivery, survey, closed — each step acting as the named user whose role takes it."""

from __future__ import annotations

import json
import sqlite3

import pytest
from pypdf import PdfReader

from ajfar_desk.domain.identity import make_national_id
from conftest import PG_URL, _empty_postgres
from journeycli import JOURNEYS, STORE_FILE, add_documents, ok, register, status, store_maker


@pytest.fixture
def make_store(tmp_path, monkeypatch):
    return store_maker(tmp_path, monkeypatch)


@pytest.mark.parametrize("association", sorted(JOURNEYS))
def test_the_whole_journey_through_the_command_line(association, make_store, tmp_path):
    walk(make_store(association), association, tmp_path)


@pytest.mark.skipif(not PG_URL, reason="set AJFAR_TEST_PG_URL to run against PostgreSQL")
def test_the_whole_journey_on_postgresql(tmp_path, monkeypatch):
    _empty_postgres(PG_URL)
    walk(store_maker(tmp_path, monkeypatch, PG_URL)("aman"), "aman", tmp_path, sql=False)


def walk(data, association: str, tmp_path, sql: bool = True) -> None:
    program, category, confirm = JOURNEYS[association]
    nid = make_national_id(1, "04455667")
    register(data, tmp_path, category, nid)

    created = json.loads(ok(data, "requests", "new", "--applicant", nid, "--program", program,
                            "--channel", "interview", "--text", "طلب دعم", "--json", user="desk"))
    reference = created["reference"]
    assert created["status"] == "draft" and created["program"] == program
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
    if not sql:
        return
    with sqlite3.connect(data / STORE_FILE) as db:
        steps = db.execute(
            "SELECT e.action, u.username FROM status_event e JOIN app_user u ON u.id = e.user_id "
            "JOIN support_request r ON r.id = e.request_id WHERE r.reference = ? "
            "ORDER BY e.at", (reference,)).fetchall()
        delivered = db.execute("SELECT description FROM service_delivery").fetchall()
    db.close()
    assert steps == [
        ("", "desk"), ("submit", "desk"), ("refer_to_researcher", "desk"),
        ("forward_to_committee", "researcher"), ("approve", "member"), ("deliver", "desk"),
        ("close", "desk"),
    ]
    assert delivered == [("سلة غذائية",)]  # the approved service, by default
