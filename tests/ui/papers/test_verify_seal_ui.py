"""The verify dialog reads the QR code's signature from the scanner's text, and a paper whose
record was changed together with its hash is shown ALTERED with the reason."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from sqlalchemy import update

from ajfar_desk.db.models import IssuedDocument
from ajfar_desk.domain import documents as paper
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.papers.verify_dialog import VerifyDialog
from printing.scenario import submitted_request


def _dialog(qtbot, window, ctx):
    dialog = VerifyDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.digest.setFocus()
    return dialog


def test_a_signed_qr_verifies_and_a_rehashed_record_is_altered_with_why(qtbot, window, ctx):
    _a, request = submitted_request(ctx)
    doc = documents.get_document(ctx, documents.issue(ctx, request.id, paper.DECLARATION).number)
    payload = paper.qr_payload(doc.number, doc.sha256, doc.qr_signature)
    dialog = _dialog(qtbot, window, ctx)
    qtbot.keyClicks(dialog.digest, payload)  # a scanner types the QR code's text
    assert dialog.number.text() == doc.number
    assert dialog.digest.text() == f"{doc.sha256}:{doc.qr_signature}"  # the signature kept
    qtbot.keyClick(dialog.digest, Qt.Key.Key_Return)
    assert dialog.status == paper.GENUINE
    assert dialog.seal.text() == dialog.seal_text("valid") and dialog.seal.isVisible()

    content = dict(doc.content, applicant=dict(doc.content["applicant"], full_name="اسم آخر"))
    with ctx.store.engine.begin() as s:  # content and hash changed together in the database
        s.execute(update(IssuedDocument).where(IssuedDocument.number == doc.number).values(
            content=json.dumps(content, ensure_ascii=False), sha256=paper.content_hash(content)))
    dialog.digest.clear()
    qtbot.keyClicks(dialog.digest, payload)
    qtbot.keyClick(dialog.digest, Qt.Key.Key_Return)
    assert dialog.status == paper.ALTERED and dialog.results[paper.ALTERED].isVisible()
    assert dialog.reasons.isVisible() and dialog.reasons.text()


def test_a_typed_hash_says_no_signature(qtbot, window, ctx):
    _a, request = submitted_request(ctx)
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    dialog = _dialog(qtbot, window, ctx)
    dialog.number.setFocus()
    qtbot.keyClicks(dialog.number, doc.number)
    qtbot.keyClick(dialog.number, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.digest, doc.sha256)
    qtbot.keyClick(dialog.digest, Qt.Key.Key_Return)
    assert dialog.status == paper.GENUINE and dialog.seal.text() == dialog.seal_text("none")
