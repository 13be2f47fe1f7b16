"""The passphrase dialog at start: a wrong passphrase is said and the user tries again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ajfar_desk.services.store.store import PASSPHRASE_ENV, Store, wrong_passphrase
from ajfar_desk.services.users import setup
from ajfar_desk.ui.shell.language import apply_language
from ajfar_desk.ui.shell.passphrase_dialog import PassphraseDialog

PASS = "عبارة المرور 2025"


@pytest.fixture
def encrypted(tmp_path, monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    data = tmp_path / "enc"
    store = Store.open(data, passphrase=PASS)
    setup.init_store(store, "ajfar", None, "admin", "password123", "مدير")
    store.close()
    return data


def dialog_for(data: Path, qtbot) -> PassphraseDialog:
    dialog = PassphraseDialog(
        lambda p: Store.open(data, passphrase=p), str(data / "ajfar-desk.sqlite")
    )
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_wrong_passphrase_stays_in_the_dialog_then_the_right_one_opens(app, qtbot, encrypted):
    dialog = dialog_for(encrypted, qtbot)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    qtbot.keyClicks(dialog.passphrase, "not the one")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error.isVisible() and wrong_passphrase().message in dialog.error.text()
    assert dialog.passphrase.text() == "" and dialog.store is None
    shots = os.environ.get("AJFAR_SCREENSHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "passphrase-ar.png"))
    dialog.passphrase.setText(PASS)  # typed Arabic: QTest cannot synthesise it
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.store is not None and dialog.store.meta()["association"] == "ajfar"
    dialog.store.close()


def test_empty_passphrase_and_english(app, qtbot, encrypted):
    apply_language("en", app)
    dialog = dialog_for(encrypted, qtbot)
    assert dialog.layoutDirection() == Qt.LayoutDirection.LeftToRight
    dialog.ok.click()
    assert dialog.error.isVisible() and dialog.store is None
    qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
    dialog.ok.click()
    assert "Wrong passphrase" in dialog.error.text()
    shots = os.environ.get("AJFAR_SCREENSHOTS")
    if shots:
        dialog.grab().save(str(Path(shots) / "passphrase-en.png"))
