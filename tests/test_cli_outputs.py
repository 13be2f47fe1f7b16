"""Every ``--out`` and every export refuses the data folder's store files, before doing anything;
certificate and template problems are errors (exit 2), not crashes."""

from __future__ import annotations

import gc
import sqlite3
import sys
from pathlib import Path

import pytest

from ajfar_desk.cli.main import main

STORE = "ajfar-desk.sqlite"


@pytest.fixture(scope="module")
def data(tmp_path_factory, collector_sees_this_module_only):
    folder = tmp_path_factory.mktemp("outputs") / "data"
    mp = pytest.MonkeyPatch()
    mp.setenv("AJFAR_ADMIN_PASSWORD", "s3cret-pass")
    try:
        assert cli(folder, "init", "--association", "ajfar") == 0
        assert cli(folder, "demo", "--applicants", "8", "--seed", "5") == 0
    finally:
        mp.undo()
    return folder


def cli(folder: Path, *args: str) -> int:
    return main(["--data-dir", str(folder), "--lang", "en", *args])


def sound(folder: Path) -> None:
    path = folder / STORE
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


COMMANDS = [
    ("sync", "export", "--to", "HQ", "--out", "{target}"),
    ("sync", "invite", "--branch", "SHR", "--out", "{target}"),
    ("print", "declaration", "AJF-1447-000001", "--out", "{target}"),
    ("print", "receipt", "AJF-1447-000001", "--out", "{target}"),
    ("print", "minutes", "--meeting", "1", "--out", "{target}"),
    ("report", "monthly", "--out", "{target}"),
    ("report", "monthly", "--xlsx", "{target}"),
    ("survey", "form", "--out", "{target}"),
    ("person", "export", "1000000008", "--out", "{target}"),
    ("applicants", "export", "{target}"),
    ("backup", "--out", "{target}"),
]


@pytest.mark.parametrize("target", [STORE, STORE + "-wal", STORE + "-shm", "backups/x.sqlite"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_out_naming_a_store_file_is_refused(data, command, target, capsys, monkeypatch):
    monkeypatch.setenv("AJFAR_INVITE_PASSPHRASE", "invite passphrase")
    # A connection an earlier test left for the collector would close (and let SQLite remove
    # the -wal and -shm files) in the middle of this one: close it before looking (the
    # collector walks only what this module made: ``collector_sees_this_module_only``).
    gc.collect()
    path = data / target
    if target.startswith("backups/"):  # an existing backup is the store's too
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(b"kept")
    before = path.read_bytes() if path.exists() else None
    args = [part.format(target=path) for part in command]
    capsys.readouterr()
    assert cli(data, *args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(path) in err[0], err
    assert (path.read_bytes() if path.exists() else None) == before
    sound(data)


def test_a_link_to_the_store_is_refused_too(data, tmp_path, capsys):
    link = tmp_path / "innocent.pdf"
    link.symlink_to(data / STORE)
    assert cli(data, "survey", "form", "--out", str(link)) == 2
    sound(data)
    hard = tmp_path / "hard.bin"
    try:
        hard.hardlink_to(data / STORE)
    except OSError:
        pytest.skip("no hard links here")
    assert cli(data, "survey", "form", "--out", str(hard)) == 2
    sound(data)


def test_outputs_elsewhere_are_written_without_leftovers(data, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert cli(data, "survey", "form", "--out", str(out / "s.pdf")) == 0
    assert cli(data, "report", "monthly", "--xlsx", str(out / "r.xlsx")) == 0
    assert cli(data, "applicants", "export", str(out / "a.xlsx")) == 0
    assert cli(data, "backup", "--out", str(out / "b.sqlite")) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "a.xlsx", "b.sqlite", "b.sqlite.anchor.json", "r.xlsx", "s.pdf"  # the backup's signed audit heads
    ]


def submitted(folder: Path) -> str:
    conn = sqlite3.connect(folder / STORE)
    try:
        row = conn.execute(
            "SELECT reference FROM support_request WHERE status = 'submitted' LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    assert row, "the demo has a submitted request"
    return row[0]


@pytest.mark.parametrize(
    "settings",
    ['pkcs12 = "/dev/zero"\n', 'pkcs12 = "big.p12"\n', "pkcs12 = [\n", 'passphrase = "x"\n'],
    ids=["device", "too-big", "broken-toml", "inline-passphrase"],
)
def test_signing_problems_are_errors_with_exit_2(data, tmp_path, capsys, settings):
    signing = data / "signing.toml"
    big = data / "big.p12"
    try:
        with big.open("wb") as fh:
            fh.truncate(64 * 1024 * 1024)  # sparse: no disk used
        signing.write_text(settings, encoding="utf-8")
        capsys.readouterr()
        code = cli(data, "print", "declaration", submitted(data), "--out", str(tmp_path / "d.pdf"))
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(err) == 1 and "unexpected" not in err[0], err
        assert not (tmp_path / "d.pdf").exists()
    finally:
        signing.unlink(missing_ok=True)
        big.unlink(missing_ok=True)


def test_template_errors_are_errors_with_exit_2(data, tmp_path, capsys):
    forms = data / "forms"
    forms.mkdir(exist_ok=True)
    broken = forms / "receipt.toml"
    try:
        broken.write_text("[[blocks]\n", encoding="utf-8")
        capsys.readouterr()
        code = cli(data, "print", "receipt", submitted(data), "--out", str(tmp_path / "r.pdf"))
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(err) == 1 and "unexpected" not in err[0], err
        assert "receipt.toml" in err[0]
    finally:
        broken.unlink(missing_ok=True)


def test_without_the_signing_extra_papers_print_unsigned_and_a_certificate_is_refused(
    data, tmp_path, capsys, monkeypatch
):
    """pyHanko is the optional ``[signing]`` extra: without it (its import made to fail here) a
    paper prints unsigned, and an installation that configured a certificate is told what to
    install (one line, exit 2) instead of getting unsigned papers or a crash."""
    from ajfar_desk.printing import signing_config

    for name in signing_config.SIGNING_MODULES:
        monkeypatch.setitem(sys.modules, name, None)  # ``import pyhanko`` raises ImportError
    assert not signing_config.signing_available()
    reference = submitted(data)
    assert cli(data, "print", "declaration", reference, "--out", str(tmp_path / "a.pdf")) == 0
    assert (tmp_path / "a.pdf").read_bytes()[:5] == b"%PDF-"
    assert "pyhanko" not in {m for m, mod in sys.modules.items() if mod is not None}
    settings = data / "signing.toml"
    (data / "association.p12").write_bytes(b"0")
    try:
        settings.write_text('pkcs12 = "association.p12"\n', encoding="utf-8")
        capsys.readouterr()
        code = cli(data, "print", "declaration", reference, "--out", str(tmp_path / "b.pdf"))
        err = capsys.readouterr().err.strip().splitlines()
        assert code == 2 and len(err) == 1, err
        assert "ajfar-desk[signing]" in err[0] and "signing.toml" in err[0], err
        assert not (tmp_path / "b.pdf").exists()
        with pytest.raises(signing_config.SigningError, match=r"\[signing\]"):
            from ajfar_desk.printing.signature_check import describe_signatures

            describe_signatures((tmp_path / "a.pdf").read_bytes())
    finally:
        settings.unlink(missing_ok=True)
        (data / "association.p12").unlink(missing_ok=True)
