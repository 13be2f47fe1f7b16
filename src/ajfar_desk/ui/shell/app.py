"""Start the desktop application: fonts, language, store, first run or sign-in, main window."""

from __future__ import annotations

import logging
import os
import platform
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, qVersion
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QDialog

from ... import i18n, identity, logs
from ...domain.errors import for_log
from ..common import dialogs, screen
from ..common.collector import collector_paused, delete_window
from ..common.focus_frame import mark_focus
from .app_identity import FirstWindowLog, apply_identity, log_qt_messages
from .language import apply_language
from .quick_start import early_sign_in
from .worker import Job

if TYPE_CHECKING:
    from ...services.store.context import AppContext
    from ...services.store.store import Store

# Imports are a large part of a start (the sign-in window is due within half a second): what
# only the first run, the main window or the daily backup needs is imported when it is needed.

log = logging.getLogger(__name__)
UI_FAMILY = "Noto Sans Arabic"
FALLBACK_FAMILIES = ["Amiri", "DejaVu Sans", "Sans Serif"]
BASE_POINT_SIZE = 11

STYLE = """
QLineEdit[invalid="true"], QComboBox[invalid="true"], QCheckBox[invalid="true"] {
    border: 2px solid #b00020; border-radius: 3px;
}
QLineEdit[invalid="true"]:focus, QComboBox[invalid="true"]:focus, QCheckBox[invalid="true"]:focus {
    border: 3px solid #1565c0; border-radius: 3px; background: #fffbe6;
}
QFocusFrame { border: 2px solid #1565c0; border-radius: 3px; }
QFrame#banner_warning { background: #fff4ce; border: 1px solid #e0b400; border-radius: 4px; }
QFrame#banner_success { background: #e3f4e6; border: 1px solid #2e7d32; border-radius: 4px; }
QFrame#banner_error { background: #fde7ea; border: 1px solid #b00020; border-radius: 4px; }
QLabel#fieldError { font-size: 10pt; }
QLineEdit#searchBox { font-size: 18pt; padding: 6px; }
QToolBar QToolButton { padding: 6px 10px; }
QListView:focus, QTreeView:focus, QTableView:focus, QListWidget:focus, QTableWidget:focus {
    border: 2px solid #1565c0;
}
"""


_loaded_families: list[str] | None = None


def load_fonts() -> list[str]:
    """Register the fonts shipped as Python packages (once: the font database keeps them for the
    application's life); return the families found."""
    global _loaded_families
    if _loaded_families is not None:
        return list(_loaded_families)
    families: list[str] = []
    for module_name in ("fontpkg_noto_sans_arabic", "fontpkg_amiri"):
        try:
            module = __import__(module_name)
        except ImportError:
            log.warning("font package %s is not installed", module_name)
            continue
        for path in sorted(Path(module.ROOT, "files").glob("*.[ot]tf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families.extend(QFontDatabase.applicationFontFamilies(font_id))
    _loaded_families = families
    return list(families)


def ui_font() -> QFont:
    font = QFont(UI_FAMILY, BASE_POINT_SIZE)
    font.setFamilies([UI_FAMILY, *FALLBACK_FAMILIES])
    return font


def setup_application(lang: str = i18n.DEFAULT_LANGUAGE, argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once), with bundled fonts, style and language applied."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)  # the program makes no other kind of application
    apply_identity(app)
    load_fonts()
    # Setting a style or a style sheet polishes every widget again, even when it is the same one
    # (a tenth of a second and more once windows exist): set only what is not set yet.  Under a
    # style sheet ``app.style()`` is the sheet's proxy, nameless: the property remembers.  Each
    # of these walks every widget: no collection under it (``common.collector``).
    with collector_paused():
        if app.property("ajfar_style") != "Fusion":
            app.setStyle("Fusion")
            app.setProperty("ajfar_style", "Fusion")
        app.setFont(ui_font())
        if app.styleSheet() != STYLE:
            app.setStyleSheet(STYLE)
    mark_focus(app)
    apply_language(lang, app)
    return app


def build_main_window(ctx: AppContext):
    from .main_window import MainWindow

    return MainWindow(ctx)


def install_excepthook() -> None:
    """Unexpected errors are logged and shown; the application keeps running."""
    previous = sys.excepthook

    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            previous(kind, value, tb)
            return
        try:  # logged there, and shown with the log's place and the details to copy
            dialogs.unexpected(QApplication.activeWindow(), value)
        except Exception:  # the dialog itself failed: the log still gets it
            log.error("unhandled exception", exc_info=(kind, value, tb))
            previous(kind, value, tb)

    sys.excepthook = hook


SIGNED_OUT = 77  # the event loop's return code when the user signs out (not an exit)
STORE_REPLACED = 78  # … when a backup was restored: the store is opened again


def sign_in_or_set_up(store: Store, after=None) -> AppContext | None:
    """First-run dialog on a new store, else the sign-in dialog; None when the user gives up.
    A laptop that joined head office signs in next, with head office's accounts.  The first run
    may have recreated the store encrypted: the context's store is then a new one.  ``after``:
    the main window just signed out, whose keys typed meanwhile go to the sign-in dialog (it
    closes once the dialog is active: ``MainWindow.hand_over``)."""
    from ...services.users import setup
    from .sign_in import SignInDialog

    ctx = setup.open_context(store)
    if ctx is None:
        from .first_run import FirstRunDialog

        first_run = FirstRunDialog(store)
        try:
            if first_run.exec() != QDialog.DialogCode.Accepted:
                return None
            ctx = first_run.context
        finally:
            delete_window(first_run)
        if ctx is None or ctx.user is not None:
            return ctx
    dialog = SignInDialog(ctx)
    if after is not None:
        after.hand_over(dialog)
    try:
        signed_in = dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        delete_window(dialog)
    if signed_in:
        return ctx
    if ctx.store is not store:
        ctx.store.close()  # the caller closes only the store it gave
    return None


def open_store(data_dir: str | None, db_url: str | None) -> Store | None:
    """The store; an encrypted one after its passphrase is given (None: the user quit)."""
    from ...services.store.store import Store, is_encrypted_store, store_file

    if not is_encrypted_store(data_dir, db_url):
        return Store.open(data_dir, db_url)
    from .passphrase_dialog import PassphraseDialog

    dialog = PassphraseDialog(
        lambda passphrase: Store.open(data_dir, db_url, passphrase=passphrase),
        str(store_file(data_dir, db_url)),
    )
    try:
        return dialog.store if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        delete_window(dialog)


def reopen_store(store: Store, db_url: str | None) -> tuple[Store | None, None]:
    """After a restore: the replaced store's engine closed, the restored one opened (its
    passphrase asked again if it is encrypted: the backup's may differ), nobody signed in."""
    QThreadPool.globalInstance().waitForDone()  # nothing still reading the old engine
    store.close()
    return open_store(str(store.data_dir), db_url), None


BACKUP_DELAY_MS = 3000  # the day's backup waits for the main window to be painted and in use


def _daily_backup(store: Store, progress=None):
    from ...services.store.backup import auto_backup

    return auto_backup(store)


def start_daily_backup(store: Store, delay_ms: int = BACKUP_DELAY_MS) -> Job:
    """The day's backup on a worker thread, ``delay_ms`` from now (seconds on a big store: the
    copy runs in SQLite without Python's lock, so the window stays responsive).  The job is
    returned for its signals; it is started by a timer."""
    from PySide6.QtCore import QTimer

    job = Job(_daily_backup, store)
    job.signals.failed.connect(lambda exc, _tb: log.warning("daily backup failed: %s", for_log(exc)))
    QTimer.singleShot(delay_ms, job.start)
    return job


def run(data_dir: str | None = None, db_url: str | None = None, lang: str = i18n.DEFAULT_LANGUAGE,
        freeze: bool = False) -> int:
    """The desktop application's entry point; returns the process exit code.  ``freeze``: once
    the first main window is shown, what the start made leaves the collector's walks
    (``cycles.freeze_start_up``, the program's choice: ``cli.main``)."""
    started = time.perf_counter()
    log_path = logs.setup_logging(os.environ.get("AJFAR_LOG", "INFO"))
    log.info("%s starting (Python %s, Qt %s); log file %s", identity.APPLICATION_NAME,
             platform.python_version(), qVersion(), log_path)
    log_qt_messages()
    if lang not in i18n.LANGUAGES:
        lang = i18n.DEFAULT_LANGUAGE
    app = setup_application(lang)
    FirstWindowLog(app, started)
    install_excepthook()
    ctx = None
    try:
        early = early_sign_in(data_dir, db_url, preload=True)  # sign-in window before the store
        if early is not None and early.error is not None:
            raise early.error
        store = open_store(data_dir, db_url) if early is None else early.store
    except Exception as exc:
        log.exception("cannot open the store")
        dialogs.error(None, i18n._("Cannot open the data store"), str(exc))
        return 2
    if store is None:
        return 0
    if early is not None:
        if early.gave_up:
            store.close()
            return 0
        ctx = early.ctx
    backup_jobs: list[Job] = []
    try:
        while True:  # signing out brings the sign-in dialog back for the next person
            if ctx is None:
                ctx = sign_in_or_set_up(store)
            if ctx is None:
                return 0
            store = ctx.store  # recreated encrypted by the first run, else the same
            window = build_main_window(ctx)
            window.signed_out.connect(lambda: app.exit(SIGNED_OUT))
            window.store_replaced.connect(lambda: app.exit(STORE_REPLACED))
            screen.show_main(window)
            if not backup_jobs:  # once, after the main window's first paint
                backup_jobs.append(start_daily_backup(store))
                if freeze:
                    from ...services.store.cycles import freeze_start_up

                    freeze_start_up()
            code = app.exec()
            if code == STORE_REPLACED:
                window.close()
                window.deleteLater()
                reopened, ctx = reopen_store(store, db_url)
                if reopened is None:  # the passphrase of the restored store was not given
                    return 0
                store = reopened
                continue
            if code != SIGNED_OUT:
                window.close()
                window.deleteLater()
                return code
            # the signed-out window stays (it keeps the keys typed) until the sign-in is up
            ctx = sign_in_or_set_up(store, after=window)
            window.close()
            window.deleteLater()
            if ctx is None:
                return 0
    finally:
        QThreadPool.globalInstance().waitForDone()  # the day's backup, if still running
        store.close()
