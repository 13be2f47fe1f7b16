"""The person behind an account: the administrator corrects the full name (printed on the
papers the person issues) and the gender (which the role's title agrees with: «موظفة علاقات
المستفيدين»)."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QLineEdit

from ...domain.people import GENDERS
from ...i18n import N_, _
from ...services.store.context import AppContext
from ...services.users import users
from ...services.users.users import FULL_NAME_LENGTH, UserView
from ..common.widgets import CodeCombo, FieldBox, vocabulary
from ..requests.step_dialogs import ActionDialog


def gender_combo() -> CodeCombo:
    combo = CodeCombo(vocabulary(GENDERS))
    combo.setObjectName("gender")
    return combo


class NameDialog(ActionDialog):
    """Full name and gender of an existing account, as they are now, ready to be corrected."""

    def __init__(self, ctx: AppContext, user: UserView, parent=None):
        title = _("Name and gender of {username}").format(username=user.username)
        super().__init__(title, _("Save"), parent)
        self.ctx, self.user = ctx, user
        self.full_name = QLineEdit(user.full_name if user.has_full_name else "")
        self.full_name.setObjectName("fullName")
        self.full_name.setMaxLength(FULL_NAME_LENGTH)
        self.gender = gender_combo()
        self.gender.set_code(user.gender)
        grid = QGridLayout()
        for column, (name, label, widget) in enumerate((
            ("full_name", N_("Full name"), self.full_name),
            ("gender", N_("Gender"), self.gender),
        )):
            self.boxes[name] = FieldBox(self.texts, label, widget)
            grid.addWidget(self.boxes[name], 0, column)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        self.body.addLayout(grid)
        self.finish_layout()
        self.full_name.setFocus()
        self.full_name.selectAll()

    def save(self) -> UserView:
        return users.update_user(self.ctx, self.user.id, full_name=self.full_name.text(),
                                 gender=self.gender.code() or None)
