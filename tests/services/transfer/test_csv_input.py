"""Input that never corrupts: RFC 4180 quoting, formulas neutralised on export, field / column /
row limits named by row and column, control characters refused, Arabic encodings recognised."""

from __future__ import annotations

import csv
import gc
import io

import pytest
from openpyxl import load_workbook

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.transfer import table_reader, tabular
from ajfar_desk.services.transfer.cell_safety import neutralise, restore
from ajfar_desk.services.transfer.exporter import export_applicants
from ajfar_desk.services.transfer.importer import ImportFailed, import_applicants

HEADER = ["national_id", "full_name", "phone", "birth_date", "gender", "city", "district",
          "monthly_income"]
TRICKY = 'حي "النزهة", شمال'


def row(i: int, **over) -> list[str]:
    values = {
        "national_id": make_national_id(1, f"{i:08d}"),
        "full_name": "سعد بن فهد عبد الله العتيبي",
        "phone": f"05{i % 10 if i % 10 != 2 else 0}{i:07d}",
        "birth_date": "1990-01-01",
        "gender": "ذكر",
        "city": "الرياض",
        "district": "العليا",
        "monthly_income": "1500",
    }
    values.update(over)
    return [values[h] for h in HEADER]


def csv_bytes(rows: list[list[str]], encoding: str = "utf-8") -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    return out.getvalue().encode(encoding)


def failures(ctx, path) -> dict[tuple[int, str], str]:
    with pytest.raises(ImportFailed) as info:
        import_applicants(ctx, path)
    return {(e.row, e.column): e.message for e in info.value.row_errors}


def stored(ctx, i: int):
    return applicants.by_national_id(ctx, make_national_id(1, f"{i:08d}"))


def test_rfc4180_quotes_commas_and_newlines_read_exactly(tmp_path, english_messages):
    path = tmp_path / "q.csv"
    path.write_bytes(
        b"national_id,note,district,city\r\n"
        + '1,"first\r\nsecond","حي ""النزهة"", شمال",الرياض\r\n'.encode()
        + '2,"a,b",x,"جدة"\n'.encode()
    )
    table = tabular.read_table(path)
    assert table.headers == ["national_id", "note", "district", "city"]
    assert list(table.rows) == [
        (2, ["1", "first\r\nsecond", TRICKY, "الرياض"]),
        (3, ["2", "a,b", "x", "جدة"]),
    ]


def test_tricky_district_round_trips_through_import_and_export(ctx, tmp_path, english_messages):
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes([HEADER, row(1, district=TRICKY), row(2)]))
    assert import_applicants(ctx, path).imported == 2
    assert stored(ctx, 1).district == TRICKY
    assert stored(ctx, 2).city == "الرياض"  # no field shifted
    out = export_applicants(ctx, tmp_path / "out.csv", lang="en") and tmp_path / "out.csv"
    assert '"حي ""النزهة"", شمال"' in out.read_text(encoding="utf-8-sig")


@pytest.mark.parametrize(
    ("value", "number", "written"),
    [
        ("=HYPERLINK(\"http://x\",\"y\")", False, "'=HYPERLINK(\"http://x\",\"y\")"),
        ("+966501234567", False, "'+966501234567"),
        ("-2+3+cmd|' /C calc'!A0", False, "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(1)", False, "'@SUM(1)"),
        ("\tx", False, "'\tx"),
        ("\rx", False, "'\rx"),
        ("0501234567", False, "0501234567"),
        ("حي النزهة", False, "حي النزهة"),
        ("-150.00", True, "-150.00"),
        ("-1+1", True, "'-1+1"),
        ("", False, ""),
    ],
)
def test_neutralise_and_restore(value, number, written):
    assert neutralise(value, number=number) == written
    assert restore(written) == value


def test_export_neutralises_formulas_in_csv_and_xlsx(ctx, tmp_path, english_messages):
    link = '=HYPERLINK("http://evil.example","click")'
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes([HEADER, row(1, district=link, phone="+201001234567"), row(2)]))
    import_applicants(ctx, path)
    assert stored(ctx, 1).district == link  # stored as plain text: harmless here

    export_applicants(ctx, tmp_path / "out.csv", lang="en")
    cells = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))))
    first = dict(zip(cells[0], cells[1], strict=True))
    assert first["district"] == "'" + link
    assert first["phone"] == "'+201001234567"
    assert first["monthly_income"] == "1500.00"

    export_applicants(ctx, tmp_path / "out.xlsx", lang="en")
    sheet = load_workbook(tmp_path / "out.xlsx").worksheets[0]
    heads = [c.value for c in sheet[1]]
    district = sheet.cell(2, heads.index("district") + 1)
    assert district.data_type == "s" and district.value == link and district.quotePrefix
    phone = sheet.cell(2, heads.index("phone") + 1)
    assert phone.data_type == "s" and phone.value == "+201001234567"
    income = sheet.cell(2, heads.index("monthly_income") + 1)
    assert income.data_type == "n" and income.value == 1500

    for name in ("out.csv", "out.xlsx"):  # our own apostrophe is removed on the way back
        with pytest.raises(ImportFailed) as info:
            import_applicants(ctx, tmp_path / name, dry_run=True)
        assert {e.message for e in info.value.row_errors} == {
            "this national ID is already registered in the store"
        }
    first_row = next(tabular.read_table(tmp_path / "out.csv").rows)[1]
    assert (first_row[2], first_row[9]) == ("+201001234567", link)


def test_long_fields_are_named_by_row_and_column(ctx, tmp_path, english_messages):
    rows = [HEADER] + [row(i) for i in range(1, 6)]
    rows.append(row(6, district="ح" * 1_000_000))
    rows.append(row(7, district="ح" * 100_000, city="م" * 81))
    path = tmp_path / "long.csv"
    path.write_bytes(csv_bytes(rows))
    found = failures(ctx, path)
    assert found == {
        (7, "district"): "longer than 80 characters",
        (8, "district"): "longer than 80 characters",
        (8, "city"): "longer than 80 characters",
    }
    assert stored(ctx, 1) is None


def test_row_error_text_names_row_and_column(english_messages):
    from ajfar_desk.services.transfer.importer import RowError

    assert str(RowError(7, "district", "longer than 80 characters")) == (
        "row 7, column district: longer than 80 characters"
    )


def test_too_many_columns_and_rows(ctx, tmp_path, english_messages, monkeypatch):
    wide = tmp_path / "wide.csv"
    wide.write_bytes(csv_bytes([HEADER + [f"x{i}" for i in range(300)], row(1)]))
    with pytest.raises(tabular.TableError, match="more than 200 columns"):
        import_applicants(ctx, wide)
    shifted = tmp_path / "shifted.csv"
    shifted.write_bytes(csv_bytes([HEADER, row(1), row(2) + ["x"] * 300]))
    with pytest.raises(tabular.TableError, match="Row 3: more than 200 columns"):
        import_applicants(ctx, shifted)
    monkeypatch.setattr(table_reader, "MAX_ROWS", 3)
    many = tmp_path / "many.csv"
    many.write_bytes(csv_bytes([HEADER] + [row(i) for i in range(1, 6)]))
    with pytest.raises(tabular.TableError, match="more than 3 rows"):
        import_applicants(ctx, many)
    assert stored(ctx, 1) is None


def test_nul_and_control_characters_are_refused(ctx, tmp_path, english_messages):
    rows = [HEADER, row(1), row(2, city="الرياض\x00"), row(3, district="حي\x1bالنزهة"),
            row(4, full_name="سعد بن فهد\tعبد الله العتيبي"), row(5, district="a\nb")]
    path = tmp_path / "nul.csv"
    path.write_bytes(csv_bytes(rows))
    found = failures(ctx, path)
    assert set(found) == {(3, "city"), (4, "district"), (5, "full_name"), (6, "district")}
    assert all("control character" in m for m in found.values()), found
    assert stored(ctx, 1) is None


@pytest.mark.parametrize(
    ("encoding", "data_encoding", "name"),
    [
        ("utf-8", "utf-8", "UTF-8"),
        ("utf-8-sig", "utf-8-sig", "UTF-8"),
        ("cp1256", "cp1256", "Windows-1256"),
        ("utf-16", "utf-16-le", "UTF-16"),  # Python writes the BOM in native (little) order
        ("utf-16-be-bom", "utf-16-be", "UTF-16"),
    ],
)
def test_encodings_are_recognised_and_named(ctx, tmp_path, encoding, data_encoding, name,
                                            english_messages):
    rows = [["رقم الهوية", "الاسم", "الجوال", "تاريخ الميلاد", "الجنس", "المدينة", "الحي"],
            row(1)[:6] + ["حي النزهة"], row(2)[:6] + ["العليا"]]
    path = tmp_path / f"{encoding}.csv"
    text = csv_bytes(rows).decode()
    data = ("\ufeff" + text).encode("utf-16-be") if encoding == "utf-16-be-bom" else (
        text.encode(encoding))
    path.write_bytes(data)
    result = import_applicants(ctx, path)
    assert (result.imported, result.encoding) == (2, name)
    assert stored(ctx, 1).district == "حي النزهة"
    assert stored(ctx, 2).full_name == "سعد بن فهد عبد الله العتيبي"


def test_unrecognised_encoding_is_refused(ctx, tmp_path, english_messages):
    import random

    rng = random.Random(1)
    path = tmp_path / "junk.csv"
    path.write_bytes(b"national_id,full_name\n" + bytes(rng.randrange(256) for _ in range(4000)))
    with pytest.raises(tabular.TableError, match="encoding cannot be recognised"):
        import_applicants(ctx, path)


def test_fast_saudi_mobile_path_agrees_with_phonenumbers(monkeypatch):
    import re

    from ajfar_desk.domain import phone
    from ajfar_desk.domain.digits import to_arabic_digits
    from ajfar_desk.domain.errors import ValidationError

    def both(typed: str) -> tuple[str | None, str | None]:
        answers = []
        for pattern in (phone._saudi_mobile(), re.compile(r"(?!)")):  # fast path, then none
            monkeypatch.setattr(phone, "_saudi_mobile", lambda p=pattern: p)
            try:
                answers.append(phone.normalize_phone(typed))
            except ValidationError:
                answers.append(None)
        return answers[0], answers[1]

    fast_hits = 0
    for xy in range(100):
        for tail in ("000000", "123456", "987654", "999999"):
            national = f"5{xy:02d}{tail}"
            for typed in (f"0{national}", national, f"+966{national}", f"00966{national}",
                          f"966{national}", f"0{national}0", f"0{national[:-1]}", f"+9660{national}",
                          f"0{national[:3]}{to_arabic_digits(national[3:])}"):
                fast, slow = both(typed)
                assert fast == slow, typed
                fast_hits += fast is not None
    assert fast_hits > 1000


def test_monthly_report_workbook_shows_formula_text_as_text():
    import dataclasses

    from ajfar_desk.domain.profile import get_profile
    from ajfar_desk.services.reports.report_xlsx import report_xlsx
    from printing.test_report_pdf import make_report

    link = '=HYPERLINK("http://evil.example","click")'
    report = make_report()
    report = dataclasses.replace(report, names={**report.names, "u1": link, "u2": "@SUM(1)"})
    book = load_workbook(io.BytesIO(report_xlsx(report, get_profile("ajfar"), "ar")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    planted = [c for c in cells if c.value in (link, "@SUM(1)")]
    assert len(planted) >= 2 and all(c.data_type == "s" and c.quotePrefix for c in planted)


def test_a_stray_comma_is_named_not_shifted(ctx, tmp_path, english_messages):
    path = tmp_path / "stray.csv"
    good = csv_bytes([HEADER, row(1)])
    stray = ",".join(row(2, district="حي النزهة, شمال")).encode()  # the comma left unquoted
    path.write_bytes(good + stray + b"\r\n")
    found = failures(ctx, path)
    assert list(found) == [(3, "monthly_income")]
    assert "the row has 9 cells, the header 8" in found[3, "monthly_income"]
    assert stored(ctx, 1) is None


def test_semicolon_and_tab_separated_files(ctx, tmp_path, english_messages):
    for name, sep in (("semi.csv", ";"), ("tab.txt", "\t")):
        path = tmp_path / name
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=sep).writerows([HEADER, row(1, district=TRICKY)])
        path.write_bytes(out.getvalue().encode())
        table = tabular.read_table(path)
        assert table.headers == HEADER
        assert next(table.rows)[1][6] == TRICKY


def test_a_cell_beyond_the_reader_limit_names_its_row(ctx, tmp_path, english_messages,
                                                      monkeypatch):
    monkeypatch.setattr(table_reader, "MAX_CELL", 1000)
    path = tmp_path / "huge.csv"
    path.write_bytes(csv_bytes([HEADER, row(1), row(2, district="ح" * 5000)]))
    with pytest.raises(tabular.TableError, match="Row 3: a cell is longer than 1000 characters"):
        import_applicants(ctx, path)


def test_windows_1256_with_odd_cells_is_still_recognised(ctx, tmp_path, english_messages):
    rows = [["رقم الهوية", "الاسم", "الجوال", "تاريخ الميلاد", "الجنس", "المدينة", "الحي"],
            row(1)[:6] + ["ح" * 200], row(2)[:6] + ["حي\x00النزهة"]]
    path = tmp_path / "odd.csv"
    path.write_bytes(csv_bytes(rows, "cp1256"))
    with pytest.raises(ImportFailed) as info:
        import_applicants(ctx, path)
    assert info.value.encoding == "Windows-1256"
    found = {(e.row, e.column): e.message for e in info.value.row_errors}
    assert found[2, "الحي"] == "longer than 80 characters"
    assert "U+0000" in found[3, "الحي"]


def test_the_cycle_collector_paused_for_an_import_runs_again_after_it(ctx, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_bytes([HEADER, row(1), row(2)]))
    bad.write_bytes(csv_bytes([HEADER, row(3, phone="abc")]))
    seen: list[bool] = []
    assert import_applicants(ctx, good, progress=lambda *_a: seen.append(gc.isenabled())).imported == 2
    assert seen and not any(seen)  # paused while the rows were read and saved
    assert gc.isenabled()
    failures(ctx, bad)
    assert gc.isenabled()
    gc.disable()  # a caller that paused it itself finds it paused still
    try:
        failures(ctx, bad)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_approximate_birth_goes_out_as_its_year_and_comes_back_approximate(ctx, tmp_path,
                                                                               english_messages):
    """«born about 1980» is exported as 1980 (not 1980-07-01, which would come back exact), and a
    birth cell holding a year alone (Gregorian, or Hijri «١٤٠٠ هـ») is imported as approximate."""
    path = tmp_path / "in.csv"
    path.write_bytes(csv_bytes([HEADER, row(1, birth_date="1980"), row(3, birth_date="١٤٠٠ هـ"),
                                row(4, birth_date="1990-01-01")]))
    assert import_applicants(ctx, path).imported == 3
    about, hijri, exact = stored(ctx, 1), stored(ctx, 3), stored(ctx, 4)
    assert about.birth_approx and about.birth_date.year == 1980
    assert hijri.birth_approx and hijri.birth_date.year == 1980  # 1400 AH's middle is in 1980
    assert not exact.birth_approx and exact.birth_date.isoformat() == "1990-01-01"
    export_applicants(ctx, tmp_path / "out.csv", lang="en")
    lines = list(csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))))
    births = {r[0]: r[3] for r in lines[1:]}
    assert births[about.national_id] == "1980" and births[exact.national_id] == "1990-01-01"
