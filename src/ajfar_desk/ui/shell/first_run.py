"""First run, three ways: bind this store to an association and branch and create the
administrator (full name and gender: the papers print the one, her title agrees with the
other); join head office with its invitation (a branch laptop); or fill a demonstration store
in the background.  A laptop's data may be encrypted on the way (``store_encryption``)."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import AppError, ValidationError
from ...domain.people import GENDERS
from ...domain.profile import available_profiles, get_profile
from ...i18n import N_, _, current_language, ngettext
from ...services.store.context import AppContext
from ...services.store.store import Store
from ...services.users import setup
from ..common import dialogs, screen
from ..common.form_dialog import FormDialog
from ..common.form_fields import password_line
from ..common.widgets import (
    FAILED,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    button_row,
    heading,
    note_label,
    vocabulary,
)
from .join_panel import JoinPanel, join_job
from .operations import Operation
from .store_encryption import EncryptionSection, encrypt_new_store
from .worker import Job

DEMO_ASSOCIATION = "ajfar"
DEMO_APPLICANTS = 200
NEW_TAB, JOIN_TAB = 0, 1


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
        self.gender = CodeCombo(vocabulary(GENDERS))  # chosen, never assumed: her title agrees
        self.gender.setObjectName("gender")
        self.password, self.password2 = password_line(), password_line()
        self.boxes = {
            "association": FieldBox(t, N_("Association"), self.association),
            "branch": FieldBox(t, N_("Branch"), self.branch),
            "username": FieldBox(t, N_("Administrator user name"), self.username),
            "full_name": FieldBox(t, N_("Administrator full name"), self.full_name),
            "gender": FieldBox(t, N_("Gender"), self.gender),
            "password": FieldBox(t, N_("Password"), self.password),
            "password2": FieldBox(t, N_("Password again"), self.password2),
        }
        grid = QGridLayout()
        grid.addWidget(self.boxes["association"], 0, 0, 1, 3)  # long names: the whole width
        grid.addWidget(self.boxes["branch"], 1, 0, 1, 3)
        grid.addWidget(self.boxes["username"], 2, 0)
        grid.addWidget(self.boxes["full_name"], 2, 1, 1, 2)
        # the gender under the user name: a column wide enough for its error on one line
        for column, name in enumerate(("gender", "password", "password2")):
            grid.addWidget(self.boxes[name], 3, column)
        for column in range(3):
            grid.setColumnStretch(column, 1)
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
        self.encryption = EncryptionSection(t, store)
        layout.addWidget(self.encryption)
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
        for box in (*self.boxes.values(), *self.encryption.boxes.values(), *self.join_panel.boxes.values()):
            box.set_error(None)

    # -- encryption ------------------------------------------------------------------------

    def _prepare_store(self) -> bool:
        """Encrypt the still empty store when asked; False (the error shown) when it failed."""
        if not self.encryption.encrypt.isChecked() or self.store.encrypted:
            return True
        passphrase = self.encryption.store_passphrase.text()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            encrypted = Operation(self, lambda: encrypt_new_store(self.store, passphrase)) \
                .failure(lambda exc: self.error.show_message(exc.message)) \
                .on(OSError, lambda exc: self.error.show_message(
                    _("The data could not be encrypted: {error}").format(error=exc))).run()
        finally:
            QGuiApplication.restoreOverrideCursor()
        if encrypted is FAILED:
            return False
        self.store = encrypted
        self.encryption.done()
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
        gender = self.gender.code()
        if not gender:
            self.boxes["gender"].set_error(_("Choose the gender"))
        if not (self.encryption.check() and same and named and gender):
            self._focus_first_error()
            return
        if not self._prepare_store():
            return
        made = Operation(self, lambda: setup.init_store(
            self.store, self.association.code(), self.branch.code() or None,
            self.username.text(), self.password.text(), self.full_name.text(), gender,
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

        if not self.encryption.check():
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
        if not (self.encryption.check() and data is not None and passphrase):
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
        for box in (*self.boxes.values(), *self.join_panel.boxes.values(), *self.encryption.boxes.values()):
            if box.error.isVisibleTo(self) and box.isVisibleTo(self):
                box.inputs[0].setFocus()
                return

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.create_button, self.demo_button, self.association, self.branch,
                       self.tabs.tabBar(), self.encryption):
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
