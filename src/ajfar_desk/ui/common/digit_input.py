"""Inputs that echo digits the way the profile writes them (the rule in ``domain.digits``).

In a profile with Arabic-Indic digits, an Arabic screen shows ``٠٥٥١٢٣٤٥٦٧`` in the phone field
whatever the keyboard sent (Western digits from a laptop's number row, Arabic-Indic or Persian
from an Arabic layout); an English screen, or a profile with Western digits, shows Western
digits. Each digit is replaced by its twin as it is typed, so the cursor and the undo history
stay where they were; a code with a Latin letter (a passport number) keeps Western digits.
The services read any digit script (``normalize_digits``, ``parse_int``, ``parse_amount``).

One rule for every box where a number is typed: a form's field, a page's search box (a name,
an ID, a phone or a request reference, ``search_line``), the phone lookup. A reference typed
whole ("WKL-1448-000123", a run holding a Latin letter) keeps its Western digits as printed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit

from ...domain.digits import localize_digits, localize_text
from . import fmt


class ProfileDigits(QValidator):
    """Accepts everything; gives back the text with the digits of the profile's style."""

    def __init__(self, profile, parent=None):
        super().__init__(parent)
        self.profile = profile

    def validate(self, text: str, pos: int):
        return QValidator.State.Acceptable, shown(self.profile, text), pos

    def fixup(self, text: str) -> str:
        return shown(self.profile, text)


def shown(profile, text: str) -> str:
    """``text`` with the digits an input shows in this profile and language (one for one)."""
    return localize_text(text, fmt.digit_style(profile))


def hint(profile, text: str) -> str:
    """A placeholder's digits in the profile's style ("05XXXXXXXX" included)."""
    return localize_digits(text, fmt.digit_style(profile))


class _LanguageFollower(QObject):
    """Shows the box's text again when the language changes (English: Western digits)."""

    def __init__(self, profile, edit: QLineEdit):
        super().__init__(edit)
        self.profile = profile

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LanguageChange and isinstance(watched, QLineEdit):
            refresh(self.profile, watched)
        return False


def follow_profile_digits(profile, *edits: QLineEdit) -> None:
    """Typed digits (ProfileDigits), text set by the program (a stored value, shown again
    when the form opens) and text already there when the language changes all show in the
    profile's digits."""
    for edit in edits:
        edit.setValidator(ProfileDigits(profile, edit))
        edit.textChanged.connect(lambda _text, e=edit: refresh(profile, e))
        edit.installEventFilter(_LanguageFollower(profile, edit))
        refresh(profile, edit)


def search_line(profile, name: str) -> QLineEdit:
    """A page's search box (its clear button, its object name ``name``): a name, an ID, a
    phone or a reference typed in it shows as the forms' fields show it."""
    box = QLineEdit()
    box.setObjectName(name)
    box.setClearButtonEnabled(True)
    follow_profile_digits(profile, box)
    return box


def refresh(profile, *edits: QLineEdit) -> None:
    """Show the text again in the current style (after set_value with signals blocked, or
    after the language changed), the cursor where it was."""
    for edit in edits:
        text = edit.text()
        wanted = shown(profile, text)
        if wanted != text:
            position = edit.cursorPosition()
            edit.setText(wanted)
            edit.setCursorPosition(position)
