"""The applicant's receipt at the desk: submit with the keyboard, Ctrl+R opens its preview;
printed once, the next one is a copy; the papers panel gives it in another language; the Verify
dialog knows it."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt

from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import requests as rules
from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.papers.paper_dialogs import ReceiptDialog
from ajfar_desk.ui.papers.paper_preview import PaperPreview
from ajfar_desk.ui.papers.verify_dialog import VerifyDialog
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import sign_declaration, submitted_request

from .printing import print_to_pdf


def ready_to_submit(qtbot, window, ctx) -> tuple[RequestForm, object]:
    """A draft with every document valid and the declaration signed, open on the request page."""
    _a, request = submitted_request(ctx, submit=False)
    sign_declaration(ctx, request.id)
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    window.activateWindow()  # a shortcut works in the active window, as on the desk
    qtbot.waitUntil(window.isActiveWindow)
    return form, request


def title(preview: PaperPreview) -> str:
    return PdfReader(io.BytesIO(preview.pdf_bytes)).metadata["/Title"]


def test_submit_then_ctrl_r_opens_the_receipt(qtbot, window, ctx, tmp_path):
    form, request = ready_to_submit(qtbot, window, ctx)
    offer = form.receipt
    assert not offer.isVisible()  # a draft has no receipt
    form.submit_button.setFocus()
    qtbot.keyClick(form.submit_button, Qt.Key.Key_Space)
    assert form.request.status == rules.SUBMITTED
    assert offer.isVisible() and offer.button.hasFocus()  # offered, and Enter would print it
    assert "Ctrl+R" in strip_bidi_controls(offer.button.text())
    assert documents.latest(ctx, request.id, paper.RECEIPT) is None  # nothing issued unasked

    qtbot.keyClick(form, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: offer.preview is not None)  # the button's click shows, then fires
    preview = offer.preview
    assert isinstance(preview, PaperPreview) and preview.isVisible()
    receipt = documents.latest(ctx, request.id, paper.RECEIPT)
    assert receipt.number == f"{request.reference}-A1" and receipt.lang == "ar"
    assert "إيصال استلام طلب" in title(preview) and "نسخة" not in title(preview)
    assert preview.page_count() == 1
    # Listed with the request's papers at once.
    papers = form.papers.list
    qtbot.waitUntil(lambda: any(receipt.number in strip_bidi_controls(papers.item(i).text())
                                for i in range(papers.count())))

    assert print_to_pdf(preview, tmp_path / "receipt.pdf")
    assert "نسخة" in title(preview)  # printed once: what it shows now is a copy
    preview.close()
    window.activateWindow()  # the window manager's part when a dialog closes
    qtbot.waitUntil(window.isActiveWindow)

    qtbot.keyClick(form, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # asked again
    qtbot.waitUntil(lambda: offer.preview is not preview)
    again = offer.preview
    assert again is not preview and again.isVisible()
    assert "نسخة" in title(again)  # the same receipt, a copy: not a second original
    assert [d.number for d in documents.list_documents(ctx, request.id)
            if d.kind == paper.RECEIPT] == [receipt.number]
    again.close()


def test_the_papers_panel_gives_the_receipt_in_english_and_verify_knows_it(qtbot, window, ctx):
    _a, request = submitted_request(ctx)
    window.open_request(request.id)
    form = window.page
    panel = form.papers
    assert panel.receipt_button.isEnabled()
    panel.receipt_button.setFocus()
    qtbot.keyClick(panel.receipt_button, Qt.Key.Key_Space)
    dialog = panel.dialog
    assert isinstance(dialog, ReceiptDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.language.hasFocus()  # opens on its first field
    qtbot.keyClick(dialog.language, Qt.Key.Key_Down)  # Arabic -> English
    assert dialog.language.currentData() == "en"
    qtbot.keyClick(dialog.language, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    doc = documents.latest(ctx, request.id, paper.RECEIPT)
    assert doc.lang == "en" and doc.number == f"{request.reference}-A1"
    assert "Receipt of a Request" in title(panel.preview)
    panel.preview.close()

    verify = VerifyDialog(ctx, window)
    qtbot.addWidget(verify)
    verify.show()
    verify.digest.setFocus()
    qtbot.keyClicks(verify.digest, paper.qr_payload(doc.number, doc.sha256))  # a scanner types
    qtbot.keyClick(verify.digest, Qt.Key.Key_Return)
    assert verify.status == paper.GENUINE
    shown = normalize_digits(strip_bidi_controls(verify.details.text()))
    assert request.reference in shown and "إيصال" in shown  # which paper it is, in words
    verify.digest.setText(doc.sha256[::-1])
    qtbot.keyClick(verify.digest, Qt.Key.Key_Return)
    assert verify.status == paper.ALTERED


def test_a_draft_offers_no_receipt(qtbot, window, ctx):
    _a, draft = submitted_request(ctx, submit=False)
    window.open_request(draft.id)
    form = window.page
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert not form.receipt.isVisible()
    assert not form.papers.receipt_button.isEnabled()
    qtbot.keyClick(form, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(300)  # longer than a button's animated click
    assert form.receipt.preview is None
    assert documents.latest(ctx, draft.id, paper.RECEIPT) is None
