"""The Users page corrects a person's full name and gender with the keyboard; a woman's role is
named in the feminine on the page and, for the one signed in, in the status bar at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.users import users
from ajfar_desk.ui.users.name_dialog import NameDialog
from ajfar_desk.ui.users.users_view import UsersView

from ..conftest import pick_code, type_text


def _cell(view: UsersView, row: int, column: int) -> str:
    return view.model.data(view.model.index(row, column)).strip("\u200f\u200e")


def _users_page(qtbot, window) -> UsersView:
    window.users_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, UsersView)
    view.table.setFocus()
    return view


def _open_name_dialog(qtbot, view: UsersView) -> NameDialog:
    view.name_button.setFocus()
    qtbot.keyClick(view.name_button, Qt.Key.Key_Space)
    dialog = view.dialog
    assert isinstance(dialog, NameDialog) and dialog.isVisible()
    assert dialog.focusWidget() is dialog.full_name  # it opens on its first field
    return dialog


def test_an_administrator_corrects_a_name_and_gender_by_keyboard(qtbot, window, ctx):
    users.create_user(ctx, "huda", "هدى", "front_desk", "password123")  # a man, by mistake
    view = _users_page(qtbot, window)
    view.reload()
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.selected().username == "huda"
    assert _cell(view, 1, 2) == "موظف علاقات المستفيدين"

    dialog = _open_name_dialog(qtbot, view)
    assert dialog.full_name.text() == "هدى" and dialog.gender.code() == "male"
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Backspace)  # the name was selected: typed over
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Return)  # an empty name is refused, by field
    assert dialog.isVisible() and dialog.boxes["full_name"].error.isVisible()
    type_text(qtbot, dialog.full_name, "هدى سعد الحربي")
    pick_code(qtbot, dialog.gender, "female")
    qtbot.keyClick(dialog.gender, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    huda = users.list_users(ctx)[1]
    assert (huda.full_name, huda.gender) == ("هدى سعد الحربي", "female")
    assert _cell(view, 1, 1) == "هدى سعد الحربي"
    assert _cell(view, 1, 2) == "موظفة علاقات المستفيدين"
    assert view.result.isVisible() and "هدى سعد الحربي" in view.result.message.text()
    # the saying fits a woman as a man («وجنسه» read as a man's)
    assert "حُفظ الاسم والجنس" in view.result.message.text() and "وجنسه" not in view.result.message.text()


def test_the_status_bar_names_the_signed_in_woman_in_the_feminine(qtbot, window, ctx):
    assert "(مدير النظام)" in window.status_label.text()
    view = _users_page(qtbot, window)
    qtbot.keyClick(view.table, Qt.Key.Key_Home)
    dialog = _open_name_dialog(qtbot, view)
    type_text(qtbot, dialog.full_name, "سعاد الحربي")
    pick_code(qtbot, dialog.gender, "female")
    qtbot.keyClick(dialog.gender, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "(مديرة النظام)" in window.status_label.text())
    assert "سعاد الحربي" in window.status_label.text()
    window.language_action.trigger()
    assert "(Administrator)" in window.status_label.text()
