"""The log file: written with or without a console, rotated, installed once."""

from __future__ import annotations

import logging
import logging.handlers
import sys

import pytest

from ajfar_desk import logs


@pytest.fixture
def restore_root():
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield root
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


def test_without_a_console_the_lines_go_to_the_rotating_file(tmp_path, monkeypatch, restore_root):
    monkeypatch.setattr(sys, "stderr", None)
    path = logs.setup_logging("INFO", tmp_path / "log")
    assert path == tmp_path / "log" / logs.LOG_FILE == logs.log_file()
    logging.getLogger("ajfar_desk.somewhere").info("مرحبا %s", "line")
    ours = [h for h in restore_root.handlers if getattr(h, logs._OURS, False)]
    assert len(ours) == 1 and isinstance(ours[0], logging.handlers.RotatingFileHandler)
    assert (ours[0].maxBytes, ours[0].backupCount) == (logs.MAX_BYTES, logs.BACKUPS)
    ours[0].flush()
    assert "INFO ajfar_desk.somewhere [MainThread] مرحبا line" in path.read_text(encoding="utf-8")


def test_a_second_call_replaces_its_handlers_and_a_console_gets_them_too(tmp_path, restore_root):
    logs.setup_logging("INFO", tmp_path / "a")
    logs.setup_logging("WARNING", tmp_path / "b")
    ours = [h for h in restore_root.handlers if getattr(h, logs._OURS, False)]
    assert sorted(type(h).__name__ for h in ours) == ["RotatingFileHandler", "StreamHandler"]
    assert restore_root.level == logging.WARNING and logs.log_file() == tmp_path / "b" / logs.LOG_FILE


def test_a_folder_that_cannot_be_written_leaves_the_program_running(tmp_path, monkeypatch,
                                                                    restore_root):
    monkeypatch.setattr(sys, "stderr", None)
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert logs.setup_logging("INFO", blocked / "log") is None and logs.log_file() is None
    logging.getLogger("x").error("nowhere to go, and no error")
    ours = [h for h in restore_root.handlers if getattr(h, logs._OURS, False)]
    assert [type(h).__name__ for h in ours] == ["NullHandler"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG folders are Linux's")
def test_the_default_folder_is_the_platforms_log_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert logs.log_dir() == tmp_path / "AjfarDesk" / "log"
