"""The annual report for the board: the monthly report's figures over a Hijri (Umm al-Qura) or
a Gregorian year beside the year before, month by month, and the year's breakdowns.

A year's figures are computed as one period by the monthly report's own queries
(``report._Month`` takes any period with ``first_day``, ``next_first_day`` and ``last_day``):
flows (received, decided, delivered, answered, …) count over the year, medians and the
satisfaction index are the year's own, the "at the end" figures are taken on the year's last day
(or now, for the year in progress). Months not yet begun are left out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..domain import permissions
from ..domain import report as rp
from ..domain.dates import GREGORIAN_MAX, GREGORIAN_MIN, gregorian_to_hijri, hijri_to_gregorian
from ..domain.errors import ValidationError
from ..i18n import N_, _, gettext
from .context import AppContext
from .report import _Month, _order, local_zone

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
    "status_at_end": N_("Requests by state at the end of the year"),
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


def annual(
    ctx: AppContext,
    year: int,
    calendar: str = HIJRI,
    branch: str | None = None,
    tz: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> AnnualReport:
    """Every figure of ``year`` beside the year before, and the months of the year so far."""
    ctx.require(permissions.VIEW_REPORTS)
    this, before = year_period(calendar, year), year_period(calendar, year - 1)
    if branch is not None:
        branch = ctx.profile.branch(branch).code
    tz = tz or local_zone()
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=tz)
    today = now.astimezone(tz).date()
    if this.first_day > today:
        raise ValidationError("year", _("The year {year} has not begun").format(year=year))
    cutoff = now if this.first_day <= today <= this.last_day else None
    months = []
    with ctx.reading() as s:
        current = _Month(s, this, branch, tz, cutoff).compute()
        previous = _Month(s, before, branch, tz).compute()
        for m in range(1, 13):
            period = month_period(calendar, year, m)
            if period.first_day > today:
                break
            running = period.first_day <= today <= period.last_day
            got = _Month(s, period, branch, tz, now if running else None).compute()
            months.append(MonthRow(period, {k: got["figures"][k] for k in MONTHLY_COLUMNS}, running))
    figures = tuple(
        rp.Figure(key, kind, current["figures"][key], previous["figures"][key])
        for key, (kind, _title) in rp.FIGURES.items()
    )
    breakdowns = tuple(
        rp.Breakdown(key, dimension, kind, current["breakdowns"][key], previous["breakdowns"][key],
                     _order(ctx, dimension))
        for key, (dimension, kind, _title) in rp.BREAKDOWNS.items()
        if dimension != "employee"  # the year's report is the board's: no one is ranked by name
    )
    return AnnualReport(ctx.profile.id, calendar, this, before, branch, now, figures, breakdowns,
                        tuple(months), cutoff)
