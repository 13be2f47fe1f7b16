"""The administrator's backups page: the copies kept (date in both calendars, kind, size), a
backup made now (into the backups folder, or a folder chosen, e.g. a USB stick) and a restore
from a kept copy, after a confirmation that says what it replaces.  The copying runs on a worker
thread, a progress window showing when it lasts; a restore ends with ``store_replaced``: the
window closes and the program opens the store again (``ui.shell.app``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...domain.text import LRI, PDI
from ...i18n import N_, _, ngettext
from ...services.backups import backups
from ...services.backups.backups import KeptBackup, Restored
from ...services.store.backup import BackupInfo
from ...services.store.context import AppContext
from ..common import dialogs, files, fmt
from ..common.fit_columns import fit_columns
from ..common.table_model import Column, RowsModel, record_table, select_row
from ..common.widgets import Banner, ErrorLabel, Texts, named_button, titled
from ..shell.operations import Operation

KINDS = {
    backups.DAILY: N_("Daily, automatic"),
    backups.MANUAL: N_("Made by hand"),
    backups.SAFETY: N_("Safety copy before a restore"),
    backups.MIGRATION: N_("Before an update"),
}


def path_text(path: Path | object) -> str:
    """A path inside a sentence, whole and left to right (copied as it is: no marks inside)."""
    return f"{LRI}{path}{PDI}"


def size_text(ctx: AppContext, size: int) -> str:
    return _("{size} MB").format(size=fmt.decimal(ctx.profile, size / 1_048_576, 1))


def counts_text(applicants: int, requests: int) -> str:
    """«١٢ مستفيدًا ولا طلبات»: none said in words («و٠ طلب» read as a slip)."""
    return _("{applicants} and {requests}").format(
        applicants=ngettext("{n} applicant", "{n} applicants", applicants).format(n=applicants)
        if applicants else _("no applicants"),
        requests=ngettext("{n} request", "{n} requests", requests).format(n=requests)
        if requests else _("no requests"))


class BackupsView(QWidget):
    store_replaced = Signal(object)  # Restored: the store must be opened again

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        self.title = titled(t, N_("Backups"), size=18)
        self.place = QLabel()
        self.place.setWordWrap(True)
        self.place.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.model = RowsModel([
            Column(N_("Made on"), lambda b: fmt.timestamp(ctx.profile, b.made.astimezone())),
            Column(N_("Kind"), lambda b: _(KINDS[b.kind])),
            Column(N_("Size"), lambda b: size_text(ctx, b.size)),
            Column(N_("File"), lambda b: fmt.ltr_code(b.name)),
        ], self)
        self.table = record_table(self.model, "backups")
        fit_columns(self.table, stretch=1)  # the kind takes the width left (a file name is never elided)
        t.add(self.table.setAccessibleName, N_("Backups kept"))
        self.count = QLabel()
        self.backup_button = named_button(t, N_("Back up now"), "backupNow")
        self.backup_to_button = named_button(t, N_("Back up to a folder…"), "backupTo")
        self.restore_button = named_button(t, N_("Restore…"), "restoreBackup")
        self.error = ErrorLabel()
        self.result = Banner("success")
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.backup_to_button, self.restore_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget in (self.title, self.place):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self.backup_button.clicked.connect(lambda: self.backup_now())
        self.backup_to_button.clicked.connect(self.backup_to)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.activated.connect(lambda _index: self.restore_selected())
        self.retranslate()
        self.reload()

    # -- the list --------------------------------------------------------------------------
    def reload(self, select: Path | None = None) -> None:
        rows = Operation(self, lambda: backups.kept_backups(self.ctx)).run()
        if not isinstance(rows, list):
            rows = []
        self.model.set_rows(rows)
        self.count.setText(ngettext("{n} backup kept.", "{n} backups kept.", len(rows)).format(
            n=fmt.number(self.ctx.profile, len(rows))))
        index = next((i for i, b in enumerate(rows) if b.path == select), 0)
        if rows:
            select_row(self.table, index)
        self._update_buttons()

    def selected(self) -> KeptBackup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.selected() is not None)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self.place.setText("\n".join((
            _("The backups are kept in the folder:"),
            path_text(backups.folder(self.ctx)),
            _("The program makes one a day (the last seven are kept); a safety copy of the store "
              "is made before every restore."))))

    def _busy(self) -> tuple[QWidget, ...]:
        return (self.backup_button, self.backup_to_button, self.restore_button, self.table)

    def _start(self) -> None:
        self.error.clear_message()
        self.result.hide()

    def _keep_focus(self) -> Callable[[], None]:
        """The keyboard back where it was once the work is done (the busy button it stood on was
        disabled meanwhile, and the focus had gone on to the status bar's «Sign out»)."""
        focused = QApplication.focusWidget()
        target = focused if focused is not None and self.isAncestorOf(focused) else self.backup_button

        def back() -> None:
            if isValid(target) and target.isVisible():
                target.setFocus(Qt.FocusReason.OtherFocusReason)
        return back

    # -- a backup now ------------------------------------------------------------------------
    def backup_now(self, target: Path | None = None) -> Operation:
        """Into the backups folder, or ``target`` (a folder chosen): on a worker thread."""
        self._start()
        return Operation(self, lambda: backups.backup_now(self.ctx, target)) \
            .label(N_("Backing up the store…")).busy(*self._busy()).always(self._keep_focus()) \
            .failure(lambda exc: self.error.show_message(exc.message)) \
            .success(self._backed_up).run_in_background()

    def backup_to(self) -> None:
        chosen = files.folder_name(self, _("Back up to a folder"))
        if chosen:
            self.backup_now(Path(chosen))

    def _backed_up(self, made: Path) -> None:
        # the path on a line of its own: inside the Arabic sentence its leading «/» went astray
        self.result.show_message(_("Backup written ({size}):").format(
            size=size_text(self.ctx, made.stat().st_size)) + "\n" + path_text(made))
        self.reload(select=made)

    # -- a restore ---------------------------------------------------------------------------
    def restore_selected(self) -> None:
        kept = self.selected()
        if kept is None:
            return
        self._start()
        passphrase = None
        if backups.is_encrypted_backup(kept.path):
            passphrase = self.ask_passphrase()
            if passphrase is None:
                return
        Operation(self, lambda: (backups.check(self.ctx, kept.path, passphrase),
                                 backups.current_store(self.ctx))) \
            .label(N_("Checking the backup…")).busy(*self._busy()).always(self._keep_focus()) \
            .failure(lambda exc: self.error.show_message(exc.message)) \
            .success(lambda found: self._confirm(kept, passphrase, *found)).run_in_background()

    def ask_passphrase(self) -> str | None:
        return dialogs.secret(self, _("Encrypted backup"), _("The backup's passphrase:"))

    def confirmation(self, kept: KeptBackup, info: BackupInfo, current: backups.CurrentStore) -> str:
        return "\n\n".join((
            _("The whole store, which holds {now}, is replaced by the backup made on {date} "
              "({kind}), which holds {then}. The store's file:").format(
                now=fmt.number(self.ctx.profile, counts_text(current.applicants, current.requests)),
                date=fmt.timestamp_whole(self.ctx.profile, kept.made.astimezone()),
                kind=_(KINDS[kept.kind]),
                then=fmt.number(self.ctx.profile, counts_text(info.applicants, info.requests)))
            + "\n" + path_text(current.file),
            _("Everything recorded since that moment, on this computer, is lost from the store; "
              "a safety copy of the current store is made first, in the backups folder."),
            _("Then the program closes the store and opens it again: everyone signs in again."),
        ))

    def _confirm(self, kept: KeptBackup, passphrase: str | None, info: BackupInfo,
                 current: backups.CurrentStore) -> None:
        if not dialogs.ask(self, _("Restore this backup?"), self.confirmation(kept, info, current),
                           default_yes=False):
            return
        Operation(self, lambda: backups.restore(self.ctx, kept.path, passphrase)) \
            .label(N_("Restoring the backup…")).busy(*self._busy()).always(self._keep_focus()) \
            .failure(lambda exc: self.error.show_message(exc.message)) \
            .success(self._restored).run_in_background()

    def _restored(self, restored: Restored) -> None:
        self.store_replaced.emit(restored)
