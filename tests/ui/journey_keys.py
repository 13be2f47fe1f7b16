"""The keyboard and the screen for the desk journey: keys go to whatever has the focus (as a
real keyboard's do), and after every step the focus and the next button are checked."""

from __future__ import annotations

import contextlib
import os

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from ajfar_desk.ui.common import screen

from .conftest import type_text

# The real desk: a 1366×768 laptop less a 40-pixel taskbar; a window manager's title bar and
# borders around each window (ui/common/screen.py counts 32 and 8 pixels in all).
SCREEN = QRect(0, 0, 1366, 728)
TITLE_BAR, BORDERS = 32, 8
# A maximised main window's content: the screen less the title bar and the borders.
MAXIMISED = QSize(SCREEN.width() - BORDERS, SCREEN.height() - TITLE_BAR)
SLACK = 1  # a pixel of rounding in fractional layouts
CTRL, ALT, SHIFT = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                    Qt.KeyboardModifier.ShiftModifier)
SHOTS = os.environ.get("AJFAR_JOURNEY_SHOTS", "")


def focused() -> QWidget:
    """The widget the keyboard talks to; the journey fails the moment there is none."""
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus was lost"
    assert widget.isVisible(), f"the focus is on a hidden {type(widget).__name__}"
    active = QApplication.activeWindow()
    assert active is not None and widget.window() is active, (
        f"the focus is on {type(widget).__name__} outside the active window {active!r}")
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    for _ in range(times):
        qtbot.keyClick(focused(), key, modifier)


def write(qtbot, text: str) -> None:
    """Types ``text`` (Arabic included) into the focused widget."""
    type_text(qtbot, focused(), text)


def keys(qtbot, *steps) -> None:
    """Text is typed, a key pressed; (key, modifier) pressed with the modifier, (key, n) n times."""
    for step in steps:
        if isinstance(step, str):
            write(qtbot, step)
        elif isinstance(step, tuple) and isinstance(step[1], Qt.KeyboardModifier):
            press(qtbot, *step)
        elif isinstance(step, tuple):
            press(qtbot, step[0], times=step[1])
        else:
            press(qtbot, step)


def tab_to(qtbot, target: QWidget, most: int = 20) -> None:
    """Tab on, as a user does, until the focus is on ``target`` (the chain must reach it)."""
    for _ in range(most):
        if QApplication.focusWidget() is target:
            return
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is target, f"Tab never reaches «{getattr(target, 'text', str)()}»"


def framed(window: QWidget) -> QRect:
    """Where the window lies with the title bar and borders a window manager adds (a platform
    without one, offscreen or a bare X server, reports a thinner frame or none)."""
    return screen.framed(window)


def at_top_left(window: QWidget) -> None:
    """As a window manager puts a window in the screen's top left corner: its frame there, the
    content under the title bar."""
    window.setGeometry(QRect(SCREEN.topLeft() + QPoint(BORDERS // 2, TITLE_BAR - BORDERS // 2), window.size()))


def maximise(window: QWidget) -> None:
    """As the window manager maximises a window on the desk's screen."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMaximized)
    window.resize(MAXIMISED)
    at_top_left(window)


def keep_on_screen(window: QWidget) -> None:
    """A window manager keeps a window that fits the screen on it (offscreen Qt places windows
    on its own square screen); one larger than the screen stays where it is, and fails."""
    outer = framed(window)
    if SCREEN.contains(outer) or outer.width() > SCREEN.width() or outer.height() > SCREEN.height():
        return
    x = min(max(outer.left(), SCREEN.left()), SCREEN.right() - outer.width() + 1)
    y = min(max(outer.top(), SCREEN.top()), SCREEN.bottom() - outer.height() + 1)
    window.move(window.pos() + QPoint(x - outer.left(), y - outer.top()))


def on_screen(button: QAbstractButton) -> QAbstractButton:
    """The button is there to press: visible, enabled, not scrolled away or clipped, and wholly
    inside the screen's free area, as is its window with its title bar (no window grew)."""
    assert button.isVisible(), f"«{button.text()}» is not visible"
    assert button.isEnabled(), f"«{button.text()}» is disabled"
    window = button.window()
    top_left = button.mapToGlobal(button.rect().topLeft())
    rect = QRect(top_left, button.size())
    seen = button.visibleRegion().boundingRect()
    shown = seen.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(button.rect())
    if not (SCREEN.contains(rect) and shown and SCREEN.contains(framed(window))):
        shot(window, "off-screen")
    assert SCREEN.contains(framed(window)), (
        f"{type(window).__name__} at {window.geometry().getRect()} (title bar and borders added) "
        f"does not fit the {SCREEN.getRect()} screen")
    assert SCREEN.contains(rect), f"«{button.text()}» at {rect.getRect()} is off the {SCREEN.getRect()} screen"
    assert shown, f"«{button.text()}» is scrolled away or clipped: {seen.getRect()} of {button.rect().getRect()} shows"
    return button


def ready(qtbot, window: QWidget, button: QAbstractButton | None = None) -> QWidget:
    """After a step: ``window`` is active, the focus inside it, the next button on screen.
    A closed dialog leaves no active window on a platform with no window manager (offscreen,
    a bare X server): the window is then activated as a window manager would, and a window
    asking to be maximised is given the desk's screen; a window left active instead (a dialog
    that stayed open) fails."""
    if QApplication.activeWindow() is None:
        window.activateWindow()
    if window.isMaximized():  # on the desk's screen, not on offscreen's square one
        maximise(window)
    keep_on_screen(window)
    try:
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    except Exception:
        raise AssertionError(f"{QApplication.activeWindow()!r} is active, not {window!r}") from None
    widget = focused()
    if button is not None:
        with contextlib.suppress(Exception):  # a window just shown is exposed (painted) a moment
            # later on a busy machine: until then its buttons show nothing; on_screen then judges
            qtbot.waitUntil(lambda: not button.visibleRegion().isEmpty(), timeout=2000)
        on_screen(button)
    return widget


def shot(widget: QWidget, name: str) -> None:
    """A picture of the moment, when AJFAR_JOURNEY_SHOTS names a folder."""
    if SHOTS:
        QTest.qWait(300)  # a paper's preview draws its page a moment after it opens
        os.makedirs(SHOTS, exist_ok=True)
        widget.grab().save(os.path.join(SHOTS, f"{name}.png"))
