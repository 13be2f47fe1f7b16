"""The declaration at a desk with no mouse: Alt+P opens it, Alt+H chooses «signed by hand on the
printed paper», Enter issues it; the audit says so at the issue and when the signature on paper
is recorded (with the keyboard too).  A drawn signature still needs ink: Enter on an empty pad
is refused and names the key."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain import audit as words
from ajfar_desk.domain import documents as paper
from ajfar_desk.services.papers import documents
from ajfar_desk.services.users import audit
from ajfar_desk.ui.papers.paper_dialogs import DeclarationDialog

from .printing import print_to_pdf
from .test_papers_ui import open_form

ALT = Qt.KeyboardModifier.AltModifier


def test_signed_by_hand_on_paper_chosen_and_recorded_with_the_keyboard(qtbot, window, ctx, answers,
                                                                      tmp_path):
    form, request = open_form(qtbot, window, ctx, submit=False)
    qtbot.keyClick(window.focusWidget() or form, Qt.Key.Key_P, ALT)
    dialog = form.papers.dialog
    assert isinstance(dialog, DeclarationDialog) and dialog.isVisible()
    dialog.activateWindow()  # as the window system makes a new dialog active
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # the pad is empty: refused
    assert dialog.isVisible() and "Alt+H" in dialog.error.text()
    assert documents.list_documents(ctx, request.id) == []

    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_H, ALT)
    assert dialog.on_paper.isChecked() and dialog.focusWidget() is dialog.on_paper
    assert not dialog.pad_box.isVisible() and not dialog.error.isVisible()
    qtbot.keyClick(dialog.on_paper, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    doc = documents.list_documents(ctx, request.id)[0]
    assert doc.signature_mode == paper.SIGNATURE_WET and not doc.signed and not doc.signature_png
    issued = [e for e in audit.entries(ctx, action="issue") if e.entity_id == doc.number]
    assert [e.details.get("signature") for e in issued] == [paper.SIGNATURE_WET]
    # signed on paper once the paper is printed (before, the button waits)
    assert not form.papers.signed_button.isEnabled()
    assert print_to_pdf(form.papers.preview, tmp_path / "declaration.pdf")
    form.papers.preview.close()
    qtbot.waitUntil(form.papers.signed_button.isEnabled)

    signed = form.papers.signed_button
    signed.setFocus()
    answers.replies = [False]  # no scan to attach
    qtbot.keyClick(signed, Qt.Key.Key_Space)
    assert documents.get_document(ctx, doc.number).signed
    recorded = [e for e in audit.entries(ctx, action="record_signature") if e.entity_id == doc.number]
    assert [e.details.get("signature") for e in recorded] == [paper.SIGNATURE_WET]
    said = words.details_text(recorded[0].details, "arabic")
    assert "التوقيع: باليد على الورقة المطبوعة" in said  # the audit page says it in words
