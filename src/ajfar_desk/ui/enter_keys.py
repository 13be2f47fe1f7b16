"""Enter presses the focused button on a page too, not only Space.

In a dialog Qt (and ``FormDialog``) already do this; on the main window's pages a push button
ignores Enter, and an employee who learnt «حفظ (Enter)» on the registration form presses Enter
on «إنشاء الطلب» and nothing happens.  The button passes the key up to its window, which calls
this (no application-wide filter: that would put every event of the program through Python)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPushButton, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def press_focused_button(window: QWidget, event: QKeyEvent) -> bool:
    """True when Enter pressed the window's focused push button."""
    if event.key() not in ENTER_KEYS or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    button = window.focusWidget()
    if not isinstance(button, QPushButton) or not (button.isVisible() and button.isEnabled()):
        return False
    button.animateClick()
    return True
