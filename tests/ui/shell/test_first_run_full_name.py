"""The first run asks for the administrator's full name (the papers print it, not «admin») and
gender (her title agrees with it: «مديرة النظام»)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ajfar_desk.domain.role_titles import role_title
from ajfar_desk.services.store.store import Store
from ajfar_desk.ui.shell.first_run import FirstRunDialog

from ..conftest import type_text


@pytest.fixture
def first(qtbot, app, tmp_path):
    """The first-run window on a new store, shown."""
    store = Store.open(tmp_path / "new")
    dialog = FirstRunDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    store.close()


def test_the_full_name_is_required_at_the_first_run(qtbot, first):
    first.gender.set_code("female")
    qtbot.keyClick(first.full_name, Qt.Key.Key_Tab)
    type_text(qtbot, first.password, "password123")
    type_text(qtbot, first.password2, "password123")
    qtbot.keyClick(first.password2, Qt.Key.Key_Return)
    assert first.result() != QDialog.DialogCode.Accepted and first.isVisible()
    assert first.boxes["full_name"].error.isVisible()
    assert first.focusWidget() is first.full_name
    type_text(qtbot, first.full_name, "سعاد الحربي")
    qtbot.keyClick(first.full_name, Qt.Key.Key_Return)
    assert first.result() == QDialog.DialogCode.Accepted
    assert first.context.user.full_name == "سعاد الحربي"


def test_the_administrator_s_gender_is_asked_with_the_keyboard_and_her_title_agrees(qtbot, first):
    """Tab from the full name reaches the gender; left unchosen, Enter says so under it and puts
    the focus there; chosen with the arrow keys, the account is a woman's: «مديرة النظام»."""
    type_text(qtbot, first.full_name, "سعاد الحربي")
    qtbot.keyClick(first.full_name, Qt.Key.Key_Tab)
    assert first.focusWidget() is first.gender and first.gender.code() == ""
    qtbot.keyClick(first.gender, Qt.Key.Key_Tab)
    assert first.focusWidget() is first.password
    type_text(qtbot, first.password, "password123")
    qtbot.keyClick(first.password, Qt.Key.Key_Tab)
    type_text(qtbot, first.password2, "password123")
    qtbot.keyClick(first.password2, Qt.Key.Key_Return)
    assert first.result() != QDialog.DialogCode.Accepted and first.isVisible()
    assert first.boxes["gender"].error.isVisible()
    assert first.focusWidget() is first.gender  # the field to correct
    qtbot.keyClick(first.gender, Qt.Key.Key_Down)
    qtbot.keyClick(first.gender, Qt.Key.Key_Down)
    assert first.gender.code() == "female"
    qtbot.keyClick(first.gender, Qt.Key.Key_Return)
    assert first.result() == QDialog.DialogCode.Accepted
    assert first.context.user.gender == "female"
    assert role_title(first.context.role, first.context.user.gender) == "مديرة النظام"


def test_the_first_run_window_fits_a_laptop_screen_with_the_gender(first):
    hint = first.sizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720 - 40, hint  # the smaller laptop
    box = first.boxes["gender"]
    assert box.isVisible() and box.width() >= first.gender.sizeHint().width()
