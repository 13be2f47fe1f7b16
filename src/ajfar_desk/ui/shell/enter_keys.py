"""The keyboard on the main window's pages: a page shown takes the focus, and Enter presses the
focused button there too, not only Space.

In a dialog Qt (and ``FormDialog``) already do this; on the main window's pages a push button
ignores Enter, and an employee who learnt «حفظ (Enter)» on the registration form presses Enter
on «إنشاء الطلب» and nothing happens.  The button passes the key up to its window, which calls
this (no application-wide filter: that would put every event of the program through Python).

A key that opened a page (Enter in the search box, on a table's row) goes on up to the window
too once its field is done with it: by then the new page's first button has the keyboard, and
it must not be pressed by the key that opened the page (the file opened, then its «Edit data»
form).  ``focus_into`` remembers the widget it gave the keyboard to until the events queued now
are handled."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
JUST_PLACED = "focusPlacedByPage"  # a window property: the widget a page just gave the keyboard


def press_focused_button(window: QWidget, event: QKeyEvent) -> bool:
    """True when Enter pressed the window's focused push button."""
    if event.key() not in ENTER_KEYS or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
        return False
    button = window.focusWidget()
    if not isinstance(button, QPushButton) or not (button.isVisible() and button.isEnabled()):
        return False
    if window.property(JUST_PLACED) == id(button):  # the key opened the page: not typed on it
        return False
    button.animateClick()
    return True


def focus_into(page: QWidget) -> None:
    """The keyboard goes to the page just shown (its first field, table or button), not to
    what the last page left behind or to the status bar's buttons."""
    _place_focus(page)
    _just_placed(page.window(), QApplication.focusWidget())


def _place_focus(page: QWidget) -> None:
    # the widget the page names (its list, its search) first: hiding the last page may have
    # moved the keyboard into this one already, to whatever comes first in its chain
    proxy = page.focusProxy()
    if proxy is not None and proxy.isEnabled() and proxy.isVisibleTo(page):
        proxy.setFocus(Qt.FocusReason.OtherFocusReason)
        return
    focused = QApplication.focusWidget()
    if focused is not None and page.isAncestorOf(focused):
        return  # (hiding the last page may already have moved it into this one)
    widget = page.nextInFocusChain()
    while widget is not None and widget is not page and page.isAncestorOf(widget):
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled() and (
                widget.isVisibleTo(page) and not isinstance(widget, QScrollArea)):  # a frame, not a field
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        widget = widget.nextInFocusChain()


def _just_placed(window: QWidget, widget: QWidget | None) -> None:
    """Remember the widget the page gave the keyboard to until the event loop comes back (the
    key that opened the page is still travelling up to the window)."""
    window.setProperty(JUST_PLACED, id(widget) if widget is not None else 0)
    QTimer.singleShot(0, window, lambda: window.setProperty(JUST_PLACED, 0))
