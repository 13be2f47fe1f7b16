"""A request's whole journey through the command line alone, for each of the five associations:
registered (import), request, documents, declaration, submit, researcher, committee, decision
letter, delivery, survey, closed — each step acting as the named user whose role takes it."""

from __future__ import annotations

import contextlib
import io
import json
import sqlite3

import pytest
from argon2 import PasswordHasher
from pypdf import PdfReader

from ajfar_desk.cli import main as cli
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.i18n import set_language
from ajfar_desk.services import setup, users
from ajfar_desk.services.store import Store

STORE_FILE = "ajfar-desk.sqlite"
STAFF = {  # user name: (role, full name)
    "desk": ("front_desk", "Noura Al-Qahtani"),
    "researcher": ("researcher", "Huda Al-Otaibi"),
    "member": ("committee", "Fahd Al-Dosari"),
    "boss": ("manager", "Sara Al-Harbi"),
}
PASSWORD = "{}-pass-2026"
# per association: the program, its category, the eligibility conditions the desk confirms
JOURNEYS = {
    "ajfar": ("food_aid", "family", ()),
    "baraa": ("tutoring", "student", ()),
    "alhuda": ("volunteering", "volunteer", ()),
    "aman": ("community_families", "family", ("case_verified",)),
    "najran": ("consumer_consultation", "consumer", ()),
}


@pytest.fixture
def make_store(tmp_path, monkeypatch):
    for name in ("AJFAR_USER", "AJFAR_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    # argon2 as at the window, with the cheapest parameters: a test signs in two dozen times
    monkeypatch.setattr(setup, "_hasher", PasswordHasher(time_cost=1, memory_cost=64, parallelism=1))

    def make(association: str):
        data = tmp_path / association
        store = Store.open(data)
        try:
            ctx = setup.init_store(store, association, None, "admin", "admin-pass-2026")
            for username, (role, full_name) in STAFF.items():
                users.create_user(ctx, username, full_name, role, PASSWORD.format(username))
        finally:
            store.close()
        return data

    yield make
    set_language("ar")  # the CLI switched the process's language


def run(data, *args: str, user: str | None = None, monkeypatch=None) -> tuple[int, str, str]:
    """The command line in this process; ``user`` signs in with their password ($AJFAR_PASSWORD)."""
    out, err = io.StringIO(), io.StringIO()
    named = ["--user", user] if user else []
    with pytest.MonkeyPatch.context() as mp:
        if user:
            mp.setenv("AJFAR_PASSWORD", PASSWORD.format(user))
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["--data-dir", str(data), "--lang", "en", *named, *args])
    return code, out.getvalue(), err.getvalue()


def ok(data, *args: str, user: str | None = None) -> str:
    code, out, err = run(data, *args, user=user)
    assert code == 0, (args, err)
    return out


def register(data, tmp_path, category: str, nid: str) -> None:
    """The applicant registered through the command line's import (by the administrator)."""
    csv = tmp_path / f"{nid}.csv"
    csv.write_text(
        "national_id,full_name,phone,birth_date,gender,city,category,monthly_income\n"
        f"{nid},سعد محمد فهد الشهري,0551234567,1985-03-01,male,الرياض,{category},2500\n",
        encoding="utf-8",
    )
    ok(data, "applicants", "import", str(csv))


def add_documents(data, association: str, program: str, nid: str) -> None:
    from ajfar_desk.domain.profile import get_profile

    profile = get_profile(association)
    for i, kind in enumerate(profile.program(program).required_documents):
        number = nid if kind == "national_id" else f"D{i}-5511"
        expires = ["--expires", "2031-06-30"] if profile.document_kind(kind).has_expiry else []
        out = ok(data, "documents", "add", nid, "--kind", kind, "--number", number, *expires,
                 "--json", user="desk")
        assert json.loads(out)["kind"] == kind


def status(data, reference: str) -> str:
    listed = json.loads(ok(data, "requests", "list", "--json"))
    return next(r["status"] for r in listed if r["reference"] == reference)


@pytest.mark.parametrize("association", sorted(JOURNEYS))
def test_the_whole_journey_through_the_command_line(association, make_store, tmp_path):
    data = make_store(association)
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
