"""``ajfar-desk print decision`` and ``print minutes``, end to end, over a store whose committee
met (built through the services here, as there is no command for meetings)."""

from __future__ import annotations

import json

from pypdf import PdfReader

from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import casework
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from printing.scenario import DAY, submitted_request
from test_cli import init, one_line_error, run

PASSWORD = "s3cret-pass"
MEMBERS = ["د. عبدالله بن سعد آل سعود", "أ. فهد بن ناصر العتيبي", "أ. منيرة بنت خالد الدوسري"]


def committee_met(data_dir) -> dict[str, str]:
    """Three requests: one approved, one rejected in meeting 1, one still waiting."""
    store = Store.open(data_dir)
    try:
        ctx = setup.open_context(store)
        setup.sign_in(ctx, "admin", PASSWORD)
        users.create_user(ctx, "desk", "نورة القحطاني", "front_desk", PASSWORD)
        users.create_user(ctx, "member", MEMBERS[0], "committee", PASSWORD)
        refs = {}
        for name, body in (("approved", "01234567"), ("rejected", "07654321"), ("waiting", "01112223")):
            setup.sign_in(ctx, "admin", PASSWORD)
            _a, request = submitted_request(ctx, nid_body=body)
            setup.sign_in(ctx, "desk", PASSWORD)
            casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
            refs[name] = (request.reference, request.id)
        setup.sign_in(ctx, "member", PASSWORD)
        meeting = committee.create_meeting(ctx, DAY, MEMBERS)
        committee.decide(
            ctx, meeting.id, refs["approved"][1], "approve", service="سلة غذائية", amount="900"
        )
        committee.decide(ctx, meeting.id, refs["rejected"][1], "reject", reason="الدخل يتجاوز الحد")
        return {name: ref for name, (ref, _id) in refs.items()}
    finally:
        store.close()


def digest_of(result) -> str:
    return result.stdout.strip().splitlines()[-1].split()[-1]


def test_print_decision_letters_and_minutes_then_verify(tmp_path):
    data = tmp_path / "d"
    init(data)
    refs = committee_met(data)

    letter = run(data, "print", "decision", refs["approved"], "--out", str(tmp_path / "a.pdf"))
    assert letter.returncode == 0, letter.stderr
    number = f"{refs['approved']}-C1"
    assert number in letter.stdout and "original" in letter.stdout
    digest = digest_of(letter)
    reader = PdfReader(tmp_path / "a.pdf")
    assert reader.metadata["/Subject"] == digest and len(reader.pages) == 1
    assert "Notice of the Research Committee's Decision" in reader.pages[0].extract_text()  # --lang

    again = run(data, "print", "decision", refs["approved"], "--out", str(tmp_path / "b.pdf"))
    assert again.returncode == 0 and "copy" in again.stdout and number in again.stdout
    english = run(
        data, "print", "decision", refs["rejected"], "--out", str(tmp_path / "r.pdf"),
        "--paper-lang", "en", "--signatory", "manager",
    )
    assert english.returncode == 0, english.stderr
    words = PdfReader(tmp_path / "r.pdf").pages[0].extract_text()
    assert "appeal" in words and "Manager of the association" in words

    in_session = run(data, "print", "minutes", "--meeting", "1", "--out", str(tmp_path / "m.pdf"))
    assert in_session.returncode == 2 and "still in session" in one_line_error(in_session)
    assert not (tmp_path / "m.pdf").exists()
    minutes = run(
        data, "print", "minutes", "--meeting", "1", "--out", str(tmp_path / "m.pdf"),
        "--paper-lang", "ar", "--close",
    )
    assert minutes.returncode == 0, minutes.stderr
    assert "AJF-1448-M001-1" in minutes.stdout
    m_digest = digest_of(minutes)
    m_reader = PdfReader(tmp_path / "m.pdf")
    assert m_reader.metadata["/Subject"] == m_digest
    text = "".join(p.extract_text() for p in m_reader.pages)
    assert "محضر اجتماع لجنة البحث" in text and "عضو اللجنة" in text
    reprint = run(
        data, "print", "minutes", "--meeting", "1", "--year", "1448", "--out", str(tmp_path / "n.pdf"),
        lang="ar",
    )
    assert reprint.returncode == 0 and "نسخة" in reprint.stdout and "M001-1" in reprint.stdout

    ok = run(data, "verify", "AJF-1448-M001-1", m_digest, "--json")
    assert ok.returncode == 0, ok.stderr
    report = json.loads(ok.stdout)
    assert report["status"] == "genuine" and report["kind"] == "minutes"
    assert report["meeting"] == {"number": 1, "year": 1448} and report["request"] is None
    plain = run(data, "verify", "AJF-1448-M001-1", m_digest)
    assert plain.returncode == 0 and "meeting 1 of 1448" in plain.stdout
    assert run(data, "verify", number, digest).returncode == 0
    assert run(data, "verify", "AJF-1448-M001-1", m_digest[::-1]).returncode == 3


def test_committee_paper_errors_are_one_line(tmp_path):
    data = tmp_path / "d"
    init(data)
    refs = committee_met(data)
    waiting = run(data, "print", "decision", refs["waiting"], "--out", str(tmp_path / "w.pdf"))
    assert waiting.returncode == 2 and "not decided" in one_line_error(waiting)
    assert not (tmp_path / "w.pdf").exists()
    missing = run(data, "print", "minutes", "--meeting", "9", "--out", str(tmp_path / "x.pdf"))
    assert missing.returncode == 2 and "9" in one_line_error(missing)
    other_year = run(
        data, "print", "minutes", "--meeting", "1", "--year", "1447", "--out", str(tmp_path / "y.pdf")
    )
    assert other_year.returncode == 2 and "1447" in one_line_error(other_year)
    usage = run(data, "print", "minutes", "--out", str(tmp_path / "z.pdf"))
    assert usage.returncode == 2 and "--meeting" in usage.stderr
