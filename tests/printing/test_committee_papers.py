"""The committee's papers: the decision letter to the applicant and the minutes of a meeting."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace

import pytest
from sqlalchemy import update

from ajfar_desk.db.models import IssuedDocument
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.printing import papers
from ajfar_desk.printing.issue import paper_pdf, save_paper
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.templates import TemplateError, load_template
from ajfar_desk.services.committee import committee
from ajfar_desk.services.papers import committee_papers, documents
from ajfar_desk.services.requests import casework
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users

from .pdfcheck import fonts, read, text
from .scenario import DAY, LONG_NAME, submitted_request

PASSWORD = "password123"
MEMBERS = [
    "د. عبدالله بن سعد بن محمد آل سعود",  # the first listed chairs the meeting
    "أ. فهد بن ناصر العتيبي",
    "أ. منيرة بنت خالد الدوسري",
    "م. سلطان بن عبدالرحمن القحطاني",
]
SERVICE = "سلة غذائية شهرية لمدة ستة أشهر"
REASON = "الدخل الشهري للأسرة يتجاوز الحد المقرر في البرنامج"
MISSING = "صك إعالة الأبناء وتعريف بالراتب حديث"
DECIDE = {
    "approve": {"service": SERVICE, "amount": "1,500"},
    "reject": {"reason": REASON},
    "more_info": {"reason": MISSING},
    "defer": {"reason": "بانتظار تقرير الزيارة المنزلية"},
}


class Office:
    """One association's store with a desk employee, a committee member and a manager."""

    def __init__(self, tmp_path):
        self.store = Store.open(tmp_path / "data")
        self.ctx = setup.init_store(self.store, "ajfar", None, "admin", PASSWORD, "سارة العتيبي")
        self.admin = self.ctx.user
        for username, role, name in (
            ("desk", "front_desk", "نورة القحطاني"),
            ("member", "committee", MEMBERS[0]),
            ("boss", "manager", "منيرة بنت عبدالعزيز الدوسري"),
        ):
            users.create_user(self.ctx, username, name, role, PASSWORD)
        self.count = 0

    def as_(self, username: str):
        if username == "admin":
            self.ctx.user = self.admin
        else:
            setup.sign_in(self.ctx, username, PASSWORD)
        return self.ctx

    def awaiting(self, n: int) -> list:
        """``n`` submitted requests, forwarded to the committee by the desk."""
        out = []
        for _ in range(n):
            self.count += 1
            _a, request = submitted_request(
                self.as_("admin"), nid_body=f"{20000000 + self.count * 7919:08d}"
            )
            casework.act(self.as_("desk"), request.id, wf.FORWARD_TO_COMMITTEE)
            out.append(request)
        return out

    def meeting(self, outcomes: list[str], members=MEMBERS, on=DAY, close=True):
        """A meeting (its first member chairs) that decided ``outcomes``, closed (its
        minutes print only then) unless ``close`` is false."""
        requests = self.awaiting(len(outcomes))
        ctx = self.as_("member")
        meeting = committee.create_meeting(ctx, on, list(members))
        for request, outcome in zip(requests, outcomes, strict=True):
            committee.decide(ctx, meeting.id, request.id, outcome, **DECIDE[outcome])
        if close:
            committee.close_meeting(ctx, meeting.id)
        return meeting, requests


@pytest.fixture
def office(tmp_path):
    o = Office(tmp_path)
    yield o
    o.store.close()


def paragraphs_drawn(monkeypatch) -> list[str]:
    """The (unfilled) text of every paragraph block drawn from now on."""
    drawn: list[str] = []
    real = papers._BLOCKS["paragraph"]

    def spy(c, t, block, *rest):
        drawn.append(block.data["text"])
        return real(c, t, block, *rest)

    monkeypatch.setitem(papers._BLOCKS, "paragraph", spy)
    return drawn


# -- the decision letter ---------------------------------------------------------------------
def test_decision_letter_is_numbered_hashed_and_carries_the_decision(office):
    meeting, (request,) = office.meeting(["approve"])
    doc = documents.issue(office.as_("desk"), request.id, paper.DECISION, lang="ar")
    assert doc.number == f"{request.reference}-C1" and doc.request_id == request.id
    assert doc.sha256 == paper.content_hash(doc.content)
    d = doc.content["decision"]
    assert (d["outcome"], d["service"], d["amount"], d["reason"]) == ("approve", SERVICE, "1500.00", "")
    assert d["meeting"] == {"number": meeting.number, "year": 1448, "held_on": DAY.isoformat()}
    assert doc.content["signatory"] == {"role": "chair", "name": MEMBERS[0], "gender": "male"}
    assert doc.content["applicant"]["full_name"] == " ".join(LONG_NAME)
    reader = read(render(doc, office.ctx.profile))
    assert len(reader.pages) == 1
    used = fonts(reader)
    assert used and all(used.values()) and all("Amiri" in name for name in used), used
    assert reader.metadata["/Subject"] == doc.sha256
    assert reader.metadata["/Keywords"] == paper.qr_payload(doc.number, doc.sha256)
    words = text(reader)
    assert "إشعار بقرار لجنة البحث" in words and SERVICE in words
    # The association prints Arabic-Indic digits. (The amount is checked in the values drawn:
    # text extraction re-orders Arabic-Indic numbers by its own heuristics.)
    from ajfar_desk.printing.committee_values import decision_placeholders
    from ajfar_desk.printing.values import Formatter

    drawn = decision_placeholders(doc.content, office.ctx.profile, Formatter(office.ctx.profile, "ar"))
    assert "١٬٥٠٠" in drawn["approved_amount"]
    compact = words.replace(" ", "")
    assert doc.number in compact and doc.sha256[:32] in compact
    for part in LONG_NAME:
        assert part in words


def test_no_letter_before_the_committee_decides(office):
    (waiting,) = office.awaiting(1)
    desk = office.as_("desk")
    with pytest.raises(ValidationError) as err:
        documents.issue(desk, waiting.id, paper.DECISION)
    assert err.value.field == "decision"
    _m, (deferred,) = office.meeting(["defer"])
    with pytest.raises(ValidationError) as err:
        documents.issue(office.as_("desk"), deferred.id, paper.DECISION)
    assert err.value.field == "decision"
    assert documents.list_documents(desk, waiting.id)[-1].kind == paper.DECLARATION  # nothing kept


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_approval_rejection_and_more_information_print_their_own_blocks(office, monkeypatch, lang):
    _m, requests = office.meeting(["approve", "reject", "more_info"])
    drawn = paragraphs_drawn(monkeypatch)
    seen = {}
    for request, outcome in zip(requests, ["approve", "reject", "more_info"], strict=True):
        drawn.clear()
        doc = documents.issue(office.as_("desk"), request.id, paper.DECISION, lang=lang)
        words = text(read(render(doc, office.ctx.profile)))
        seen[outcome] = (" ".join(drawn), words)
    approval, rejection, more = (seen[o][0] for o in ("approve", "reject", "more_info"))
    assert "{approved_service}" in approval and "{approved_amount}" in approval
    assert "{rejection_reason}" not in approval and "{more_info}" not in approval
    assert "{rejection_reason}" in rejection and "{approved_service}" not in rejection
    appeal = "التظلم" if lang == "ar" else "appeal"
    assert appeal in rejection and appeal not in approval and appeal not in more
    assert "{more_info}" in more and "{rejection_reason}" not in more
    # Arabic inside an English line comes out of pypdf in pieces: look for single words.
    assert "غذائية" in seen["approve"][1] and "يتجاوز" in seen["reject"][1]
    assert "إعالة" in seen["more_info"][1]


def test_an_approval_without_an_amount_says_no_amount(office, monkeypatch):
    (request,) = office.awaiting(1)
    ctx = office.as_("member")
    meeting = committee.create_meeting(ctx, DAY, MEMBERS)
    committee.decide(ctx, meeting.id, request.id, "approve", service="كفالة يتيم")
    drawn = paragraphs_drawn(monkeypatch)
    doc = documents.issue(office.as_("desk"), request.id, paper.DECISION)
    render(doc, office.ctx.profile)
    assert doc.content["decision"]["amount"] is None
    assert any("{approved_service}" in t for t in drawn)
    assert not any("{approved_amount}" in t for t in drawn)


def test_the_manager_may_sign_instead_of_the_chair(office):
    _m, (request,) = office.meeting(["reject"])
    desk = office.as_("desk")
    doc = documents.issue(desk, request.id, paper.DECISION, signatory="manager", lang="en")
    assert doc.content["signatory"] == {"role": "manager", "name": "منيرة بنت عبدالعزيز الدوسري",
                                        "gender": "male"}  # as her account was created
    words = text(read(render(doc, office.ctx.profile)))
    assert "Manager of the association" in words and "الدوسري" in words
    with pytest.raises(ValidationError) as err:
        documents.issue(desk, request.id, paper.DECISION, signatory="treasurer")
    assert err.value.field == "signatory"


def test_the_signer_s_title_agrees_with_the_gender_her_account_records(office):
    """A woman chairing the meeting signs as «رئيسة لجنة البحث» and heads the minutes as
    «رئيسة اللجنة»; a woman manager signs as «مديرة الجمعية»; English has one title."""
    for username in ("member", "boss"):
        user = next(u for u in users.list_users(office.as_("admin")) if u.username == username)
        users.update_user(office.ctx, user.id, gender="female")
    meeting, (request,) = office.meeting(["approve"])
    desk = office.as_("desk")
    chair = documents.issue(desk, request.id, paper.DECISION, lang="ar")
    assert chair.content["signatory"]["gender"] == chair.content["chair_gender"] == "female"
    words = text(read(render(chair, office.ctx.profile)))
    assert "رئيسة لجنة البحث" in words and "رئيس لجنة البحث" not in words
    manager = documents.issue(desk, request.id, paper.DECISION, signatory="manager", lang="ar")
    assert "مديرة الجمعية" in text(read(render(manager, office.ctx.profile)))
    english = documents.issue(desk, request.id, paper.DECISION, lang="en")
    assert "Chair of the research committee" in text(read(render(english, office.ctx.profile)))
    minutes = committee_papers.issue_minutes(office.as_("boss"), meeting.id, lang="ar")
    words = text(read(render(minutes, office.ctx.profile)))
    assert "رئيسة اللجنة" in words and "رئيس اللجنة" not in words
    # a letter issued before the gender was kept reads as it always did
    old = replace(chair, content={k: v for k, v in chair.content.items() if k != "chair_gender"}
                  | {"signatory": {"role": "chair", "name": MEMBERS[0]}})
    assert "رئيس لجنة البحث" in text(read(render(old, office.ctx.profile)))


def test_a_later_decision_makes_the_letter_out_of_date(office):
    meeting, (request,) = office.meeting(["defer"])
    member = office.as_("member")
    committee.close_meeting(member, meeting.id)
    second = committee.create_meeting(member, DAY.replace(day=26), MEMBERS)
    committee.decide(member, second.id, request.id, "more_info", reason=MISSING)
    desk = office.as_("desk")
    letter = documents.issue(desk, request.id, paper.DECISION)
    assert letter.content["decision"]["meeting"]["number"] == second.number
    assert committee_papers.is_current(desk, letter)
    casework.act(desk, request.id, wf.FORWARD_TO_COMMITTEE)  # the applicant brought the papers
    member = office.as_("member")
    committee.decide(member, second.id, request.id, "reject", reason=REASON)
    assert not committee_papers.is_current(office.as_("desk"), letter)
    again = documents.issue(office.ctx, request.id, paper.DECISION)
    assert again.number.endswith("-C2") and again.content["decision"]["outcome"] == "reject"


# -- the minutes -----------------------------------------------------------------------------
def test_minutes_hold_the_meeting_its_decisions_and_counts(office):
    outcomes = ["approve", "reject", "more_info", "defer", "approve"]
    meeting, requests = office.meeting(outcomes)
    boss = office.as_("boss")
    doc = committee_papers.issue_minutes(boss, meeting.id, lang="ar")
    assert doc.number == "AJF-1448-M001-1"
    assert doc.kind == paper.MINUTES and doc.meeting_id == meeting.id and doc.request_id is None
    c = doc.content
    assert c["meeting"] == {"number": 1, "year": 1448, "held_on": DAY.isoformat(), "members": MEMBERS,
                            "chair": MEMBERS[0], "carried_over": []}
    assert [d["reference"] for d in c["decisions"]] == [r.reference for r in requests]
    assert [d["outcome"] for d in c["decisions"]] == outcomes
    assert c["decisions"][0]["amount"] == "1500.00" and c["decisions"][1]["reason"] == REASON
    assert paper.outcome_counts(outcomes) == {"approve": 2, "reject": 1, "more_info": 1, "defer": 1}
    reader = read(render(doc, office.ctx.profile))
    used = fonts(reader)
    assert used and all(used.values()), used
    assert reader.metadata["/Subject"] == doc.sha256
    words = text(reader)
    assert "محضر اجتماع لجنة البحث" in words
    compact = words.replace(" ", "")
    assert doc.number in compact
    for r in requests:
        assert r.reference in compact  # a code with Latin letters keeps Western digits, whole
    # a signature line per member, in the member's gender («منيرة بنت خالد»: a woman)
    assert words.count("عضو اللجنة") == 2 and words.count("عضوة اللجنة") == 1
    assert "رئيس اللجنة" in words and MEMBERS[0] in words
    assert committee_papers.issue_minutes(boss, meeting.id, lang="en").number == "AJF-1448-M001-2"
    assert committee_papers.latest_minutes(boss, meeting.id).revision == 2


def test_minutes_in_english_list_every_member_and_request(office):
    meeting, requests = office.meeting(["approve", "reject"])
    doc = committee_papers.issue_minutes(office.as_("member"), meeting.id, lang="en")
    words = text(read(render(doc, office.ctx.profile)))
    assert "Minutes of Social Research Committee Meeting No. 1 of 1448 AH" in words
    compact = words.replace(" ", "")
    for r in requests:
        assert r.reference in compact
    assert words.count("Committee member") == len(MEMBERS) - 1
    assert "1,500.00 SAR" in " ".join(words.split())  # isolates come out as spaces


def test_minutes_verification_genuine_altered_unknown(office, tmp_path):
    meeting, _requests = office.meeting(["approve", "reject"])
    doc = committee_papers.issue_minutes(office.as_("member"), meeting.id)
    desk = office.as_("desk")  # anyone who reads files may verify a paper
    ok = documents.verify(desk, doc.number.lower(), doc.sha256.upper())
    assert ok.status == paper.GENUINE and ok.document.meeting_id == meeting.id
    forged = ("0" if doc.sha256[0] != "0" else "1") + doc.sha256[1:]
    assert documents.verify(desk, doc.number, forged).status == paper.ALTERED
    assert documents.verify(desk, "AJF-1448-M099-1", doc.sha256).status == paper.UNKNOWN
    assert documents.get_document(desk, doc.number).content == doc.content
    # Someone edits a decision in the stored minutes but not the hash: detected.
    content = json.loads(json.dumps(doc.content))
    content["decisions"][1]["outcome"] = "approve"
    with office.ctx.store.engine.begin() as s:  # behind the program's back
        s.execute(
            update(IssuedDocument)
            .where(IssuedDocument.number == doc.number)
            .values(content=json.dumps(content, ensure_ascii=False))
        )
    assert documents.verify(desk, doc.number, doc.sha256).status == paper.ALTERED


def test_minutes_print_and_reprint_as_a_copy(office, tmp_path):
    meeting, _requests = office.meeting(["approve"])
    member = office.as_("member")  # the committee keeps its minutes (no desk permission)
    doc = committee_papers.issue_minutes(member, meeting.id)
    first = save_paper(member, doc.number, tmp_path / "one.pdf")
    second = save_paper(member, doc.number, tmp_path / "two.pdf")
    assert (first.print_count, second.print_count) == (1, 2)
    original, copy = (read((tmp_path / n).read_bytes()) for n in ("one.pdf", "two.pdf"))
    assert "نسخة" not in original.metadata["/Title"] and "نسخة" in copy.metadata["/Title"]
    assert original.metadata["/Subject"] == copy.metadata["/Subject"] == doc.sha256
    assert paper_pdf(member, doc.number)[1] != paper_pdf(member, doc.number, copy=False)[1]


def test_who_may_issue_minutes_and_when(office):
    meeting, (request,) = office.meeting(["reject"])
    with pytest.raises(PermissionDenied):
        committee_papers.issue_minutes(office.as_("desk"), meeting.id)
    # The administrator stands in for the manager (small associations: one person for both).
    assert committee_papers.issue_minutes(office.as_("admin"), meeting.id).revision == 1
    empty = committee.create_meeting(office.as_("member"), DAY.replace(day=26), MEMBERS[:1])
    committee.close_meeting(office.as_("member"), empty.id)
    with pytest.raises(ValidationError) as err:
        committee_papers.issue_minutes(office.ctx, empty.id)
    assert err.value.field == "meeting"
    minutes = committee_papers.latest_minutes(office.ctx, meeting.id)
    assert committee_papers.is_current(office.ctx, minutes)
    assert committee_papers.find_meeting(office.ctx, 1, 1448) == meeting.id
    with pytest.raises(ValidationError):
        committee_papers.find_meeting(office.ctx, 7)


def test_a_long_minutes_table_goes_on_over_pages_with_its_header(office, monkeypatch):
    meeting, requests = office.meeting(["approve", "reject", "more_info", "defer"] * 10)
    doc = committee_papers.issue_minutes(office.as_("member"), meeting.id, lang="ar")
    headers = []
    real = papers.Composer.table

    def spy(self, header, rows):
        headers.append(header)
        return real(self, header, rows)

    monkeypatch.setattr(papers.Composer, "table", spy)
    reader = read(render(doc, office.ctx.profile))
    assert len(headers) == 1 and len(reader.pages) >= 3
    pages = [page.extract_text() for page in reader.pages]
    # References keep Western digits (the paper's own number AJF-1448-M001-1 is not counted).
    rows = [len(re.findall(r"AJF-1448-\d{6}", p.replace(" ", ""))) for p in pages]
    # no row lost or repeated over the page breaks; the 10 postponed are named once more among
    # those carried over to the next meeting
    assert sum(rows) == 40 + 10
    assert len([n for n in rows if n]) >= 2
    for page, n in zip(pages, rows, strict=True):
        if n:  # every page of the table starts with its header row, once
            assert page.count("اسم المتقدم") == 1 and page.count("رقم الطلب") == 1
    assert "رئيس اللجنة" in pages[-1]
    used = fonts(reader)
    assert used and all(used.values())


def test_every_character_of_the_committee_papers_has_a_glyph(office, monkeypatch):
    from ajfar_desk.printing import page, textlayout

    missing: list[str] = []
    real = textlayout.draw_line

    def checking(canvas, line, x, y):
        missing.append(line.missing())
        real(canvas, line, x, y)

    monkeypatch.setattr(page, "draw_line", checking)
    monkeypatch.setattr(textlayout, "draw_line", checking)
    meeting, requests = office.meeting(["approve", "reject", "more_info"])
    for lang in ("ar", "en"):
        for request in requests:
            doc = documents.issue(office.as_("desk"), request.id, paper.DECISION, lang=lang)
            render(doc, office.ctx.profile, copy=True)
        render(committee_papers.issue_minutes(office.as_("member"), meeting.id, lang=lang), office.ctx.profile)
    assert len(missing) > 100
    assert "".join(missing) == ""


# -- the template blocks ---------------------------------------------------------------------
def write(tmp_path, body: str, name: str = "minutes.toml"):
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def test_the_older_documents_block_still_loads_as_a_table(tmp_path):
    body = (
        '[[ar]]\ntype = "documents"\ntitle = "t"\nempty = "e"\n'
        'columns = [["المستند", "{document}"]]\n'
    )
    (block,) = load_template(write(tmp_path, body, "declaration.toml"), "declaration").blocks["ar"]
    assert block.type == "table" and block.data["source"] == "documents"


@pytest.mark.parametrize(
    ("body", "where", "words"),
    [
        ('type = "table"\ntitle = "t"\nempty = "e"\nsource = "people"\ncolumns = [["a", "b"]]',
         "source", "decisions"),
        ('type = "table"\ntitle = "t"\nempty = "e"\nsource = "decisions"\ncolumns = [["a", "b"]]\n'
         "widths = [1, 2]", "widths", "column"),
        ('type = "signatures"\nslots = [{ label = "x", name = "{member_name}", repeat = true }]',
         "slots", "source"),
        ('type = "signatures"\nsource = "guests"\nslots = [{ label = "x", name = "y", repeat = true }]',
         "source", "members"),
    ],
)
def test_table_and_signature_mistakes_are_named(tmp_path, english_messages, body, where, words):
    with pytest.raises(TemplateError) as err:
        load_template(write(tmp_path, "[[ar]]\n" + body), "minutes")
    assert where in str(err.value) and words in str(err.value)


def test_a_decisions_table_on_a_paper_without_decisions_is_an_error(office, tmp_path):
    _m, (request,) = office.meeting(["approve"])
    body = (
        'title_ar = "x"\n[[ar]]\ntype = "table"\nsource = "decisions"\ntitle = "t"\n'
        'empty = "e"\ncolumns = [["a", "{reference}"]]\n'
    )
    doc = documents.issue(office.as_("desk"), request.id, paper.DECISION)
    with pytest.raises(TemplateError) as err:
        render(doc, office.ctx.profile, template=load_template(write(tmp_path, body), "decision"))
    assert "decisions" in str(err.value)


def test_a_rejection_letter_names_the_appeal_s_last_day(office, monkeypatch):
    """Trial 13: «خلال ٣٠ يومًا من تاريخه» and no day: a letter printed a week later read as a
    later deadline than the one the desk enforces.  The letter names the day the service
    counts from the rejection; a letter issued before that day was kept keeps its old words."""
    from ajfar_desk.domain.program_kinds import appeal_deadline
    from ajfar_desk.printing.committee_values import decision_placeholders
    from ajfar_desk.printing.values import Formatter
    from ajfar_desk.services.requests import appeals

    _m, (rejected, approved) = office.meeting(["reject", "approve"])
    desk = office.as_("desk")
    doc = documents.issue(desk, rejected.id, paper.DECISION, lang="ar")
    last = appeals.deadline(desk, rejected.id)
    assert last is not None and doc.content["decision"]["appeal_last_day"] == last.isoformat()
    assert last == appeal_deadline(last - dt.timedelta(days=office.ctx.profile.appeal_period_days),
                                   office.ctx.profile.appeal_period_days)
    f = Formatter(office.ctx.profile, "ar")
    values = decision_placeholders(doc.content, office.ctx.profile, f)
    assert values["appeal_last_day"] == f.date(last.isoformat()) and values["rejected_first_dated"]
    assert not values["rejected_first_undated"]
    drawn = paragraphs_drawn(monkeypatch)
    render(doc, office.ctx.profile)
    assert any("{appeal_last_day}" in block for block in drawn)
    old = {**doc.content, "decision": {k: v for k, v in doc.content["decision"].items()
                                       if k != "appeal_last_day"}}
    before = decision_placeholders(old, office.ctx.profile, f)
    assert before["rejected_first_undated"] and not before["rejected_first_dated"]
    assert "appeal_last_day" not in documents.issue(desk, approved.id, paper.DECISION).content["decision"]
