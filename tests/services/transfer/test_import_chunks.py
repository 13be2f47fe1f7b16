"""The import stores chunk N on a writer thread while chunk N+1 is checked: still one
transaction, all or nothing, every refusal reported by row and column in order, the name index
written for every saved row and its triggers back after a refusal."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text

from ajfar_desk.db.models import Applicant
from ajfar_desk.services.transfer import import_batches, import_writer, importer
from ajfar_desk.services.transfer.importer import ImportFailed, import_applicants

from .test_csv_input import HEADER, csv_bytes, row, stored

NATIONAL_ID = "national_id"


@pytest.fixture
def small_chunks(monkeypatch):
    monkeypatch.setattr(importer, "CHUNK", 3)  # 12 rows: four chunks


def _count(ctx) -> int:
    with ctx.reading() as s:
        return s.scalar(select(func.count()).select_from(Applicant)) or 0


def _index_matches_the_store(ctx) -> None:
    """SQLite: every applicant in the name index once, under its key, with its name."""
    with ctx.reading() as s:
        if s.get_bind().dialect.name != "sqlite":
            return
        applicants = s.scalar(text("SELECT count(*) FROM applicant"))
        indexed = s.scalar(text("SELECT count(*) FROM applicant_fts"))
        matching = s.scalar(text(
            "SELECT count(*) FROM applicant a JOIN applicant_fts f ON f.rowid = a.search_key"
            " WHERE f.name = a.name_norm"))
    assert applicants == indexed == matching


def _writer(ctx):
    """The writer class of the store: SQLite writes in batches (``import_batches``)."""
    return (import_batches.BatchWriter if ctx.store.engine.dialect.name == "sqlite"
            else import_writer.ChunkWriter)


def test_many_chunks_are_saved_indexed_and_reported_in_order(ctx, tmp_path, small_chunks,
                                                             monkeypatch):
    path = tmp_path / "good.csv"
    path.write_bytes(csv_bytes([HEADER, *(row(i) for i in range(1, 13))]))
    seen: list[tuple[str, int, int]] = []
    writers: set[str] = set()
    writer = _writer(ctx)
    store = writer._store
    for name in ("FIRST", "SMALLEST", "LARGEST"):  # SQLite: batches of 5 rows, whatever they take
        monkeypatch.setattr(import_batches, name, 5)

    def spy(self, *args):
        writers.add(threading.current_thread().name)
        return store(self, *args)

    monkeypatch.setattr(writer, "_store", spy)
    result = import_applicants(ctx, path, progress=lambda *a: seen.append(a))
    assert result.imported == 12 and _count(ctx) == 12
    assert writers and threading.current_thread().name not in writers  # stored beside the checks
    saves = ((5, 10, 12) if writer is import_batches.BatchWriter  # after each batch
             else (3, 6, 9, 12))  # after each chunk
    assert seen == [("read", 3, 0), ("read", 6, 0), ("read", 9, 0), ("read", 12, 0),
                    ("read", 12, 12), *(("save", n, 12) for n in saves)]
    assert stored(ctx, 12).full_name == "سعد بن فهد عبد الله العتيبي"
    _index_matches_the_store(ctx)


@pytest.mark.parametrize("late", ["bad cell", "registered", "twice"])
def test_a_refusal_in_a_late_chunk_saves_nothing(ctx, tmp_path, small_chunks, late,
                                                 english_messages):
    """Chunks before the refused row were already written by the writer: they roll back."""
    first = tmp_path / "first.csv"
    first.write_bytes(csv_bytes([HEADER, row(50)]))
    import_applicants(ctx, first)
    rows = [row(i) for i in range(1, 13)]
    if late == "bad cell":
        rows[10] = row(11, phone="abc")  # spreadsheet row 12, the fourth chunk
    elif late == "registered":
        rows[10] = row(50)
    else:
        rows[10] = row(2)
    path = tmp_path / "late.csv"
    path.write_bytes(csv_bytes([HEADER, *rows]))
    with pytest.raises(ImportFailed) as info:
        import_applicants(ctx, path)
    assert [(e.row, e.column) for e in info.value.row_errors] == [
        (12, "phone" if late == "bad cell" else NATIONAL_ID)]
    assert _count(ctx) == 1 and stored(ctx, 1) is None
    # the triggers are back: a later import (through them or not) is indexed
    again = tmp_path / "again.csv"
    again.write_bytes(csv_bytes([HEADER, row(60), row(61)]))
    assert import_applicants(ctx, again).imported == 2
    _index_matches_the_store(ctx)


def test_every_refusal_of_every_chunk_in_row_and_column_order(ctx, tmp_path, small_chunks,
                                                              english_messages):
    first = tmp_path / "first.csv"
    first.write_bytes(csv_bytes([HEADER, row(7), row(9)]))
    import_applicants(ctx, first)
    rows = [row(i) for i in range(1, 13)]
    rows[1] = row(2, phone="abc", gender="x")  # row 3: two columns, in the form's order
    # row 8 (row(7)): in the store, in a chunk after the first refusal (still looked up)
    rows[8] = row(9, birth_date="1990-13-40")  # row 10: in the store and a bad date
    rows[10] = row(1)  # row 12: the same ID as row 2
    path = tmp_path / "many.csv"
    path.write_bytes(csv_bytes([HEADER, *rows]))
    with pytest.raises(ImportFailed) as info:
        import_applicants(ctx, path)
    found = [(e.row, e.column) for e in info.value.row_errors]
    assert found == [(3, "gender"), (3, "phone"), (8, NATIONAL_ID), (10, "birth_date"),
                     (10, NATIONAL_ID), (12, NATIONAL_ID)]
    messages = {(e.row, e.column): e.message for e in info.value.row_errors}
    assert messages[8, NATIONAL_ID] == "this national ID is already registered in the store"
    assert messages[12, NATIONAL_ID] == "the same national ID is already on row 2"
    assert _count(ctx) == 2
    _index_matches_the_store(ctx)


def test_an_encrypted_store_is_written_from_the_writer_thread_too(tmp_path, small_chunks):
    """The encrypted store's driver hands its connection to the writer's thread as well."""
    from ajfar_desk.db.engine import is_cipher
    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.users import setup

    store = Store.open(tmp_path / "enc", passphrase="a long passphrase 1")
    assert is_cipher(store.engine)
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "مدير النظام")
    path = tmp_path / "good.csv"
    path.write_bytes(csv_bytes([HEADER, *(row(i) for i in range(1, 8))]))
    try:
        assert import_applicants(ctx, path).imported == 7
        assert _count(ctx) == 7 and stored(ctx, 7) is not None
        _index_matches_the_store(ctx)
    finally:
        store.close()


def test_the_first_chunk_is_a_quarter_and_the_switch_interval_comes_back(ctx, tmp_path, monkeypatch,
                                                                         english_messages):
    """The writer starts after a quarter chunk; while it runs the interpreter switches threads
    every SWITCH_INTERVAL (it would wait up to 5 ms after each statement), and afterwards at the
    interval it found, a refused import too."""
    import sys

    monkeypatch.setattr(importer, "CHUNK", 8)  # 12 rows: 2, then 6 (to row 8), then 4
    sizes: list[int] = []
    intervals: list[float] = []
    writer = _writer(ctx)
    store = writer._store

    def spy(self, identities, rows):
        sizes.append(len(rows))
        intervals.append(sys.getswitchinterval())
        return store(self, identities, rows)

    monkeypatch.setattr(writer, "_store", spy)
    before = sys.getswitchinterval()
    assert before > import_writer.SWITCH_INTERVAL
    path = tmp_path / "good.csv"
    path.write_bytes(csv_bytes([HEADER, *(row(i) for i in range(1, 13))]))
    seen: list[tuple[str, int, int]] = []
    assert import_applicants(ctx, path, progress=lambda *a: seen.append(a)).imported == 12
    assert sizes == [2, 6, 4] and seen[:3] == [("read", 2, 0), ("read", 8, 0), ("read", 12, 12)]
    assert intervals == [import_writer.SWITCH_INTERVAL] * 3
    assert sys.getswitchinterval() == before
    bad = tmp_path / "bad.csv"
    bad.write_bytes(csv_bytes([HEADER, *(row(i) for i in range(20, 29)), row(29, phone="abc")]))
    with pytest.raises(ImportFailed):
        import_applicants(ctx, bad)
    assert sys.getswitchinterval() == before
