"""User accounts (administrators): add a user, change a role, disable or enable an account,
set a new password (which also unlocks an account locked after failed sign-ins), correct the
person's full name and gender (``name_dialog``)."""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import ValidationError
from ...domain.people import ROLES
from ...domain.role_titles import gender_label, role_title
from ...i18n import N_, _, ngettext
from ...services.store.context import AppContext
from ...services.users import users
from ...services.users.users import MIN_PASSWORD, UserView
from ..common import fmt
from ..common.fit_columns import fit_columns
from ..common.form_fields import password_line
from ..common.table_model import Column, RowsModel, record_table, select_row
from ..common.widgets import (
    FAILED,
    Banner,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    named_button,
    titled,
)
from ..requests.step_dialogs import ActionDialog
from ..shell.operations import Operation
from .name_dialog import NameDialog, gender_combo


def role_combo(gender) -> CodeCombo:
    """The roles as titles of the person the account is for: «موظفة علاقات المستفيدين» for a
    woman; ``gender`` gives the gender now (a callable: a form's choice may change)."""
    return CodeCombo([(code, partial(_title_now, code, gender)) for code in ROLES])


def _title_now(code: str, gender) -> str:
    return role_title(code, gender() or None)


def _check_confirmation(password: QLineEdit, confirmation: QLineEdit) -> None:
    if password.text() != confirmation.text():
        raise ValidationError("confirmation", _("The two passwords are not the same"))


def _own_password_note() -> QLabel:
    """What the administrator tells the person with the password: it is for one sign-in."""
    note = QLabel(_("At their first sign-in with it, the person is asked to choose a password "
                    "of their own."))
    note.setWordWrap(True)
    note.setObjectName("ownPasswordNote")
    return note


class UserDialog(ActionDialog):
    """A new account: user name, full name, role and a password typed twice."""

    def __init__(self, ctx: AppContext, parent=None):
        title = _("Add a user")
        super().__init__(title, _("Add"), parent)
        self.ctx = ctx
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.full_name = QLineEdit()
        self.gender = gender_combo()
        self.role = role_combo(self.gender.code)  # the titles follow the gender chosen
        self.gender.currentIndexChanged.connect(self.role.retranslate)
        self.password, self.confirmation = password_line(), password_line()
        hint = QLabel(ngettext("At least {n} character.", "At least {n} characters.", MIN_PASSWORD).format(n=fmt.number(ctx.profile, MIN_PASSWORD)))
        grid = QGridLayout()
        for name, label, widget, row, column in (
            ("username", N_("User name"), self.username, 0, 0),
            ("full_name", N_("Full name"), self.full_name, 0, 1),
            # the gender first, beside the name: the roles are then listed in its words
            ("gender", N_("Gender"), self.gender, 1, 0),
            ("role", N_("Role"), self.role, 1, 1),
            ("password", N_("Password"), self.password, 2, 0),
            ("confirmation", N_("Password again"), self.confirmation, 2, 1),
        ):
            self.boxes[name] = FieldBox(self.texts, label, widget,
                                        note=hint if name == "password" else None)
            grid.addWidget(self.boxes[name], row, column)
        self.body.addLayout(grid)
        self.body.addWidget(_own_password_note())
        self.finish_layout()
        self.username.setFocus()

    def save(self) -> UserView:
        _check_confirmation(self.password, self.confirmation)
        return users.create_user(self.ctx, self.username.text(), self.full_name.text(),
                                 self.role.code(), self.password.text(), self.gender.code(),
                                 must_change_password=True)


class RoleDialog(ActionDialog):
    def __init__(self, ctx: AppContext, user: UserView, parent=None):
        title = _("Change the role of {name}").format(name=user.full_name)
        super().__init__(title, _("Change the role"), parent)
        self.ctx, self.user = ctx, user
        self.role = role_combo(lambda: user.gender)
        self.role.set_code(user.role)
        self.boxes["role"] = FieldBox(self.texts, N_("Role"), self.role)
        self.body.addWidget(self.boxes["role"])
        self.finish_layout()

    def save(self) -> UserView:
        if not self.role.code():
            raise ValidationError("role", _("Choose a role"))
        return users.update_user(self.ctx, self.user.id, role=self.role.code())


class PasswordDialog(ActionDialog):
    def __init__(self, ctx: AppContext, user: UserView, parent=None):
        title = _("New password for {name}").format(name=user.full_name)
        super().__init__(title, _("Set the password"), parent)
        self.ctx, self.user = ctx, user
        self.password, self.confirmation = password_line(), password_line()
        self.boxes["password"] = FieldBox(self.texts, N_("New password"), self.password)
        self.boxes["confirmation"] = FieldBox(self.texts, N_("Password again"), self.confirmation)
        note = QLabel(ngettext("At least {n} character. A locked account is unlocked too.", "At least {n} characters. A locked account is unlocked too.", MIN_PASSWORD).format(
            n=fmt.number(ctx.profile, MIN_PASSWORD)))
        note.setWordWrap(True)
        for widget in (self.boxes["password"], self.boxes["confirmation"], note):
            self.body.addWidget(widget)
        if user.id != ctx.user_id:  # one's own password is one's own already
            self.body.addWidget(_own_password_note())
        self.finish_layout()
        self.password.setFocus()

    def save(self) -> UserView:
        _check_confirmation(self.password, self.confirmation)
        return users.update_user(self.ctx, self.user.id, password=self.password.text(),
                                 must_change_password=True)


class UsersView(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: ActionDialog | None = None
        self.texts = t = Texts()
        self.title = titled(t, N_("User accounts"), size=18)
        self.model = RowsModel([
            Column(N_("User name"), lambda u: fmt.ltr_code(u.username)),
            Column(N_("Full name"), lambda u: u.full_name if u.has_full_name
                   else _("None: papers show the user name")),
            Column(N_("Role"), lambda u: u.title),
            Column(N_("Account"), lambda u: (_("Active") if u.active else "⛔ " + _("Disabled"))
                   # short, and said of the password, not the person (a woman's read «يختار»;
                   # the long wording pushed the gender column off a 1366-px screen; trial 10)
                   + (" — " + _("temporary password") if u.must_change_password else "")),
            Column(N_("Last sign-in"), lambda u: "🔒 " + _("Locked after failed sign-ins") if u.locked
                   else fmt.timestamp(ctx.profile, u.last_sign_in) or _("Never")),
            Column(N_("Gender"), lambda u: gender_label(u.gender)),
        ], self)
        self.table = record_table(self.model, "users")
        fit_columns(self.table, stretch=1)  # the full name takes the width left, elided there
        t.add(self.table.setAccessibleName, N_("User accounts"))
        self.add_button = named_button(t, N_("Add a user…"), "addUser")
        self.name_button = named_button(t, N_("Name and gender…"), "editName")
        self.role_button = QPushButton()
        t.add(self.role_button.setText, N_("Change the role…"))
        self.active_button = QPushButton()
        self.active_button.setObjectName("toggleActive")
        self.password_button = QPushButton()
        t.add(self.password_button.setText, N_("Set a new password…"))
        self.error = ErrorLabel()
        self.result = Banner("success")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.name_button, self.role_button, self.active_button,
                       self.password_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.table, 1)
        self.add_button.clicked.connect(self.add_user)
        self.name_button.clicked.connect(self.edit_name)
        self.role_button.clicked.connect(self.change_role)
        self.active_button.clicked.connect(self.toggle_active)
        self.password_button.clicked.connect(self.reset_password)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.table.activated.connect(lambda _index: self.change_role())
        self.reload()

    # -- data --------------------------------------------------------------------------------
    def reload(self, select_id=None) -> None:
        current = self.selected()
        wanted = select_id or (current.id if current else None)
        rows = users.list_users(self.ctx)
        self.model.set_rows(rows)
        index = next((i for i, u in enumerate(rows) if u.id == wanted), 0)
        if rows:
            select_row(self.table, index)
        self._update_buttons()

    def selected(self) -> UserView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _update_buttons(self) -> None:
        user = self.selected()
        for button in (self.name_button, self.role_button, self.active_button, self.password_button):
            button.setEnabled(user is not None)
        self.active_button.setText(
            _("Disable the account") if user is None or user.active else _("Enable the account"))

    # -- actions -----------------------------------------------------------------------------
    def _open(self, dialog: ActionDialog, done: str) -> None:
        self.error.clear_message()
        self.result.hide()
        self.dialog = dialog
        dialog.finished_ok.connect(lambda user: self._done(user, done))
        dialog.refused.connect(self.error.show_message)
        dialog.open()

    def _done(self, user: UserView, message: str) -> None:
        self.reload(user.id)
        self.result.show_message(_(message).format(name=user.full_name))

    def add_user(self) -> None:
        self._open(UserDialog(self.ctx, self), N_("The account of {name} was added."))

    def edit_name(self) -> None:
        user = self.selected()
        if user is not None:
            self._open(NameDialog(self.ctx, user, self), N_("The name and gender of {name} were saved."))

    def change_role(self) -> None:
        user = self.selected()
        if user is not None:
            self._open(RoleDialog(self.ctx, user, self), N_("The role of {name} was changed."))

    def reset_password(self) -> None:
        user = self.selected()
        if user is not None:
            self._open(PasswordDialog(self.ctx, user, self), N_("The password of {name} was set."))

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        self.error.clear_message()
        self.result.hide()
        changed = Operation(self, lambda: users.update_user(self.ctx, user.id, active=not user.active)) \
            .failure(lambda exc: self.error.show_message(exc.message)).run()
        if changed is FAILED:
            return
        self._done(changed, N_("The account of {name} was enabled.") if changed.active
                   else N_("The account of {name} was disabled."))

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self._update_buttons()
        self.result.hide()
