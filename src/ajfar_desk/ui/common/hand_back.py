"""When a dialog closes, the window under it takes the keyboard back and repaints at once.

Qt leaves both to the window manager: until it hands the focus back, no window of the program
has the keyboard (the keys typed meanwhile are lost: Ctrl+F, then the name, right after closing
a complaint), and until the uncovered window repaints, the dialog's picture stays on the screen
(closed, it looked open: Esc "did nothing" until Tab repainted).  A busy laptop makes both
last long enough to be seen.  The dialog asks for both itself, as it goes."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def hand_back(dialog: QWidget) -> None:
    """``dialog`` is closing: its parent's window is activated and repainted (nothing when it
    has no parent, or that window is hidden)."""
    parent = dialog.parentWidget()
    window = parent.window() if parent is not None else None
    if window is None or window is dialog or not window.isVisible():
        return
    window.update()  # the whole window, children included: no trace of the dialog left
    window.activateWindow()
