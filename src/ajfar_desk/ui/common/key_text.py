"""A keyboard shortcut written for the user, one way everywhere (tooltips, buttons, the
shortcuts sheet): as the user's keyboard names it, isolated so it never flips in Arabic."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from ...domain.text import LRI, PDI

# the name a PC keyboard prints on the key where Qt's differs (trial 13: F1 said «Return»)
_PRINTED = {"Return": "Enter"}


def key_text(sequence: str | QKeySequence) -> str:
    """The key ("Ctrl+R", or an action's ``shortcut()``) as the user's keyboard names it,
    isolated left to right inside Arabic text."""
    text = QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)
    return LRI + "+".join(_PRINTED.get(part, part) for part in text.split("+")) + PDI
