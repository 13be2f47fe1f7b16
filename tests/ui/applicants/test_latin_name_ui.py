"""The Latin name at the desk: typed with the keyboard after the family name, left to right,
shown in the file, and a person registered in Arabic offered as a possible duplicate when the
same person is registered again from the passport in Latin letters."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import national_id, register, type_text


def keys(qtbot, window, *steps):
    for step in steps:
        if isinstance(step, str):
            type_text(qtbot, window.focusWidget(), step)
        else:
            qtbot.keyClick(window.focusWidget(), step)


def _fill(qtbot, window, form, latin):
    tab = Qt.Key.Key_Tab
    f = form.fields
    keys(qtbot, window, "P7654321")  # a passport: the type follows the letter
    keys(qtbot, window, tab, tab, "IQ", tab, tab, Qt.Key.Key_Down, tab, Qt.Key.Key_Down, tab,
         "محمد", tab, "عبدالله", tab, "احمد", tab, "الشهرى", tab)
    assert window.focusWidget() is f.inputs["latin_name"]
    assert f.inputs["latin_name"].layoutDirection() == Qt.LayoutDirection.LeftToRight
    keys(qtbot, window, latin, tab, "1/1/1990", tab, tab, tab, tab, tab, "الأجفر", tab, tab, "0", tab,
         Qt.Key.Key_Down, tab, Qt.Key.Key_Space)


def test_a_latin_name_typed_at_the_desk_is_kept_and_shown(qtbot, window, ctx):
    window.new_action.trigger()
    form = window.page
    _fill(qtbot, window, form, "Mohamed Abdulla Ahmad Al-Shehri")
    assert form.fields.value().latin_name == "Mohamed Abdulla Ahmad Al-Shehri"
    keys(qtbot, window, Qt.Key.Key_Return)
    assert isinstance(window.page, ApplicantFileView), [
        b.error.text() for b in form.fields.boxes.values()]
    saved = applicants.by_national_id(ctx, "P7654321", "passport", "IQ")
    assert saved.latin_name == "Mohamed Abdulla Ahmad Al-Shehri"
    shown = [value.text() for _name, value in window.page.detail_labels]
    assert any("Mohamed Abdulla Ahmad Al-Shehri" in text for text in shown)


def test_a_bad_latin_name_is_named_under_its_field(qtbot, window, ctx):
    window.new_action.trigger()
    form = window.page
    _fill(qtbot, window, form, "Mohamed 2")
    keys(qtbot, window, Qt.Key.Key_Return)
    box = form.fields.boxes["latin_name"]
    assert box.error.isVisible() and window.page is form
    assert window.focusWidget() is form.fields.inputs["latin_name"]


def test_the_same_person_in_latin_letters_is_offered_as_a_duplicate(qtbot, window, ctx):
    arabic = register(ctx, 31, first_name="عيسى", father_name="حسين", grandfather_name="سعد",
                      family_name="الزهراني", birth_date="1/1/1990")
    window.new_action.trigger()
    form = window.page
    tab = Qt.Key.Key_Tab
    keys(qtbot, window, "P1112223", tab, tab, "BH", tab, tab, Qt.Key.Key_Down, tab,
         Qt.Key.Key_Down, tab, "Issa", tab, "Hussain", tab, "Saad", tab, "Alzahrani", tab, tab,
         "1/1/1990", tab, tab, tab, tab, tab, "الأجفر", tab, tab, "0", tab, Qt.Key.Key_Down, tab,
         Qt.Key.Key_Space, Qt.Key.Key_Return)
    dialog = form.duplicate_dialog
    assert dialog is not None and dialog.isVisible()
    assert [row.national_id for row in dialog.model.rows] == [arabic.national_id]
    assert applicants.by_national_id(ctx, "P1112223", "passport", "BH") is None
    assert national_id(31) == arabic.national_id
