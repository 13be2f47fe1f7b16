"""Issuing, drawing and verifying the declaration and the committee referral letter."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import update

from ajfar_desk.db.models import IssuedDocument
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.profile import available_profiles
from ajfar_desk.printing.issue import paper_pdf, save_paper
from ajfar_desk.printing.papers import render
from ajfar_desk.services.papers import documents
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .pdfcheck import fonts, read, text
from .scenario import DAY, LONG_NAME, submitted_request


def _png() -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (24, 12), (16, 42, 92, 255)).save(out, "PNG")
    return out.getvalue()


PNG = _png()


def test_declaration_is_numbered_hashed_and_holds_what_it_prints(desk):
    ctx, applicant, request = desk
    signed = documents.latest(ctx, request.id, paper.DECLARATION)  # signed before submission
    assert signed.number == f"{request.reference}-D1" and signed.signed
    doc = documents.issue(ctx, request.id, paper.DECLARATION, lang="ar", signature_png=PNG)
    assert doc.number == f"{request.reference}-D2"
    assert doc.sha256 == paper.content_hash(doc.content)
    c = doc.content
    assert c["applicant"]["full_name"] == " ".join(LONG_NAME)
    assert c["applicant"]["national_id"] == applicant.national_id
    assert c["applicant"]["household_size"] == 3  # the applicant and two members
    assert c["request"]["reference"] == request.reference
    assert c["request"]["submitted_on"] is not None
    assert {d["kind"] for d in c["documents"]} == {line.kind for line in request.checklist}
    assert all(d["state"] == "ok" and d["number"] for d in c["documents"])
    assert c["signature"]["mode"] == paper.SIGNATURE_PAD
    assert doc.signed and doc.signature_png == PNG
    again = documents.issue(ctx, request.id, paper.DECLARATION, lang="en")
    assert again.number == f"{request.reference}-D3" and not again.signed
    numbers = [d.number for d in documents.list_documents(ctx, request.id)]
    assert numbers == [signed.number, doc.number, again.number]


def test_pdf_structure_fonts_reference_and_hash(desk):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION, lang="en")
    reader = read(render(doc, ctx.profile))
    assert len(reader.pages) >= 1
    used = fonts(reader)
    assert used and all(used.values()), used  # every font embedded
    assert all("Amiri" in name for name in used), used  # no unembedded Helvetica sneaks in
    assert reader.metadata["/Keywords"] == paper.qr_payload(doc.number, doc.sha256)
    assert reader.metadata["/Subject"] == doc.sha256
    words = text(reader).replace(" ", "")
    assert doc.number in words
    assert doc.sha256[:32] in words and doc.sha256[32:] in words
    assert request.reference in words


def test_every_profile_prints_both_papers_in_both_languages(tmp_path):
    for profile_id in available_profiles():
        store = Store.open(tmp_path / profile_id)
        ctx = setup.init_store(store, profile_id, None, "admin", "password123", "Admin")
        _a, request = submitted_request(ctx)
        for kind in paper.KINDS:
            for lang in ("ar", "en"):
                doc = documents.issue(ctx, request.id, kind, lang=lang)
                reader = read(render(doc, ctx.profile))
                assert 1 <= len(reader.pages) <= 2, (profile_id, kind, lang)
                assert reader.metadata["/Subject"] == doc.sha256
        store.close()


def test_referral_needs_a_submitted_request_and_carries_the_answer_date(tmp_path):
    store = Store.open(tmp_path / "d")
    ctx = setup.init_store(store, "najran", None, "admin", "password123", "Admin")
    _a, draft = submitted_request(ctx, submit=False)
    with pytest.raises(ValidationError) as err:
        documents.issue(ctx, draft.id, paper.REFERRAL)
    assert err.value.field == "status"
    documents.issue(ctx, draft.id, paper.DECLARATION)  # a draft may be declared
    _b, request = submitted_request(ctx, first="فهد", nid_body="07654321")
    doc = documents.issue(ctx, request.id, paper.REFERRAL, note="زيارة منزلية (2026-11-01)")
    assert doc.content["note"] == "زيارة منزلية (2026-11-01)"
    due = dt.date.fromisoformat(doc.content["request"]["answer_due"])
    assert due == DAY + dt.timedelta(days=max(14, ctx.profile.answer_period_days))
    assert doc.number.endswith("-R1")
    store.close()


def test_verification_genuine_altered_unknown(desk):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    ok = documents.verify(ctx, doc.number.lower(), doc.sha256.upper())
    assert ok.status == paper.GENUINE and ok.document.number == doc.number
    spaced = " ".join(doc.sha256[i : i + 8] for i in range(0, 64, 8))  # as read off the paper
    assert documents.verify(ctx, doc.number, spaced).status == paper.GENUINE
    forged = ("0" if doc.sha256[0] != "0" else "1") + doc.sha256[1:]
    assert documents.verify(ctx, doc.number, forged).status == paper.ALTERED
    assert documents.verify(ctx, "AJF-1400-000001-D1", doc.sha256).status == paper.UNKNOWN
    with pytest.raises(ValidationError):
        documents.verify(ctx, doc.number, "not a hash")
    # Someone edits the stored record (say, the name) but not its hash: detected.
    content = dict(doc.content, applicant=dict(doc.content["applicant"], full_name="اسم آخر"))
    with ctx.store.engine.begin() as s:  # behind the program's back
        s.execute(
            update(IssuedDocument)
            .where(IssuedDocument.number == doc.number)
            .values(content=json.dumps(content, ensure_ascii=False))
        )
    assert documents.verify(ctx, doc.number, doc.sha256).status == paper.ALTERED


def test_reprint_keeps_the_number_and_says_copy(desk, tmp_path):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.REFERRAL, lang="ar")
    first = save_paper(ctx, doc.number, tmp_path / "one.pdf")
    second = save_paper(ctx, doc.number, tmp_path / "two.pdf")
    assert (first.print_count, second.print_count) == (1, 2)
    original, copy = (read((tmp_path / n).read_bytes()) for n in ("one.pdf", "two.pdf"))
    assert original.metadata["/Keywords"] == copy.metadata["/Keywords"]  # same number and hash
    assert "نسخة" not in original.metadata["/Title"]
    assert "نسخة" in copy.metadata["/Title"]
    assert paper_pdf(ctx, doc.number)[1] != paper_pdf(ctx, doc.number, copy=False)[1]


def test_wet_signature_recorded_after_printing(desk):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    assert doc.signature_mode == paper.SIGNATURE_WET and not doc.signed
    signed = documents.record_wet_signature(ctx, doc.number, b"%PDF-scan", "scan.pdf")
    assert signed.signed and signed.scan_name == "scan.pdf"
    assert signed.sha256 == doc.sha256  # signing on paper does not change what was issued
    with pytest.raises(ValidationError):
        documents.record_wet_signature(ctx, doc.number)
    with pytest.raises(ValidationError):
        documents.issue(ctx, request.id, paper.DECLARATION, signature_png=b"GIF89a")


def test_issuing_is_audited(desk):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    documents.record_print(ctx, doc.number, copy=False)
    from sqlalchemy import select

    from ajfar_desk.db.models import AuditEntry

    with ctx.reading() as s:
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == doc.number)).all()
    assert sorted(actions) == ["issue", "print"]


def test_every_character_printed_has_a_glyph(desk, monkeypatch):
    """No empty boxes: every character of the wording, the data and the stamps is in the font."""
    from ajfar_desk.printing import page, textlayout

    missing: list[str] = []
    real = textlayout.draw_line

    def checking(canvas, line, x, y):
        missing.append(line.missing())
        real(canvas, line, x, y)

    monkeypatch.setattr(page, "draw_line", checking)
    monkeypatch.setattr(textlayout, "draw_line", checking)
    ctx, _a, request = desk
    for kind in paper.KINDS:
        for lang in ("ar", "en"):
            doc = documents.issue(ctx, request.id, kind, lang=lang, note="ملاحظة (1)")
            render(doc, ctx.profile, copy=True)
    assert len(missing) > 50
    assert "".join(missing) == ""


def test_logo_from_the_profile_in_the_letterhead(desk, tmp_path):
    import shutil

    from ajfar_desk.domain.profile import ProfileError, load_profile, profiles_dir

    ctx, _a, request = desk
    folder = tmp_path / "assoc"
    shutil.copytree(profiles_dir(), folder)
    text = (folder / "ajfar.toml").read_text(encoding="utf-8")
    (folder / "logo.png").write_bytes(PNG)
    (folder / "ajfar.toml").write_text('logo = "logo.png"\n' + text, encoding="utf-8")
    profile = load_profile(folder / "ajfar.toml")
    assert profile.logo == (folder / "logo.png").resolve()
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    page = read(render(doc, profile)).pages[0]
    images = [x for x in page["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"]
    assert images
    (folder / "logo.png").write_bytes(b"not an image")
    with pytest.raises(ProfileError) as err:
        load_profile(folder / "ajfar.toml")
    assert err.value.key == "logo"


def test_pad_signature_is_drawn_and_a_wet_one_leaves_the_line_blank(desk):
    ctx, _a, request = desk

    def images(doc) -> int:
        page = read(render(doc, ctx.profile)).pages[-1]
        xobjects = page["/Resources"].get("/XObject") or {}
        return sum(1 for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image")

    assert images(documents.issue(ctx, request.id, paper.DECLARATION, signature_png=PNG)) == 1
    assert images(documents.issue(ctx, request.id, paper.DECLARATION)) == 0


def test_arabic_text_can_be_searched_and_copied_from_the_pdf(desk):
    """Joined Arabic forms have no code of their own; the ToUnicode map gives their letters."""
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION, lang="ar")
    words = text(read(render(doc, ctx.profile)))
    assert "إقرار صحة البيانات" in words
    for part in LONG_NAME:
        assert part in words
    assert "\ue000" not in words and not any(0xE000 <= ord(ch) <= 0xF8FF for ch in words)
