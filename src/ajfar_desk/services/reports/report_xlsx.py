"""The monthly report as a workbook: a Summary sheet (each figure this month, last month and the
change), one sheet per breakdown and one for the satisfaction trend.

Cells hold real numbers (counts as integers, amounts, days and percents as decimals) with
number formats, so the board's spreadsheet can add and chart them; "not computable" is an
empty cell. Labels are in the report's language; in Arabic every sheet runs right to left.
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ...domain.money import pattern as money_pattern
from ...domain.profile import AssociationProfile
from ...domain.report import (
    BREAKDOWNS,
    DIMENSION_TITLES,
    FIGURES,
    Kind,
    MonthlyReport,
    Number,
    breakdown_title,
    figure_title,
    label,
)
from ...i18n import N_, gettext
from ..store.output_files import workbook_bytes
from ..transfer.cell_safety import needs_text_cell

MAX_SHEET_NAME = 31  # Excel's limit
_BAD_SHEET_CHARS = re.compile(r"[\\/?*\[\]:]")
# Sheet tabs: short names that fit Excel's 31 characters whole, in both languages (the full
# title heads each sheet). A test checks every one fits, differs and has no forbidden sign.
SUMMARY_SHEET = N_("Summary")
TREND_SHEET = N_("Satisfaction by month")
SHEET_NAMES: dict[str, str] = {
    "received_by_program": N_("Requests by program"),
    "received_by_channel": N_("Requests by channel"),
    "received_by_branch": N_("Requests by branch"),
    "status_at_end": N_("Requests by state"),
    "decisions_by_outcome": N_("Decisions by outcome"),
    "delivered_by_program": N_("Services by program"),
    "amount_by_program": N_("Amounts by program"),
    "satisfaction_by_branch": N_("Satisfaction by branch"),
    "satisfaction_by_channel": N_("Satisfaction by channel"),
    "satisfaction_by_program": N_("Satisfaction by program"),
    "satisfaction_by_employee": N_("Satisfaction by employee"),
    "complaints_by_category": N_("Complaints by category"),
    "enquiries_by_channel": N_("Enquiries by channel"),
    "messages_by_channel": N_("Messages by channel"),
    "messages_by_state": N_("Messages by state"),
}
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="17486B")
TITLE_FONT = Font(bold=True, size=14, color="17486B")
BOLD = Font(bold=True)
PERCENT_FORMAT = "0.0%"
DAYS_FORMAT = "0.0"
COUNT_FORMAT = "#,##0"


def number_format(kind: Kind, lang: str, change: bool = False, money_decimals: int = 2) -> str:
    """The cell format for a value of ``kind`` (a change shows its sign); money with the
    association's decimals, as on paper (``domain.money``)."""
    if kind == "money":
        currency = gettext(N_("SAR"), lang).replace('"', "")
        base = f'{money_pattern(money_decimals)} "{currency}"'
    else:
        base = {"count": COUNT_FORMAT, "days": DAYS_FORMAT, "percent": PERCENT_FORMAT}[kind]
    return f"+{base};-{base};{base}" if change else base


def cell_value(kind: Kind, value: Number | None) -> int | Decimal | None:
    """What the cell holds: counts as int, percents as a fraction (84.0 → 0.84) so Excel's
    percent format applies, ``None`` as an empty cell."""
    if value is None:
        return None
    if kind == "count":
        return int(value)
    if kind == "percent":
        return Decimal(value) / 100
    return Decimal(value)


def sheet_title(text: str, taken: set[str]) -> str:
    """A valid, unique sheet name of at most 31 characters (a safety net: the names in
    ``SHEET_NAMES`` fit whole)."""
    name = _BAD_SHEET_CHARS.sub(" ", text).strip().strip("'") or "Sheet"
    name = name[:MAX_SHEET_NAME].strip()
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name = base[: MAX_SHEET_NAME - len(suffix)].strip() + suffix
        n += 1
    taken.add(name.lower())
    return name


def report_xlsx(report: MonthlyReport, profile: AssociationProfile, lang: str = "ar") -> bytes:
    """The workbook as bytes (.xlsx)."""
    t = lambda msgid: gettext(msgid, lang)  # noqa: E731
    wb = Workbook()
    taken: set[str] = set()
    this, last = str(report.month), str(report.month.previous())

    ws = wb.active
    ws.title = sheet_title(t(SUMMARY_SHEET), taken)
    _prepare(ws, lang)
    branch = (
        t(N_("All branches"))
        if report.branch is None
        else _branch_name(profile, report.branch, lang)
    )
    ws.append([profile.name(lang)])
    ws["A1"].font = TITLE_FONT
    ws.append([t(N_("Monthly report")), this])
    ws.append([t(N_("Branch")), branch])
    ws.append([t(N_("Generated on")), report.generated_at.astimezone().replace(microsecond=0, tzinfo=None)])
    ws["B4"].number_format = "yyyy-mm-dd hh:mm"
    if report.cutoff is not None:  # the month is in progress: figures to date (row 5)
        ws.append([t(N_("Figures to date, as of")),
                   report.cutoff.astimezone().replace(microsecond=0, tzinfo=None)])
        ws["B5"].number_format = "yyyy-mm-dd hh:mm"
    else:
        ws.append([])
    _header(ws, [t(N_("Figure")), this, last, t(N_("Change"))])
    for key in FIGURES:
        fig = next((x for x in report.figures if x.key == key), None)
        if fig is None:
            continue
        ws.append(
            [
                figure_title(key, lang, report.in_progress),
                cell_value(fig.kind, fig.current),
                cell_value(fig.kind, fig.previous),
                cell_value(fig.kind, fig.change),
            ]
        )
        row = ws.max_row
        for col in (2, 3, 4):
            ws.cell(row, col).number_format = number_format(
                fig.kind, lang, change=col == 4, money_decimals=profile.money_decimals
            )
    _widths(ws, [48, 16, 16, 16])
    ws.freeze_panes = "A7"

    for key, (dimension, _kind, _title) in BREAKDOWNS.items():
        b = next((x for x in report.breakdowns if x.key == key), None)
        if b is None:
            continue
        title = breakdown_title(key, lang, report.in_progress)
        ws = wb.create_sheet(sheet_title(t(SHEET_NAMES[key]), taken))
        _prepare(ws, lang)
        ws.append([title])
        ws["A1"].font = TITLE_FONT
        _header(ws, [t(DIMENSION_TITLES.get(dimension, N_("Item"))), this, last])
        for code, cur, prev in b.rows():
            ws.append(
                [
                    label(profile, dimension, code, lang, report.names),
                    cell_value(b.kind, cur),
                    cell_value(b.kind, prev),
                ]
            )
            for col in (2, 3):
                ws.cell(ws.max_row, col).number_format = number_format(
                    b.kind, lang, money_decimals=profile.money_decimals
                )
        if not b.current and not b.previous:
            ws.append([t(N_("No data for this month or the previous one"))])
        _widths(ws, [44, 16, 16])
        ws.freeze_panes = "A3"

    ws = wb.create_sheet(sheet_title(t(TREND_SHEET), taken))
    _prepare(ws, lang)
    ws.append([t(N_("Satisfaction index, month by month"))])
    ws["A1"].font = TITLE_FONT
    _header(ws, [t(N_("Month")), t(N_("Satisfaction index")), t(N_("Surveys answered"))])
    for point in report.trend:
        ws.append([str(point.month), cell_value("percent", point.index), point.responses])
        ws.cell(ws.max_row, 2).number_format = PERCENT_FORMAT
        ws.cell(ws.max_row, 3).number_format = COUNT_FORMAT
    _widths(ws, [14, 20, 18])
    ws.freeze_panes = "A3"

    wb.properties.title = f"{t(N_('Monthly report'))} {this}"
    wb.properties.creator = "Ajfar Desk"
    _text_not_formulas(wb)
    return workbook_bytes(wb)  # in memory: openpyxl's own save leaves its sheets in /tmp


def _text_not_formulas(wb: Workbook) -> None:
    """Names and labels come from what people typed: one starting with = + - @ is shown as
    typed, never evaluated (openpyxl would store "=..." as a formula).  See ``cell_safety``."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and needs_text_cell(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True


def _branch_name(profile: AssociationProfile, code: str, lang: str) -> str:
    return next((b.name(lang) for b in profile.branches if b.code == code), code)


def _prepare(ws: Worksheet, lang: str) -> None:
    ws.sheet_view.rightToLeft = lang == "ar"


def _header(ws: Worksheet, titles: list[str]) -> None:
    ws.append(titles)
    for cell in ws[ws.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _widths(ws: Worksheet, widths: list[float]) -> None:
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
