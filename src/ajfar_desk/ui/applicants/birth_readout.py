"""The line under a typed birth date saying how it reads, in both calendars («يُقرأ: ١/٧/١٤١٠ هـ
(...)»), or why it does not: the registration form's and the household member's alike."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QLabel

from ...domain.errors import ValidationError
from ...i18n import _
from ..common import fmt

READ_COLOR, PROBLEM_COLOR = "#1b5e20", "#6b6b6b"


def birth_readout() -> QLabel:
    label = QLabel()
    label.setObjectName("birthPreview")
    label.setWordWrap(True)
    return label


def show_reading(label: QLabel, profile, typed: str, read: Callable[[str], dt.date],
                 approx: bool = False) -> None:
    """``typed`` as ``read`` reads it, shown in ``label``: the date in both calendars, the
    reason it is not a date, or nothing while nothing is typed."""
    if not typed.strip():
        label.clear()
        return
    try:
        day = read(typed)
    except ValidationError as exc:
        label.setStyleSheet(f"color: {PROBLEM_COLOR};")
        label.setText(exc.message)
        return
    label.setStyleSheet(f"color: {READ_COLOR};")
    label.setText(_("Reads as: {date}").format(date=fmt.birth(profile, day, approx)))
