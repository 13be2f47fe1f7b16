"""Sign-in: user name and password, checked by the setup service."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from ...domain.errors import AppError
from ...domain.profile import AssociationProfile, Branch
from ...i18n import N_
from ..common import screen
from ..common.form_dialog import FormDialog, ok_cancel_buttons
from ..common.widgets import FAILED, ErrorLabel, FieldBox, Texts, heading
from .operations import Operation

if TYPE_CHECKING:  # the window is shown before the store (and its database layer) is loaded
    from ...services.store.context import AppContext


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
        self.buttons, self.ok = ok_cancel_buttons(self.texts, self, self.try_sign_in, N_("Sign in"))
        layout = QVBoxLayout(self)
        for widget in (self.title, self.branch, self.user_box, self.password_box, self.error, self.buttons):
            layout.addWidget(widget)
        screen.at_least_wide(self, 420)
        self.username.setFocus()

    def try_sign_in(self) -> None:
        from ...services.users import setup  # (the window is shown before the database layer loads)

        ctx = self.ctx
        if isinstance(ctx, Card):  # no store yet: the early window waits for it before this
            return
        self.user_box.set_error(None)
        self.password_box.set_error(None)
        if Operation(self, lambda: setup.sign_in(ctx, self.username.text(), self.password.text())) \
                .failure(self._refused).run() is FAILED:
            return
        self.accept()

    def _refused(self, exc: AppError) -> None:
        self.password.clear()
        self.error.show_message(exc.message)
        self.password.setFocus()
