"""The annual report as PDF: the letterhead, the year's figures beside the year before, the
months of the year side by side, the year's breakdowns, and the board's approval of the policy
in every page's footer. Arabic right to left, English left to right."""

from __future__ import annotations

from ..domain.annual_report import (
    GREGORIAN,
    MONTHLY_COLUMNS,
    AnnualReport,
    Period,
    year_breakdown_title,
    year_title,
)
from ..domain.dates import HIJRI_MONTHS_AR, HIJRI_MONTHS_EN, format_date
from ..domain.profile import AssociationProfile
from ..domain.report import DIMENSION_TITLES, FIGURES, YearMonth, label
from ..domain.text import isolate
from ..i18n import N_
from .formatter import Formatter
from .page import ACCENT, Composer
from .paper_frame import INK_FLOOR
from .report_frame import FOOTER_HEIGHT, cells, sign_off, start_report
from .report_values import branch_text, month_name, value_text

SHORT = {  # the month-by-month table's column heads
    "requests_received": N_("Received"),
    "requests_submitted": N_("Submitted"),
    "decisions": N_("Decisions"),
    "services_delivered": N_("Delivered"),
    "amount_delivered": N_("Amount"),
    "enquiries_received": N_("Enquiries"),
    "complaints_opened": N_("Complaints"),
    "satisfaction_index": N_("Satisfaction"),
}


def year_name(period: Period, f: Formatter) -> str:
    if period.calendar == GREGORIAN:
        return f.t(N_("Year {year}")).format(year=isolate(f.num(period.year)))
    return f.t(N_("Hijri year {year}")).format(year=isolate(f.num(period.year)))


def period_month_name(period: Period, f: Formatter) -> str:
    assert period.month is not None  # a month's row: a month_period, never the whole year
    if period.calendar == GREGORIAN:
        return month_name(YearMonth(period.year, period.month), f)
    names = HIJRI_MONTHS_AR if f.lang == "ar" else HIJRI_MONTHS_EN
    return names[period.month - 1]


def annual_pdf(report: AnnualReport, profile: AssociationProfile, lang: str = "ar") -> bytes:
    f = Formatter(profile, lang)
    c = Composer(rtl=lang == "ar", bottom=INK_FLOOR + FOOTER_HEIGHT)
    title = f.t(N_("Annual report – {year}")).format(year=year_name(report.year, f))
    start_report(c, f, report, profile, f"Y{report.year}", running_title=title, title=title)
    _title(c, report, profile, f)
    _summary(c, report, f)
    _months(c, report, f)
    _breakdowns(c, report, profile, f)
    sign_off(c, f)
    return c.finish()


def _title(c: Composer, report: AnnualReport, profile: AssociationProfile, f: Formatter) -> None:
    c.heading(f.t(N_("Annual report for the board")), size=17)
    c.y -= 4
    c.text(year_name(report.year, f), c.y, size=12.5, bold=True, align="center")
    c.y -= 20
    c.text(f.t(N_("Branch: {branch}")).format(branch=branch_text(profile, report.branch, f)), c.y,
           size=10.5, align="start")
    c.text(f.t(N_("Period: {start} to {end}")).format(
        start=isolate(format_date(report.year.first_day, f.lang, f.digits)),
        end=isolate(format_date(report.year.last_day, f.lang, f.digits))), c.y, size=10.5, align="end")
    c.y -= 14
    if report.cutoff is not None:
        moment = report.cutoff.astimezone()
        c.y -= 4
        c.text(f.t(N_("Year in progress: figures to date, as of {date}")).format(
            date=isolate(format_date(moment.date(), f.lang, f.digits))), c.y, size=10.5, bold=True,
            color=ACCENT, align="center")
        c.y -= 14


def _summary(c: Composer, report: AnnualReport, f: Formatter) -> None:
    c.section_title(f.t(N_("The year's figures")))
    w = c.content_width
    widths = [w * 0.46, w * 0.18, w * 0.18, w * 0.18]
    header = cells(c, widths, [f.t(N_("Figure")), year_name(report.year, f), year_name(report.previous, f),
                               f.t(N_("Change"))], bold=True, shaded=True)
    rows = []
    for key in FIGURES:
        fig = report.figure(key)
        rows.append(cells(c, widths, [
            year_title(key, f.lang, report.in_progress), value_text(f, fig.kind, fig.current),
            value_text(f, fig.kind, fig.previous), value_text(f, fig.kind, fig.change, signed=True),
        ], shaded=True))
    c.table(header, rows)
    c.y -= 8


def _months(c: Composer, report: AnnualReport, f: Formatter) -> None:
    if not report.months:
        return
    w = c.content_width
    first = w * 0.16
    widths = [first] + [(w - first) / len(MONTHLY_COLUMNS)] * len(MONTHLY_COLUMNS)
    header = cells(c, widths, [f.t(N_("Month"))] + [f.t(SHORT[k]) for k in MONTHLY_COLUMNS],
                   bold=True, shaded=True)
    rows = []
    for row in report.months:
        name = period_month_name(row.period, f) + (" *" if row.in_progress else "")
        rows.append(cells(c, widths, [name] + [value_text(f, FIGURES[k][0], row.figures[k])
                                               for k in MONTHLY_COLUMNS], shaded=True))
    c.need(12 * 1.7 + 2 + c.row_height(header) + c.row_height(rows[0]) + 4)
    c.section_title(f.t(N_("Month by month")))
    c.table(header, rows)
    if any(r.in_progress for r in report.months):
        c.y -= 2
        c.paragraph("* " + f.t(N_("Month in progress: figures to date")), size=9)
    c.y -= 8


def _breakdowns(c: Composer, report: AnnualReport, profile: AssociationProfile, f: Formatter) -> None:
    w = c.content_width
    widths = [w * 0.52, w * 0.24, w * 0.24]
    for b in report.breakdowns:
        if not b.current and not b.previous:
            continue
        header = cells(c, widths, [f.t(DIMENSION_TITLES.get(b.dimension, N_("Item"))),
                                   year_name(report.year, f), year_name(report.previous, f)],
                       bold=True, shaded=True)
        rows = []
        for code, cur, prev in b.rows():
            text = label(profile, b.dimension, code, f.lang)
            text = f.latin_code(code) if text == code else text
            rows.append(cells(c, widths, [text, value_text(f, b.kind, cur), value_text(f, b.kind, prev)],
                              shaded=True))
        if b.kind in ("count", "money") and len(rows) > 1:
            rows.append(cells(c, widths, [f.t(N_("Total")), value_text(f, b.kind, sum(b.current.values())),
                                          value_text(f, b.kind, sum(b.previous.values()))],
                              bold=True, shaded=True))
        c.need(12 * 1.7 + 2 + c.row_height(header) + c.row_height(rows[0]) + 4)
        c.section_title(year_breakdown_title(b.key, f.lang, report.in_progress))
        c.table(header, rows)
        c.y -= 8
