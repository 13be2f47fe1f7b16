"""SQLite: the import writes its rows in short transactions under an import run, so the window
saves beside it (the whole import held the write lock before: a save waited past its 5 s and
was refused), and it stays all or nothing as the user sees it: a refusal, a national ID
registered at the window meanwhile, a process killed mid-way leave no row, no change-log entry,
no audit entry of it, once the store is opened again."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from concurrent import futures
from pathlib import Path

import pytest

from ajfar_desk.db import import_runs
from ajfar_desk.db.engine import STORE_FILE
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.transfer import import_batches, importer
from ajfar_desk.services.transfer.importer import ImportFailed, import_applicants
from ajfar_desk.services.users import setup
from syncnodes import close, exchange, make_nodes

from .test_csv_input import HEADER, csv_bytes, row

PASSWORD = "password123"


@pytest.fixture
def sqlite_ctx(tmp_path):
    ctx = setup.init_store(Store.open(tmp_path / "store"), "ajfar", None, "admin", PASSWORD,
                           "مدير النظام")
    yield ctx
    ctx.store.close()


@pytest.fixture
def batches_of_five(monkeypatch):
    """Chunks of 3 rows checked, batches of 5 written, whatever they take; each chunk stored
    before the next is read (``submit`` waits), so a hook on the progress sees a known store."""
    monkeypatch.setattr(importer, "CHUNK", 3)
    for name in ("FIRST", "SMALLEST", "LARGEST"):
        monkeypatch.setattr(import_batches, name, 5)
    submit = import_batches.BatchWriter.submit

    def in_step(self, identities, rows):
        submit(self, identities, rows)
        futures.wait(self._jobs)

    monkeypatch.setattr(import_batches.BatchWriter, "submit", in_step)


def _window(data_dir: Path):
    """The window: a second opening of the store, its own connections, signed in."""
    ctx = setup.open_context(Store.open(data_dir))
    ctx.user = setup.first_user(ctx)
    return ctx


def _person(ctx, i: int) -> ApplicantInput:
    return ApplicantInput(national_id=make_national_id(1, f"{i:08d}"), first_name="سالم",
                          father_name="ناصر", grandfather_name="علي", family_name="اليامي",
                          birth_date="1/1/1985", nationality="SA", gender="male",
                          marital_status="single", phone=f"0551{i:06d}", city="نجران",
                          category=ctx.profile.categories[0].code, consent=True)


def _left(data_dir: Path) -> dict[str, int]:
    """What the store holds of imports, read from the file as it is (no opening's repair)."""
    con = sqlite3.connect(data_dir / STORE_FILE)
    try:
        one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        return {
            "applicants": one("SELECT count(*) FROM applicant"),
            "indexed": one("SELECT count(*) FROM applicant_fts"),
            "logged": one("SELECT count(*) FROM sync_log WHERE table_name = 'applicant'"),
            "created": one("SELECT count(*) FROM sync_row WHERE table_name = 'applicant'"),
            "audited": one("SELECT count(*) FROM audit_log WHERE action = 'import'"),
            "runs": one("SELECT count(*) FROM import_run"),
        }
    finally:
        con.close()


NOTHING = {"applicants": 0, "indexed": 0, "logged": 0, "created": 0, "audited": 0, "runs": 0}
ONE = {**NOTHING, "applicants": 1, "indexed": 1, "logged": 1, "created": 1}


def _file(tmp_path: Path, rows: list[list[str]]) -> Path:
    path = tmp_path / "people.csv"
    path.write_bytes(csv_bytes([HEADER, *rows]))
    return path


def _at_read(count: int, do):
    """A progress hook that runs ``do()`` once the checks have read ``count`` rows (and, with
    ``batches_of_five``, every chunk before them is stored)."""
    return lambda phase, done, total: do() if phase == "read" and done == count and not total \
        else None


def test_batches_are_committed_as_they_go_and_the_run_ends_with_the_audit(
        sqlite_ctx, tmp_path, batches_of_five):
    data = sqlite_ctx.store.data_dir
    seen: list[dict[str, int]] = []
    path = _file(tmp_path, [row(i) for i in range(1, 13)])
    result = import_applicants(sqlite_ctx, path, progress=_at_read(9, lambda: seen.append(_left(data))))
    assert result.imported == 12
    # after the first batch, from another connection: its rows, logged, the run open, no audit
    assert seen == [{**NOTHING, "applicants": 5, "indexed": 5, "logged": 5, "created": 5,
                     "runs": 1}]
    assert _left(data) == {**NOTHING, "applicants": 12, "indexed": 12, "logged": 12,
                           "created": 12, "audited": 1}
    assert not list((data / import_runs.FOLDER).glob("*.lock"))


def test_a_refusal_on_the_last_row_leaves_nothing(sqlite_ctx, tmp_path, batches_of_five,
                                                  english_messages):
    """Two batches were in the store when the last row was read: both rolled back."""
    data = sqlite_ctx.store.data_dir
    written: list[int] = []
    path = _file(tmp_path, [*(row(i) for i in range(1, 12)), row(12, phone="abc")])
    with pytest.raises(ImportFailed) as info:
        import_applicants(sqlite_ctx, path,
                          progress=_at_read(9, lambda: written.append(_left(data)["applicants"])))
    assert [(e.row, e.column) for e in info.value.row_errors] == [(13, "phone")]
    assert written == [5]  # a batch was in the store before the last row was read
    assert _left(data) == NOTHING
    again = _file(tmp_path, [row(i) for i in range(1, 4)])  # the triggers are back
    assert import_applicants(sqlite_ctx, again).imported == 3
    assert _left(data)["indexed"] == 3


def test_the_window_saves_while_the_import_runs(sqlite_ctx, tmp_path, batches_of_five):
    """Between two batches a save from another connection goes through at once (with one
    transaction for the whole import it waited the import out and was refused after 5 s)."""
    window = _window(sqlite_ctx.store.data_dir)
    try:
        path = _file(tmp_path, [row(i) for i in range(1, 13)])
        saved = []
        assert import_applicants(sqlite_ctx, path, progress=_at_read(9, lambda: saved.append(
            applicants.register(window, _person(window, 90), confirm_similar=True)))).imported == 12
        assert saved and applicants.by_national_id(window, make_national_id(1, "00000090"))
        assert _left(sqlite_ctx.store.data_dir)["applicants"] == 13
    finally:
        window.store.close()


@pytest.mark.parametrize("when", [9, 12])
def test_an_id_registered_at_the_window_meanwhile_is_named_and_nothing_is_left(
        sqlite_ctx, tmp_path, batches_of_five, english_messages, when):
    """The window registers the file's last person: before the import looked the ID up (9: it
    finds it), or after (12: the store's unique key stops the last batch).  Either way the row
    is named as any duplicate and the import leaves nothing."""
    window = _window(sqlite_ctx.store.data_dir)
    try:
        path = _file(tmp_path, [row(i) for i in range(1, 13)])
        with pytest.raises(ImportFailed) as info:
            import_applicants(sqlite_ctx, path, progress=_at_read(when, lambda: applicants.register(
                window, _person(window, 12), confirm_similar=True)))
        assert [(e.row, e.column, e.message) for e in info.value.row_errors] == [
            (13, "national_id", "this national ID is already registered in the store")]
        assert _left(sqlite_ctx.store.data_dir) == ONE  # the window's
    finally:
        window.store.close()


def test_work_done_meanwhile_on_an_imported_file_is_kept_by_the_roll_back(
        sqlite_ctx, tmp_path, batches_of_five):
    """A household member added at the window to a person of the import: the roll back keeps
    that person (deleting would take the desk's work with it); the others go."""
    window = _window(sqlite_ctx.store.data_dir)

    def meanwhile():
        person = applicants.by_national_id(window, make_national_id(1, "00000001"))
        applicants.add_member(window, person.id, applicants.MemberInput("فرد", "son", "male"))

    try:
        path = _file(tmp_path, [*(row(i) for i in range(1, 12)), row(12, phone="abc")])
        with pytest.raises(ImportFailed):
            import_applicants(sqlite_ctx, path, progress=_at_read(9, meanwhile))
        assert _left(sqlite_ctx.store.data_dir) == ONE
        assert applicants.by_national_id(window, make_national_id(1, "00000001"))
        assert not applicants.by_national_id(window, make_national_id(1, "00000002"))
    finally:
        window.store.close()


@pytest.mark.parametrize("window_saves", [False, True])
def test_batches_are_short_while_another_desk_writes_and_long_while_none_does(
        sqlite_ctx, tmp_path, batches_of_five, monkeypatch, window_saves):
    """TARGET after a batch that found another desk's write before it (the first always), QUIET
    after one that found none: here TARGET makes the smallest batch, QUIET the largest."""
    monkeypatch.setattr(import_batches, "SMALLEST", 2)
    monkeypatch.setattr(import_batches, "LARGEST", 50)
    monkeypatch.setattr(import_batches, "TARGET", 0.0)
    monkeypatch.setattr(import_batches, "QUIET", 1e6)
    sizes: list[int] = []
    batch = import_batches.BatchWriter._batch
    monkeypatch.setattr(import_batches.BatchWriter, "_batch",
                        lambda self, rows: sizes.append(len(rows)) or batch(self, rows))
    window = _window(sqlite_ctx.store.data_dir)
    try:
        path = _file(tmp_path, [row(i) for i in range(1, 61)])
        save = lambda: applicants.register(window, _person(window, 90), confirm_similar=True)  # noqa: E731
        import_applicants(sqlite_ctx, path, progress=_at_read(9, save) if window_saves else None)
    finally:
        window.store.close()
    # 5 (the first: as if busy), 2 (quiet), 50; then, the window having saved before it, 2s
    assert sizes == ([5, 2, 50, 2, 1] if window_saves else [5, 2, 50, 3])


def test_the_exchange_sends_nothing_of_an_import_until_it_is_done(tmp_path, batches_of_five):
    nodes = make_nodes(tmp_path, branches=("SHR",))
    hq, shr = nodes["HQ"], nodes["SHR"]
    try:
        before = applicants.register(shr, _person(shr, 90), confirm_similar=True)
        path = _file(tmp_path, [row(i) for i in range(1, 13)])
        import_applicants(shr, path, progress=_at_read(9, lambda: exchange(shr, hq)))
        assert applicants.by_national_id(hq, before.national_id)  # what was logged before it
        assert not applicants.by_national_id(hq, make_national_id(1, "00000001"))
        exchange(shr, hq)
        assert all(applicants.by_national_id(hq, make_national_id(1, f"{i:08d}"))
                   for i in range(1, 13))
    finally:
        close(nodes)


CHILD = """
import os, signal, sys
from pathlib import Path
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.transfer import import_batches, importer
from ajfar_desk.services.users import setup
for name in ("FIRST", "SMALLEST", "LARGEST"):
    setattr(import_batches, name, 50)
batch = import_batches.BatchWriter._batch
def killed_after_two(self, rows):
    n = batch(self, rows)
    if self.batches == 2:  # two batches committed, the run open: killed as by kill -9
        os.kill(os.getpid(), signal.SIGKILL)
    return n
import_batches.BatchWriter._batch = killed_after_two
ctx = setup.open_context(Store.open(Path(sys.argv[1])))
ctx.user = setup.first_user(ctx)
importer.import_applicants(ctx, Path(sys.argv[2]))
"""


@pytest.mark.parametrize("reopened_by", ["the window", "the doctor"])
def test_an_import_killed_mid_way_leaves_nothing_at_the_next_opening(tmp_path, reopened_by):
    data = tmp_path / "store"
    setup.init_store(Store.open(data), "ajfar", None, "admin", PASSWORD, "مدير النظام").store.close()
    path = _file(tmp_path, [row(i) for i in range(1, 301)])
    env = {**os.environ, "PYTHONPATH": str(Path(importer.__file__).parents[3])}
    child = subprocess.run([sys.executable, "-c", CHILD, str(data), str(path)], env=env,
                           capture_output=True, text=True, timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    left = _left(data)
    assert left["applicants"] == 100 and left["logged"] == 100 and left["runs"] == 1
    assert left["audited"] == 0
    if reopened_by == "the window":
        Store.open(data).close()
    else:
        from ajfar_desk.services.store import doctor

        assert doctor.diagnose(data).counts["applicants"] == 0
    assert _left(data) == NOTHING
    assert not list((data / import_runs.FOLDER).glob("*.lock"))


def test_a_live_import_is_not_rolled_back_by_another_opening(sqlite_ctx, tmp_path):
    data = sqlite_ctx.store.data_dir
    with import_batches.BatchWriter(sqlite_ctx, "x.csv") as writer:
        writer.submit([], [])
        assert import_runs.alive(data, writer.run_id)
        Store.open(data).close()  # the command line opens the store while the window imports
        assert _left(data)["runs"] == 1
    assert _left(data)["runs"] == 0 and not import_runs.alive(data, writer.run_id)
