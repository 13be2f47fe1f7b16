"""Start: the sign-in window is up before the store is open, the store opens on a worker thread,
and a password typed early waits for it; the way to the sign-in window loads no database layer."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from ajfar_desk.db.engine import STORE_FILE
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.shell import quick_start
from ajfar_desk.ui.shell.quick_start import EarlySignInDialog, early_sign_in, sign_in_card

from ..conftest import type_text

PASSWORD = "password123"


def _set_up(folder) -> None:
    store = Store.open(folder)
    setup.init_store(store, "ajfar", None, "admin", PASSWORD)
    store.close()


def test_the_card_is_read_from_a_set_up_store_only(tmp_path):
    assert quick_start.STORE_FILE == STORE_FILE
    assert sign_in_card(tmp_path, None) is None  # no store yet: first run, the usual way
    Store.open(tmp_path).close()
    assert sign_in_card(tmp_path, None) is None  # a store not set up
    _set_up(tmp_path)
    card = sign_in_card(tmp_path, None)
    assert card.profile.id == "ajfar" and card.branch.code == card.profile.branches[0].code
    assert sign_in_card(tmp_path, "postgresql://head-office/db") is None
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / STORE_FILE).write_bytes(b"\x00" * 4096)  # e.g. an encrypted file
    assert sign_in_card(tmp_path / "other", None) is None


def test_the_window_comes_first_and_a_quick_password_waits_for_the_store(qtbot, app, tmp_path, monkeypatch):
    _set_up(tmp_path)
    gate, opened_on = threading.Event(), []
    real_open = Store.open.__func__

    def slow_open(cls, *args, **kwargs):
        opened_on.append(threading.current_thread())
        assert gate.wait(10)  # the store takes its time: the window is up meanwhile
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Store, "open", classmethod(slow_open))
    seen = {}

    def type_password():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, EarlySignInDialog)
        qtbot.waitUntil(lambda: dialog.started)  # after its first paint
        seen["opening"] = dialog.opening
        type_text(qtbot, dialog.username, "admin")
        type_text(qtbot, dialog.password, PASSWORD)
        QTimer.singleShot(200, gate.set)  # the store is ready only after Enter
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_password)
    early = early_sign_in(tmp_path, None)
    try:
        assert seen["opening"] is True
        assert opened_on and threading.main_thread() not in opened_on
        assert early.error is None and not early.gave_up
        assert early.ctx.user.username == "admin" and early.ctx.store is early.store
    finally:
        early.store.close()


def test_a_wrong_password_is_said_in_the_window_and_the_right_one_signs_in(qtbot, app, tmp_path):
    _set_up(tmp_path)
    said = []

    def sign_in():
        dialog = QApplication.activeModalWidget()
        type_text(qtbot, dialog.username, "admin")
        type_text(qtbot, dialog.password, "wrong-password")
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
        said.append(dialog.error.isVisible() and dialog.error.text())
        assert dialog.isVisible() and dialog.password.text() == ""
        type_text(qtbot, dialog.password, PASSWORD)
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)

    QTimer.singleShot(0, sign_in)
    early = early_sign_in(tmp_path, None)
    try:
        assert said and said[0]  # the refusal, in the window
        assert early.ctx.user.username == "admin"
    finally:
        early.store.close()


def test_closing_the_window_closes_the_store_it_opened(qtbot, app, tmp_path):
    _set_up(tmp_path)

    def cancel():
        dialog = QApplication.activeModalWidget()
        qtbot.waitUntil(lambda: dialog.store is not None)
        qtbot.keyClick(dialog.username, Qt.Key.Key_Escape)

    QTimer.singleShot(0, cancel)
    early = early_sign_in(tmp_path, None)
    assert early.gave_up and early.ctx is None and early.store is not None
    early.store.close()


def test_a_store_that_cannot_open_is_reported(qtbot, app, tmp_path, monkeypatch):
    _set_up(tmp_path)

    def broken(*_args, **_kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(quick_start, "_open", broken)
    early = early_sign_in(tmp_path, None)  # the window closes itself on the failure
    assert isinstance(early.error, OSError) and early.store is None and early.ctx is None


@pytest.mark.subprocess
def test_the_way_to_the_sign_in_window_loads_no_database_layer():
    code = (
        "import sys\n"
        "import ajfar_desk.cli.main, ajfar_desk.ui.shell.app, ajfar_desk.ui.shell.quick_start\n"
        "heavy = [m for m in ('sqlalchemy', 'ajfar_desk.db.models', 'ajfar_desk.ui.shell.first_run',\n"
        "         'ajfar_desk.ui.shell.main_window', 'ajfar_desk.cli.commands_store', 'babel.messages')\n"
        "         if m in sys.modules]\n"
        "assert not heavy, heavy\n"
        "from ajfar_desk.db import migrate\n"
        "assert 'alembic' not in sys.modules  # loaded only to change a schema\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


@pytest.mark.subprocess
def test_the_main_window_is_preloaded_on_a_thread_of_its_own():
    code = (
        "import sys, threading\n"
        "from ajfar_desk.ui.shell.quick_start import MAIN_WINDOW_MODULE, preload_main_window\n"
        "thread = preload_main_window()\n"
        "assert thread is not threading.main_thread() and thread.daemon\n"
        "thread.join(60)\n"
        "assert MAIN_WINDOW_MODULE in sys.modules\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
