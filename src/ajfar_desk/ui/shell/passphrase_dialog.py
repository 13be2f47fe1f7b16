"""The passphrase of an encrypted store, asked at start; a wrong one is said here and the user
tries again (the store stays closed until the right one opens it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout

from ...domain.errors import AppError
from ...i18n import N_, _
from ...services.store.store import Store
from ..common import screen
from ..common.form_dialog import FormDialog, ok_cancel_buttons
from ..common.widgets import FAILED, ErrorLabel, FieldBox, Texts, heading
from .operations import Operation


class PassphraseDialog(FormDialog):
    """``opener(passphrase)`` opens the store or raises ``ValidationError``; on success the
    opened store is in ``self.store``."""

    ask_before_discard = False  # a passphrase is not work to keep

    def __init__(self, opener: Callable[[str], Store], location: str = "", parent=None):
        super().__init__(parent)
        self.opener = opener
        self.store: Store | None = None
        self.texts = Texts()
        self.texts.add(self.setWindowTitle, N_("Encrypted store"))
        self.title = heading(_("This laptop's store is encrypted"))
        self.texts.add(self.title.setText, N_("This laptop's store is encrypted"))
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.texts.add(
            self.explain.setText,
            N_("Enter the passphrase to open it. Without it nobody can read the data."),
        )
        self.location = QLabel(location)
        self.location.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_box = FieldBox(self.texts, N_("Passphrase"), self.passphrase)
        self.error = ErrorLabel()
        self.buttons, self.ok = ok_cancel_buttons(self.texts, self, self.try_open, N_("Open the store"),
                                                  cancel_text=N_("Quit"))
        layout = QVBoxLayout(self)
        for widget in (
            self.title,
            self.explain,
            self.location,
            self.passphrase_box,
            self.error,
            self.buttons,
        ):
            layout.addWidget(widget)
        screen.at_least_wide(self, 460)
        self.passphrase.setFocus()

    def try_open(self) -> None:
        self.error.clear_message()
        if not self.passphrase.text():
            self.error.show_message(_("Enter the passphrase"))
            self.passphrase.setFocus()
            return
        opened = Operation(self, lambda: self.opener(self.passphrase.text())).failure(self._refused).run()
        if opened is FAILED:
            return
        self.store = opened
        self.accept()

    def _refused(self, exc: AppError) -> None:
        self.passphrase.clear()
        self.error.show_message(exc.message)
        self.passphrase.setFocus()
