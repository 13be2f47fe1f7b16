"""Encrypting a laptop's data at the first run: the store was created plain before the first-run
window opened, and is recreated encrypted (SQLCipher) while still empty.  The section of the
window that asks for it (a tick and a passphrase typed twice) and the recreation itself."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from ...domain.errors import ValidationError
from ...i18n import N_, _
from ...services.store.store import PassphraseError, Store, check_new_passphrase
from ...services.users import setup
from ..common.form_fields import password_line
from ..common.widgets import FieldBox, Texts


def can_encrypt(store: Store) -> bool:
    """A plain SQLite store (a laptop's), with SQLCipher installed."""
    return (
        store.file is not None
        and not store.encrypted
        and importlib.util.find_spec("sqlcipher3") is not None
    )


def _remove(path: Path) -> None:
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        path.with_name(name).unlink(missing_ok=True)


def encrypt_new_store(store: Store, passphrase: str) -> Store:
    """The never-set-up plain ``store`` recreated encrypted under the same file name; ``store``
    is closed.  The encrypted store is made next to it first and then put in its place in one
    step: until then the plain store is untouched (and stays usable when this fails)."""
    path = store.file
    if path is None or store.encrypted:
        return store
    if setup.is_initialized(store):
        raise ValidationError("association", _("This store is already set up for an association"))
    fresh = path.with_name(path.name + ".new")
    _remove(fresh)
    try:
        Store.open(store.data_dir, f"sqlite:///{fresh}", passphrase=passphrase).close()
        store.close()
        sidecars = [p for p in (path, fresh) for s in ("-wal", "-shm") if p.with_name(p.name + s).exists()]
        if sidecars:  # SQLite removes them when the last connection closes: someone still has one
            raise ValidationError(
                "store", _("The data store is open in another program: close it, then try again")
            )
        os.replace(fresh, path)
    except BaseException:
        _remove(fresh)
        raise
    return Store.open(store.data_dir, store.url, passphrase=passphrase)


class EncryptionSection(QWidget):
    """«Encrypt this computer's data»: the tick, then the passphrase twice and what it means.
    Hidden when the store cannot be encrypted (not a file, or SQLCipher missing)."""

    def __init__(self, texts: Texts, store: Store, parent=None):
        super().__init__(parent)
        self.encrypt = QCheckBox()
        texts.add(self.encrypt.setText, N_("Encrypt this computer's data (recommended for laptops)"))
        self.store_passphrase, self.store_passphrase2 = password_line(), password_line()
        self.boxes = {
            "store_passphrase": FieldBox(texts, N_("Passphrase for this computer's data"), self.store_passphrase),
            "store_passphrase2": FieldBox(texts, N_("Passphrase again"), self.store_passphrase2),
        }
        note = QLabel()
        note.setWordWrap(True)
        texts.add(
            note.setText,
            N_("The passphrase is asked each time Ajfar Desk starts. Without it nobody can read "
               "the data, you included: keep it in a safe place."),
        )
        self.fields = QWidget()
        fields = QGridLayout(self.fields)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.boxes["store_passphrase"], 0, 0)
        fields.addWidget(self.boxes["store_passphrase2"], 0, 1)
        fields.addWidget(note, 1, 0, 1, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.encrypt)
        column.addWidget(self.fields)
        self.encrypt.toggled.connect(self.fields.setVisible)
        self.fields.setVisible(False)
        if not can_encrypt(store):  # (never shown here: a widget without a parent is a window)
            self.setVisible(False)

    def wanted(self) -> bool:
        """Encryption is asked and not done yet."""
        return self.encrypt.isChecked() and self.encrypt.isEnabled()

    def check(self) -> bool:
        """The passphrase fields, when encryption is asked (and not done yet), are right; else
        the error is shown under the field."""
        if not self.wanted():
            return True
        first, second = self.store_passphrase.text(), self.store_passphrase2.text()
        try:
            check_new_passphrase(first)
        except PassphraseError as exc:
            self.boxes["store_passphrase"].set_error(exc.message)
            return False
        if second != first:
            self.boxes["store_passphrase2"].set_error(_("The two passphrases differ"))
        return second == first

    def done(self) -> None:
        """Encrypted: it stays so, whatever comes next."""
        for widget in (self.encrypt, self.fields):
            widget.setEnabled(False)
