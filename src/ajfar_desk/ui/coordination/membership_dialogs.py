"""Founding a consortium, inviting an association and joining with an invitation, from the
coordination page (as ``ajfar-desk coordination create / invite / join``).

Each dialog checks what it can first (every mistake under its field), then asks where the file
goes and calls ``services.coordination.membership``; a refusal is said under its field and the
store is left as it was (the file is opened before the store changes, removed on a refusal)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain.errors import FieldErrors, ValidationError
from ...domain.text import ltr_code
from ...i18n import N_, _, ngettext
from ...services.coordination import membership
from ...services.store.context import AppContext
from ...services.store.output_files import safe_output, write_opened_first
from ..common import dialogs, files, fmt, screen
from ..common.form_dialog import FormDialog, ok_cancel_buttons
from ..common.widgets import FAILED, ErrorLabel, FieldBox, Text, Texts, heading
from ..shell.operations import Operation

CHARTER_SUFFIX = ".json"
INVITATION_SUFFIX = ".ajfci"  # its first bytes say AJFCI
FOUND = N_("Found a consortium…")
INVITE = N_("Invite an association…")
JOIN = N_("Join with an invitation…")


def write_file(ctx: AppContext, path: Path, make: Callable[[], bytes]) -> Path:
    """Open ``path`` first (a folder that cannot be written is said before the store changes),
    then write what ``make`` returns; nothing is left behind on a refusal."""
    safe_output(path, ctx.store)
    return write_opened_first(path, make)


def _line(name: str, password: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    if password:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class MembershipDialog(FormDialog):
    """Title, note, the fields' boxes, the general error line and OK / Cancel."""

    changed = Signal()  # the association's membership changed

    def __init__(self, ctx: AppContext, title: Text, note: Text, ok_text: str, ok_name: str,
                 boxes: dict[str, FieldBox], texts: Texts, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = texts
        texts.add(self.setWindowTitle, title)
        self.title = heading(size=14)
        texts.add(self.title.setText, title)
        self.note = QLabel()
        self.note.setWordWrap(True)
        texts.add(self.note.setText, note)
        self.boxes = boxes
        self.error = ErrorLabel()
        self.buttons, self.ok = ok_cancel_buttons(texts, self, self.submit, ok_text, ok_name)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        for box in boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        screen.at_least_wide(self, 520)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        screen.fit_height(self)

    def checked(self, check: Callable[[], object]) -> object:
        """``check()``'s result, or FAILED with every mistake under its field."""
        return Operation(self, check).fields(self.boxes, self.error).run()

    def act(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        Operation(self, work).fields(self.boxes, self.error).success(done).run(initiator=self)

    def finish(self, title: str, message: str) -> None:
        dialogs.inform(self, title, message)
        self.accept()
        self.changed.emit()

    def submit(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        self.texts.retranslate()


class FoundDialog(MembershipDialog):
    """The consortium's name; then where its charter (with the founder's key fingerprint) goes."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        t = Texts()
        name = _line("consortiumName")
        super().__init__(ctx, N_("Found a consortium"), N_(
            "This association becomes the consortium's first member. Its charter is then saved: "
            "give it to the other associations, and tell them its key fingerprint another way "
            "(by phone or in person) so that they can compare."), N_("Found and save the charter"),
            "foundConsortium", {"name": FieldBox(t, N_("Name of the consortium"), name)}, t, parent)
        self.name = name
        self.name.setFocus()

    def submit(self) -> None:
        def check() -> str:
            if not self.name.text().strip():
                raise ValidationError("name", _("Give a name of 1 to 120 characters"))
            return self.name.text()

        name = self.checked(check)
        if name is FAILED:
            return
        path = files.save_file_name(self, _("Save the consortium's charter"),
                                    f"{self.ctx.profile.code}-consortium-charter{CHARTER_SUFFIX}",
                                    _("Charters (*.json)") + ";;" + _("All files (*)"), CHARTER_SUFFIX)
        if not path:
            return
        ctx = self.ctx
        self.act(lambda: write_file(ctx, Path(path), lambda: membership.create(ctx, str(name))),
                 self._done)

    def _done(self, path: object) -> None:
        st = membership.status(self.ctx)
        self.finish(_("Consortium founded"), _(
            "The consortium «{name}» is founded and its charter written to {path}. Tell the other "
            "associations its key fingerprint: {key}").format(
            name=st.name, path=ltr_code(str(path)), key=ltr_code(st.fingerprint)))


class InviteDialog(MembershipDialog):
    """The invited association's name and the invitation's passphrase (twice); then the file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        t = Texts()
        member = _line("inviteMember")
        passphrase, passphrase2 = _line("invitePassphrase", True), _line("invitePassphrase2", True)
        rule = QLabel()
        rule.setWordWrap(True)
        t.add(rule.setText, lambda: ngettext(
            "At least {n} character; a short sentence is easy to say and hard to guess.",
            "At least {n} characters; a short sentence is easy to say and hard to guess.",
            membership.MIN_PASSPHRASE).format(n=fmt.number(ctx.profile, membership.MIN_PASSPHRASE)))
        super().__init__(ctx, N_("Invite an association"), N_(
            "The invitation file lets one association join the consortium. Give it on a USB stick "
            "or by e-mail, and its passphrase another way (by phone or in person), never with the "
            "file."), N_("Write the invitation"), "inviteWrite", {
                "member": FieldBox(t, N_("Name of the invited association"), member),
                "passphrase": FieldBox(t, N_("Passphrase of the invitation"), passphrase, note=rule),
                "passphrase2": FieldBox(t, N_("The passphrase again"), passphrase2),
            }, t, parent)
        self.member, self.passphrase, self.passphrase2 = member, passphrase, passphrase2
        self.member.setFocus()

    def submit(self) -> None:
        def check() -> tuple[str, str]:
            errors = FieldErrors()
            if not self.member.text().strip():
                errors.add("member", _("Give a name of 1 to 120 characters"))
            passphrase = self.passphrase.text()
            if len(passphrase) < membership.MIN_PASSPHRASE:
                errors.add("passphrase", ngettext(
                    "The passphrase needs at least {n} character",
                    "The passphrase needs at least {n} characters", membership.MIN_PASSPHRASE).format(
                    n=fmt.number(self.ctx.profile, membership.MIN_PASSPHRASE)))
            elif self.passphrase2.text() != passphrase:
                errors.add("passphrase2", _("The two passphrases differ"))
            errors.raise_if_any()
            return self.member.text(), passphrase

        checked = self.checked(check)
        if checked is FAILED:
            return
        member, passphrase = cast(tuple[str, str], checked)
        path = files.save_file_name(self, _("Save the invitation"),
                                    f"{self.ctx.profile.code}-consortium-invitation{INVITATION_SUFFIX}",
                                    _("Consortium invitations (*.ajfci)") + ";;" + _("All files (*)"),
                                    INVITATION_SUFFIX)
        if not path:
            return
        ctx = self.ctx
        self.act(lambda: write_file(ctx, Path(path), lambda: membership.invite(ctx, member, passphrase)),
                 self._done)

    def _done(self, path: object) -> None:
        self.finish(_("Invitation written"), _(
            "Invitation written to {path}; give its passphrase to {member} another way").format(
            path=ltr_code(str(path)), member=" ".join(self.member.text().split())))


class JoinDialog(MembershipDialog):
    """The invitation file (typed, or chosen) and its passphrase."""

    ask_before_discard = False  # a path and a passphrase are not work to keep

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        t = Texts()
        file = _line("joinInvitation")
        file.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a path reads left to right
        choose = QPushButton()
        choose.setObjectName("joinChoose")
        t.add(choose.setText, N_("Choose…"))
        passphrase = _line("joinPassphrase", password=True)
        super().__init__(ctx, N_("Join a consortium with an invitation"), N_(
            "A member of the consortium gives you an invitation file, and its passphrase another "
            "way. Compare the key fingerprint shown afterwards with the one the founder tells you."),
            N_("Join the consortium"), "joinConsortium", {
                "invitation": FieldBox(t, N_("Invitation file"), file, choose),
                "passphrase": FieldBox(t, N_("Invitation passphrase"), passphrase),
            }, t, parent)
        self.file, self.choose, self.passphrase = file, choose, passphrase
        self.choose.clicked.connect(self.choose_file)
        self.file.setFocus()

    def choose_file(self) -> None:
        path = files.open_file_name(self, _("Choose the invitation file"),
                                    _("Consortium invitations (*.ajfci)") + ";;" + _("All files (*)"),
                                    start=self.file.text().strip())
        if path:
            self.file.setText(path)
            self.boxes["invitation"].set_error(None)
            self.passphrase.setFocus()

    def submit(self) -> None:
        def read() -> bytes:
            path = self.file.text().strip()
            if not path:
                raise ValidationError("invitation", _("Choose the invitation file"))
            try:
                return Path(path).read_bytes()
            except FileNotFoundError:
                raise ValidationError("invitation", _("There is no such file")) from None
            except OSError as exc:
                raise ValidationError("invitation", _("Cannot read this file: {error}").format(
                    error=exc.strerror or exc)) from exc

        data = self.checked(read)
        if data is FAILED:
            return
        ctx, passphrase = self.ctx, self.passphrase.text()
        invitation = cast(bytes, data)
        self.act(lambda: membership.join(ctx, invitation, passphrase), self._done)

    def _done(self, st: object) -> None:
        assert isinstance(st, membership.Status)
        self.finish(_("Consortium joined"), _(
            "This association takes part in the consortium «{name}» as «{member}». Compare the "
            "founder's key fingerprint with the one in the charter: {key}").format(
            name=st.name, member=st.member_name, key=ltr_code(founder_key(st))))


def founder_key(st: membership.Status) -> str:
    """The founder's key fingerprint (the member invited by no one), to compare with the charter."""
    return next((m.fingerprint for m in st.members if not m.invited_by), st.fingerprint)


class MembershipActions(QWidget):
    """The page's three buttons: found and join while in no consortium, invite while in one."""

    changed = Signal()

    def __init__(self, ctx: AppContext, texts: Texts, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: MembershipDialog | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.buttons: dict[str, QPushButton] = {}
        for key, text, kind in (("found", FOUND, FoundDialog), ("invite", INVITE, InviteDialog),
                                ("join", JOIN, JoinDialog)):
            button = QPushButton()
            button.setObjectName(f"coordination_{key}")
            texts.add(button.setText, text)
            button.clicked.connect(lambda _checked=False, kind=kind: self.open(kind))
            row.addWidget(button)
            self.buttons[key] = button

    def update_state(self, coordinating: bool, idle: bool) -> None:
        for key, button in self.buttons.items():
            button.setVisible(coordinating == (key == "invite"))
            button.setEnabled(idle)

    def open(self, kind: Callable[[AppContext, QWidget], MembershipDialog]) -> MembershipDialog:
        self.dialog = dialog = kind(self.ctx, self.window())
        dialog.changed.connect(self.changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog
