"""Sign-in: user name and password, checked by the setup service; then, for an account whose
password an administrator gave (a new account, a reset), its owner's own password, typed twice,
before the window opens (``services.users.own_password``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from ...domain.errors import AppError
from ...domain.profile import AssociationProfile, Branch
from ...i18n import N_, _, ngettext
from ..common import screen
from ..common.form_dialog import FormDialog, ok_cancel_buttons
from ..common.widgets import FAILED, ErrorLabel, FieldBox, Texts, heading
from .operations import Operation

if TYPE_CHECKING:  # the window is shown before the store (and its database layer) is loaded
    from ...services.store.context import AppContext


WELCOME = N_("Welcome, {name}. Your password was given to you by the administrator: choose one "
             "of your own now, and type it twice. Nobody else will know it.")
WELCOME_WOMAN = N_("Welcome, {name}. Your password was given to you by the administrator: choose "
                   "one of your own now, and type it twice. Nobody else will know it. (woman)")


@dataclass(frozen=True)
class Card:
    """What the sign-in window shows before the store is open."""

    profile: AssociationProfile
    branch: Branch


class SignInDialog(FormDialog):
    ask_before_discard = False  # a password is not work to keep

    def __init__(self, ctx: AppContext | Card, parent=None):
        super().__init__(parent)
        self.ctx = ctx  # a Card while the store is still opening (see quick_start)
        self.texts = Texts()
        self.texts.add(self.setWindowTitle, N_("Sign in"))
        self.title = heading(ctx.profile.name())
        self.branch = QLabel(ctx.branch.name())
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.user_box = FieldBox(self.texts, N_("User name"), self.username)
        self.password_box = FieldBox(self.texts, N_("Password"), self.password)
        self.error = ErrorLabel()
        # the second step, for a password given by an administrator (hidden until then)
        self.changing = False
        self.own_note = QLabel()
        self.own_note.setWordWrap(True)
        self.new_password, self.repeated = QLineEdit(), QLineEdit()  # (form_fields loads the store)
        for box in (self.new_password, self.repeated):
            box.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_password.setObjectName("newPassword")
        self.repeated.setObjectName("repeatedPassword")
        self.rules = QLabel()
        self.new_box = FieldBox(self.texts, N_("New password"), self.new_password, note=self.rules)
        self.repeated_box = FieldBox(self.texts, N_("Password again"), self.repeated)
        self.buttons, self.ok = ok_cancel_buttons(self.texts, self, self.try_sign_in, N_("Sign in"))
        layout = QVBoxLayout(self)
        for widget in (self.title, self.branch, self.user_box, self.password_box, self.own_note,
                       self.new_box, self.repeated_box, self.error, self.buttons):
            layout.addWidget(widget)
        for widget in (self.own_note, self.new_box, self.repeated_box):
            widget.hide()
        screen.at_least_wide(self, 420)
        self.username.setFocus()

    def try_sign_in(self) -> None:
        from ...services.users import setup  # (the window is shown before the database layer loads)

        ctx = self.ctx
        if isinstance(ctx, Card):  # no store yet: the early window waits for it before this
            return
        if self.changing:
            self._save_own_password(ctx)
            return
        self.user_box.set_error(None)
        self.password_box.set_error(None)
        signed = Operation(self, lambda: setup.sign_in(ctx, self.username.text(), self.password.text())) \
            .failure(self._refused).run()
        if signed is FAILED:
            return
        if signed.must_change_password:
            self._ask_own_password(ctx)
            return
        self.accept()

    # -- a password given by an administrator: its owner chooses their own ------------------
    def _ask_own_password(self, ctx: AppContext) -> None:
        from ...services.users.users import MIN_PASSWORD
        from ..common import fmt  # (loads the store's layer: loaded by now)

        self.changing = True
        self.password.clear()
        self.error.clear_message()
        woman = ctx.user is not None and ctx.user.gender == "female"  # Arabic speaks to her
        self.own_note.setText(_(WELCOME_WOMAN if woman else WELCOME).format(name=signed_name(ctx)))
        self.rules.setText(ngettext("At least {n} character.", "At least {n} characters.",
                                    MIN_PASSWORD).format(n=fmt.number(ctx.profile, MIN_PASSWORD)))
        self.user_box.hide()
        self.password_box.hide()
        for widget in (self.own_note, self.new_box, self.repeated_box):
            widget.show()
        self.ok.setText(_("Save and sign in"))
        self._grow_to_content()
        self.new_password.setFocus()

    def _grow_to_content(self) -> None:
        """As tall as the note's wrapped lines and the two fields ask (their minimum squeezed
        the boxes to half their height), never past the screen."""
        layout = self.layout()
        assert layout is not None
        layout.activate()  # the widgets just shown are counted now, not at the next paint
        hint = layout.totalSizeHint()
        tall = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else 0
        height = min(max(self.height(), hint.height(), tall), screen.room(self)[1])
        self.setFixedSize(self.width(), height)  # the program sizes it (``screen.fix_size``)

    def _save_own_password(self, ctx: AppContext) -> None:
        from ...services.users import own_password

        self.new_box.set_error(None)
        self.repeated_box.set_error(None)
        self.error.clear_message()
        saved = Operation(self, lambda: own_password.choose_own_password(
            ctx, self.new_password.text(), self.repeated.text())).failure(self._not_saved).run()
        if saved is not FAILED:
            self.accept()

    def _not_saved(self, exc: AppError) -> None:
        box = self.repeated_box if exc.field == "repeated" else self.new_box
        box.set_error(exc.message)
        self.repeated.clear()
        if box is self.new_box:
            self.new_password.selectAll()
        (self.new_password if box is self.new_box else self.repeated).setFocus()

    def reject(self) -> None:
        """Esc while choosing the password: signed out again, back at the first step (the
        window never opens under a password the administrator knows)."""
        ctx = self.ctx
        if not self.changing or isinstance(ctx, Card):
            super().reject()
            return
        from ...services.users import setup

        Operation(self, lambda: setup.sign_out(ctx)).run()
        self.changing = False
        for widget in (self.own_note, self.new_box, self.repeated_box):
            widget.hide()
        self.new_password.clear()
        self.repeated.clear()
        self.user_box.show()
        self.password_box.show()
        self.texts.retranslate()
        self.error.show_message(_("Signed out: a password of your own is needed to sign in."))
        self.password.setFocus()

    def _refused(self, exc: AppError) -> None:
        self.password.clear()
        self.error.show_message(exc.message)
        self.password.setFocus()


def signed_name(ctx: AppContext) -> str:
    user = ctx.user
    return (user.full_name or user.username) if user is not None else ""
