"""The monthly report for the association's board: letterhead, the month (Gregorian with the
Hijri months it spans), the headline figures beside last month's, three charts and every
breakdown as a table.  Arabic right to left by default, English left to right.

Numbers use the association's digits in Arabic (Western in English) and are isolated so they
never flip inside a sentence (``report_values``); a figure that cannot be computed prints as "—".
The letterhead, the running title and the footer are the reports' frame (``report_frame``).
"""

from __future__ import annotations

from decimal import Decimal

from ..domain.profile import AssociationProfile
from ..domain.report import (
    ADDITIVE,
    BREAKDOWN_NOTES,
    BREAKDOWNS,
    DIMENSION_TITLES,
    FIGURES,
    Breakdown,
    MonthlyReport,
    breakdown_title,
    figure_title,
    label,
)
from ..i18n import N_
from . import charts
from .formatter import Formatter
from .page import ACCENT, Composer
from .paper_frame import INK_FLOOR
from .report_frame import FOOTER_HEIGHT, cells, sign_off, start_report
from .report_values import (
    branch_text,
    hijri_months,
    in_progress_note,
    month_name,
    number,
    period_text,
    value_text,
)


def report_pdf(report: MonthlyReport, profile: AssociationProfile, lang: str = "ar") -> bytes:
    """The monthly report as PDF bytes (A4)."""
    f = Formatter(profile, lang)
    # the footer's rule, the board's approval of the policy and a line above the ink floor
    c = Composer(rtl=lang == "ar", bottom=INK_FLOOR + FOOTER_HEIGHT)
    monthly = f.t(N_("Monthly report"))
    start_report(c, f, report, profile, str(report.month),
                 running_title=f"{monthly} – {month_name(report.month, f)}",
                 title=f"{monthly} {report.month}")
    _title(c, report, profile, f)
    _summary(c, report, f)
    _charts(c, report, profile, f)
    _breakdowns(c, report, profile, f)
    sign_off(c, f)
    return c.finish()


def _title(c: Composer, report: MonthlyReport, profile: AssociationProfile, f: Formatter) -> None:
    c.heading(f.t(N_("Monthly report")), size=17)
    period = month_name(report.month, f)
    hijri = hijri_months(report.month, f)
    c.y -= 4
    c.text(f"{period} ({hijri})" if hijri else period, c.y, size=12.5, bold=True, align="center")
    c.y -= 20
    c.text(
        f.t(N_("Branch: {branch}")).format(branch=branch_text(profile, report.branch, f)),
        c.y,
        size=10.5,
        align="start",
    )
    # Hijri beside Gregorian, as the heading's months: the line's own width beside the branch
    c.text(period_text(report.month.first_day, report.month.last_day, f), c.y, size=10.5,
           align="end")
    c.y -= 14
    if report.cutoff is not None:
        c.y -= 4
        c.text(in_progress_note(report, f), c.y, size=10.5, bold=True, color=ACCENT, align="center")
        c.y -= 14


def _summary(c: Composer, report: MonthlyReport, f: Formatter) -> None:
    c.section_title(f.t(N_("Summary")))
    w = c.content_width
    widths = [w * 0.46, w * 0.18, w * 0.18, w * 0.18]
    header = cells(
        c,
        widths,
        [
            f.t(N_("Figure")),
            month_name(report.month, f),
            month_name(report.month.previous(), f),
            f.t(N_("Change")),
        ],
        bold=True,
        shaded=True,
    )
    rows = []
    for key in FIGURES:
        fig = next((x for x in report.figures if x.key == key), None)
        if fig is None:
            continue
        rows.append(
            cells(
                c,
                widths,
                [
                    figure_title(key, f.lang, report.in_progress),
                    value_text(f, fig.kind, fig.current),
                    value_text(f, fig.kind, fig.previous),
                    value_text(f, fig.kind, fig.change, signed=True),
                ],
                shaded=True,
            )
        )
    c.table(header, rows)
    c.y -= 8


def _series_pair(report: MonthlyReport, f: Formatter, b: Breakdown, codes: list[str]):
    cur = [float(b.current.get(code, 0)) for code in codes]
    prev = [float(b.previous.get(code, 0)) for code in codes]
    return [
        charts.Series(month_name(report.month, f), cur, charts.CURRENT),
        charts.Series(month_name(report.month.previous(), f), prev, charts.PREVIOUS),
    ]


def _charts(c: Composer, report: MonthlyReport, profile: AssociationProfile, f: Formatter) -> None:
    counts = lambda v: number(f, round(v))  # noqa: E731
    no_data = f.t(N_("No data for this month or the previous one"))
    by_program = _find(report, "received_by_program")
    c.need(2 * 12 * 1.7 + 190 + 10)
    c.section_title(breakdown_title("received_by_program", f.lang))
    if by_program is not None:
        codes = [code for code, _c, _p in by_program.rows()]
        labels = [label(profile, "program", code, f.lang, report.names) for code in codes]
        charts.column_chart(
            c, labels, _series_pair(report, f, by_program, codes), counts, note=no_data
        )
    else:
        charts.empty_note(c, no_data)

    c.need(2 * 12 * 1.7 + 170 + 10)
    c.section_title(f.t(N_("Satisfaction index, month by month")))
    months = [month_name(p.month, f) for p in report.trend]
    index = [float(p.index) if p.index is not None else None for p in report.trend]
    charts.line_chart(
        c,
        months,
        index,
        lambda v: value_text(f, "percent", Decimal(str(v))),
        lambda v: number(f, round(v)),
        note=f.t(N_("No survey answers in these months")),
    )

    outcomes = _find(report, "decisions_by_outcome")
    codes = [code for code, _c, _p in outcomes.rows()] if outcomes is not None else []
    c.need(2 * 12 * 1.7 + charts.bar_chart_height(len(codes), 2) + 10)
    c.section_title(breakdown_title("decisions_by_outcome", f.lang))
    if outcomes is not None:
        labels = [label(profile, "outcome", code, f.lang) for code in codes]
        charts.bar_chart(c, labels, _series_pair(report, f, outcomes, codes), counts, note=no_data)
    else:
        charts.empty_note(c, no_data)


def _find(report: MonthlyReport, key: str) -> Breakdown | None:
    return next((b for b in report.breakdowns if b.key == key), None)


def _breakdowns(
    c: Composer, report: MonthlyReport, profile: AssociationProfile, f: Formatter
) -> None:
    w = c.content_width
    widths = [w * 0.52, w * 0.24, w * 0.24]
    empty: list[str] = []
    for key in BREAKDOWNS:
        b = _find(report, key)
        if b is None:
            continue
        title = breakdown_title(key, f.lang, report.in_progress)
        if not b.current and not b.previous:
            empty.append(title)
            continue
        header = cells(
            c,
            widths,
            [
                f.t(DIMENSION_TITLES.get(b.dimension, N_("Item"))),
                month_name(report.month, f),
                month_name(report.month.previous(), f),
            ],
            bold=True,
            shaded=True,
        )
        rows = []
        for code, cur, prev in b.rows():
            text = label(profile, b.dimension, code, f.lang, report.names)
            text = f.latin_code(code) if text == code else text
            rows.append(
                cells(
                    c,
                    widths,
                    [text, value_text(f, b.kind, cur), value_text(f, b.kind, prev)],
                    shaded=True,
                )
            )
        if b.kind in ADDITIVE and len(rows) > 1:
            total_cur = sum(b.current.values()) if b.current else 0
            total_prev = sum(b.previous.values()) if b.previous else 0
            rows.append(
                cells(
                    c,
                    widths,
                    [
                        f.t(N_("Total")),
                        value_text(f, b.kind, total_cur),
                        value_text(f, b.kind, total_prev),
                    ],
                    bold=True,
                    shaded=True,
                )
            )
        c.need(12 * 1.7 + 2 + c.row_height(header) + c.row_height(rows[0]) + 4)
        c.section_title(title)
        c.table(header, rows)
        if key in BREAKDOWN_NOTES:  # what the table counts, where another counts alike words
            c.y -= 2
            c.paragraph(f.t(BREAKDOWN_NOTES[key]), size=9)
        c.y -= 8
    if empty:
        c.need(40)
        c.y -= 4
        joiner = "، " if f.lang == "ar" else ", "
        c.paragraph(
            f.t(N_("No data this month or last month: {titles}.")).format(
                titles=joiner.join(empty)
            ),
            size=10,
        )
