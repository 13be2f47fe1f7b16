"""Importing applicants from a spreadsheet: every row is checked exactly as the registration form
checks it (``form_check.validate``), and all rows are saved, or none: while chunk N+1 is
checked, a writer thread stores chunk N; a refused row stops the writing and rolls everything
back, after every row was checked and every refusal named.  On SQLite the rows are written in
batches of under half a second each under an import run (``import_batches``,
``db.import_runs``), so the window beside the import keeps saving (one transaction held
SQLite's only write lock for the whole import: beside 100,000 rows the window's saves were
refused); the run is rolled back when the import fails, and at the next opening of the store
when its process was killed.  On PostgreSQL, which locks rows and not the store, in ONE
transaction (``import_writer``).

The file (``table_reader``): CSV in UTF-8 (with or without BOM), UTF-16 (with BOM) or
Windows-1256 (Excel's Arabic "CSV"), the encoding named in the result; or XLSX.  Limits, each
named by row (and column): a name part, city or district no longer than its column in the store
(80 characters; the full name 330, any other cell 100), no NUL or other control character (tab
and line breaks included: no imported column is multi-line), at most ``table_reader.MAX_COLUMNS``
columns and ``MAX_ROWS`` rows; a row with more filled cells than the header (an unquoted comma)
is an error, never shifted.  A leading quote that our export put before = + - @ is removed;
formula text is stored as plain text (``cell_safety``).

Columns: see ``tabular.COLUMNS`` (English or Arabic headers).  Defaults for optional columns that
are absent or empty: nationality SA, marital status "single", the profile's first category.
An empty or absent income is «not said» (a ``0`` cell is an income of zero, said).  Consent: the
importing administrator states that each applicant's consent was collected (on paper); the
audit entry of the import records that statement.

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
import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from ...domain import permissions
from ...domain.errors import AppError
from ...i18n import N_, _, ngettext
from ..store.context import AppContext
from ..store.cycles import collector_paused
from ..store.events import APPLICANT_CHANGED
from .import_batches import BatchWriter
from .import_rows import EXTRA, NAME_PARTS, RowRules, split_full_name
from .import_writer import ChunkWriter, existing
from .table_reader import Table
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
    """Check every row of ``path``; unless ``dry_run``, save them all (or none: see the module
    notes).

    Raises ``ImportFailed`` listing every bad row (nothing saved), ``tabular.TableError`` when
    the file cannot be read.
    """
    with collector_paused():
        return _import(ctx, path, dry_run, progress, today)


def _import(
    ctx: AppContext, path: Path | str, dry_run: bool, progress: Progress | None,
    today: dt.date | None,
) -> ImportResult:
    ctx.require(permissions.BULK_DATA)
    path = Path(path)
    table = read_table(path)
    checks = _Checks(table, RowRules(ctx.profile, today))
    if dry_run:
        for _chunk in checks.chunks(progress):
            pass
        with ctx.reading() as s:
            checks.refused(existing(s, list(checks.first_row)))
        return ImportResult(checks.count, 0, True, checks.ignored, table.encoding)
    digest = _sha256(path)
    if ctx.store.engine.dialect.name == "sqlite":
        _write_batches(ctx, path, checks, progress, digest)
        return ImportResult(checks.count, checks.valid, False, checks.ignored, table.encoding)
    try:
        with ctx.uow() as s:
            with ChunkWriter(s, ctx.branch.code) as writer:
                # chunk N is stored on the writer's thread while chunk N+1 is checked here
                for identities, rows in checks.chunks(progress):
                    if checks.errors:
                        writer.stop()
                    writer.submit(identities, [] if checks.errors else rows)
                for saved in writer.finish():
                    if progress and not writer.stopped:
                        progress("save", saved, checks.valid)
            checks.refused(writer.found)
            _audit(ctx, s, path, digest, checks.valid)
    except IntegrityError:  # another desk registered one of these IDs meanwhile
        raise _someone_else(checks) from None
    return ImportResult(checks.count, checks.valid, False, checks.ignored, table.encoding)


def _write_batches(ctx: AppContext, path: Path, checks: _Checks, progress: Progress | None,
                   digest: str) -> None:
    """SQLite: the rows written in short transactions under an import run (``import_batches``),
    ended with the audit entry; rolled back, whatever stops it, before ``ImportFailed`` names
    the rows (a national ID registered at another desk meanwhile too)."""
    try:
        with BatchWriter(ctx, path.name) as writer:
            for identities, rows in checks.chunks(progress):
                if checks.errors:
                    writer.stop()
                writer.submit(identities, [] if checks.errors else rows)
            told = 0
            for saved in writer.finish():
                if progress and not writer.stopped and saved > told:  # a batch was written
                    progress("save", told := saved, checks.valid)
            checks.refused(writer.found)
            with ctx.uow() as s:
                writer.done(s)
                _audit(ctx, s, path, digest, checks.valid)
    except IntegrityError:  # registered at another desk after the look-up: rolled back by now
        with ctx.reading() as s:
            checks.refused(existing(s, list(checks.first_row)))  # names the rows
        raise _someone_else(checks) from None


def _someone_else(checks: _Checks) -> ImportFailed:
    return ImportFailed(
        [
            RowError(
                1,
                checks.names["national_id"],
                _("a national ID was registered by someone else during the import; try again"),
            )
        ],
        checks.count,
        checks.table.encoding,
    )


def _audit(ctx: AppContext, s, path: Path, digest: str, rows: int) -> None:
    ctx.audit(s, "import", "applicant", digest, file=path.name, rows=rows, consent=CONSENT_NOTE)
    ctx.changed(APPLICANT_CHANGED, None)  # the open lists refresh once it committed


Identity = tuple[str, str, str]


class _Checks:
    """A file's rows checked one by one, handed on in chunks; every refusal kept by row."""

    def __init__(self, table: Table, rules: RowRules):
        self.table, self.rules = table, rules
        headers = table.headers
        mapping, header_errors, ignored = map_headers(headers)
        if header_errors:
            raise ImportFailed(
                [RowError(1, col, msg) for col, msg in header_errors], 0, table.encoding
            )
        self.mapping, self.ignored = mapping, tuple(ignored)
        self.names = {field: headers[i] for i, field in mapping.items()}
        self.column = {**self.names, **dict.fromkeys(NAME_PARTS, self.names["full_name"])}
        self.errors: list[RowError] = []
        self.first_row: dict[Identity, int] = {}  # identity -> the row it is first on
        self.count = 0  # rows read
        self.valid = 0  # rows without a problem

    def chunks(self, progress: Progress | None) -> Iterator[tuple[list[Identity], list[dict]]]:
        """(the identities first seen, the clean rows (``form_check.clean_values``)) of
        every CHUNK rows read, and of the first CHUNK // 4 on their own (the writer starts
        sooner: nothing is stored while the first chunk is checked); raises ImportFailed for a
        file with no data rows."""
        table, rules, mapping, first_row = self.table, self.rules, self.mapping, self.first_row
        headers, column, errors = table.headers, self.column, self.errors
        width = len(headers)
        fields, places = tuple(mapping.values()), tuple(mapping)
        last = max(places)
        first = CHUNK // 4
        mapped = itemgetter(*places) if len(places) > 1 else lambda cells: (cells[places[0]],)
        identities: list[Identity] = []
        clean: list[dict] = []
        count = 0
        for number, cells in table.rows:
            count += 1
            if len(cells) > last:  # the usual row: every mapped cell is there
                values = dict(zip(fields, mapped(cells), strict=True))
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
                    identities.append(nid)
            if row_errors:
                errors.extend(
                    RowError(number, headers[-1] if f == EXTRA else column.get(f, f), m)
                    for f, m in row_errors
                )
            elif result is not None:
                clean.append(result)
            if count % CHUNK == 0 or count == first:
                self.count, self.valid = count, self.valid + len(clean)
                yield identities, clean
                identities, clean = [], []
                if progress:
                    progress("read", count, 0)
        self.count, self.valid = count, self.valid + len(clean)
        if identities or clean:
            yield identities, clean
        if progress:
            progress("read", count, count)
        if count == 0:
            raise ImportFailed(
                [RowError(2, self.names["national_id"], _("the file has no data rows"))], 0,
                table.encoding,
            )

    def refused(self, registered: set[Identity]) -> None:
        """Raise ImportFailed with every refusal, by row, the IDs already in the store too."""
        first_row, errors = self.first_row, self.errors
        for nid in sorted(registered, key=first_row.__getitem__):
            errors.append(
                RowError(
                    first_row[nid],
                    self.names["national_id"],
                    _("this national ID is already registered in the store"),
                )
            )
        if errors:
            errors.sort(key=lambda e: e.row)
            raise ImportFailed(errors, self.count, self.table.encoding)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


__all__ = ["ImportFailed", "ImportResult", "RowError", "import_applicants", "split_full_name"]
