"""The monthly report as a workbook: real numbers, formats, right-to-left sheets, valid names."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ajfar_desk.domain.profile import get_profile
from ajfar_desk.domain.report import BREAKDOWNS, FIGURES, breakdown_title, figure_title
from ajfar_desk.i18n import gettext
from ajfar_desk.services.reports.report_xlsx import (
    SHEET_NAMES,
    SUMMARY_SHEET,
    TREND_SHEET,
    report_xlsx,
    sheet_title,
)
from printing.test_report_pdf import make_report


def _load(profile_id="ajfar", lang="ar", **kw):
    data = report_xlsx(make_report(profile_id, **kw), get_profile(profile_id), lang)
    return load_workbook(io.BytesIO(data))


def _rows(ws):
    return {row[0]: row[1:] for row in ws.iter_rows(values_only=True) if row and row[0]}


def test_summary_holds_numbers_with_formats_rtl():
    wb = _load()
    ws = wb.worksheets[0]
    assert ws.sheet_view.rightToLeft is True
    assert ws.title == gettext("Summary", "ar")
    assert ws["A1"].value == get_profile("ajfar").name_ar
    assert ws["B2"].value == "2026-10"
    assert ws["B3"].value == gettext("All branches", "ar")
    assert [c.value for c in ws[6]] == [
        gettext("Figure", "ar"),
        "2026-10",
        "2026-09",
        gettext("Change", "ar"),
    ]
    rows = _rows(ws)
    assert len([k for k in rows if k in {figure_title(f, "ar") for f in FIGURES}]) == len(FIGURES)
    assert rows[figure_title("requests_received", "ar")] == (1250, 1180, 70)
    assert rows[figure_title("rejected", "ar")] == (5, 6, -1)
    assert rows[figure_title("median_days_to_decision", "ar")] == (12.5, 14, -1.5)
    assert rows[figure_title("amount_delivered", "ar")] == (48500, 36250.5, 12249.5)
    assert rows[figure_title("satisfaction_index", "ar")] == (0.84, None, None)
    # formats: the cell of each kind
    by_title = {ws.cell(r, 1).value: r for r in range(7, ws.max_row + 1)}
    r = by_title[figure_title("satisfaction_index", "ar")]
    assert ws.cell(r, 2).number_format == "0.0%"
    r = by_title[figure_title("median_days_to_decision", "ar")]
    assert ws.cell(r, 2).number_format == "0.0"
    assert ws.cell(r, 4).number_format.startswith("+0.0;-0.0")
    r = by_title[figure_title("amount_delivered", "ar")]
    assert ws.cell(r, 2).number_format.startswith("#,##0.00")
    assert isinstance(ws.cell(by_title[figure_title("decisions", "ar")], 2).value, int)
    assert ws.column_dimensions["A"].width == 48


def test_breakdown_sheets_and_trend():
    wb = _load()
    assert len(wb.worksheets) == 1 + len(BREAKDOWNS) + 1
    for ws in wb.worksheets:
        assert 1 <= len(ws.title) <= 31 and not set(ws.title) & set("\\/?*[]:")
        assert ws.sheet_view.rightToLeft is True
    assert len({ws.title.lower() for ws in wb.worksheets}) == len(wb.worksheets)
    ws = wb.worksheets[1]
    assert ws["A1"].value == breakdown_title("received_by_program", "ar")
    rows = _rows(ws)
    assert rows["السلال الغذائية"] == (14, 11)
    assert rows["التطوع"] == (0, 2)  # nothing this month: 0, as the total (never an empty cell)
    employees = _rows(wb.worksheets[1 + list(BREAKDOWNS).index("satisfaction_by_employee")])
    assert employees["سارة العتيبي"] == (0.84, None)
    assert wb.worksheets[-1]["A1"].value == gettext("Satisfaction index, month by month", "ar")
    trend = list(wb.worksheets[-1].iter_rows(min_row=3, values_only=True))
    assert [t[0] for t in trend] == [
        "2026-05",
        "2026-06",
        "2026-07",
        "2026-08",
        "2026-09",
        "2026-10",
    ]
    assert trend[0] == ("2026-05", 0.785, 10) and trend[1] == ("2026-06", None, 0)


def test_english_left_to_right_and_empty_month():
    wb = _load("baraa", "en", empty=True)
    ws = wb.worksheets[0]
    assert ws.sheet_view.rightToLeft is False
    assert ws.title == "Summary"
    rows = _rows(ws)
    assert rows["Requests received"] == (0, 0, 0)
    assert rows["Satisfaction index"] == (None, None, None)
    programs = wb["Requests by program"]
    assert programs["A1"].value == "Requests received by program"  # the full title heads it
    assert programs["A3"].value == "No data for this month or the previous one"
    assert wb.worksheets[-1]["A2"].value == "Month"
    names = [ws.title for ws in wb.worksheets]
    assert "Complaints by category" in names  # a name that fits, not one cut at 31 characters


def test_single_branch_named():
    wb = _load("baraa", "en", branch="B2")
    assert wb.worksheets[0]["B3"].value == "Second branch office"


def test_sheet_title_is_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("a/b:c?", taken) == "a b c"
    long = "x" * 40
    assert sheet_title(long, taken) == "x" * 31
    assert sheet_title(long, taken) == "x" * 29 + " 2"
    assert sheet_title("", taken) == "Sheet"
    assert Decimal("0.840") == Decimal("0.84")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_sheet_names_fit_whole_differ_and_name_their_sheet(lang):
    """Excel takes at most 31 characters and none of \\ / ? * [ ] : in a sheet's name: each
    name is chosen to fit whole (not cut mid-word), in both languages, and no two are alike."""
    names = [gettext(SUMMARY_SHEET, lang)]
    names += [gettext(SHEET_NAMES[key], lang) for key in BREAKDOWNS]
    names += [gettext(TREND_SHEET, lang)]
    assert set(SHEET_NAMES) == set(BREAKDOWNS)
    for name in names:
        assert 1 <= len(name) <= 31 and not set(name) & set("\\/?*[]:'"), name
        assert name == name.strip() and sheet_title(name, set()) == name
    assert len({n.casefold() for n in names}) == len(names)
    assert [ws.title for ws in _load("ajfar", lang).worksheets] == names
