"""One version, pyproject's: ``ajfar_desk.__version__``, ``ajfar-desk --version`` and the
names the program is known by."""

from __future__ import annotations

import email.message
import importlib.metadata
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import ajfar_desk
from ajfar_desk import identity
from clirun import run_cli

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_version_is_pyprojects():
    assert ajfar_desk.__version__ == PROJECT["version"] == identity.version()
    with pytest.raises(AttributeError):
        ajfar_desk.__no_such_thing__  # noqa: B018 - the module's __getattr__ says no


def test_without_a_source_checkout_the_metadata_says_it(monkeypatch):
    monkeypatch.setattr(identity, "_source_pyproject", lambda: None)
    identity._source_project.cache_clear()
    identity.version.cache_clear()
    identity.licence.cache_clear()
    installed = email.message.Message()  # what importlib.metadata gives
    installed["Version"] = "9.8.7"
    installed["License-Expression"] = "EUPL-1.2"
    monkeypatch.setattr(importlib.metadata, "metadata", lambda name: installed)
    try:
        assert identity.version() == "9.8.7" and identity.licence() == "EUPL-1.2"

        def missing(name):
            raise importlib.metadata.PackageNotFoundError(name)

        monkeypatch.setattr(importlib.metadata, "metadata", missing)
        identity.version.cache_clear()
        assert identity.version() == identity.UNKNOWN_VERSION
    finally:
        identity._source_project.cache_clear()
        identity.version.cache_clear()
        identity.licence.cache_clear()


def test_the_licence_is_pyprojects():
    stated = PROJECT["license"]
    assert identity.licence() == (stated if isinstance(stated, str) else stated["text"])


@pytest.mark.parametrize("argv", [["--version"], ["--lang", "en", "--data-dir", "x", "--version"]])
def test_version_is_one_line_and_exit_0(argv):
    result = run_cli(argv)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ajfar-desk {PROJECT['version']} (Python ")
    assert "PySide6 6." in lines[0] and result.stderr == ""


@pytest.mark.subprocess
def test_version_from_the_command():
    result = subprocess.run([sys.executable, "-m", "ajfar_desk", "--version"], capture_output=True,
                            text=True, timeout=60, cwd=ROOT,
                            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"ajfar-desk {PROJECT['version']} ") and not result.stderr


def test_the_windowed_program_is_declared():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    target = pyproject["project"]["gui-scripts"]["ajfar-desk-gui"]
    module, _, function = target.partition(":")
    assert callable(getattr(__import__(module, fromlist=[function]), function))


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["--lang", "xx"]])
def test_without_a_console_the_command_line_does_not_fail_on_its_streams(monkeypatch, argv):
    """A windowed build has no sys.stdout nor sys.stderr: what would be printed goes nowhere."""
    from ajfar_desk.cli import main as cli

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert cli.main(argv) == (2 if argv[0] == "--lang" else 0)


def test_without_a_console_an_error_goes_to_the_log(monkeypatch, tmp_path, caplog):
    from ajfar_desk.cli import main as cli

    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    code = cli.main(["--lang", "en", "--data-dir", str(tmp_path / "none"), "users", "list"])
    assert code == 2
    assert any(r.levelname == "ERROR" and "ajfar-desk: error: No store is set up" in r.getMessage()
               for r in caplog.records)


def test_with_a_console_the_error_is_printed_once(capsys, tmp_path, caplog):
    from ajfar_desk.cli import main as cli

    assert cli.main(["--lang", "en", "--data-dir", str(tmp_path / "none"), "users", "list"]) == 2
    assert capsys.readouterr().err.startswith("ajfar-desk: error: No store is set up")
    assert not [r for r in caplog.records if "No store is set up" in r.getMessage()]
