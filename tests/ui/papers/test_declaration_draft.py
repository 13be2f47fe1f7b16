"""The declaration read before it is issued (trial 9, shot 53: no preview before choosing how
she signs), and a paper signature recorded only once the paper was printed (shot 61: «موقّع على
الورق — لم يُطبع بعد»)."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.services.papers import documents
from printing.scenario import submitted_request

from .printing import print_to_pdf


def test_the_declaration_is_read_before_choosing_how_to_sign(qtbot, window, ctx, answers, tmp_path):
    _a, request = submitted_request(ctx, first="نورة", nid_body="05432198", submit=False)
    window.open_request(request.id)
    form = window.page
    qtbot.keyClick(form, Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)  # the declaration
    dialog = form.papers.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    draft = dialog.draft_preview
    assert draft is not None and draft.isVisible() and draft.page_count() >= 1
    assert "مسودة" in PdfReader(io.BytesIO(draft.pdf_bytes)).metadata["/Title"]
    assert not draft.print_button.isEnabled() and not draft.save_button.isEnabled()
    assert documents.list_documents(ctx, request.id) == []  # reading issues nothing
    qtbot.keyClick(draft, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # back to the choice
    dialog.on_paper.setFocus()
    qtbot.keyClick(dialog.on_paper, Qt.Key.Key_Space)
    qtbot.keyClick(dialog.on_paper, Qt.Key.Key_Return)
    issued = documents.list_documents(ctx, request.id)
    assert len(issued) == 1 and not issued[0].signed
    panel = form.papers
    # not signable before it is printed; never «signed on paper — not printed yet»
    assert not panel.signed_button.isEnabled()
    assert print_to_pdf(panel.preview, tmp_path / "declaration.pdf")
    panel.preview.close()
    qtbot.waitUntil(panel.signed_button.isEnabled)
    answers.replies = [False]  # no scan
    panel.signed_button.setFocus()
    qtbot.keyClick(panel.signed_button, Qt.Key.Key_Space)
    assert documents.get_document(ctx, issued[0].number).signed
    line = panel.list.item(0).text()
    assert "موقّع على الورق" in line and "لم يُطبع" not in line
