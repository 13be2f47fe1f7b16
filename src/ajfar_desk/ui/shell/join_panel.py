"""The first run's second way, for a branch laptop: head office's invitation file and its
passphrase (given to the branch another way).  The dialog runs the joining itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...i18n import N_, _
from ...services.store.store import Store
from ...services.sync import sync_enrol
from ..common import files
from ..common.widgets import FieldBox, Texts, button_row


def join_job(store: Store, data: bytes, passphrase: str, progress=None):
    """For ``worker.Job``: (context, import result) of this store joined with the invitation."""
    return sync_enrol.join(store, data, passphrase)


class JoinPanel(QWidget):
    """The invitation file (typed, or chosen with the file dialog), its passphrase and the
    button that joins; ``boxes`` are keyed by the fields ``sync_enrol.join`` reports."""

    def __init__(self, texts: Texts, parent=None):
        super().__init__(parent)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        texts.add(
            self.explain.setText,
            N_("For a branch laptop: head office gives you an invitation file, and its passphrase "
               "another way (by phone or in person). This laptop then receives head office's data "
               "and accounts: sign in with your head office user name afterwards."),
        )
        self.file = QLineEdit()
        self.file.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a path reads left to right
        self.choose_button = QPushButton()
        texts.add(self.choose_button.setText, N_("Choose…"))
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.boxes = {
            "invitation": FieldBox(texts, N_("Invitation file"), self.file, self.choose_button),
            "passphrase": FieldBox(texts, N_("Invitation passphrase"), self.passphrase),
        }
        self.join_button = QPushButton()
        texts.add(self.join_button.setText, N_("Join head office"))
        buttons = button_row(self.join_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        layout.addWidget(self.boxes["invitation"])
        layout.addWidget(self.boxes["passphrase"])
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.choose_button.clicked.connect(self.choose_file)

    def choose_file(self) -> None:
        path = files.open_file_name(self, _("Choose the invitation file"),
                                    _("Invitations (*.ajfi)") + ";;" + _("All files (*)"),
                                    start=self.file.text().strip())
        if path:
            self.file.setText(path)
            self.boxes["invitation"].set_error(None)
            self.passphrase.setFocus()

    def read_invitation(self, path: str) -> bytes | None:
        """The invitation file's bytes, or None with the reason shown under the file box."""
        path = (path or "").strip()
        if not path:
            self.boxes["invitation"].set_error(_("Choose the invitation file"))
            return None
        try:
            return Path(path).read_bytes()
        except FileNotFoundError:
            self.boxes["invitation"].set_error(_("There is no such file"))
        except OSError as exc:
            self.boxes["invitation"].set_error(
                _("Cannot read this file: {error}").format(error=exc.strerror or exc)
            )
        return None

    def set_busy(self, busy: bool) -> None:
        for widget in (self.file, self.choose_button, self.passphrase, self.join_button):
            widget.setEnabled(not busy)
