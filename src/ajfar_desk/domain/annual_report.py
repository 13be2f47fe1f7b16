"""The annual report's periods and shapes: a month or a year of either calendar, the rows of the
month-by-month table, the report itself and the titles its year-end figures take.  Pure: the
figures are computed by ``services.reports.annual_report``; printing reads these shapes from here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..i18n import N_, _, gettext
from . import report as rp
from .dates import GREGORIAN_MAX, GREGORIAN_MIN, gregorian_to_hijri, hijri_to_gregorian
from .errors import ValidationError

HIJRI, GREGORIAN = "hijri", "gregorian"
CALENDARS = (HIJRI, GREGORIAN)
# The figures of the month-by-month table, in its order.
MONTHLY_COLUMNS = ("requests_received", "requests_submitted", "decisions", "services_delivered",
                   "amount_delivered", "enquiries_received", "complaints_opened", "satisfaction_index")
# "At the end of the month" figures read "at the end of the year" here.
YEAR_END_TITLES = {
    "open_at_end": N_("Requests open at the end of the year"),
    "overdue_at_end": N_("Requests overdue at the end of the year"),
    "complaints_open_at_end": N_("Complaints open at the end of the year"),
    "complaints_overdue_at_end": N_("Complaints past their deadline at the end of the year"),
}
YEAR_BREAKDOWN_TITLES = {
    "status_at_end": N_("Requests by their last state at the end of the year (each request once)"),
}
YEAR_TO_DATE_TITLES = {
    "open_at_end": N_("Requests open to date"),
    "overdue_at_end": N_("Requests overdue to date"),
    "complaints_open_at_end": N_("Complaints open to date"),
    "complaints_overdue_at_end": N_("Complaints past their deadline to date"),
}


@dataclass(frozen=True)
class Period:
    """Days ``first_day`` to ``next_first_day`` (excluded): a month or a year of either calendar."""

    calendar: str
    year: int
    month: int | None  # None: the whole year
    first_day: dt.date
    next_first_day: dt.date

    @property
    def last_day(self) -> dt.date:
        return self.next_first_day - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}" if self.month is None else f"{self.year}-{self.month:02d}"


@dataclass(frozen=True)
class MonthRow:
    period: Period
    figures: dict[str, rp.Number | None]
    in_progress: bool


@dataclass(frozen=True)
class AnnualReport:
    association: str
    calendar: str
    year: Period
    previous: Period
    branch: str | None
    generated_at: dt.datetime
    figures: tuple[rp.Figure, ...]
    breakdowns: tuple[rp.Breakdown, ...]
    months: tuple[MonthRow, ...]
    cutoff: dt.datetime | None = None  # the year is in progress: its end figures are to date

    @property
    def in_progress(self) -> bool:
        return self.cutoff is not None

    def figure(self, key: str) -> rp.Figure:
        return next(f for f in self.figures if f.key == key)

    def breakdown(self, key: str) -> rp.Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


def year_title(key: str, lang: str | None, to_date: bool = False) -> str:
    """A figure's title in the year's report ("… at the end of the year", or "… to date")."""
    titles = YEAR_TO_DATE_TITLES if to_date else YEAR_END_TITLES
    return gettext(titles[key], lang) if key in titles else rp.figure_title(key, lang)


def year_breakdown_title(key: str, lang: str | None, to_date: bool = False) -> str:
    if key in YEAR_BREAKDOWN_TITLES:
        return rp.breakdown_title(key, lang, True) if to_date else gettext(YEAR_BREAKDOWN_TITLES[key], lang)
    return rp.breakdown_title(key, lang)


def month_period(calendar: str, year: int, month: int) -> Period:
    if calendar == GREGORIAN:
        ym = rp.YearMonth(year, month)
        return Period(calendar, year, month, ym.first_day, ym.next_first_day)
    following = (year, month + 1) if month < 12 else (year + 1, 1)
    return Period(calendar, year, month, hijri_to_gregorian(year, month, 1, field="year"),
                  hijri_to_gregorian(*following, 1, field="year"))


def year_period(calendar: str, year: int) -> Period:
    """The whole ``year`` of ``calendar``; a year the calendars cannot convert is refused."""
    if calendar not in CALENDARS:
        raise ValidationError("calendar", _("Choose the Hijri or the Gregorian calendar"))
    if calendar == GREGORIAN:
        if not GREGORIAN_MIN.year < year < GREGORIAN_MAX.year:
            raise ValidationError("year", _("Give a year from {low} to {high}").format(
                low=GREGORIAN_MIN.year + 1, high=GREGORIAN_MAX.year - 1))
        return Period(calendar, year, None, dt.date(year, 1, 1), dt.date(year + 1, 1, 1))
    low, high = gregorian_to_hijri(GREGORIAN_MIN)[0] + 1, gregorian_to_hijri(GREGORIAN_MAX)[0] - 1
    if not low <= year <= high:
        raise ValidationError("year", _("Give a Hijri year from {low} to {high}").format(low=low, high=high))
    return Period(calendar, year, None, hijri_to_gregorian(year, 1, 1, field="year"),
                  hijri_to_gregorian(year + 1, 1, 1, field="year"))


def current_year(calendar: str, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    return gregorian_to_hijri(today)[0] if calendar == HIJRI else today.year
