"""While an administrator adds a woman's account, the role list names the roles in her gender
(«موظفة علاقات المستفيدين»), as the accounts' table does once she is added; a man's, or before the
gender is chosen, the masculine (Arabic's unmarked form).  Changing a woman's role offers her
titles too."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.users import users
from ajfar_desk.ui.users.users_view import RoleDialog, UserDialog, UsersView

from ..conftest import pick_code, type_text


def _titles(combo) -> dict[str, str]:
    return {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}


def test_the_role_list_follows_the_gender_chosen_in_the_form(qtbot, window, ctx):
    window.users_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, UsersView)
    qtbot.keyClick(view.add_button, Qt.Key.Key_Space)
    dialog = view.dialog
    assert isinstance(dialog, UserDialog)
    type_text(qtbot, dialog.username, "noura")
    qtbot.keyClick(dialog.username, Qt.Key.Key_Tab)
    type_text(qtbot, dialog.full_name, "نورة صالح العتيبي")
    assert _titles(dialog.role)["researcher"] == "مسؤول البحث الاجتماعي"  # no gender yet
    qtbot.keyClick(dialog.full_name, Qt.Key.Key_Tab)  # the gender next, beside the name
    assert dialog.focusWidget() is dialog.gender
    qtbot.keyClick(dialog.gender, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.gender, Qt.Key.Key_Down)
    assert dialog.gender.code() == "female"
    qtbot.keyClick(dialog.gender, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.role  # and the roles in her words
    titles = _titles(dialog.role)
    assert titles["researcher"] == "مسؤولة البحث الاجتماعي"
    assert titles["front_desk"] == "موظفة علاقات المستفيدين"
    assert titles["admin"] == "مديرة النظام"
    pick_code(qtbot, dialog.role, "researcher")
    assert dialog.role.currentText() == "مسؤولة البحث الاجتماعي"
    pick_code(qtbot, dialog.gender, "male")  # changed her mind: his titles, the role kept
    assert dialog.role.code() == "researcher" and dialog.role.currentText() == "مسؤول البحث الاجتماعي"
    pick_code(qtbot, dialog.gender, "female")
    for line in (dialog.password, dialog.confirmation):
        type_text(qtbot, line, "long enough 1")
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    noura = next(u for u in users.list_users(ctx) if u.username == "noura")
    assert (noura.role, noura.gender) == ("researcher", "female")

    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_End)
    assert view.selected().username == "noura"
    qtbot.keyClick(view.role_button, Qt.Key.Key_Space)
    assert isinstance(view.dialog, RoleDialog)
    assert view.dialog.role.currentText() == "مسؤولة البحث الاجتماعي"
    assert _titles(view.dialog.role)["manager"] == "المديرة"
    view.dialog.reject()


def test_the_role_list_reads_again_in_english(qtbot, window):
    window.users_action.trigger()
    view = window.stack.currentWidget()
    window.language_action.trigger()
    qtbot.keyClick(view.add_button, Qt.Key.Key_Space)
    dialog = view.dialog
    pick_code(qtbot, dialog.gender, "female")
    assert _titles(dialog.role)["front_desk"] == "Front-desk employee"  # English: no marker
    dialog.reject()


def test_an_account_is_not_added_before_its_gender_is_chosen(qtbot, window, ctx):
    """The form starts on «— اختر —», never on «ذكر»: Enter without a choice names the field and
    keeps everything typed (a woman's account titled «المدير» is the mistake this avoids)."""
    window.users_action.trigger()
    view = window.stack.currentWidget()
    qtbot.keyClick(view.add_button, Qt.Key.Key_Space)
    dialog = view.dialog
    assert dialog.gender.code() == ""
    type_text(qtbot, dialog.username, "huda")
    type_text(qtbot, dialog.full_name, "هدى سالم")
    pick_code(qtbot, dialog.role, "manager")
    for line in (dialog.password, dialog.confirmation):
        type_text(qtbot, line, "long enough 1")
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)
    assert dialog.isVisible() and "يُرجى اختيار الجنس" in dialog.boxes["gender"].error.text()
    assert dialog.full_name.text() == "هدى سالم" and dialog.password.text() == "long enough 1"
    assert "huda" not in {u.username for u in users.list_users(ctx)}
    pick_code(qtbot, dialog.gender, "female")
    qtbot.keyClick(dialog.confirmation, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    huda = next(u for u in users.list_users(ctx) if u.username == "huda")
    assert (huda.gender, huda.title) == ("female", "المديرة")
