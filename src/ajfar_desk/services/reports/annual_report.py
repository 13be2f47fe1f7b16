"""The annual report for the board: the monthly report's figures over a Hijri (Umm al-Qura) or
a Gregorian year beside the year before, month by month, and the year's breakdowns.

A year's figures are computed as one period by the monthly report's own queries
(``report._Month`` takes any period with ``first_day``, ``next_first_day`` and ``last_day``):
flows (received, decided, delivered, answered, …) count over the year, medians and the
satisfaction index are the year's own, the "at the end" figures are taken on the year's last day
(or now, for the year in progress). Months not yet begun are left out."""

from __future__ import annotations

import datetime as dt

from ...domain import permissions
from ...domain import report as rp
from ...domain.annual_report import (  # the report's shapes and periods
    HIJRI,
    MONTHLY_COLUMNS,
    AnnualReport,
    MonthRow,
    month_period,
    year_period,
)
from ...domain.errors import ValidationError
from ...i18n import _
from ..store.context import AppContext
from .report import _Month, _order, report_scope


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
    branch, tz, now = report_scope(ctx, branch, tz, now)
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
