"""Enrol a branch laptop from the exchange page (as ``ajfar-desk sync invite``): head office
writes an invitation file for one of the profile's branches, protected by a passphrase typed
twice; the laptop joins with it on its first run.  The invitation carries a first bundle of
everything, so it is written off the GUI thread."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import FieldErrors
from ...domain.profile import Branch
from ...domain.text import isolate, ltr_code
from ...i18n import N_, _, current_language, ngettext
from ...services.store.context import AppContext
from ...services.store.output_files import write_opened_first
from ...services.sync import sync, sync_enrol
from ..common import dialogs, files, fmt, screen
from ..common.widgets import (
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    note_label,
    titled,
)
from ..shell.background_dialog import BackgroundDialog
from ..shell.operations import Operation

SUFFIX = "ajfi"  # the invitation's own extension (its first bytes say AJFI)


def open_branches(ctx: AppContext) -> list[Branch]:
    """The profile's branches that have no node yet (one node per branch)."""
    taken = {ctx.branch.code} | {peer.branch for peer in sync.peers(ctx)}
    return [b for b in ctx.profile.branches if b.code not in taken]


def write_invitation(ctx: AppContext, branch: str, passphrase: str, name: str, path: Path) -> Path:
    """Open the file first (a folder that cannot be written is said before the peer is
    registered), then write the invitation into it; nothing is left behind on a refusal."""
    return write_opened_first(path, lambda: sync_enrol.invite(ctx, branch, passphrase, name))


class EnrolDialog(BackgroundDialog):
    enrolled = Signal(str)  # the branch code

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("Enrol a branch laptop"))
        self.title = titled(t, N_("Enrol a branch laptop"), size=14)
        self.note = note_label(t, N_("The invitation file lets one laptop of the branch join head office. "
                                    "Give it on a USB stick, and its passphrase another way (by phone or "
                                    "in person), never with the file."))
        self.branches = open_branches(ctx)
        self.branch = CodeCombo([(b.code, partial(_branch_label, b)) for b in self.branches])
        self.branch.setObjectName("enrolBranch")
        self.names = QLabel()
        self.names.setObjectName("enrolBranchNames")
        self.names.setWordWrap(True)
        self.laptop = QLineEdit()
        self.laptop.setObjectName("enrolLaptop")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("enrolPassphrase")
        self.passphrase2 = QLineEdit()
        self.passphrase2.setObjectName("enrolPassphrase2")
        for edit in (self.passphrase, self.passphrase2):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.rule = note_label(t, lambda: ngettext(
            "At least {n} character; a short sentence is easy to say and hard to guess.",
            "At least {n} characters; a short sentence is easy to say and hard to guess.",
            sync_enrol.MIN_PASSPHRASE).format(n=fmt.number(ctx.profile, sync_enrol.MIN_PASSPHRASE)))
        self.out = QLineEdit()
        self.out.setObjectName("enrolOut")
        self.choose = QPushButton()
        t.add(self.choose.setText, N_("Choose…"))
        self.choose.setAutoDefault(False)  # Enter in a field writes the invitation, never this
        self.boxes = {
            "branch": FieldBox(t, N_("Branch"), self.branch, note=self.names),
            "name": FieldBox(t, N_("Name of the laptop (optional)"), self.laptop),
            "passphrase": FieldBox(t, N_("Passphrase of the invitation"), self.passphrase, note=self.rule),
            "passphrase2": FieldBox(t, N_("The passphrase again"), self.passphrase2),
            "out": FieldBox(t, N_("Invitation file"), self.out, self.choose),
        }
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("enrolWrite")
        self.cancel = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel.setAutoDefault(False)
        t.add(self.ok.setText, N_("Write the invitation"))
        t.add(self.cancel.setText, N_("Cancel"))
        self.ok.setDefault(True)
        self.ok.setAutoDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.choose.clicked.connect(self.choose_file)
        self.branch.currentIndexChanged.connect(self._branch_chosen)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addStretch(1)  # scrolls with the fields: the fields take the height, no blank band
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.buttons)
        layout.addLayout(row)
        screen.scroll_middle(self, keep_top=1, keep_bottom=2)  # the buttons stay on the screen
        screen.at_least_wide(self, 560)
        if not self.branches:
            self.error.show_message(_("Every branch of the association already has its laptop; a new "
                                      "branch is added to the association's profile first."))
            self.ok.setEnabled(False)
        self._branch_chosen()
        self.branch.setFocus()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        # wrapped lines are not in the minimum size: as tall as the content, up to the screen
        screen.fit_height(self)

    def _branch(self) -> Branch | None:
        return next((b for b in self.branches if b.code == self.branch.code()), None)

    def _branch_chosen(self, *_args) -> None:
        branch = self._branch()
        here = current_language()
        other = "en" if here == "ar" else "ar"
        self.names.setText("" if branch is None else fmt.joined((branch.name(here), isolate(branch.name(other)))))
        self.names.setVisible(branch is not None)
        if branch is not None and not self.out.isModified():
            self.out.setText(str(files.start_folder() / self.suggested_name(branch.code)))

    def suggested_name(self, code: str) -> str:
        return f"{self.ctx.profile.code}-{code}-invitation.{SUFFIX}"

    def choose_file(self) -> None:
        code = self.branch.code() or "branch"
        path = files.save_file_name(self, _("Save the invitation"), self.out.text().strip() or self.suggested_name(code),
                                    _("Invitations (*.ajfi)") + ";;" + _("All files (*)"), SUFFIX)
        if path:
            self.out.setText(path)
            self.out.setModified(True)

    def checked(self) -> tuple[str, str, str, Path]:
        """What the form says, or every mistake at once (by field)."""
        errors = FieldErrors()
        if not self.branch.code():
            errors.add("branch", _("Choose the branch of the laptop"))
        passphrase = self.passphrase.text()
        if len(passphrase) < sync_enrol.MIN_PASSPHRASE:
            errors.add("passphrase", ngettext("The passphrase needs at least {n} character", "The passphrase needs at least {n} characters", sync_enrol.MIN_PASSPHRASE).format(
                n=fmt.number(self.ctx.profile, sync_enrol.MIN_PASSPHRASE)))
        elif self.passphrase2.text() != passphrase:
            errors.add("passphrase2", _("The two passphrases differ"))
        out = self.out.text().strip()
        if not out:
            errors.add("out", _("Choose where to write the invitation"))
        elif not Path(out).parent.is_dir():
            errors.add("out", _("The folder {folder} does not exist").format(folder=Path(out).parent))
        errors.raise_if_any()
        return self.branch.code(), passphrase, self.laptop.text().strip(), Path(out)

    def start(self, checked: tuple[str, str, str, Path]) -> None:
        code, passphrase, name, path = checked
        ctx = self.ctx
        self.operation = Operation(self, lambda: write_invitation(ctx, code, passphrase, name, path)) \
            .fields(self.boxes, self.error, grow=False).success(self._written) \
            .busy(self.ok, self.cancel, *self.boxes.values()).label(N_("Writing the invitation…")) \
            .run_in_background(initiator=self)

    def _written(self, path: Path) -> None:
        files.remember(path)
        code = self.branch.code()
        dialogs.inform(self, _("Invitation written"), _(
            "Invitation written to {path}; give its passphrase to the branch another way").format(
            path=ltr_code(str(path))))
        self.accept()
        self.enrolled.emit(code)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.branch.retranslate()
        self._branch_chosen()


def _branch_label(branch) -> str:
    return f"{branch.name()} — {branch.code}"
