"""The sign-in window first, the store behind it.

Opening the store means loading the database layer (SQLAlchemy and the models: about half a
second of imports) and checking the schema.  The sign-in window needs none of it: only the
association and branch names.  For a plain SQLite store already set up, those two are read with
one read-only query (Python's own sqlite3, closed before anything else opens the file), the
window is painted at once, and the store is opened on a worker thread while the employee types.
Signing in waits for the store only if it is not open yet.  Anything else (a new store, an
encrypted one, a server database, an unreadable file) takes the usual way: ``None`` here."""

from __future__ import annotations

import importlib
import logging
import sqlite3
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QDialog

from ...domain.profile import get_profile
from ...paths import default_data_dir
from ..common.collector import delete_window
from .sign_in import Card, SignInDialog
from .worker import Job

if TYPE_CHECKING:  # the window is shown before the store (and its database layer) is loaded
    from ...services.store.context import AppContext
    from ...services.store.store import Store

log = logging.getLogger(__name__)
STORE_FILE = "ajfar-desk.sqlite"  # as db.engine.STORE_FILE (a test keeps them equal)
META_TABLE = "store_meta"


MAIN_WINDOW_MODULE = f"{__package__}.main_window"


def preload_main_window() -> threading.Thread:
    """Import the main window's modules (a quarter of a second) on a thread of their own while
    the sign-in window waits for the password, so the main window follows the password at once.
    Importing only defines classes: no widget is made off the GUI thread."""

    def work() -> None:
        try:
            importlib.import_module(MAIN_WINDOW_MODULE)
        except Exception:  # imported again, and reported, when the window is built
            log.debug("preloading the main window failed", exc_info=True)

    thread = threading.Thread(target=work, name="preload-main-window", daemon=True)
    thread.start()
    return thread


@dataclass(frozen=True)
class Early:
    """How the early sign-in ended."""

    store: Store | None  # the store opened behind the window (None: it could not be)
    ctx: AppContext | None  # signed in; None: not (see gave_up)
    error: Exception | None = None  # what kept the store from opening
    gave_up: bool = False  # the user closed the window


def sign_in_card(data_dir: str | Path | None, db_url: str | None) -> Card | None:
    """The association and branch of a plain SQLite store that is set up, else None."""
    if db_url:
        return None
    path = Path(data_dir) if data_dir else default_data_dir()
    path = path / STORE_FILE
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            meta = dict(conn.execute(
                f"SELECT key, value FROM {META_TABLE} WHERE key IN ('association', 'branch')"))
        finally:
            conn.close()
    except sqlite3.Error:  # encrypted, not set up, locked: the usual way
        return None
    try:
        profile = get_profile(meta["association"])
        return Card(profile, profile.branch(meta["branch"]))
    except Exception:  # a profile or branch this program does not know: the usual way says so
        return None


def _open(data_dir, db_url, progress=None):
    from ...services.store.store import Store
    from ...services.users import setup

    store = Store.open(data_dir, db_url)
    try:
        return store, setup.open_context(store)
    except BaseException:
        store.close()
        raise


class EarlySignInDialog(SignInDialog):
    """The sign-in window over a store still being opened on a worker thread."""

    def __init__(self, card: Card, data_dir, db_url, parent=None, preload: bool = False):
        super().__init__(card, parent)
        self.preload = preload
        self.store: Store | None = None
        self.usual = False
        self.open_error: Exception | None = None  # (``error`` is the sign-in window's message)
        self.waiting: QEventLoop | None = None
        self.job = Job(_open, data_dir, db_url)
        self.job.signals.finished.connect(self._opened)
        self.job.signals.failed.connect(self._failed)
        self.started = False

    def start_opening(self) -> None:
        """Open the store, once: after the window's first paint (the worker's imports would
        take the interpreter from the painting), or when the password is given first."""
        if not self.started:
            self.started = True
            self.job.start()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().paintEvent(event)
        if not self.started:
            QTimer.singleShot(0, self.start_opening)  # once this paint is over

    @property
    def opening(self) -> bool:
        return self.store is None and self.open_error is None

    def _opened(self, result) -> None:
        self.store, ctx = result
        self.usual = ctx is None  # set up no more (restored from elsewhere meanwhile)
        if self.usual:
            self.reject()  # the usual way goes on: first run, then sign-in
        else:
            self.ctx = ctx
            if self.preload and MAIN_WINDOW_MODULE not in sys.modules:  # while the password is typed
                preload_main_window()
        self._done_waiting()

    def _failed(self, exc: Exception, _trace: str) -> None:
        self.open_error = exc
        self._done_waiting()
        self.reject()

    def _done_waiting(self) -> None:
        if self.waiting is not None:
            self.waiting.quit()

    def wait_for_store(self) -> None:
        """Until the store is open (keeps painting meanwhile)."""
        self.start_opening()
        if self.opening:
            self.waiting = QEventLoop()
            self.waiting.exec()
            self.waiting = None

    def try_sign_in(self) -> None:
        self.wait_for_store()
        if self.open_error is not None or self.usual:
            self.reject()
            return
        super().try_sign_in()


def early_sign_in(data_dir, db_url, preload: bool = False) -> Early | None:
    """Sign in with the window shown before the store is open; None when this store takes the
    usual way.  ``preload``: the main window's modules are imported while the password is typed
    (the program's start; not in tests, whose next test would run beside the importing thread)."""
    card = sign_in_card(data_dir, db_url)
    if card is None:
        return None
    dialog = EarlySignInDialog(card, data_dir, db_url, preload=preload)
    try:
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.wait_for_store()  # a store being opened is not left half-way (nor closed under it)
        if dialog.open_error is not None:
            return Early(None, None, dialog.open_error)
        if accepted and not isinstance(dialog.ctx, Card):  # signed in: the store's context
            return Early(dialog.store, dialog.ctx)
        return Early(dialog.store, None, gave_up=not dialog.usual)
    finally:
        delete_window(dialog)
