"""Importing applicants from a spreadsheet: every row is checked exactly as the registration form
checks it (``applicant_input.validate``), then all rows are saved in ONE transaction, or none.

The file (``table_reader``): CSV in UTF-8 (with or without BOM), UTF-16 (with BOM) or
Windows-1256 (Excel's Arabic "CSV"), the encoding named in the result; or XLSX.  Limits, each
named by row (and column): a name part, city or district no longer than its column in the store
(80 characters; the full name 330, any other cell 100), no NUL or other control character (tab
and line breaks included: no imported column is multi-line), at most ``table_reader.MAX_COLUMNS``
columns and ``MAX_ROWS`` rows; a row with more filled cells than the header (an unquoted comma)
is an error, never shifted.  A leading quote that our export put before = + - @ is removed;
formula text is stored as plain text (``cell_safety``).

Columns: see ``tabular.COLUMNS`` (English or Arabic headers).  Defaults for optional columns that
are absent or empty: nationality SA, marital status "single", the profile's first category,
income 0.  Consent: the importing administrator states that each applicant's consent was
collected (on paper); the audit entry of the import records that statement.

The full name is split into the four parts by ``split_full_name``:

* "عبد" / "أبو" / "آل" join the word that follows ("عبد الله", "أبو بكر", "آل سعود");
* "بن" / "ابن" / "بنت" attach to the name that follows ("بن عبد الله" is one part);
* "الله" / "الدين" after a name join it ("جار الله", "نور الدين");
* fewer than four parts is an error for the row; with more than four, the first is the first
  name, the second the father's, the last the family name and every part in between is kept,
  in order, as the grandfather's name (nothing typed is lost: the full name reads the same).
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ...db import search_index
from ...db.base import new_id
from ...db.change_log import bulk_insert
from ...db.models import Applicant
from ...domain import id_types, permissions
from ...domain.errors import AppError
from ...i18n import N_, _, ngettext
from ..store.context import AppContext
from ..store.events import APPLICANT_CHANGED
from .import_rows import EXTRA, NAME_PARTS, RowRules, split_full_name
from .tabular import map_headers, read_table

Progress = Callable[[str, int, int], None]  # phase ("read" | "save"), done, total (0: unknown)
CHUNK = 1000
CONSENT_NOTE = N_(  # stored in English in the audit log, shown translated
    "Imported by an administrator who states that each applicant's consent to the processing "
    "of personal data was collected and is kept on paper"
)
@dataclass(frozen=True)
class RowError:
    row: int
    column: str  # the column's header as written in the file
    message: str

    def __str__(self) -> str:
        return _("row {row}, column {column}: {message}").format(
            row=self.row, column=self.column, message=self.message
        )


class ImportFailed(AppError):
    """Some rows are wrong; nothing was imported (``row_errors`` says which)."""

    def __init__(self, errors: list[RowError], rows: int, encoding: str = ""):
        super().__init__(
            ngettext(
                "Nothing was imported: {n} problem {in_rows}",
                "Nothing was imported: {n} problems {in_rows}",
                len(errors),
            ).format(
                n=len(errors),
                in_rows=ngettext("in {n} row", "in {n} rows", rows).format(n=rows),
            )
        )
        self.row_errors = errors
        self.rows = rows
        self.encoding = encoding  # the CSV file's, as in ImportResult


@dataclass(frozen=True)
class ImportResult:
    rows: int
    imported: int
    dry_run: bool
    ignored_columns: tuple[str, ...] = ()
    encoding: str = ""  # the CSV file's ("UTF-8", "Windows-1256", "UTF-16"); "" for XLSX


def import_applicants(
    ctx: AppContext,
    path: Path | str,
    *,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Check every row of ``path``; unless ``dry_run``, save them all in one transaction.

    Raises ``ImportFailed`` listing every bad row (nothing saved), ``tabular.TableError`` when
    the file cannot be read.
    """
    with _cycle_collector_paused():
        return _import(ctx, path, dry_run, progress, today)


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Every row read is kept until all are saved: tens of thousands of dicts, none in a
    reference cycle, which Python's cycle collector would otherwise walk again and again while
    they pile up (5% of an import).  Collected as usual afterwards."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _import(
    ctx: AppContext, path: Path | str, dry_run: bool, progress: Progress | None,
    today: dt.date | None,
) -> ImportResult:
    ctx.require(permissions.BULK_DATA)
    path = Path(path)
    table = read_table(path)
    headers = table.headers
    mapping, header_errors, ignored = map_headers(headers)
    if header_errors:
        raise ImportFailed(
            [RowError(1, col, msg) for col, msg in header_errors], 0, table.encoding
        )
    names = {field: headers[i] for i, field in mapping.items()}
    column = {**names, **dict.fromkeys(NAME_PARTS, names["full_name"])}
    errors: list[RowError] = []
    clean: list[tuple[int, dict]] = []  # (row, ``applicant_input.clean_values``)
    first_row: dict[tuple[str, str, str], int] = {}  # identity -> the row it is first on
    count = 0
    rules = RowRules(ctx.profile, today)
    width = len(headers)
    fields, places = tuple(mapping.values()), tuple(mapping)
    last = max(places)
    for number, cells in table.rows:
        count += 1
        if len(cells) > last:  # the usual row: every mapped cell is there
            values = dict(zip(fields, [cells[i] for i in places], strict=True))
        else:
            values = {field: cells[i] if i < len(cells) else "" for i, field in mapping.items()}
        row_errors = rules.cell_problems(values)
        if len(cells) > width and any(cells[width:]):
            row_errors.append((EXTRA, _(
                "the row has {n} cells, the header {m}: a comma or quote is out of place"
            ).format(n=len(cells), m=width)))
        nid, result = None, None
        if not row_errors:
            nid, row_errors, result = rules.check(values)
        if nid is not None:
            if nid in first_row:
                row_errors.append(
                    (
                        "national_id",
                        _("the same national ID is already on row {row}").format(
                            row=first_row[nid]
                        ),
                    )
                )
            else:
                first_row[nid] = number
        if row_errors:
            errors.extend(
                RowError(number, headers[-1] if f == EXTRA else column.get(f, f), m)
                for f, m in row_errors
            )
        elif result is not None:
            clean.append((number, result))
        if progress and count % CHUNK == 0:
            progress("read", count, 0)
    if progress:
        progress("read", count, count)
    if count == 0:
        raise ImportFailed(
            [RowError(2, names["national_id"], _("the file has no data rows"))], 0, table.encoding
        )

    def check_store(session: Session) -> None:
        for nid in sorted(_existing(session, list(first_row)), key=first_row.__getitem__):
            errors.append(
                RowError(
                    first_row[nid],
                    names["national_id"],
                    _("this national ID is already registered in the store"),
                )
            )
        if errors:
            errors.sort(key=lambda e: e.row)
            raise ImportFailed(errors, count, table.encoding)

    if dry_run:
        with ctx.reading() as s:
            check_store(s)
        return ImportResult(count, 0, True, tuple(ignored), table.encoding)
    digest = _sha256(path)
    try:
        with ctx.uow() as s:
            check_store(s)
            _insert(ctx, s, [c for _n, c in clean], progress)
            ctx.audit(
                s,
                "import",
                "applicant",
                digest,
                file=path.name,
                rows=len(clean),
                consent=CONSENT_NOTE,
            )
            ctx.changed(APPLICANT_CHANGED, None)  # the open lists refresh once it committed
    except IntegrityError:  # another desk registered one of these IDs meanwhile
        raise ImportFailed(
            [
                RowError(
                    1,
                    names["national_id"],
                    _("a national ID was registered by someone else during the import; try again"),
                )
            ],
            count,
            table.encoding,
        ) from None
    return ImportResult(count, len(clean), False, tuple(ignored), table.encoding)


def _existing(
    session: Session, keys: list[tuple[str, str, str]]
) -> set[tuple[str, str, str]]:
    """The identities (type, country, number) among ``keys`` that the store already holds."""
    wanted = set(keys)
    numbers = sorted({k[2] for k in keys})
    found: set[tuple[str, str, str]] = set()
    for i in range(0, len(numbers), 500):
        rows = session.execute(
            select(Applicant.id_type, Applicant.id_country, Applicant.national_id).where(
                Applicant.national_id.in_(numbers[i : i + 500])
            )
        )
        found.update(k for k in map(tuple, rows) if k in wanted)
    return found


def _insert(
    ctx: AppContext, s: Session, rows: list[dict], progress: Progress | None
) -> None:
    """The same row ``applicants.register`` writes, in chunks of CHUNK, inside the caller's transaction."""
    now = dt.datetime.now(dt.UTC)
    branch = ctx.branch.code
    # each row carries its name index key; the index is written in one pass at the end
    with search_index.keyed_load(s.connection()) as keys:
        for start in range(0, len(rows), CHUNK):
            batch = [_row(c, branch, now) for c in rows[start : start + CHUNK]]
            if keys is not None:
                for row, key in zip(batch, keys):  # noqa: B905 - the keys never end
                    row["search_key"] = key
            bulk_insert(s, Applicant, batch)
            if progress:
                progress("save", start + len(batch), len(rows))


def _row(c: dict, branch: str, now: dt.datetime) -> dict:
    row = {"branch": branch, "consent_at": now, **c}  # CleanApplicant's fields are columns
    if c["id_type"] == id_types.NONE:  # a walk-in: the stand-in of its own id
        row["id"] = new_id()
        row["national_id"] = id_types.stand_in(row["id"])
    return row


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


__all__ = ["ImportFailed", "ImportResult", "RowError", "import_applicants", "split_full_name"]
