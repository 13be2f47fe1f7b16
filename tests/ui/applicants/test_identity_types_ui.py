"""The ID type at the desk, keyboard only: a passport number's letter makes it a passport and
asks for the country; an iqama's first digit makes it an iqama; the file shows type and
country; a wrong country is named under the field and nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import national_id, type_text


def keys(qtbot, window, *steps):
    for step in steps:
        if isinstance(step, str):
            type_text(qtbot, window.focusWidget(), step)
        else:
            qtbot.keyClick(window.focusWidget(), step)


def test_a_pilgrims_passport_registered_with_the_keyboard(qtbot, window, ctx):
    window.new_action.trigger()
    form = window.page
    assert isinstance(form, ApplicantForm)
    f = form.fields
    assert window.focusWidget() is f.inputs["national_id"] and not f.id_country.isVisible()
    keys(qtbot, window, "A1234567")
    assert f.id_type.code() == "passport" and f.id_country.isVisible()
    tab = Qt.Key.Key_Tab
    keys(qtbot, window, tab)  # the type: passport, as the letter said
    assert window.focusWidget() is f.id_type
    keys(qtbot, window, tab, "مصر", tab)  # the issuing country, by its Arabic name
    assert window.focusWidget() is f.inputs["nationality"]
    assert f.combos["nationality"].code() == "EG"  # the passport's country: Egyptian
    keys(qtbot, window, tab,
         Qt.Key.Key_Down, tab,  # gender: the first
         Qt.Key.Key_Down, tab,  # marital status: the first
         "محمود", tab, "أحمد", tab, "سيد", tab, "المصري", tab,
         "Mahmoud Ahmed Sayed El-Masry", tab,  # the passport's Latin name, typed left to right
         "1/1/1980", tab, tab,
         tab, tab, tab,  # no Saudi phone (a pilgrim's is not required), no e-mail
         "مكة المكرمة", tab, tab, "0", tab, Qt.Key.Key_Down, tab, Qt.Key.Key_Space)
    keys(qtbot, window, Qt.Key.Key_Return)
    assert isinstance(window.page, ApplicantFileView), [b.error.text() for b in f.boxes.values()]
    saved = applicants.by_national_id(ctx, "A1234567", "passport", "EG")
    assert (saved.full_name, saved.phone) == ("محمود أحمد سيد المصري", "")
    assert saved.latin_name == "Mahmoud Ahmed Sayed El-Masry"
    shown = [value.text() for _name, value in window.page.detail_labels]
    assert any("جواز سفر" in text and "مصر" in text and "A1234567" in text for text in shown)


def test_an_iqama_is_told_by_its_first_digit_and_a_bad_country_is_named(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    type_text(qtbot, f.inputs["national_id"], national_id(77, first="2"))
    assert f.id_type.code() == "iqama" and not f.id_country.isVisible()
    f.id_type.set_code("gcc_id")
    assert f.id_country.isVisible()
    type_text(qtbot, f.id_country, "السعودية")
    type_text(qtbot, f.inputs["first_name"], "خالد")
    qtbot.keyClick(f.inputs["first_name"], Qt.Key.Key_Return)
    box = f.boxes["national_id"]
    assert box.error.isVisible() and "SA" in box.error.text()
    assert f.id_country.text() == "السعودية" and f.inputs["first_name"].text() == "خالد"
    assert window.page is form


def test_a_pilgrim_s_nationality_follows_the_passport_and_her_name_has_three_parts(
        qtbot, window, ctx):
    form = window.new_applicant()
    f = form.fields
    type_text(qtbot, f.inputs["national_id"], "B7654321")
    type_text(qtbot, f.id_country, "إندونيسيا")
    assert f.id_type.code() == "passport" and f.combos["nationality"].code() == "ID"
    f.combos["nationality"].set_code("MY")  # chosen by the employee: the country no longer moves it
    type_text(qtbot, f.id_country, "")
    type_text(qtbot, f.id_country, "ID")
    assert f.combos["nationality"].code() == "MY"
    assert f.combos["nationality"].currentText() == "ماليزي"
