"""The QR code carries the node's signature over the paper's number and hash; verification
checks it and compares with the audit entry written when the paper was issued, so a paper whose
content and stored hash were changed together in the database is ALTERED, with the reason."""

from __future__ import annotations

import io
import json

from pypdf import PdfReader
from sqlalchemy import update

from ajfar_desk.db.models import IssuedDocument
from ajfar_desk.domain import documents as paper
from ajfar_desk.printing.issue import paper_pdf
from ajfar_desk.services.papers import documents


def _qr_of(ctx, number: str) -> str:
    """The QR code's text, as the PDF carries it beside the drawn code."""
    _doc, pdf = paper_pdf(ctx, number)
    return PdfReader(io.BytesIO(pdf)).metadata["/Keywords"]


def test_the_qr_carries_a_signature_that_verifies(desk, english_messages):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    payload = _qr_of(ctx, doc.number)
    number, digest = paper.parse_qr_payload(payload)
    signature = paper.qr_signature(payload)
    assert (number, digest) == (doc.number, doc.sha256) and signature
    result = documents.verify(ctx, number, digest, signature)
    assert result.status == paper.GENUINE and result.signature == "valid"
    forged = ("A" if signature[0] != "A" else "B") + signature[1:]
    bad = documents.verify(ctx, number, digest, forged)
    assert bad.status == paper.ALTERED and bad.signature == "invalid"
    assert any("signature" in reason for reason in bad.reasons)


def test_content_and_hash_changed_together_are_altered_naming_the_audit_entry(desk, english_messages):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    content = dict(doc.content, applicant=dict(doc.content["applicant"], full_name="اسم آخر"))
    recomputed = paper.content_hash(content)
    with ctx.store.engine.begin() as s:  # behind the program's back, the hash recomputed too
        s.execute(update(IssuedDocument).where(IssuedDocument.number == doc.number).values(
            content=json.dumps(content, ensure_ascii=False), sha256=recomputed))
    payload = _qr_of(ctx, doc.number)  # a new print of the forged record, signed by the node
    result = documents.verify(ctx, doc.number, recomputed, paper.qr_signature(payload))
    assert result.status == paper.ALTERED
    assert any("audit" in reason for reason in result.reasons), result.reasons
    original = documents.verify(ctx, doc.number, doc.sha256)  # the paper in the applicant's hand
    assert original.status == paper.ALTERED


def test_an_old_paper_without_a_signature_verifies_as_before(desk, english_messages):
    ctx, _a, request = desk
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    old = paper.qr_payload(doc.number, doc.sha256)  # printed before signatures
    assert paper.qr_signature(old) is None
    result = documents.verify(ctx, *paper.parse_qr_payload(old))
    assert result.status == paper.GENUINE and result.signature == "none"
