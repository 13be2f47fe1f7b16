"""First run: bind this store to an association and branch and create the administrator,
or fill a demonstration store in the background."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ..domain.errors import ValidationError
from ..domain.profile import available_profiles, get_profile
from ..i18n import N_, _, current_language
from ..services import setup
from ..services.context import AppContext
from ..services.store import Store
from . import dialogs
from .widgets import CodeCombo, ErrorLabel, FieldBox, Texts, heading
from .worker import Job

DEMO_ASSOCIATION = "ajfar"
DEMO_APPLICANTS = 200


class FirstRunDialog(QDialog):
    def __init__(self, store: Store, parent=None, demo_applicants: int = DEMO_APPLICANTS):
        super().__init__(parent)
        self.store = store
        self.context: AppContext | None = None
        self.demo_applicants = demo_applicants
        self.job: Job | None = None
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("Set up Ajfar Desk"))
        self.title = heading()
        t.add(self.title.setText, N_("Welcome. Set up this computer for your association."))
        profiles = [get_profile(pid) for pid in available_profiles()]
        self.association = CodeCombo(
            [(pr.id, lambda pr=pr: pr.name(current_language())) for pr in profiles], placeholder=False
        )
        self.association.set_code(DEMO_ASSOCIATION)
        self.branch = CodeCombo([], placeholder=False)
        self.username = QLineEdit("admin")
        self.full_name = QLineEdit()
        self.password = QLineEdit()
        self.password2 = QLineEdit()
        for box in (self.password, self.password2):
            box.setEchoMode(QLineEdit.EchoMode.Password)
        self.boxes = {
            "association": FieldBox(t, N_("Association"), self.association),
            "branch": FieldBox(t, N_("Branch"), self.branch),
            "username": FieldBox(t, N_("Administrator user name"), self.username),
            "full_name": FieldBox(t, N_("Administrator full name"), self.full_name),
            "password": FieldBox(t, N_("Password"), self.password),
            "password2": FieldBox(t, N_("Password again"), self.password2),
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
        self.demo_note = QLabel()
        self.demo_note.setWordWrap(True)
        t.add(self.demo_note.setText, N_("The demo store is filled with invented applicants; its administrator is “admin”."))
        self.progress = QProgressBar()
        self.progress.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        buttons.addWidget(self.demo_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.demo_note)
        layout.addWidget(self.progress)
        self.association.currentIndexChanged.connect(self._fill_branches)
        self.create_button.clicked.connect(self.create)
        self.demo_button.clicked.connect(self.open_demo)
        self._fill_branches()
        self.setMinimumWidth(640)
        self.full_name.setFocus()

    def _fill_branches(self) -> None:
        profile = get_profile(self.association.code())
        self.branch.clear()
        for branch in profile.branches:
            self.branch.addItem(branch.name(current_language()), branch.code)

    def _clear_errors(self) -> None:
        self.error.clear_message()
        for box in self.boxes.values():
            box.set_error(None)

    def create(self) -> None:
        self._clear_errors()
        if self.password.text() != self.password2.text():
            self.boxes["password2"].set_error(_("The two passwords are not the same"))
            self.password2.setFocus()
            return
        try:
            self.context = setup.init_store(
                self.store, self.association.code(), self.branch.code() or None,
                self.username.text(), self.password.text(), self.full_name.text(),
            )
        except ValidationError as exc:
            for field, message in exc.errors:
                box = self.boxes.get(field)
                if box is not None:
                    box.set_error(message)
                    box.inputs[0].setFocus()
                else:
                    self.error.show_message(message)
            return
        self.accept()

    def open_demo(self) -> None:
        """Set up the demo association and fill it off the GUI thread."""
        self._clear_errors()
        # Imported here: the demo filler is only needed when asked for.
        from ..services import demo

        try:
            ctx = setup.init_store(self.store, DEMO_ASSOCIATION, None, "admin", "demo-password", _("Demo administrator"))
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return
        self.context = ctx
        for widget in (self.create_button, self.demo_button, self.association, self.branch):
            widget.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.job = Job(demo.fill_demo, ctx, applicants=self.demo_applicants)
        self.job.signals.progress.connect(self._on_progress)
        self.job.signals.finished.connect(self._on_demo_done)
        self.job.signals.failed.connect(self._on_demo_failed)
        self.job.start()

    def reject(self) -> None:
        if self.job is not None and self.progress.isVisible():
            return  # the demo store is being filled: wait for it
        super().reject()

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
