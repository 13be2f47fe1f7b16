"""The unexpected-error box: says where the log is, copies the details, closes with Esc."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from ajfar_desk import logs
from ajfar_desk.i18n import _
from ajfar_desk.identity import version
from ajfar_desk.ui.common.crash_dialog import CrashDialog


@pytest.fixture
def log_in(tmp_path):
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    path = logs.setup_logging("INFO", tmp_path / "log")
    yield path
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    logs._current = None


def failing():
    raise ZeroDivisionError("the bug")


def test_the_box_shows_the_log_and_copies_the_details(qtbot, app, log_in):
    try:
        failing()
    except ZeroDivisionError as exc:
        error = exc
    dialog = CrashDialog(None, error)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert str(log_in) in dialog.log_label.text()
    assert dialog.isRightToLeft()
    qtbot.waitUntil(dialog.close_button.hasFocus)  # Enter or Esc closes it at once
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert dialog.copy_button.hasFocus()
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    copied = QGuiApplication.clipboard().text()
    assert copied == dialog.details_text and dialog.isVisible()  # copying does not close it
    assert f"ajfar-desk {version()}" in copied and f"log: {log_in}" in copied
    assert "ZeroDivisionError: the bug" in copied and "in failing" in copied
    assert dialog.copy_button.text() == "تم النسخ"
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_without_a_log_file_the_box_says_so(qtbot, app):
    logs._current = None
    dialog = CrashDialog(None, RuntimeError("x"))
    qtbot.addWidget(dialog)
    assert dialog.log_label.text() == _("The program keeps no log file on this computer.")
    assert "log: -" in dialog.details_text
