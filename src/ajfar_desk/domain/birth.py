"""A birth date exact or approximate: "born about 1980", a year only, for the many who know no
day (an elderly applicant, a walk-in who gives his age).

An approximate birth is stored as 1 July of its Gregorian year (mid-year: an age read from it is
at most half a year out), or 1 January when 1 July is still to come this year; it is shown as the
year alone, «حوالي ١٩٨٠», and compared as the year (``approx_days``).
"""

from __future__ import annotations

import re
from datetime import date

from ..i18n import N_, gettext
from .dates import (
    _MARKER,
    HIJRI_YEAR_LIMIT,
    format_both,
    hijri_to_gregorian,
    parse_date,
)
from .digits import localize_digits, normalize_digits
from .errors import ValidationError
from .text import isolate, strip_bidi_controls

APPROX_MONTH, APPROX_DAY = 7, 1
ABOUT = N_("about {year}")


def approx_date(year: int, today: date | None = None) -> date:
    """The date an approximate birth in ``year`` holds."""
    mid = date(year, APPROX_MONTH, APPROX_DAY)
    return mid if mid <= (today or date.today()) else date(year, 1, 1)


def approx_days(year: int) -> tuple[date, date]:
    """Every date an approximate birth in ``year`` may hold (for comparing as the year)."""
    return date(year, 1, 1), date(year, APPROX_MONTH, APPROX_DAY)


def parse_birth(text: str | None, calendar: str = "auto", approx: bool = False,
                field: str = "birth_date", today: date | None = None) -> date:
    """The birth date as stored: an exact date as ``parse_date`` reads it; approximate, a year
    ("1980", «١٤٠٠ هـ»: a Hijri year is the Gregorian year of its middle) or a date whose year
    is kept."""
    if not approx:
        return parse_date(text, calendar, field, allow_future=False, today=today)
    today = today or date.today()
    cleaned, marker, year_text = _typed_year(text)
    if not _is_year(year_text):
        if not cleaned:
            raise ValidationError(field, gettext("Date is required"))
        if len(year_text) < 6:  # not a day/month/year either
            raise ValidationError(field, gettext("Write the year with 4 digits, e.g. 1980 or 1400"))
        return approx_date(parse_date(text, calendar, field, allow_future=False, today=today).year,
                           today)
    year = int(year_text)
    hijri = (marker is not None and marker["hijri"] is not None) or calendar == "hijri" or (
        calendar == "auto" and not (marker and marker["greg"] is not None) and year < HIJRI_YEAR_LIMIT)
    if hijri:
        year = hijri_to_gregorian(year, APPROX_MONTH, APPROX_DAY, field).year
    if not 1900 <= year:
        raise ValidationError(field, gettext("The year is not valid"))
    if year > today.year:
        raise ValidationError(field, gettext("The date cannot be in the future"))
    return approx_date(year, today)


def year_only(text: str | None) -> bool:
    """Whether a typed birth is a year alone ("1980", «١٤٠٠ هـ»): an approximate birth, as a
    spreadsheet carries one (``cell_text``)."""
    if not text or len(text) > 12:  # a whole date (the import asks of every row: kept cheap)
        return False
    return _is_year(_typed_year(text)[2])


def _typed_year(text: str | None) -> tuple[str, re.Match[str] | None, str]:
    """(the text cleaned, its calendar marker «هـ»/«م» or None, the text before the marker)."""
    cleaned = strip_bidi_controls(normalize_digits(text or "")).strip()
    marker = _MARKER.search(cleaned)
    return cleaned, marker, (cleaned[: marker.start()] if marker else cleaned).strip()


def _is_year(text: str) -> bool:
    return len(text) == 4 and text.isascii() and text.isdigit()


def cell_text(d: date, approx: bool) -> str:
    """A birth in a spreadsheet cell: the ISO date, or the year alone when approximate (read
    back as approximate: ``year_only``)."""
    return str(d.year) if approx else d.isoformat()


def birth_text(d: date | None, approx: bool, lang: str = "ar", digits: str = "western") -> str:
    """A birth date as people read it: «حوالي ١٩٨٠» when approximate, else Hijri beside
    Gregorian (``dates.format_both``)."""
    if d is None:
        return ""
    if approx:
        return gettext(ABOUT, lang).format(year=isolate(localize_digits(str(d.year), digits)))
    return format_both(d, lang, digits)
