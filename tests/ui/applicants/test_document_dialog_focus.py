"""Trial 12 (shot 29): in the add-document dialog, after Tab no control showed the focus. Each
stop Tab reaches in the dialog looks different with the focus than without it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.ui.applicants.record_dialogs import DocumentDialog

from ..conftest import register


def _look(widget):
    """The widget and a few pixels around it, as the dialog shows them."""
    window = widget.window()
    QApplication.processEvents()
    area = widget.geometry().adjusted(-4, -4, 4, 4)
    area.moveTopLeft(widget.parentWidget().mapTo(window, area.topLeft()))
    return window.grab(area).toImage()


def test_every_stop_of_the_document_dialog_shows_its_focus(qtbot, window, ctx):
    person = register(ctx, 52)
    dialog = DocumentDialog(ctx, person.id, kind="national_id", parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    seen = []
    for _ in range(8):
        focused = QApplication.focusWidget()
        if focused in seen:
            break
        seen.append(focused)
        with_focus = _look(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is not focused
        if hasattr(focused, "setCursorPosition"):  # a line edit's caret blinks: compare frames only
            focused.setCursorPosition(0)
        assert _look(focused) != with_focus, focused
    assert len(seen) >= 4
    dialog.reject()
