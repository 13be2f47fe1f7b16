"""The line under a typed date saying how it reads, in both calendars («يُقرأ: ١/٧/١٤١٠ هـ
(...)»), or why it does not, naming the field («تاريخ الانتهاء: اكتب التاريخ …»): the
registration form's and the household member's birth dates, a document's issue and expiry dates.
What was typed stays as it was: the line only says how the program reads it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ...domain.digits import localize_digits
from ...domain.errors import ValidationError
from ...i18n import _
from ..common import fmt

READ_COLOR, PROBLEM_COLOR = "#1b5e20", "#6b6b6b"


def birth_readout(name: str = "birthPreview", lines: int = 0) -> QLabel:
    """The readout line (``name``: its object name, one per date field of a dialog), ``lines``
    lines tall even while empty: a small dialog does not grow as the first digit is typed."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignTop)
    if lines:  # measured on Arabic and digits: the fallback font's lines are the taller
        label.setText("\n".join(["يُقرأ: ١/٧/١٤٤٥ هـ (13/01/2024)"] * lines))
        label.setMinimumHeight(label.sizeHint().height())
        label.clear()
    return label


def show_reading(label: QLabel, profile, typed: str, read: Callable[[str], dt.date],
                 approx: bool = False, field: str = "") -> None:
    """``typed`` as ``read`` reads it, shown in ``label``: the date in both calendars, the
    reason it is not a date (after ``field``, the field's label msgid, when given), or nothing
    while nothing is typed."""
    if not typed.strip():
        label.clear()
        return
    try:
        day = read(typed)
    except ValidationError as exc:
        label.setStyleSheet(f"color: {PROBLEM_COLOR};")
        problem = _("{field}: {problem}").format(field=_(field), problem=exc.message) if field else exc.message
        label.setText(localize_digits(problem, fmt.digit_style(profile)))  # its example as typed here
        return
    label.setStyleSheet(f"color: {READ_COLOR};")
    label.setText(_("Reads as: {date}").format(date=fmt.birth(profile, day, approx)))
