"""The keyboard on the main window's pages: a page shown takes the focus, and Enter presses the
focused button there too, not only Space.

In a dialog Qt (and ``FormDialog``) already do this; on the main window's pages a push button
ignores Enter, and an employee who learnt «حفظ (Enter)» on the registration form presses Enter
on «إنشاء الطلب» and nothing happens.  The button passes the key up to its window, which calls
this (no application-wide filter: that would put every event of the program through Python)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget

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


def focus_into(page: QWidget) -> None:
    """The keyboard goes to the page just shown (its first field, table or button), not to
    what the last page left behind or to the status bar's buttons."""
    focused = QApplication.focusWidget()
    if focused is not None and page.isAncestorOf(focused):
        return
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page and page.isAncestorOf(widget):
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled() and (
                widget.isVisibleTo(page) and not isinstance(widget, QScrollArea)):  # a frame, not a field
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()
