"""Multi-line boxes aligned with the language: from the right in Arabic, from the left in English.

Qt leaves a QPlainTextEdit's paragraphs left-aligned and "auto" in direction, so an empty box, or
a note that starts with a number or a Latin word, reads from the left in an Arabic window.
``follow_language`` sets the box's direction and alignment now and again whenever the layout
direction changes (the language switch changes the application's)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

TextBox = QPlainTextEdit | QTextEdit


def align(box: TextBox) -> None:
    rtl = box.layoutDirection() == Qt.LayoutDirection.RightToLeft
    document = box.document()
    option = document.defaultTextOption()
    option.setTextDirection(box.layoutDirection())
    side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute)
    document.setDefaultTextOption(option)
    box.viewport().update()


class _Follower(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutDirectionChange and isinstance(watched, TextBox):
            align(watched)
        return False


def follow_language(box: TextBox) -> None:
    """Align ``box`` for the current language, and again after every language switch."""
    align(box)
    if box.property("followsLanguage"):
        return
    box.setProperty("followsLanguage", True)
    follower = _Follower(box)
    box.installEventFilter(follower)


def follow_language_in(root: QWidget) -> None:
    """Every editable multi-line box under ``root``."""
    for box in root.findChildren(QPlainTextEdit) + root.findChildren(QTextEdit):
        if not box.isReadOnly():
            follow_language(box)
