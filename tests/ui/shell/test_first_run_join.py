"""First run on a branch laptop: join head office with its invitation file (a wrong passphrase
is said by its field and the chosen file stays), and the laptop's data encrypted on the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ajfar_desk.services.applicants import search
from ajfar_desk.services.store.store import (
    PASSPHRASE_ENV,
    PassphraseError,
    Store,
    is_encrypted_store,
)
from ajfar_desk.services.sync import sync_enrol
from ajfar_desk.services.users import setup
from ajfar_desk.ui.shell.first_run import JOIN_TAB, FirstRunDialog
from ajfar_desk.ui.shell.language import apply_language

from ..conftest import national_id, register, type_text

INVITE_PASS = "a long passphrase"
LAPTOP_PASS = "كلمة سر الحاسب 7"
APPLICANT = "مبارك"


@pytest.fixture
def invitation(tmp_path):
    """Head office (najran) with one applicant; its invitation for branch SHR, in a file."""
    hq_store = Store.open(tmp_path / "hq")
    hq = setup.init_store(hq_store, "najran", None, "admin", "password123", "مدير النظام")
    register(hq, 7, first_name=APPLICANT, city="نجران", category=hq.profile.categories[0].code)
    path = tmp_path / "shr-invitation.ajfi"
    path.write_bytes(sync_enrol.invite(hq, "SHR", INVITE_PASS))
    hq_store.close()
    return path


@pytest.fixture
def laptop(tmp_path, monkeypatch):
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    store = Store.open(tmp_path / "laptop")  # as the app opens a new store
    yield store
    store.close()


def open_dialog(qtbot, store) -> FirstRunDialog:
    dialog = FirstRunDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.tabs.setCurrentIndex(JOIN_TAB)
    return dialog


def click_join(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.join_panel.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.progress.isVisible(), timeout=60000)


def shot(dialog, name: str) -> None:
    folder = os.environ.get("AJFAR_SCREENSHOTS")
    if folder:
        dialog.grab().save(str(Path(folder) / f"{name}.png"))


def test_join_head_office_wrong_passphrase_then_right(app, qtbot, laptop, invitation, answers):
    dialog = open_dialog(qtbot, laptop)
    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    panel = dialog.join_panel
    qtbot.keyClicks(panel.file, str(invitation))
    qtbot.keyClicks(panel.passphrase, "not the passphrase")
    click_join(qtbot, dialog)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.context is None
    wrong = panel.boxes["passphrase"].error
    assert wrong.isVisible() and wrong.text()
    assert not panel.boxes["invitation"].error.isVisible()
    assert panel.file.text() == str(invitation)  # the typed file is kept
    assert panel.passphrase.text() == "" and panel.passphrase.hasFocus()
    assert not setup.is_initialized(laptop)  # nothing written
    shot(dialog, "join-wrong-ar")

    qtbot.keyClicks(panel.passphrase, INVITE_PASS)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        qtbot.keyClick(panel.passphrase, Qt.Key.Key_Return)
    ctx = dialog.context
    assert ctx is not None and ctx.branch.code == "SHR" and ctx.profile.id == "najran"
    assert ctx.user is None  # head office's accounts sign in next
    assert ctx.store is laptop and not laptop.encrypted
    assert len(answers.shown) == 1  # how many changes arrived, and to sign in next
    setup.sign_in(ctx, "admin", "password123")
    assert [hit.national_id for hit in search.search(ctx, APPLICANT)] == [national_id(7)]


def test_join_errors_by_the_file(app, qtbot, laptop, tmp_path):
    apply_language("en", app)
    dialog = open_dialog(qtbot, laptop)
    assert dialog.layoutDirection() == Qt.LayoutDirection.LeftToRight
    panel = dialog.join_panel
    assert not dialog.join_from("", "")  # nothing chosen, nothing typed: said, nothing started
    assert panel.boxes["invitation"].error.isVisible() and panel.boxes["passphrase"].error.isVisible()
    assert dialog.job is None
    assert not dialog.join_from(str(tmp_path / "missing.ajfi"), INVITE_PASS)
    assert "no such file" in panel.boxes["invitation"].error.text()
    assert panel.file.text() == str(tmp_path / "missing.ajfi")
    assert not dialog.join_from(str(tmp_path), INVITE_PASS)  # a folder
    assert "Cannot read this file" in panel.boxes["invitation"].error.text()
    other = tmp_path / "notes.txt"
    other.write_text("not an invitation")
    assert dialog.join_from(str(other), INVITE_PASS)
    qtbot.waitUntil(lambda: not dialog.progress.isVisible(), timeout=60000)
    assert "not an Ajfar Desk invitation" in panel.boxes["invitation"].error.text()
    assert dialog.result() != QDialog.DialogCode.Accepted
    shot(dialog, "join-file-error-en")


def test_join_with_this_laptop_encrypted(app, qtbot, laptop, invitation, tmp_path):
    dialog = open_dialog(qtbot, laptop)
    assert dialog.encryption.isVisibleTo(dialog) and not dialog.encryption.fields.isVisibleTo(dialog)
    qtbot.mouseClick(dialog.encryption.encrypt, Qt.MouseButton.LeftButton)
    assert dialog.encryption.fields.isVisibleTo(dialog)
    type_text(qtbot, dialog.encryption.store_passphrase, LAPTOP_PASS)
    type_text(qtbot, dialog.encryption.store_passphrase2, LAPTOP_PASS + "x")
    assert not dialog.join_from(str(invitation), INVITE_PASS)
    assert dialog.encryption.boxes["store_passphrase2"].error.isVisible()
    assert not laptop.encrypted
    shot(dialog, "join-encrypt-ar")
    dialog.encryption.store_passphrase2.setText(LAPTOP_PASS)
    with qtbot.waitSignal(dialog.accepted, timeout=60000):
        assert dialog.join_from(str(invitation), INVITE_PASS)
    ctx = dialog.context
    assert ctx.store is dialog.store and ctx.store is not laptop
    assert ctx.store.encrypted and is_encrypted_store(tmp_path / "laptop")
    assert sorted(p.name for p in (tmp_path / "laptop").iterdir() if "sqlite" in p.name) == [
        "ajfar-desk.sqlite", "ajfar-desk.sqlite-shm", "ajfar-desk.sqlite-wal"]
    setup.sign_in(ctx, "admin", "password123")
    assert [hit.national_id for hit in search.search(ctx, APPLICANT)] == [national_id(7)]
    ctx.store.close()
    reopened = Store.open(tmp_path / "laptop", passphrase=LAPTOP_PASS)
    try:
        assert reopened.meta()["branch"] == "SHR"
    finally:
        reopened.close()


def test_create_with_this_computer_encrypted(app, qtbot, laptop, tmp_path):
    dialog = FirstRunDialog(laptop)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.encryption.encrypt.setChecked(True)
    type_text(qtbot, dialog.full_name, "عبدالرحمن")
    dialog.gender.set_code("male")
    type_text(qtbot, dialog.password, "secret-pass")
    type_text(qtbot, dialog.password2, "secret-pass")
    type_text(qtbot, dialog.encryption.store_passphrase, "short")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.encryption.boxes["store_passphrase"].error.isVisible() and not laptop.encrypted
    dialog.encryption.store_passphrase.setText(LAPTOP_PASS)
    dialog.encryption.store_passphrase2.setText(LAPTOP_PASS)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.context.user.full_name == "عبدالرحمن" and dialog.context.store.encrypted
    dialog.context.store.close()
    assert is_encrypted_store(tmp_path / "laptop")
    with pytest.raises(PassphraseError):
        Store.open(tmp_path / "laptop")
    reopened = Store.open(tmp_path / "laptop", passphrase=LAPTOP_PASS)
    try:
        assert setup.open_context(reopened).profile.id == "ajfar"
    finally:
        reopened.close()


def test_set_up_store_refuses_to_be_recreated(app, qtbot, laptop):
    from ajfar_desk.domain.errors import ValidationError
    from ajfar_desk.ui.shell.store_encryption import encrypt_new_store

    setup.init_store(laptop, "ajfar", None, "admin", "password123")
    with pytest.raises(ValidationError):
        encrypt_new_store(laptop, LAPTOP_PASS)
    assert setup.is_initialized(laptop) and not laptop.encrypted


def test_the_app_asks_to_sign_in_after_joining(app, laptop, invitation, monkeypatch):
    from ajfar_desk.ui.shell import app as app_module
    from ajfar_desk.ui.shell.first_run import FirstRunDialog as Dialog
    from ajfar_desk.ui.shell.sign_in import SignInDialog

    def first_run(dialog):
        dialog.context, _result = sync_enrol.join(dialog.store, invitation.read_bytes(), INVITE_PASS)
        return QDialog.DialogCode.Accepted

    asked = []

    def sign_in(dialog):
        asked.append(dialog.ctx)
        setup.sign_in(dialog.ctx, "admin", "password123")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(Dialog, "exec", first_run)
    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    ctx = app_module.sign_in_or_set_up(laptop)
    assert asked == [ctx] and ctx.branch.code == "SHR" and ctx.user.username == "admin"
