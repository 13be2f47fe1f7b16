"""A report's figures and periods as printed: numbers in the association's digits (Western in
English), money with its unit, percents with their sign on the correct side, the month with the
Hijri months it spans, the branch.  Each is isolated so it never flips inside a sentence; a figure
that cannot be computed prints as "—".  The monthly and the annual report print through these."""

from __future__ import annotations

import datetime as dt

from babel.dates import get_month_names

from ..domain.dates import (
    _HIJRI_MARK,
    GREGORIAN_MAX,
    GREGORIAN_MIN,
    HIJRI_MONTHS_AR,
    HIJRI_MONTHS_EN,
    format_both,
    gregorian_to_hijri,
)
from ..domain.money import format_money, format_number
from ..domain.profile import AssociationProfile
from ..domain.report import IN_PROGRESS_NOTE, Kind, MonthlyReport, Number, YearMonth
from ..domain.text import PDI, isolate
from ..i18n import N_
from .formatter import Formatter

RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE: "٨٤٫٠٪" keeps its percent sign on the left
DASH = "—"
_PLACES = {"count": 0, "days": 1, "money": 2, "percent": 1}


def number(f: Formatter, value: Number, places: int = 0, signed: bool = False) -> str:
    """``value`` grouped, with ``places`` decimals, in the formatter's digits, not yet
    isolated. ``signed`` adds "+" or "−" (nothing for zero)."""
    return format_number(value, f.lang, f.digits, places, signed=signed)


def value_text(f: Formatter, kind: Kind, value: Number | None, signed: bool = False) -> str:
    """A figure as printed: count "1٬250", days "12٫5", money "1٬500 ريال", percent "٨٤٫٠٪";
    a change (``signed``) of a percent is in points. ``None`` prints as "—"."""
    if value is None:
        return DASH
    if kind == "money":  # «٣٦٬٢٥٠٫٥٠ ريال», or whole riyals by the association's choice
        return format_money(value, f.lang, f.digits, f.profile.money_decimals, signed=signed)
    text = number(f, value, _PLACES[kind], signed)
    if kind == "percent":
        if signed:
            return f.t(N_("{value} pts")).format(value=isolate(text))
        if f.digits == "arabic":
            return RLI + text + "\u066a" + PDI
        return isolate(text + "%")
    return isolate(text)


def month_name(month: YearMonth, f: Formatter) -> str:
    """The month and year: «أكتوبر ٢٠٢٦» / "October 2026"."""
    name = get_month_names("wide", locale="ar" if f.lang == "ar" else "en")[month.month]
    return f"{name} {isolate(f.num(month.year))}"


def hijri_months(month: YearMonth, f: Formatter) -> str:
    """The Umm al-Qura months a Gregorian month spans: "ربيع الآخر – جمادى الأولى ١٤٤٨ هـ";
    empty outside the calendar's range."""
    if month.first_day < GREGORIAN_MIN or month.last_day > GREGORIAN_MAX:
        return ""
    spans: list[tuple[int, int]] = []
    day = month.first_day
    while day <= month.last_day:
        y, m, _d = gregorian_to_hijri(day, field="month")
        if (y, m) not in spans:
            spans.append((y, m))
        day += dt.timedelta(days=1)
    names = HIJRI_MONTHS_AR if f.lang == "ar" else HIJRI_MONTHS_EN
    parts = []
    for i, (y, m) in enumerate(spans):
        last_of_year = i == len(spans) - 1 or spans[i + 1][0] != y
        parts.append(f"{names[m - 1]} {isolate(f.num(y))}" if last_of_year else names[m - 1])
    mark = _HIJRI_MARK["ar" if f.lang == "ar" else "en"]
    return " – ".join(parts) + f" {mark}"


def day_text(day: dt.date, f: Formatter) -> str:
    """A date on a report's line: Hijri beside Gregorian, as the window shows dates
    ("⁨27/06/1448 هـ⁩ (⁨07/12/2026⁩)"), each isolated; Gregorian alone outside Umm al-Qura."""
    return format_both(day, f.lang, f.digits)


def period_text(first: dt.date, last: dt.date, f: Formatter) -> str:
    """"Period: <first> to <last>", each day in both calendars."""
    return f.t(N_("Period: {start} to {end}")).format(start=day_text(first, f), end=day_text(last, f))


def in_progress_note(report: MonthlyReport, f: Formatter) -> str:
    """"Month in progress: figures to date, as of <date> at <time>" (local time)."""
    assert report.cutoff is not None
    moment = report.cutoff.astimezone()  # local time, as the footer
    return f.t(IN_PROGRESS_NOTE).format(
        date=day_text(moment.date(), f),
        time=isolate(f.num(moment.strftime("%H:%M"))),
    )


def branch_text(profile: AssociationProfile, code: str | None, f: Formatter) -> str:
    if code is None:
        return f.t(N_("All branches"))
    return next((b.name(f.lang) for b in profile.branches if b.code == code), f.latin_code(code))
