"""A woman's nationality agrees with her («سعودية», «سودانية», «يمنية»): in the registration and
edit forms once her gender is chosen, in her file; the example under the Latin name is a woman's
name in a woman's form.  A man's, or before a gender is chosen, the list reads as ever."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.i18n import _

from ..conftest import pick_code, register

# an example, said as one («مثال: …»): not read as a name already typed
MAN, WOMAN = "مثال: Mohammed Abdullah Al-Shammari", "مثال: Noura Abdullah Al-Shammari"


def test_the_nationalities_and_the_latin_example_follow_the_gender_chosen(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    nationality, latin = f.combos["nationality"], f.inputs["latin_name"]
    assert nationality.currentText() == "سعودي" and latin.placeholderText() == MAN
    pick_code(qtbot, nationality, "YE")
    pick_code(qtbot, f.combos["gender"], "female")
    assert nationality.code() == "YE" and nationality.currentText() == "يمنية"
    names = {nationality.itemData(i): nationality.itemText(i) for i in range(nationality.count())}
    assert (names["SA"], names["SD"], names["OT"]) == ("سعودية", "سودانية", "أخرى")
    assert latin.placeholderText() == WOMAN
    pick_code(qtbot, f.combos["gender"], "male")
    assert nationality.currentText() == "يمني" and latin.placeholderText() == MAN
    form.dirty = False


def test_her_file_and_her_edit_form_say_her_nationality_in_the_feminine(qtbot, window, ctx):
    view = register(ctx, 7401, first_name="ابتسام", gender="female", nationality="SD")
    window.open_applicant(view.id)
    shown = {name.text(): value.text().strip("\u200f") for name, value in window.page.detail_labels}
    assert shown[_("Nationality")] == "سودانية"
    qtbot.keyClick(window.page, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    f = window.page.fields
    assert f.combos["nationality"].currentText() == "سودانية"
    assert f.inputs["latin_name"].placeholderText() == WOMAN
    window.language_action.trigger()  # English has one word for both
    assert f.combos["nationality"].currentText() == "Sudanese"
