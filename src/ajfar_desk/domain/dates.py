"""Dates in the Gregorian and Hijri (Umm al-Qura, via ``hijridate``) calendars.

Dates are stored as Gregorian ``datetime.date``.  Umm al-Qura conversion is only defined for
1343-01-01 .. 1500-12-30 AH (1924-08-01 .. 2077-11-16); outside it conversion raises
ValidationError.
"""

from __future__ import annotations

import calendar as _calendar
import re
from datetime import date

from babel.dates import get_month_names
from hijridate import Gregorian, Hijri
from hijridate.ummalqura import GREGORIAN_RANGE, HIJRI_RANGE

from ..i18n import _
from .digits import localize_digits, normalize_digits
from .errors import FieldErrors, ValidationError
from .text import isolate, strip_bidi_controls

HIJRI_MIN_YEAR, HIJRI_MAX_YEAR = HIJRI_RANGE[0][0], HIJRI_RANGE[1][0]
GREGORIAN_MIN, GREGORIAN_MAX = date(*GREGORIAN_RANGE[0]), date(*GREGORIAN_RANGE[1])
HIJRI_YEAR_LIMIT = 1600  # without a marker, a year below this is read as Hijri
CALENDARS = ("auto", "hijri", "gregorian")

HIJRI_MONTHS_AR = (
    "محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة",
    "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة",
)  # fmt: skip
HIJRI_MONTHS_EN = (
    "Muharram", "Safar", "Rabi al-Awwal", "Rabi al-Akhir", "Jumada al-Ula", "Jumada al-Akhirah",
    "Rajab", "Shaban", "Ramadan", "Shawwal", "Dhu al-Qadah", "Dhu al-Hijjah",
)  # fmt: skip
_HIJRI_MARK = {"ar": "هـ", "en": "AH"}

# A trailing "هـ" / "ه" / "AH" marks Hijri; a trailing "م" marks Gregorian.
_MARKER = re.compile(r"\s*(?:(?P<hijri>هـ*|ah)|(?P<greg>م))\.?\s*$", re.IGNORECASE)
_PARTS = re.compile(r"[/\-.\s]+")


def _hijri(y: int, m: int, d: int, field: str) -> Hijri:
    if not HIJRI_MIN_YEAR <= y <= HIJRI_MAX_YEAR:
        raise ValidationError(
            field,
            _("Hijri year must be between {min} and {max}").format(
                min=HIJRI_MIN_YEAR, max=HIJRI_MAX_YEAR
            ),
        )
    if not 1 <= m <= 12:
        raise ValidationError(field, _("Month must be between 1 and 12"))
    length = Hijri(y, m, 1).month_length()
    if not 1 <= d <= length:
        raise ValidationError(
            field, _("Day must be between 1 and {days} in this month").format(days=length)
        )
    return Hijri(y, m, d)


def hijri_to_gregorian(y: int, m: int, d: int, field: str = "birth_date") -> date:
    """Umm al-Qura Hijri date -> Gregorian; ValidationError for unsupported years or bad days."""
    g = _hijri(y, m, d, field).to_gregorian()
    return date(g.year, g.month, g.day)


def gregorian_to_hijri(d: date, field: str = "birth_date") -> tuple[int, int, int]:
    """Gregorian date -> (Hijri year, month, day); ValidationError outside 1924-08-01..2077-11-16."""
    if not GREGORIAN_MIN <= d <= GREGORIAN_MAX:
        raise ValidationError(
            field,
            _("Hijri dates are only available between {min} and {max}").format(
                min=format_date(GREGORIAN_MIN), max=format_date(GREGORIAN_MAX)
            ),
        )
    return Gregorian(d.year, d.month, d.day).to_hijri().datetuple()


def in_both_calendars(d: date, field: str, digits: str = "western") -> date:
    """``d`` when it has a Hijri date beside its Gregorian one (1924-08-01..2077-11-16, the
    Umm al-Qura tables' range): a day booked or recorded for later is shown and printed in both
    calendars.  Else ValidationError naming the range, in ``digits``."""
    if GREGORIAN_MIN <= d <= GREGORIAN_MAX:
        return d
    raise ValidationError(field, _(
        "Choose a day between {min} and {max}: only these days have both a Hijri and a "
        "Gregorian date").format(min=format_date(GREGORIAN_MIN, digits=digits),
                                 max=format_date(GREGORIAN_MAX, digits=digits)))


def _gregorian(y: int, m: int, d: int, field: str) -> date:
    if not 1 <= y <= 9999:
        raise ValidationError(field, _("The year is not valid"))
    if not 1 <= m <= 12:
        raise ValidationError(field, _("Month must be between 1 and 12"))
    length = _calendar.monthrange(y, m)[1]
    if not 1 <= d <= length:
        raise ValidationError(
            field, _("Day must be between 1 and {days} in this month").format(days=length)
        )
    return date(y, m, d)


def day_or_today(errors: FieldErrors, field: str, text: str | None, today: date) -> date:
    """The day typed in ``field`` (a past or present one), ``today`` when nothing was typed.
    A wrong one is added to ``errors`` and ``today`` stands in until they are raised."""
    if not (text or "").strip():
        return today
    day = errors.check(field, lambda: parse_date(text, field=field, allow_future=False, today=today))
    return day or today


def parse_date(
    text: str | None,
    calendar: str = "auto",
    field: str = "birth_date",
    *,
    allow_future: bool = True,
    today: date | None = None,
) -> date:
    """Read a typed date in any digit script as a Gregorian ``date``.

    Formats: D/M/YYYY, YYYY/M/D, ISO YYYY-MM-DD; separators ``/ - .`` or spaces.  A trailing
    "هـ"/"ه"/"AH" or ``calendar="hijri"`` means Hijri; ``calendar="gregorian"`` forces Gregorian
    (a trailing "م" also marks Gregorian).  In "auto" mode a year below 1600 is Hijri.
    ``today`` is for tests; it defaults to ``date.today()``.
    """
    if calendar not in CALENDARS:
        raise ValueError(f"unknown calendar {calendar!r}; choose one of {', '.join(CALENDARS)}")
    cleaned = strip_bidi_controls(normalize_digits(text or "")).strip()
    if not cleaned:
        raise ValidationError(field, _("Date is required"))
    marker = _MARKER.search(cleaned)
    if marker:
        cleaned = cleaned[: marker.start()]
        if marker["hijri"] is not None and calendar == "gregorian":
            raise ValidationError(field, _("Enter a Gregorian date here, not a Hijri one"))
        if marker["greg"] is not None and calendar == "hijri":
            raise ValidationError(field, _("Enter a Hijri date here, not a Gregorian one"))
    parts = [p for p in _PARTS.split(cleaned) if p]
    if len(parts) != 3 or not all(p.isascii() and p.isdigit() for p in parts):
        raise ValidationError(field, _("Write the date as day/month/year, e.g. 13/10/2024"))
    if len(parts[0]) == 4:
        (y, m, d), others = (int(p) for p in parts), parts[1:]
    elif len(parts[2]) == 4:
        (d, m, y), others = (int(p) for p in parts), parts[:2]
    else:
        raise ValidationError(
            field, _("Write the year with 4 digits, e.g. 13/10/2024 or 10/4/1446")
        )
    if any(len(p) > 2 for p in others):
        raise ValidationError(field, _("Write the date as day/month/year, e.g. 13/10/2024"))

    if (marker and marker["hijri"] is not None) or calendar == "hijri":
        is_hijri = True
    elif (marker and marker["greg"] is not None) or calendar == "gregorian":
        is_hijri = False
    else:
        is_hijri = y < HIJRI_YEAR_LIMIT
    result = hijri_to_gregorian(y, m, d, field) if is_hijri else _gregorian(y, m, d, field)

    if not allow_future and result > (today or date.today()):
        raise ValidationError(field, _("The date cannot be in the future"))
    return result


def age_on(birth: date, on: date) -> int:
    """Completed years between ``birth`` and ``on`` (a 29 February birthday counts on 1 March)."""
    if on < birth:
        raise ValueError(f"{on} is before the birth date {birth}")
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _lang(lang: str) -> str:
    return "ar" if lang == "ar" else "en"


def format_date(d: date, lang: str = "ar", digits: str = "western") -> str:
    """Gregorian DD/MM/YYYY, e.g. "13/10/2024" (same order in both languages)."""
    return localize_digits(f"{d.day:02}/{d.month:02}/{d.year:04}", digits)


def format_hijri(d: date, lang: str = "ar", digits: str = "western") -> str:
    """Hijri DD/MM/YYYY with its era mark: "10/04/1446 هـ" (ar) or "10/04/1446 AH" (en)."""
    y, m, day = gregorian_to_hijri(d, field="date")
    return localize_digits(f"{day:02}/{m:02}/{y:04} {_HIJRI_MARK[_lang(lang)]}", digits)


def format_both(d: date, lang: str = "ar", digits: str = "western") -> str:
    """Hijri beside Gregorian, each fragment isolated: "⁨10/04/1446 هـ⁩ (⁨13/10/2024⁩)".

    Outside the Umm al-Qura range only the (isolated) Gregorian date is given.
    """
    greg = isolate(format_date(d, lang, digits))
    if not GREGORIAN_MIN <= d <= GREGORIAN_MAX:
        return greg
    return f"{isolate(format_hijri(d, lang, digits))} ({greg})"


def format_long(d: date, lang: str = "ar", digits: str = "western") -> str:
    """Gregorian with the month name from babel: "13 أكتوبر 2024" / "13 October 2024"."""
    month = get_month_names("wide", locale=_lang(lang))[d.month]
    return localize_digits(f"{d.day} {month} {d.year}", digits)


def format_hijri_long(d: date, lang: str = "ar", digits: str = "western") -> str:
    """Hijri with the month name: "10 ربيع الآخر 1446 هـ" / "10 Rabi al-Akhir 1446 AH"."""
    y, m, day = gregorian_to_hijri(d, field="date")
    lang = _lang(lang)
    month = (HIJRI_MONTHS_AR if lang == "ar" else HIJRI_MONTHS_EN)[m - 1]
    return localize_digits(f"{day} {month} {y} {_HIJRI_MARK[lang]}", digits)
