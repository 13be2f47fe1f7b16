"""Small shared widgets: retranslatable texts, code combos, a field with its error line, a banner."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...domain.digits import said
from ...i18n import N_, _, current_language

ERROR_COLOR = "#b00020"
Text = str | Callable[[], str]  # an English msgid, or a function giving the text now


def tr(text: Text) -> str:
    return text() if callable(text) else _(text)


class Texts:
    """Remembers which setter shows which msgid, so a view can re-translate itself."""

    def __init__(self) -> None:
        self._items: list[tuple[Callable[[str], object], Text]] = []

    def add(self, setter: Callable[[str], object], text: Text):
        self._items.append((setter, text))
        setter(tr(text))
        return setter

    def retranslate(self) -> None:
        for setter, text in self._items:
            setter(tr(text))


class CodeCombo(QComboBox):
    """Choices stored by code, shown translated; an optional empty "choose" entry first."""

    def __init__(self, items: Iterable[tuple[str, Text]], placeholder: bool = True, parent=None):
        super().__init__(parent)
        self._items: list[tuple[str, Text]] = ([("", N_("— choose —"))] if placeholder else []) + list(items)
        for code, text in self._items:
            self.addItem(tr(text), code)
        # as wide as the longest choice, so that none is cut once chosen, in either language
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def code(self) -> str:
        return self.currentData() or ""

    def set_code(self, code: str | None) -> None:
        index = self.findData(code or "")
        self.setCurrentIndex(index if index >= 0 else 0)

    def retranslate(self) -> None:
        for index, (_code, text) in enumerate(self._items):
            self.setItemText(index, tr(text))


def named_items(items) -> list[tuple[str, Text]]:
    """Profile items (code + Arabic/English names) as combo choices."""
    return [(item.code, partial(_name_now, item)) for item in items]


def _name_now(item) -> str:
    return item.name(current_language())


def vocabulary(mapping: dict[str, str]) -> list[tuple[str, Text]]:
    """A domain vocabulary (code -> English msgid) as combo choices."""
    return list(mapping.items())


class ErrorLabel(QLabel):
    """The red line under a field: the message itself, prefixed by a warning sign."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        self.hide()

    def show_message(self, message: str) -> None:
        """``message`` with its numbers, limits and dates in the profile's digits (``said``)."""
        self.setText("⚠ " + said(message))
        self.show()

    def clear_message(self) -> None:
        self.clear()
        self.hide()


class FieldBox(QWidget):
    """Label above, the input (or a row of inputs), the error line under it."""

    def __init__(self, texts: Texts, label: Text, *inputs: QWidget, note: QWidget | None = None):
        super().__init__()
        self.inputs = inputs
        self.label = QLabel()
        texts.add(self.label.setText, label)
        self.label.setBuddy(inputs[0])
        self.error = ErrorLabel()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.label)
        if len(inputs) == 1:
            box.addWidget(inputs[0])
        else:
            row = QHBoxLayout()
            for widget in inputs:
                row.addWidget(widget)
            box.addLayout(row)
        if note is not None:
            box.addWidget(note)
        box.addWidget(self.error)
        box.addStretch(1)

    def set_error(self, message: str | None) -> None:
        for widget in self.inputs:
            widget.setProperty("invalid", bool(message))
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        if message:
            self.error.show_message(message)
        else:
            self.error.clear_message()


class Banner(QFrame):
    """A coloured strip with a message and an optional action button."""

    def __init__(self, kind: str = "warning", parent=None):
        super().__init__(parent)
        self.setObjectName(f"banner_{kind}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.button = QPushButton()
        self.button.hide()
        row = QHBoxLayout(self)
        row.addWidget(self.message, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    def show_message(self, text: str, button_text: str | None = None) -> None:
        self.message.setText(text)
        self.button.setVisible(bool(button_text))
        if button_text:
            self.button.setText(button_text)
        self.show()


def named_button(texts: Texts, text: Text, name: str) -> QPushButton:
    """A push button showing ``text`` (re-translated with ``texts``), found by ``name`` (its
    object name, as tests and the shortcuts sheet know it)."""
    pushed = QPushButton()
    pushed.setObjectName(name)
    texts.add(pushed.setText, text)
    return pushed


def heading(text: str = "", size: int = 16) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSize(size)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side from the start of the row (the right in Arabic), the rest of it
    empty."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def titled(texts: Texts, text: Text, size: int = 16) -> QLabel:
    """A heading (see ``heading``) showing ``text``, re-translated with ``texts``."""
    label = heading(size=size)
    texts.add(label.setText, text)
    return label


def note_label(texts: Texts, text: Text) -> QLabel:
    """A word-wrapped line of explanation showing ``text``, re-translated with ``texts``."""
    label = QLabel()
    label.setWordWrap(True)
    texts.add(label.setText, text)
    return label


def show_errors(boxes: Mapping[str, FieldBox], errors, general: ErrorLabel) -> None:
    """Each message under its field's box (focus on the first such field); a message with no
    box of its own goes to ``general``."""
    first = None
    for field, message in errors:
        box = boxes.get(field)
        if box is None:
            general.show_message(message)
            continue
        box.set_error(message)
        first = first or box
    if first is not None:
        first.inputs[0].setFocus()


class Failed(enum.Enum):
    FAILED = enum.auto()


FAILED: Final = Failed.FAILED  # what an operation returns when the action did not go through

