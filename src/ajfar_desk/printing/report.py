"""The monthly report for the association's board: letterhead, the month (Gregorian with the
Hijri months it spans), the headline figures beside last month's, three charts and every
breakdown as a table.  Arabic right to left by default, English left to right.

Numbers use the association's digits in Arabic (Western in English) and are isolated so they
never flip inside a sentence; a figure that cannot be computed prints as "—".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import get_month_names
from reportlab.lib.colors import Color

from ..domain.dates import (
    _HIJRI_MARK,
    GREGORIAN_MAX,
    GREGORIAN_MIN,
    HIJRI_MONTHS_AR,
    HIJRI_MONTHS_EN,
    format_date,
    gregorian_to_hijri,
)
from ..domain.money import format_money, format_number
from ..domain.profile import AssociationProfile
from ..domain.profile_policy import approval_line
from ..domain.report import (
    BREAKDOWNS,
    DIMENSION_TITLES,
    FIGURES,
    IN_PROGRESS_NOTE,
    Breakdown,
    Kind,
    MonthlyReport,
    Number,
    YearMonth,
    breakdown_title,
    figure_title,
    label,
)
from ..domain.text import PDI, isolate
from ..i18n import N_
from . import charts
from .formatter import Formatter
from .page import ACCENT, RULE, Composer
from .paper_frame import INK_FLOOR
from .papers import _letterhead  # the papers' letterhead (private there; see the report)

RLI = "\u2067"  # RIGHT-TO-LEFT ISOLATE: "٨٤٫٠٪" keeps its percent sign on the left
DASH = "—"
TABLE_SIZE = 9.5
GREY = Color(0.3, 0.3, 0.3)
_PLACES = {"count": 0, "days": 1, "money": 2, "percent": 1}
FOOTER_HEIGHT = 46  # above the ink floor: the rule, the approval line, the made-on line


# -- numbers --------------------------------------------------------------------------------
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


# -- the document ---------------------------------------------------------------------------
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
    return c.finish()


def start_report(c: Composer, f: Formatter, report, profile: AssociationProfile, period: str, *,
                 running_title: str, title: str) -> None:
    """A report's frame, then its first page: the papers' letterhead on the first page,
    ``running_title`` at the head of the others, the footer on each, the PDF's metadata.  The
    report's reference is the association's code, ``period`` (``2026-11``, ``Y1447``) and the
    branch when the report is one branch's."""
    branch = _known_branch(profile, report.branch)
    reference = f"{profile.code}-{period}" + (f"-{report.branch}" if report.branch else "")
    values = {
        "license_number": f.num(profile.license_number),
        "number": f.latin_code(reference),
        "issued_date": f.date(report.generated_at.astimezone().date().isoformat()),
    }
    pages = {"n": 0}

    def header(comp: Composer) -> None:
        pages["n"] += 1
        if pages["n"] == 1:
            _letterhead(comp, profile, {"branch": branch}, values, f)
        else:
            _running_header(comp, profile, f, running_title)

    c.page_header = header
    c.page_footer = lambda canvas, n, total: _footer(c, f, report, n, total)
    meta = c.canvas
    meta.setTitle(title)
    meta.setAuthor(profile.name(f.lang))
    meta.setSubject(reference)
    meta.setCreator("Ajfar Desk")
    c.start()


def _known_branch(profile: AssociationProfile, code: str | None) -> str:
    codes = {b.code for b in profile.branches}
    return code if code in codes else profile.head_office.code


def branch_text(profile: AssociationProfile, code: str | None, f: Formatter) -> str:
    if code is None:
        return f.t(N_("All branches"))
    return next((b.name(f.lang) for b in profile.branches if b.code == code), f.latin_code(code))


def _running_header(c: Composer, profile: AssociationProfile, f: Formatter, title: str) -> None:
    top = c.height - c.top - 12
    c.text(profile.name(f.lang), top, size=10, bold=True, color=ACCENT, align="start")
    c.text(title, top, size=9.5, align="end")
    c.canvas.setStrokeColor(ACCENT)
    c.canvas.setLineWidth(0.8)
    c.canvas.line(c.left, top - 8, c.right, top - 8)
    c.y = top - 14


def _footer(c: Composer, f: Formatter, report, number_: int, total: int) -> None:
    """The board's approval of the policy, then when the report was made and the page (the
    annual report's footer too)."""
    canvas = c.canvas
    line_y = c.bottom - 14
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(c.left, line_y, c.right, line_y)
    approval = c.lines(approval_line(f.profile, f.lang, f.digits), c.content_width, 8)[0]
    c.draw_lines([approval], c.left, c.content_width, line_y - 12, "start", GREY)
    line_y -= 11
    stamp = report.generated_at.astimezone()  # local time (it is computed in UTC)
    made = f.t(N_("Generated by Ajfar Desk on {date} at {time}")).format(
        date=isolate(format_date(stamp.date(), f.lang, f.digits)),
        time=isolate(f.num(stamp.strftime("%H:%M"))),
    )
    c.text(made, line_y - 14, size=8, align="start", color=GREY)
    page = f.t(N_("Page {page} of {pages}")).format(page=f.num(number_), pages=f.num(total))
    c.text(page, line_y - 14, size=8.5, align="end", color=GREY)


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
    c.text(
        f.t(N_("Period: {start} to {end}")).format(
            start=isolate(format_date(report.month.first_day, f.lang, f.digits)),
            end=isolate(format_date(report.month.last_day, f.lang, f.digits)),
        ),
        c.y,
        size=10.5,
        align="end",
    )
    c.y -= 14
    if report.cutoff is not None:
        c.y -= 4
        c.text(in_progress_note(report, f), c.y, size=10.5, bold=True, color=ACCENT, align="center")
        c.y -= 14


def in_progress_note(report: MonthlyReport, f: Formatter) -> str:
    """"Month in progress: figures to date, as of <date> at <time>" (local time)."""
    assert report.cutoff is not None
    moment = report.cutoff.astimezone()  # local time, as the footer
    return f.t(IN_PROGRESS_NOTE).format(
        date=isolate(format_date(moment.date(), f.lang, f.digits)),
        time=isolate(f.num(moment.strftime("%H:%M"))),
    )


def _cells(
    c: Composer, widths: list[float], texts: list[str], bold: bool = False, shaded: bool = False
) -> list:
    return [
        (w, c.lines(t, w - 9, TABLE_SIZE, bold=bold), shaded and (bold or i == 0))
        for i, (w, t) in enumerate(zip(widths, texts, strict=True))
    ]


def _summary(c: Composer, report: MonthlyReport, f: Formatter) -> None:
    c.section_title(f.t(N_("Summary")))
    w = c.content_width
    widths = [w * 0.46, w * 0.18, w * 0.18, w * 0.18]
    header = _cells(
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
            _cells(
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
        header = _cells(
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
                _cells(
                    c,
                    widths,
                    [text, value_text(f, b.kind, cur), value_text(f, b.kind, prev)],
                    shaded=True,
                )
            )
        if b.kind in ("count", "money") and len(rows) > 1:
            total_cur = sum(b.current.values()) if b.current else 0
            total_prev = sum(b.previous.values()) if b.previous else 0
            rows.append(
                _cells(
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

