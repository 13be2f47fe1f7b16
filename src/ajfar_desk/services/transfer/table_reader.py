"""Reading a spreadsheet file's cells: CSV (RFC 4180, by Python's ``csv`` module) or XLSX.

CSV encodings, in this order: a byte order mark (UTF-8, UTF-16 LE or BE); UTF-8; else what
charset-normalizer recognises among the Arabic code pages (Windows-1256, which Excel's "CSV"
writes on an Arabic Windows, and ISO-8859-6) and UTF-16 without a mark; else Windows-1256 when
95% of the bytes above ASCII read as Arabic in it.  A file that is UTF-8
up to one damaged byte is refused with the row of that byte (decoding it as Windows-1256 would
store garbage); anything else unrecognised is refused.  The encoding is named in the result.

The delimiter is the one of ``,`` ``;`` or tab found most often in the header line (Excel writes
``;`` where the decimal mark is a comma); quoting is always the standard one (doubled quotes).

Limits, each refused with a message: MAX_FILE_BYTES, MAX_COLUMNS (in any row), MAX_ROWS and
MAX_CELL characters in one cell.  Longer cells than a column holds are the caller's to name.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ...domain.errors import AppError
from ...i18n import _, ngettext
from .cell_safety import restore

MAX_FILE_BYTES = 512 * 1024 * 1024
MAX_COLUMNS = 200
MAX_ROWS = 1_000_000
MAX_CELL = 4 * 1024 * 1024
_SAMPLE = 256 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# charset-normalizer's names -> ours; only these are accepted when there is no BOM and no UTF-8
_RECOGNISED = {
    "cp1256": "Windows-1256",
    "iso8859_6": "ISO-8859-6",
    "utf_16_le": "UTF-16",
    "utf_16_be": "UTF-16",
}


class TableError(AppError):
    """The file itself cannot be read (not a row problem)."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (spreadsheet row number, cells); blank rows skipped
    encoding: str  # as people name it ("UTF-8", "Windows-1256"); "" for XLSX


def file_kind(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".csv", ".txt"):
        return "csv"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    raise TableError(
        _("Unsupported file type {suffix}: use .csv or .xlsx").format(suffix=suffix or "?")
    )


def cell_text(value: object) -> str:
    """A spreadsheet cell as the text a person would have typed."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value).strip()


def read_table(path: Path | str) -> Table:
    """The header cells and the numbered data rows of ``path``; row numbers count the header as
    row 1, as a spreadsheet shows them."""
    path = Path(path)
    kind = file_kind(path)
    if not path.is_file():
        raise TableError(_("File not found: {path}").format(path=path))
    if path.stat().st_size > MAX_FILE_BYTES:
        raise TableError(
            _("The file is larger than {size} MB: split it into smaller files").format(
                size=MAX_FILE_BYTES // (1024 * 1024)
            )
        )
    if kind == "csv":
        text, encoding = decode(path.read_bytes())
        rows: Iterator[list] = _csv_rows(text)
    else:
        rows, encoding = _xlsx_rows(path), ""
    numbered = _numbered(rows, restore if kind == "csv" else None)
    try:
        _number, header = next(numbered)
    except StopIteration:
        raise TableError(_("The file is empty")) from None
    return Table(header, (item for item in numbered if any(item[1])), encoding)


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name) of a CSV file's bytes, or TableError (see the module notes)."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], codec), name
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        if sum(b >= 0x80 for b in data[: exc.start]) >= 8:  # well-formed UTF-8 text before it
            raise TableError(_bad_byte(data, exc.start)) from None
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_SAMPLE], cp_isolation=list(_RECOGNISED)).best()
    if best is not None and best.encoding in _RECOGNISED:
        return _decode(data, best.encoding), _RECOGNISED[best.encoding]
    if _arabic_1256(data[:_SAMPLE]):  # e.g. a long run of one letter reads as "mess" to it
        return data.decode("cp1256"), _RECOGNISED["cp1256"]
    raise TableError(_('The file\'s text encoding cannot be recognised: save it as "CSV UTF-8"'))


def _arabic_1256(sample: bytes) -> bool:
    """Whether nearly every byte above ASCII reads as an Arabic letter or sign in Windows-1256
    (which gives a character for every byte, so only this proportion tells text from noise)."""
    high = [ch for ch in sample.decode("cp1256") if ch > "\x7f"]
    arabic = sum("\u0600" <= ch <= "\u06ff" for ch in high)
    return bool(high) and arabic >= 0.95 * len(high)


def _decode(data: bytes, codec: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise TableError(_bad_byte(data, exc.start)) from None


def _bad_byte(data: bytes, at: int) -> str:
    return _('Row {row}: the file is not valid text here: save it as "CSV UTF-8"').format(
        row=data.count(b"\n", 0, at) + 1
    )


def _csv_rows(text: str) -> Iterator[list]:
    end = text.find("\n")
    first = text[: end if end >= 0 else len(text)]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    csv.field_size_limit(MAX_CELL)  # the module's default (128 KiB) ends in a bare csv.Error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        yield from reader
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise TableError(
                ngettext("Row {row}: a cell is longer than {n} character",
                         "Row {row}: a cell is longer than {n} characters", MAX_CELL).format(
                    row=reader.line_num, n=MAX_CELL
                )
            ) from None
        raise TableError(
            _("Row {row}: the file cannot be read as CSV ({error})").format(
                row=reader.line_num, error=exc
            )
        ) from None


def _numbered(rows: Iterator[list], unquote) -> Iterator[tuple[int, list[str]]]:
    number = 0
    for cells in rows:
        number += 1
        if number > MAX_ROWS + 1:
            raise TableError(
                _("The file has more than {n} rows: split it into smaller files").format(
                    n=MAX_ROWS
                )
            )
        if len(cells) > MAX_COLUMNS:
            while cells and (cells[-1] is None or cells[-1] == ""):
                cells = cells[:-1]  # spreadsheets pad rows with empty cells
            if len(cells) > MAX_COLUMNS:
                raise TableError(
                    _("Row {row}: more than {n} columns").format(row=number, n=MAX_COLUMNS)
                )
        if unquote is None:
            yield number, [cell_text(c) for c in cells]
            continue
        texts = list(map(str.strip, cells))  # CSV cells are text
        if "'" in "".join(texts):  # (seldom: only then is each cell's first character looked at)
            texts = [unquote(t) if t[:1] == "'" else t for t in texts]
        yield number, texts


def _xlsx_rows(path: Path) -> Iterator[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise TableError(_("Cannot read the spreadsheet: {error}").format(error=exc)) from None
    try:
        yield from (list(row) for row in book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


__all__ = ["MAX_COLUMNS", "MAX_ROWS", "Table", "TableError", "cell_text", "file_kind",
           "read_table"]
