"""An income not said stays not said through the spreadsheet: an empty income cell imports as
«not said» and a ``0`` cell as an income of zero; the export writes an empty cell for a not-said
income (never 0), so export then import gives back not said as not said (CSV and XLSX)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ajfar_desk.services.store.store import Store
from ajfar_desk.services.transfer.exporter import export_applicants
from ajfar_desk.services.transfer.importer import import_applicants
from ajfar_desk.services.users import setup

from .test_csv_input import HEADER, csv_bytes, row, stored

pytestmark = pytest.mark.usefixtures("english_messages")


def _incomes(ctx) -> list[tuple[bool, Decimal]]:
    return [(v.income_given, v.monthly_income) for v in (stored(ctx, i) for i in (1, 2, 3))]


def test_an_empty_income_cell_is_not_said_and_a_zero_is_zero(ctx, tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes([HEADER, row(1, monthly_income=""), row(2, monthly_income="0"),
                                row(3, monthly_income="1500")]))
    assert import_applicants(ctx, path).imported == 3
    assert _incomes(ctx) == [(False, Decimal(0)), (True, Decimal(0)), (True, Decimal(1500))]


def test_a_file_without_an_income_column_says_no_income(ctx, tmp_path):
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes([HEADER[:-1], row(1)[:-1]]))
    assert import_applicants(ctx, path).imported == 1
    assert not stored(ctx, 1).income_given


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_gives_not_said_back(ctx, tmp_path, suffix):
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes([HEADER, row(1, monthly_income=""), row(2, monthly_income="0"),
                                row(3, monthly_income="1500")]))
    import_applicants(ctx, path)
    out = tmp_path / f"out{suffix}"
    export_applicants(ctx, out, lang="en")
    if suffix == ".csv":
        lines = out.read_text(encoding="utf-8-sig").splitlines()
        column = lines[0].split(",").index("monthly_income")
        assert [line.split(",")[column] for line in lines[1:]] == ["", "0.00", "1500.00"]
    else:
        sheet = load_workbook(out, read_only=True).active
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
        column = cells[0].index("monthly_income")
        assert [r[column] for r in cells[1:]] == [None, 0, 1500]
    other = setup.init_store(Store.open(tmp_path / "other"), "ajfar", None, "admin", "password123")
    try:
        assert import_applicants(other, out).imported == 3
        assert _incomes(other) == [(False, Decimal(0)), (True, Decimal(0)), (True, Decimal(1500))]
    finally:
        other.store.close()
