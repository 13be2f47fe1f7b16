"""The applicant's receipt (إيصال استلام طلب): issued at submission, printed, reprinted as a
copy, verified; what it says, read back from the PDF, for every association in both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re

import pytest
from sqlalchemy import update

from ajfar_desk.db.models import IssuedDocument, SupportRequest
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.dates import format_date, format_hijri
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.profile import available_profiles
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.printing.issue import save_paper
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.templates import TemplateError, load_template
from ajfar_desk.services.papers import committee_papers, documents, receipt_terms, receipts
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .pdfcheck import fonts, read, text
from .scenario import DAY, submitted_request


def flat(s: str) -> str:
    """Text as compared: no spaces, no line breaks, no bidi marks, no vowel marks (a mark drawn
    over its letter may be read just before it). Tatweel is kept: none may appear that the
    text did not have (the stroke Amiri draws between kaf and lam copies as nothing)."""
    return re.sub(r"[\s\u064b-\u0652\u0670]+", "", strip_bidi_controls(s))


def found(fragment: str, words: str) -> bool:
    """``fragment`` is in the extracted text. pypdf hands back a run of Arabic-Indic digits and
    slashes inside a right-to-left line in visual order (٢٣/٠٦ as ٦٠/٣٢): either is the print."""
    mirrored = re.sub("[\u0660-\u0669/]+", lambda m: m.group()[::-1], flat(fragment))
    return flat(fragment) in words or mirrored in words


def printed(sentence: str, words: str) -> bool:
    """A sentence is in the extracted text, letter for letter: the PDF maps each glyph to the
    text it shows in that word (``fonts.ShapingFont.glyph_char``), so «الإلكتروني» reads whole
    however many papers were drawn before."""
    return flat(sentence) in words


def right_to_left(reader) -> str:
    """The page read as an Arabic reader reads it, from pypdf's own glyph positions: each line
    right to left. (pypdf's plain extraction hands a line drawn from two of the font's subsets
    back in pieces, in visual order; the PNGs of the same PDF read correctly.)"""
    pages = []
    for page in reader.pages:
        glyphs: list[tuple[float, float, str]] = []

        def visit(text, _cm, tm, _font, _size, glyphs=glyphs):
            if text.strip():
                glyphs.append((tm[5], tm[4], text))

        page.extract_text(visitor_text=visit)
        lines: list[list[tuple[float, str]]] = []
        last = None
        for y, x, t in sorted(glyphs, key=lambda g: -g[0]):  # top down
            if last is None or last - y > 5:  # lines are 14 pt apart or more; marks sit closer
                lines.append([])
            lines[-1].append((x, t))
            last = y
        pages.append("\n".join("".join(t for _x, t in sorted(ln, key=lambda g: -g[0])) for ln in lines))
    return "\n".join(pages)


def test_receipt_is_numbered_stored_and_holds_the_policy(desk):
    ctx, _a, request = desk
    doc = receipts.receipt_for(ctx, request.id, lang="ar")
    assert doc.kind == paper.RECEIPT and doc.number == f"{request.reference}-A1"
    assert doc.sha256 == paper.content_hash(doc.content)
    c = doc.content
    assert c["request"]["reference"] == request.reference
    due = dt.date.fromisoformat(c["request"]["answer_due"])
    assert due == DAY + dt.timedelta(days=max(14, ctx.profile.answer_period_days))
    assert c["follow_up"]["channels"] == [ch.code for ch in ctx.profile.channels]
    assert {d["kind"] for d in c["documents"]} == {line.kind for line in request.checklist}
    rights, duties = c["policy"]["rights"], c["policy"]["duties"]
    assert any("بلباقة واحترام" in r for r in rights)  # policy 000, in its own words
    assert any("مسؤولية مباشرة" in d for d in duties)
    # Asked again in the same language: the same receipt (printing it again is a copy).
    assert receipts.receipt_for(ctx, request.id, lang="ar").number == doc.number
    english = receipts.receipt_for(ctx, request.id, lang="en")
    assert english.number == f"{request.reference}-A2"
    assert any("politely and respectfully" in r for r in english.content["policy"]["rights"])


def test_a_draft_has_no_receipt_and_a_new_submission_a_new_one(tmp_path):
    store = Store.open(tmp_path / "d")
    ctx = setup.init_store(store, "najran", None, "admin", "password123", "Admin")
    _a, draft = submitted_request(ctx, submit=False)
    with pytest.raises(ValidationError) as err:
        receipts.receipt_for(ctx, draft.id)
    assert err.value.field == "status"
    _b, request = submitted_request(ctx, first="فهد", nid_body="07654321")
    first = receipts.receipt_for(ctx, request.id, lang="ar")
    assert committee_papers.is_current(ctx, first)
    with ctx.store.engine.begin() as s:  # submitted again (reopened): another answer date
        s.execute(
            update(SupportRequest)
            .where(SupportRequest.id == request.id)
            .values(answer_due=DAY + dt.timedelta(days=30))
        )
    assert not committee_papers.is_current(ctx, first)
    second = receipts.receipt_for(ctx, request.id, lang="ar")
    assert second.number == f"{request.reference}-A2"
    assert second.content["request"]["answer_due"] == (DAY + dt.timedelta(days=30)).isoformat()
    store.close()


@pytest.mark.parametrize("profile_id", available_profiles())
def test_every_association_prints_its_receipt_in_both_languages(tmp_path, profile_id):
    store = Store.open(tmp_path / profile_id)
    ctx = setup.init_store(store, profile_id, None, "admin", "password123", "سارة العتيبي")
    _a, request = submitted_request(ctx)
    p = ctx.profile
    for lang in ("ar", "en"):
        doc = receipts.receipt_for(ctx, request.id, lang=lang)
        reader = read(render(doc, p))
        assert len(reader.pages) == 1, (profile_id, lang)  # one sheet for the applicant
        used = fonts(reader)
        assert used and all(used.values()), used  # every font embedded
        assert all("Amiri" in name for name in used), used
        assert reader.metadata["/Subject"] == doc.sha256
        words = flat(text(reader)) + "|" + (flat(right_to_left(reader)) if lang == "ar" else "")
        digits = p.digits if lang == "ar" else "western"
        assert request.reference in words  # Western digits: a code the applicant quotes back
        assert doc.number in words
        assert printed(p.program(request.program).name(lang), words)
        if doc.content["request"]["answer_due"] is None:  # the policy sets no number of days
            assert p.answer_period_days is None and p.program(request.program).kind.committee
            said = "لا تحدد سياسة الجمعية عددًا معينًا من الأيام" if lang == "ar" else (
                "sets no number of days for the answer")
            assert printed(said, words), profile_id
            continue
        due = dt.date.fromisoformat(doc.content["request"]["answer_due"])
        hijri, era = format_hijri(due, lang, digits).split(" ", 1)
        assert found(hijri, words) and flat(era) in words  # Umm al-Qura, with its era mark
        assert found(format_date(due, lang, digits), words)  # beside Gregorian
        for channel in p.channels:
            assert printed(channel.name(lang), words), channel.code
        policy = doc.content["policy"]
        assert policy["rights"] and policy["duties"], profile_id  # each policy states some
        for item in policy["rights"] + policy["duties"]:
            assert printed(item, words), item
        what = p.program(request.program).kind.request  # Najran's: a consumer complaint
        heading = {("ar", False): "إيصال استلام طلب", ("en", False): "Receipt of a Request",
                   ("ar", True): "إيصال استلام شكوى", ("en", True): "Receipt of a Complaint"}
        assert flat(heading[lang, what == "complaint"]) in words
        assert flat(heading[lang, what != "complaint"]) not in words
    store.close()


def test_a_woman_s_receipt_says_her_duties_to_her(tmp_path):
    """«فأنتِ مسؤولة» on a woman's receipt, not «فأنت مسؤول»: the profile's feminine items."""
    store = Store.open(tmp_path / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    _a, request = submitted_request(ctx, first="نورة", gender="female")
    doc = receipts.receipt_for(ctx, request.id, lang="ar")
    assert any("فأنتِ مسؤولة" in d for d in doc.content["policy"]["duties"])
    words = flat(right_to_left(read(render(doc, ctx.profile))))
    assert flat("فأنتِ مسؤولة مسؤولية مباشرة") in words and flat("فأنت مسؤول مسؤولية") not in words
    assert flat("أن تقيّمي جودة الخدمة") in words
    store.close()


def test_each_policy_speaks_for_itself(tmp_path):
    """The rights printed are the association's: confidentiality is policy 002's (Al-Huda),
    accountability policy 003's (Aman); AlAjfar's policy states neither."""
    ajfar = receipt_terms.policy_excerpts("ajfar", "ar")
    alhuda = receipt_terms.policy_excerpts("alhuda", "ar")
    aman = receipt_terms.policy_excerpts("aman", "en")
    assert any("سرية" in r for r in alhuda["rights"])
    assert not any("سرية" in r for r in ajfar["rights"])
    assert any(r.startswith("accountability") for r in aman["rights"])
    assert receipt_terms.policy_excerpts("unknown_association", "ar") == {"rights": [], "duties": []}


def test_a_program_without_the_committee_says_so_instead_of_a_date(desk):
    ctx, _a, request = desk
    doc = receipts.receipt_for(ctx, request.id, lang="ar")
    content = json.loads(json.dumps(doc.content))
    content["request"]["answer_due"] = None
    content["request"]["committee"] = False  # as a program with committee = false stores it
    reader = read(render(dataclasses.replace(doc, content=content), ctx.profile))
    words = flat(text(reader)) + flat(right_to_left(reader))
    assert flat("لا يُعرض طلب هذا البرنامج على لجنة البحث") in words
    assert flat("موعد الرد المتوقع") not in words
    english = receipts.receipt_for(ctx, request.id, lang="en")
    content = json.loads(json.dumps(english.content))
    content["request"]["answer_due"] = None
    content["request"]["committee"] = False
    words = flat(text(read(render(dataclasses.replace(english, content=content), ctx.profile))))
    assert flat("do not go to the research committee") in words
    assert "Answerexpected" not in words


def test_reprint_is_a_copy_and_verification_tells_altered(desk, tmp_path):
    ctx, _a, request = desk
    doc = receipts.receipt_for(ctx, request.id, lang="ar")
    first = save_paper(ctx, doc.number, tmp_path / "one.pdf")
    second = save_paper(ctx, receipts.receipt_for(ctx, request.id, lang="ar").number, tmp_path / "two.pdf")
    assert (first.number, first.print_count, second.print_count) == (doc.number, 1, 2)
    original, copy = (read((tmp_path / n).read_bytes()) for n in ("one.pdf", "two.pdf"))
    assert "نسخة" not in original.metadata["/Title"] and "نسخة" in copy.metadata["/Title"]
    assert original.metadata["/Keywords"] == copy.metadata["/Keywords"]  # same number, same hash
    assert documents.verify(ctx, doc.number, doc.sha256).status == paper.GENUINE
    forged = ("0" if doc.sha256[0] != "0" else "1") + doc.sha256[1:]
    assert documents.verify(ctx, doc.number, forged).status == paper.ALTERED
    # Someone edits a right in the stored receipt but not its hash: detected.
    content = dict(doc.content, policy=dict(doc.content["policy"], duties=[]))
    with ctx.store.engine.begin() as s:
        s.execute(
            update(IssuedDocument)
            .where(IssuedDocument.number == doc.number)
            .values(content=json.dumps(content, ensure_ascii=False))
        )
    assert documents.verify(ctx, doc.number, doc.sha256).status == paper.ALTERED


def test_a_list_block_is_checked_like_the_others(tmp_path):
    path = tmp_path / "receipt.toml"
    path.write_text('[[ar]]\ntype = "list"\nsource = "wishes"\n', encoding="utf-8")
    with pytest.raises(TemplateError) as err:
        load_template(path, "receipt")
    assert "ar[1] (list).source" in str(err.value) and "rights" in str(err.value)


def test_a_malformed_policy_table_is_an_error_naming_the_file(desk):
    ctx, _a, _r = desk
    forms = ctx.store.data_dir / "forms"
    forms.mkdir(parents=True, exist_ok=True)
    (forms / "receipt.toml").write_text("[policy.ajfar]\nrights_ar = [1, 2]\n", encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        receipt_terms.policy_excerpts("ajfar", "ar", ctx.store.data_dir)
    assert "receipt.toml" in err.value.message and "policy.ajfar.rights_ar" in err.value.message
