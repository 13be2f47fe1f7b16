"""A dialog the program sizes itself keeps that size for the window manager (its minimum and
maximum sizes equal): the window manager then draws no resize handle, which openbox drew as a
stray broken line along the bottom edge of every dialog.  It still grows when error lines
appear, and stays within the screen."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.ui.common import screen
from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog

AREA = QRect(0, 0, 1280, 680)


def test_a_dialog_has_no_resize_handle_and_still_grows_for_its_errors(qtbot, app, ctx, monkeypatch):
    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(AREA))
    dialog = NewComplaintDialog(ctx, today=dt.date(2026, 12, 7))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    QApplication.processEvents()
    assert dialog.minimumSize() == dialog.maximumSize() == dialog.size()
    before = dialog.height()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # nothing filled in: the errors
    for _round in range(3):
        QApplication.processEvents()
    assert dialog.isVisible() and dialog.boxes["subject"].error.isVisible()
    assert dialog.minimumSize() == dialog.maximumSize() == dialog.size()
    assert before <= dialog.height() <= screen.room(dialog)[1]
    assert AREA.contains(screen.framed(dialog))
