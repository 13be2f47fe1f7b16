"""Another desk saved the record after this form read it, changing the same fields: for each,
the value typed here and the stored one side by side; the user chooses (what they typed is the
default) and the form saves again.  Cancelling keeps everything typed in the form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...i18n import _
from ...services.applicants.edit_conflict import EditConflict, shown
from ..common import fmt
from ..common.form_dialog import FormDialog


def display(profile, value: object) -> str:
    """A value as the screens show it: a phone in its local form, a date both ways, an amount as
    money, digits by the profile (the raw stored form when no profile is known)."""
    if profile is None or value is None or value == "":
        return shown(value)
    if isinstance(value, dt.date):
        return fmt.date_both(profile, value)
    if isinstance(value, Decimal):
        return fmt.money(profile, value)
    text = str(value)
    if text.startswith("+") and text[1:].isdigit():
        return fmt.phone(profile, text)
    return fmt.ident(profile, text) if text.isdigit() else text


class ConflictDialog(FormDialog):
    resolved = Signal(object)  # the set of fields whose stored value is kept

    def __init__(self, conflict: EditConflict, parent=None, profile=None):
        super().__init__(parent)
        self.conflict = conflict
        ctx = getattr(parent, "ctx", None)
        profile = profile or getattr(ctx, "profile", None)
        self.setWindowTitle(_("Saved meanwhile by another desk"))
        self.setModal(True)
        intro = QLabel(_("Another desk saved this record after you opened it, changing what you "
                         "changed. Nothing was saved yet: choose the value to keep for each."))
        intro.setWordWrap(True)
        grid_widget = QWidget()
        grid = QGridLayout(grid_widget)
        self.groups: dict[str, QButtonGroup] = {}
        self.stored_buttons: dict[str, QRadioButton] = {}
        self.yours_buttons: dict[str, QRadioButton] = {}
        for row, f in enumerate(conflict.fields):
            label = QLabel(_(f.label))
            label.setStyleSheet("font-weight: bold;")
            yours = QRadioButton(_("Yours: {value}").format(value=display(profile, f.yours) or "—"))
            stored = QRadioButton(_("Saved by the other desk: {value}").format(value=display(profile, f.stored) or "—"))
            group = QButtonGroup(self)
            group.addButton(yours)
            group.addButton(stored)
            yours.setChecked(True)  # what was typed stays unless the user chooses otherwise
            # one above the other: Up and Down move between them in either direction of writing
            grid.addWidget(label, 2 * row, 0, 2, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(yours, 2 * row, 1)
            grid.addWidget(stored, 2 * row + 1, 1)
            self.groups[f.field], self.yours_buttons[f.field], self.stored_buttons[f.field] = group, yours, stored
        grid.setColumnStretch(1, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(grid_widget)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(_("Save with these values"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(_("Back to the form"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.accept)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(720, min(520, 160 + 64 * len(conflict.fields)))

    def first_field(self):
        """Opens on the first choice: Up and Down move between the two values, Enter saves."""
        return self.yours_buttons[self.conflict.fields[0].field] if self.conflict.fields else None

    def kept_stored(self) -> set[str]:
        return {name for name, button in self.stored_buttons.items() if button.isChecked()}

    def accept(self) -> None:
        super().accept()
        self.resolved.emit(self.kept_stored())


def ask(parent, conflict: EditConflict, on_resolved) -> ConflictDialog:
    """Open the dialog (not blocking); ``on_resolved(kept_stored_fields)`` when the user saves."""
    dialog = ConflictDialog(conflict, parent)
    dialog.resolved.connect(on_resolved)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog
