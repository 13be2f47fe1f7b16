"""First run, three ways: bind this store to an association and branch and create the
administrator; join head office with its invitation (a branch laptop); or fill a demonstration
store in the background.  A laptop's data may be encrypted on the way (the store was created
plain before this dialog: it is recreated encrypted while still empty)."""

from __future__ import annotations

import importlib.util
import os
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError, ValidationError
from ...domain.profile import available_profiles, get_profile
from ...i18n import N_, _, current_language, ngettext
from ...services.store.context import AppContext
from ...services.store.store import PassphraseError, Store, check_new_passphrase
from ...services.users import setup
from ..common import dialogs, screen
from ..common.form_dialog import FormDialog
from ..common.widgets import (
    FAILED,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    button_row,
    heading,
    note_label,
)
from .join_panel import JoinPanel, join_job
from .operations import Operation
from .worker import Job

DEMO_ASSOCIATION = "ajfar"
DEMO_APPLICANTS = 200
NEW_TAB, JOIN_TAB = 0, 1


def can_encrypt(store: Store) -> bool:
    """A plain SQLite store (a laptop's), with SQLCipher installed."""
    return (
        store.file is not None
        and not store.encrypted
        and importlib.util.find_spec("sqlcipher3") is not None
    )


def _remove(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)


def encrypt_new_store(store: Store, passphrase: str) -> Store:
    """The never-set-up plain ``store`` recreated encrypted under the same file name; ``store``
    is closed.  The encrypted store is made next to it first and then put in its place in one
    step: until then the plain store is untouched (and stays usable when this fails)."""
    path = store.file
    if path is None or store.encrypted:
        return store
    if setup.is_initialized(store):
        raise ValidationError("association", _("This store is already set up for an association"))
    fresh = path.with_name(path.name + ".new")
    _remove(fresh)
    try:
        Store.open(store.data_dir, f"sqlite:///{fresh}", passphrase=passphrase).close()
        store.close()
        sidecars = [p for p in (path, fresh) for s in ("-wal", "-shm") if p.with_name(p.name + s).exists()]
        if sidecars:  # SQLite removes them when the last connection closes: someone still has one
            raise ValidationError(
                "store", _("The data store is open in another program: close it, then try again")
            )
        os.replace(fresh, path)
    except BaseException:
        _remove(fresh)
        raise
    return Store.open(store.data_dir, store.url, passphrase=passphrase)


class FirstRunDialog(FormDialog):
    def __init__(self, store: Store, parent=None, demo_applicants: int = DEMO_APPLICANTS):
        super().__init__(parent)
        self.store = self.given_store = store  # ``store`` is replaced when it is encrypted
        self.context: AppContext | None = None
        self.demo_applicants = demo_applicants
        self.job: Job | None = None
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("Set up Ajfar Desk"))
        self.title = heading()
        t.add(self.title.setText, N_("Welcome. Set up this computer for your association."))
        profiles = [get_profile(pid) for pid in available_profiles()]
        self.association = CodeCombo(
            [(pr.id, partial(_profile_name, pr)) for pr in profiles], placeholder=False
        )
        self.association.set_code(DEMO_ASSOCIATION)
        self.branch = CodeCombo([], placeholder=False)
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password2 = QLineEdit()
        self.store_passphrase = QLineEdit()
        self.store_passphrase2 = QLineEdit()
        for box in (self.password, self.password2, self.store_passphrase, self.store_passphrase2):
            box.setEchoMode(QLineEdit.EchoMode.Password)
        self.boxes = {
            "association": FieldBox(t, N_("Association"), self.association),
            "branch": FieldBox(t, N_("Branch"), self.branch),
            "username": FieldBox(t, N_("Administrator user name"), self.username),
            "full_name": FieldBox(t, N_("Administrator full name"), self.full_name),
            "password": FieldBox(t, N_("Password"), self.password),
            "password2": FieldBox(t, N_("Password again"), self.password2),
        }
        self.encrypt_boxes = {
            "store_passphrase": FieldBox(t, N_("Passphrase for this computer's data"), self.store_passphrase),
            "store_passphrase2": FieldBox(t, N_("Passphrase again"), self.store_passphrase2),
        }
        grid = QGridLayout()
        grid.addWidget(self.boxes["association"], 0, 0, 1, 2)  # long names: the whole width
        grid.addWidget(self.boxes["branch"], 1, 0, 1, 2)
        for index, name in enumerate(("username", "full_name", "password", "password2")):
            grid.addWidget(self.boxes[name], 2 + index // 2, index % 2)
        self.error = ErrorLabel()
        self.create_button = QPushButton()
        t.add(self.create_button.setText, N_("Create the store"))
        self.create_button.setDefault(True)
        self.demo_button = QPushButton()
        t.add(self.demo_button.setText, N_("Open a demo store"))
        self.demo_note = note_label(t, N_("The demo store is filled with invented applicants; its administrator is “admin”."))
        self.progress = QProgressBar()
        self.progress.hide()
        buttons = button_row(self.create_button)
        buttons.addWidget(self.demo_button)
        new_page = QWidget()
        new_layout = QVBoxLayout(new_page)
        new_layout.addLayout(grid)
        new_layout.addLayout(buttons)
        new_layout.addWidget(self.demo_note)
        new_layout.addStretch(1)
        self.join_panel = JoinPanel(t)
        self.tabs = QTabWidget()
        self.tabs.addTab(new_page, "")
        self.tabs.addTab(self.join_panel, "")
        t.add(lambda text: self.tabs.setTabText(NEW_TAB, text), N_("Set up a new association store"))
        t.add(lambda text: self.tabs.setTabText(JOIN_TAB, text), N_("Join head office with an invitation"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs)
        layout.addWidget(self._encryption_section())
        layout.addWidget(self.error)
        layout.addWidget(self.progress)
        self.association.currentIndexChanged.connect(self._fill_branches)
        self.create_button.clicked.connect(self.create_store)
        self.demo_button.clicked.connect(self.open_demo)
        self.join_panel.join_button.clicked.connect(self.join)
        self.join_panel.passphrase.returnPressed.connect(self.join)
        self.tabs.currentChanged.connect(self._tab_changed)
        self._fill_branches()
        screen.at_least_wide(self, 680)
        self.full_name.setFocus()

    def _encryption_section(self) -> QWidget:
        self.encrypt = QCheckBox()
        self.texts.add(self.encrypt.setText, N_("Encrypt this computer's data (recommended for laptops)"))
        self.encrypt_note = QLabel()
        self.encrypt_note.setWordWrap(True)
        self.texts.add(
            self.encrypt_note.setText,
            N_("The passphrase is asked each time Ajfar Desk starts. Without it nobody can read "
               "the data, you included: keep it in a safe place."),
        )
        self.encrypt_fields = QWidget()
        fields = QGridLayout(self.encrypt_fields)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.encrypt_boxes["store_passphrase"], 0, 0)
        fields.addWidget(self.encrypt_boxes["store_passphrase2"], 0, 1)
        fields.addWidget(self.encrypt_note, 1, 0, 1, 2)
        section = QWidget()
        box = QVBoxLayout(section)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.encrypt)
        box.addWidget(self.encrypt_fields)
        self.encrypt.toggled.connect(self.encrypt_fields.setVisible)
        self.encrypt_fields.setVisible(False)
        if not can_encrypt(self.store):  # (shown, a widget without a parent yet is a window)
            section.setVisible(False)
        self.encrypt_section = section
        return section

    def _fill_branches(self) -> None:
        profile = get_profile(self.association.code())
        self.branch.clear()
        for branch in profile.branches:
            self.branch.addItem(branch.name(current_language()), branch.code)

    def _tab_changed(self, index: int) -> None:
        joining = index == JOIN_TAB
        self.create_button.setDefault(not joining)
        self.join_panel.join_button.setDefault(joining)
        self.error.clear_message()
        (self.join_panel.file if joining else self.full_name).setFocus()

    def _clear_errors(self) -> None:
        self.error.clear_message()
        for box in (*self.boxes.values(), *self.encrypt_boxes.values(), *self.join_panel.boxes.values()):
            box.set_error(None)

    # -- encryption ------------------------------------------------------------------------

    def _encryption_ok(self) -> bool:
        """The passphrase fields, when encryption is asked (and not done yet), are right."""
        if not self.encrypt.isChecked() or not self.encrypt.isEnabled():
            return True
        first, second = self.store_passphrase.text(), self.store_passphrase2.text()
        try:
            check_new_passphrase(first)
        except PassphraseError as exc:
            self.encrypt_boxes["store_passphrase"].set_error(exc.message)
            return False
        if second != first:
            self.encrypt_boxes["store_passphrase2"].set_error(_("The two passphrases differ"))
        return second == first

    def _prepare_store(self) -> bool:
        """Encrypt the still empty store when asked; False (the error shown) when it failed."""
        if not self.encrypt.isChecked() or self.store.encrypted:
            return True
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            encrypted = Operation(self, lambda: encrypt_new_store(self.store, self.store_passphrase.text())) \
                .failure(lambda exc: self.error.show_message(exc.message)) \
                .on(OSError, lambda exc: self.error.show_message(
                    _("The data could not be encrypted: {error}").format(error=exc))).run()
        finally:
            QGuiApplication.restoreOverrideCursor()
        if encrypted is FAILED:
            return False
        self.store = encrypted
        for widget in (self.encrypt, self.encrypt_fields):
            widget.setEnabled(False)  # done: it stays encrypted, whatever comes next
        return True

    # -- a new association store -------------------------------------------------------------

    def create_store(self) -> None:
        self._clear_errors()
        same = self.password.text() == self.password2.text()
        if not same:
            self.boxes["password2"].set_error(_("The two passwords are not the same"))
        named = bool(self.full_name.text().strip())  # the papers print it, not the login
        if not named:
            self.boxes["full_name"].set_error(
                _("{label} is required").format(label=_("Administrator full name")))
        if not (self._encryption_ok() and same and named):
            self._focus_first_error()
            return
        if not self._prepare_store():
            return
        made = Operation(self, lambda: setup.init_store(
            self.store, self.association.code(), self.branch.code() or None,
            self.username.text(), self.password.text(), self.full_name.text(),
        )).failure(lambda exc: self._show_errors(exc, self.boxes)).run()
        if made is FAILED:
            return
        self.context = made
        self.accept()

    def open_demo(self) -> None:
        """Set up the demo association and fill it off the GUI thread."""
        self._clear_errors()
        # Imported here: the demo filler is only needed when asked for.
        from ...services.demo import demo

        if not self._encryption_ok():
            self._focus_first_error()
            return
        if not self._prepare_store():
            return
        ctx = Operation(self, lambda: setup.init_store(
            self.store, DEMO_ASSOCIATION, None, "admin", "demo-password", _("Demo administrator"),
        )).failure(lambda exc: self.error.show_message(exc.message)).run()
        if ctx is FAILED:
            return
        self.context = ctx
        self._set_busy(True)
        self.job = Job(demo.fill_demo, ctx, applicants=self.demo_applicants)
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.finished.connect(self._on_demo_done)
        self.job.signals.failed.connect(self._on_demo_failed)
        self.job.start()

    # -- joining head office -----------------------------------------------------------------

    def join(self) -> None:
        self.join_from(self.join_panel.file.text(), self.join_panel.passphrase.text())

    def join_from(self, path: str, passphrase: str) -> bool:
        """Join head office with the invitation file at ``path``, off the GUI thread; False when
        an error is shown instead (nothing started).  The dialog closes when it is done."""
        self._clear_errors()
        if path != self.join_panel.file.text():
            self.join_panel.file.setText(path)  # the file box shows which file is meant
        data = self.join_panel.read_invitation(path)
        if not passphrase:
            self.join_panel.boxes["passphrase"].set_error(_("Enter the passphrase"))
        if not (self._encryption_ok() and data is not None and passphrase):
            self._focus_first_error()
            return False
        if not self._prepare_store():
            return False
        self._set_busy(True)
        self.job = Job(join_job, self.store, data, passphrase)
        self.job.signals.finished.connect(self._on_joined)
        self.job.signals.failed.connect(self._on_join_failed)
        self.job.start()
        return True

    def _on_joined(self, outcome) -> None:
        ctx, result = outcome
        self._set_busy(False)
        from ..common import fmt  # loaded once joined, not on the way to the sign-in
        self.context = ctx
        dialogs.inform(
            self,
            _("Joined head office"),
            ngettext("This laptop joined as branch {branch}: {changes} change received",
                     "This laptop joined as branch {branch}: {changes} changes received",
                     result.changes).format(
                branch=ctx.branch.name(), changes=fmt.number(ctx.profile, result.changes))
            + "\n" + _("Sign in with your head office user name and password."),
        )
        self.accept()

    def _on_join_failed(self, exc, details: str) -> None:
        self._set_busy(False)
        if not isinstance(exc, ValidationError):
            dialogs.error(self, _("This laptop could not join head office"), str(exc), details)
            return
        if exc.field == "passphrase":
            self.join_panel.passphrase.clear()
        self._show_errors(exc, self.join_panel.boxes)

    # -- shared ------------------------------------------------------------------------------

    def _show_errors(self, exc: AppError, boxes: dict[str, FieldBox]) -> None:
        for field, message in exc.errors:
            box = boxes.get(field)
            if box is not None:
                box.set_error(message)
            else:
                self.error.show_message(message)
        self._focus_first_error()

    def _focus_first_error(self) -> None:
        for box in (*self.boxes.values(), *self.join_panel.boxes.values(), *self.encrypt_boxes.values()):
            if box.error.isVisibleTo(self) and box.isVisibleTo(self):
                box.inputs[0].setFocus()
                return

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.demo_button, self.association, self.branch,
                       self.tabs.tabBar(), self.encrypt_section):
            widget.setEnabled(not busy)
        self.join_panel.set_busy(busy)
        if busy:
            self.progress.setRange(0, 0)
        self.progress.setVisible(busy)

    def reject(self) -> None:
        if self.job is not None and self.progress.isVisible():
            return  # the demo store is being filled, or head office's data received: wait
        if not self.may_discard():  # asks when something was typed
            return
        if self.store is not self.given_store:
            self.store.close()  # encrypted here, never set up: the caller closes only its own
        self.discard()

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_demo_done(self, _result) -> None:
        self.progress.hide()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.accept()

    def _on_demo_failed(self, exc, details: str) -> None:
        self.progress.hide()
        dialogs.error(self, _("The demo store could not be filled"), str(exc), details)
        self.accept()  # the store is set up; it is only emptier than planned


def _profile_name(profile) -> str:
    return profile.name(current_language())
