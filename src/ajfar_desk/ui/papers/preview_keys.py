"""The keys that move through a previewed paper, whatever has the focus in its dialog.

A paper's preview is read with Page Down / Page Up and Ctrl+Home / Ctrl+End.  The view read
them only while it had the focus: after Tab (to the Print button) they did nothing.  Here they
are the dialog's shortcuts, so they scroll the paper from any of its widgets; the arrows, Tab,
Space and Enter stay with the focused widget (a button's own keys)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSlider, QWidget

_Action = QAbstractSlider.SliderAction

# key -> what the paper's vertical scroll bar does
SCROLL_KEYS: tuple[tuple[str, QAbstractSlider.SliderAction], ...] = (
    ("PgDown", _Action.SliderPageStepAdd),
    ("PgUp", _Action.SliderPageStepSub),
    ("Ctrl+End", _Action.SliderToMaximum),
    ("Ctrl+Home", _Action.SliderToMinimum),
)


def scroll_keys(dialog: QWidget, view: QAbstractScrollArea) -> list[QShortcut]:
    """Give ``dialog`` the keys that scroll ``view`` (a paper's pages), wherever the focus is."""
    bar = view.verticalScrollBar()
    shortcuts = []
    for key, action in SCROLL_KEYS:
        shortcut = QShortcut(QKeySequence(key), dialog)
        shortcut.activated.connect(lambda action=action: bar.triggerAction(action))
        shortcuts.append(shortcut)
    return shortcuts
