"""Signed by hand on the printed paper (Alt+H in the declaration dialog): the pad goes and the
dialog shrinks to what is left, no gaps between its lines.  The preview of a paper not printed
yet says so, in its own words, with the key that prints it: closing it prints nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.papers.paper_dialogs import DeclarationDialog
from ajfar_desk.ui.papers.paper_preview import preview_paper

from .printing import print_to_pdf
from .test_papers_ui import open_form
from .test_print_first import waiting_declaration

ALT = Qt.KeyboardModifier.AltModifier


def test_signed_on_paper_the_dialog_shrinks_to_its_content(qtbot, window, ctx):
    form, _request = open_form(qtbot, window, ctx, submit=False)
    qtbot.keyClick(window.focusWidget() or form, Qt.Key.Key_P, ALT)
    dialog = form.papers.dialog
    assert isinstance(dialog, DeclarationDialog) and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    with_pad = dialog.height()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_H, ALT)
    assert dialog.on_paper.isChecked() and not dialog.pad_box.isVisible()
    layout = dialog.layout()
    qtbot.waitUntil(lambda: dialog.height() < with_pad - dialog.pad_box.height() // 2)
    # no taller than its content (its lines at their own heights, not spread)
    assert dialog.height() <= layout.totalSizeHint().height() + 2
    assert dialog.on_paper.geometry().bottom() < dialog.buttons.geometry().top()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Up)  # back to the pad: room for it again
    qtbot.waitUntil(lambda: dialog.pad_box.isVisible() and dialog.height() >= with_pad - 2)


def test_the_preview_says_it_printed_nothing_until_print(qtbot, window, ctx, tmp_path):
    request, doc = waiting_declaration(ctx, "female", 61)
    preview = preview_paper(ctx, doc.number, window)
    qtbot.addWidget(preview)
    said = strip_bidi_controls(preview.status.text())
    assert "لم تُطبع الورقة بعد" in said and "(Ctrl+P)" in said and "«طباعة…»" in said
    assert print_to_pdf(preview, tmp_path / "declaration.pdf")
    assert documents.get_document(ctx, doc.number).print_count == 1
    assert "Ctrl+P" not in preview.status.text()  # printed: nothing more to say
