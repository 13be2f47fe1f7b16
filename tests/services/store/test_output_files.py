"""Output files: never one of the store's, written whole or not at all, temporary files only
beside the target (never in the system's temporary folder) and gone after a failure or, when a
process was killed, at the next start."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.store import output_files
from ajfar_desk.services.store.output_files import (
    atomic_output,
    safe_output,
    write_atomic,
    write_opened_first,
)
from ajfar_desk.services.store.store import Store

STORE = "ajfar-desk.sqlite"


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


@pytest.fixture
def system_tmp(tmp_path, monkeypatch):
    """The system's temporary folder, watched: nothing may be left in it."""
    folder = tmp_path / "system-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def test_safe_output_refuses_the_store_files(tmp_path):
    data = tmp_path / "data"
    store = Store.open(data)
    try:
        (data / "backups").mkdir()
        (data / "backups" / "old.sqlite").write_bytes(b"x")
        for name in (STORE, STORE + "-wal", STORE + "-shm", STORE + "-journal", "backups/old.sqlite"):
            with pytest.raises(ValidationError) as err:
                safe_output(data / name, store)
            assert err.value.field == "out" and str(data / name) in err.value.message
        with pytest.raises(ValidationError) as err:
            safe_output(data / STORE, data, option="FILE")
        assert "FILE" in err.value.message
        link = tmp_path / "link.pdf"
        link.symlink_to(data / STORE)
        with pytest.raises(ValidationError):
            safe_output(link, store)
        with pytest.raises(ValidationError):
            safe_output(data, store)  # a folder is no file name
        for name in (STORE, STORE + "-wal", "../link.pdf"):  # whatever store this process holds
            with pytest.raises(ValidationError):
                safe_output(data / name)
        assert safe_output(data / "report.pdf", store) == data / "report.pdf"
        assert safe_output(tmp_path / "x" / "a.csv", data) == tmp_path / "x" / "a.csv"
    finally:
        store.close()
    assert safe_output(data / STORE) == data / STORE  # no longer open here, and no folder given


def test_write_atomic_is_whole_or_nothing(tmp_path, system_tmp):
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".") and tmp.suffix == ".pdf"
        tmp.write_bytes(b"half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "system-tmp"]
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf", "system-tmp"]
    assert list(system_tmp.iterdir()) == []


def test_stale_temporary_files_are_removed(tmp_path):
    data = tmp_path / "data"
    (data / "backups").mkdir(parents=True)
    dead, alive = dead_pid(), os.getpid()
    stale = [
        data / f".{STORE}.restore-{dead}",
        data / "backups" / f".{STORE[:-7]}-auto-20260101-000000.sqlite.{dead}.tmp",
        data / output_files.temp_name(data / "a.pdf", pid=dead),
    ]
    kept = [
        data / f".{STORE}.restore-{alive}",
        data / output_files.temp_name(data / "b.pdf", pid=alive),
        data / ".hidden-but-mine",
    ]
    for path in stale + kept:
        path.write_bytes(b"x" * 100)
    Store.open(data).close()
    assert [p for p in stale if p.exists()] == []
    assert [p for p in kept if not p.exists()] == []
    # a killed export beside its target: cleaned at the next start, or the next write there
    usb = tmp_path / "stick"
    usb.mkdir()
    partial = usb / output_files.temp_name(usb / "a.xlsx", pid=dead)
    sheet = usb / output_files.temp_name(usb / "a.xlsx", pid=dead, suffix=".xml")
    mine = usb / "a.xlsx"
    for path in (partial, sheet, mine):
        path.write_bytes(b"names and ids")
    (data / f".pending-output.{dead}-0123abcd").write_text(str(usb), encoding="utf-8")
    Store.open(data).close()
    assert sorted(p.name for p in usb.iterdir()) == ["a.xlsx"]
    assert not (data / f".pending-output.{dead}-0123abcd").exists()
    out = tmp_path / "usb"
    out.mkdir()
    leftover = out / output_files.temp_name(out / "a.xlsx", pid=dead)
    leftover.write_bytes(b"names and ids")
    write_atomic(out / "c.pdf", b"pdf")
    assert not leftover.exists()


def test_spreadsheets_leave_nothing_in_the_system_temp_folder(ctx, tmp_path, system_tmp):
    from ajfar_desk.domain.report import YearMonth
    from ajfar_desk.services.reports import report
    from ajfar_desk.services.reports.report_xlsx import report_xlsx
    from ajfar_desk.services.transfer.exporter import export_applicants

    out = tmp_path / "out"
    out.mkdir()
    assert export_applicants(ctx, out / "a.xlsx") == 0
    data = report.monthly(ctx, YearMonth(2026, 1))
    assert report_xlsx(data, ctx.profile, "ar")[:2] == b"PK"
    assert list(system_tmp.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["a.xlsx"]
    assert list(ctx.store.data_dir.glob(".pending-output.*")) == []


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_failed_spreadsheet_export_leaves_nothing(ctx, tmp_path, system_tmp, monkeypatch):
    from ajfar_desk.services.transfer import exporter

    out = tmp_path / "out"
    out.mkdir()

    def broken(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.writer.excel.ExcelWriter.write_data", broken)
    with pytest.raises(OSError):
        exporter.export_applicants(ctx, out / "a.xlsx")
    assert list(out.iterdir()) == [] and list(system_tmp.iterdir()) == []
    assert list(ctx.store.data_dir.glob(".pending-output.*")) == []
    gc.collect()  # openpyxl's half-written sheet complains as it goes: here, not in a later test


_SLOW_EXPORT = """
import sys, time
from ajfar_desk.services.transfer import exporter; from ajfar_desk.services.users import setup
from ajfar_desk.services.store.store import Store

def slow(phone):
    time.sleep(0.2)
    return phone

exporter.local_phone = slow
store = Store.open(sys.argv[1])
ctx = setup.open_context(store)
ctx.user = setup.first_user(ctx)
exporter.export_applicants(ctx, sys.argv[2])
"""


@pytest.fixture
def local_ctx(tmp_path):
    """A store in the data folder (SQLite): the export's leftovers are a matter of its files."""
    from ajfar_desk.services.users import setup

    store = Store.open(tmp_path / "data")
    yield setup.init_store(store, "ajfar", None, "admin", "password123", "مدير النظام")
    store.close()


@pytest.mark.subprocess
def test_a_killed_spreadsheet_export_leaves_nothing_after_the_next_start(local_ctx, tmp_path):
    import time

    from ajfar_desk.services.applicants import applicants
    from services.store.test_encryption import person

    ctx = local_ctx

    for n in range(30):
        data = person()
        data.national_id = make_national_id(1, f"{60_000_000 + n:08d}")
        applicants.register(ctx, data, confirm_similar=True)
    system = tmp_path / "system-tmp"
    system.mkdir()
    out = tmp_path / "stick"
    out.mkdir()
    env = {**os.environ, "TMPDIR": str(system), "PYTHONPATH": str(Path("src").resolve())}
    child = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, str(ctx.store.data_dir), str(out / "a.xlsx")],
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while not any(p.suffix == ".xml" for p in out.iterdir()):  # a sheet is being written
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
    finally:
        child.kill()
        child.wait()
    assert list(system.iterdir()) == []  # nothing with names and IDs in the system's folder
    assert [p for p in out.iterdir() if not p.name.startswith(".")] == []
    Store.open(ctx.store.data_dir).close()
    assert list(out.iterdir()) == []


def test_a_file_opened_first_is_refused_before_its_content_is_made_and_gone_after_a_failure(tmp_path):
    """An invitation changes the store while it is made: the file is opened first, so a folder
    that cannot be written is said before anything happens, and a failure leaves no file."""
    made: list[str] = []

    def make() -> bytes:
        made.append("made")
        return b"AJFI content"

    with pytest.raises(ValidationError) as refused:
        write_opened_first(tmp_path / "no such folder" / "a.ajfi", make)
    assert refused.value.field == "out" and "no such folder" in str(refused.value)
    assert made == []

    def fail() -> bytes:
        raise ValidationError("member", "already a member")

    with pytest.raises(ValidationError, match="already a member"):
        write_opened_first(tmp_path / "b.ajfi", fail)
    assert not (tmp_path / "b.ajfi").exists()

    assert write_opened_first(tmp_path / "c.ajfi", make) == tmp_path / "c.ajfi"
    assert (tmp_path / "c.ajfi").read_bytes() == b"AJFI content" and made == ["made"]
