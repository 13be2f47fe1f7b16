"""Papers at the desk through the GUI: sign on the pad, preview, print, reprint, verify."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.papers.paper_dialogs import DeclarationDialog
from ajfar_desk.ui.papers.paper_preview import PaperPreview
from ajfar_desk.ui.papers.verify_dialog import VerifyDialog
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request

from ..conftest import type_text
from .printing import print_to_pdf


def draw(pad, points) -> None:
    """A stroke with the real mouse: press, moves with the button held, release."""
    left = Qt.MouseButton.LeftButton

    def send(kind, point, buttons):
        p = QPointF(*point)
        event = QMouseEvent(kind, p, pad.mapToGlobal(p), left, buttons, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pad, event)

    send(QEvent.Type.MouseButtonPress, points[0], left)
    for point in points[1:]:
        send(QEvent.Type.MouseMove, point, left)
    send(QEvent.Type.MouseButtonRelease, points[-1], Qt.MouseButton.NoButton)


def open_form(qtbot, window, ctx, submit=True):
    applicant, request = submitted_request(ctx, submit=submit)
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    return form, request


def test_declaration_signed_on_the_pad_previewed_printed_and_reprinted(qtbot, window, ctx, tmp_path):
    form, request = open_form(qtbot, window, ctx, submit=False)  # the declaration comes first
    panel = form.papers
    assert panel.isVisible() and panel.list.count() == 0
    assert not panel.preview_button.isEnabled()
    qtbot.mouseClick(panel.declaration_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    assert isinstance(dialog, DeclarationDialog) and dialog.isVisible()

    # Issuing without a signature is refused with a message; nothing is issued.
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible() and dialog.isVisible()
    assert documents.list_documents(ctx, request.id) == []

    draw(dialog.pad_box.pad, [(40, 100), (80, 60), (120, 110), (180, 70)])
    draw(dialog.pad_box.pad, [(220, 90), (300, 80)])
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    issued = documents.list_documents(ctx, request.id)
    assert [d.number for d in issued] == [f"{request.reference}-D1"]
    assert issued[0].signature_png.startswith(b"\x89PNG") and issued[0].signed

    preview = panel.preview
    assert isinstance(preview, PaperPreview) and preview.isVisible()
    assert preview.page_count() >= 1
    # the page count in words where Arabic says it in words (not «عدد الصفحات: 1»)
    pages = {1: "صفحة واحدة", 2: "صفحتان"}[preview.page_count()]
    assert preview.status.text().split(" — ")[0] == pages  # then: not printed yet
    assert "نسخة" not in PdfReader(io.BytesIO(preview.pdf_bytes)).metadata["/Title"]

    assert print_to_pdf(preview, tmp_path / "printed.pdf")
    printed = PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == preview.page_count()
    # drawn at 300 dpi at most, whatever the printer's (a 1200 dpi printer had a 9582×13551
    # image for an A4 page: 520 MB of memory and a 7.6 MB file)
    widths = [image.image.width for page in printed.pages for image in page.images]
    assert widths and max(widths) <= 2481, widths
    # Printed once: what the preview shows now, and prints next, is a copy.
    assert "نسخة" in PdfReader(io.BytesIO(preview.pdf_bytes)).metadata["/Title"]
    assert preview.save_to(tmp_path / "saved.pdf")
    assert documents.get_document(ctx, issued[0].number).print_count == 2
    preview.close()
    qtbot.waitUntil(lambda: "طُبع مرتين" in panel.list.item(0).text())  # printed twice (dual)


def test_signed_on_paper_then_recorded(qtbot, window, ctx, answers, tmp_path):
    form, request = open_form(qtbot, window, ctx, submit=False)
    panel = form.papers
    qtbot.mouseClick(panel.declaration_button, Qt.MouseButton.LeftButton)
    dialog = panel.dialog
    dialog.on_paper.click()
    assert not dialog.pad_box.isVisible()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    doc = documents.list_documents(ctx, request.id)[0]
    assert doc.lang == "en" and doc.signature_mode == paper.SIGNATURE_WET and not doc.signed
    # signed by hand on the printed paper: printed first
    assert not panel.signed_button.isEnabled() and panel.signed_button.toolTip()
    assert print_to_pdf(panel.preview, tmp_path / "declaration.pdf")
    panel.preview.close()
    qtbot.waitUntil(panel.signed_button.isEnabled)
    answers.replies = [False]  # no scan to attach
    qtbot.mouseClick(panel.signed_button, Qt.MouseButton.LeftButton)
    assert documents.get_document(ctx, doc.number).signed
    assert not panel.signed_button.isEnabled()


def test_referral_with_note_and_only_for_submitted_requests(qtbot, window, ctx):
    _a, draft = submitted_request(ctx, first="فهد", nid_body="07654321", submit=False)
    window.open_request(draft.id)
    assert not window.page.papers.referral_button.isEnabled()
    form, request = open_form(qtbot, window, ctx)
    panel = form.papers
    assert panel.referral_button.isEnabled()
    qtbot.mouseClick(panel.referral_button, Qt.MouseButton.LeftButton)
    type_text(qtbot, panel.dialog.note, "زيارة منزلية (1448/05/20)")
    qtbot.mouseClick(panel.dialog.ok_button, Qt.MouseButton.LeftButton)
    doc = documents.latest(ctx, request.id, paper.REFERRAL)
    assert doc.content["note"] == "زيارة منزلية (1448/05/20)"
    assert panel.preview.page_count() >= 1


def test_verify_screen_reads_the_qr_text_and_tells_genuine_from_altered(qtbot, window, ctx):
    _a, request = submitted_request(ctx)
    doc = documents.issue(ctx, request.id, paper.DECLARATION)
    dialog = VerifyDialog(ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.digest.setFocus()
    qtbot.keyClicks(dialog.digest, paper.qr_payload(doc.number, doc.sha256))  # a scanner types
    assert dialog.number.text() == doc.number and dialog.digest.text() == doc.sha256
    qtbot.keyClick(dialog.digest, Qt.Key.Key_Return)
    assert dialog.status == paper.GENUINE and dialog.results[paper.GENUINE].isVisible()
    shown = normalize_digits(strip_bidi_controls(dialog.details.text()))
    assert request.reference in shown and doc.content["applicant"]["full_name"] in shown
    dialog.digest.setText(doc.sha256[::-1])
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.status == paper.ALTERED and not dialog.results[paper.GENUINE].isVisible()
    dialog.digest.setText("123")
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()


def test_verify_action_in_the_toolbar(qtbot, window):
    window.verify_action.trigger()
    assert window.verify_dialog.isVisible()
