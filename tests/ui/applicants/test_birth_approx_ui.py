"""«Born about 1980», marked with the keyboard: the birth date's calendar box has a last choice,
a year only; the preview, the file and the search results say «حوالي ١٩٨٠» in the profile's
digits, and the file's form opens on the year again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import national_id, type_text

ABOUT_1980 = "حوالي \u2068١٩٨٠\u2069"  # the ajfar profile writes Arabic-Indic digits


def test_an_approximate_birth_year_is_marked_with_the_keyboard_and_shown_as_about(qtbot, window, ctx):
    form = window.new_applicant()
    f = form.fields
    for name, text in (("national_id", national_id(515)), ("first_name", "سالم"), ("father_name", "محمد"),
                       ("grandfather_name", "علي"), ("family_name", "الحربي"), ("phone", "0501234567"),
                       ("city", "الأجفر")):
        type_text(qtbot, f.inputs[name], text)
    f.inputs["gender"].set_code("male")
    f.inputs["marital_status"].set_code("married")
    f.inputs["category"].set_code("family")
    f.consent.setChecked(True)
    f.inputs["birth_date"].setFocus()
    type_text(qtbot, f.inputs["birth_date"], "1980")
    qtbot.keyClick(f.inputs["birth_date"], Qt.Key.Key_Tab)
    assert window.focusWidget() is f.calendar
    qtbot.keyClick(f.calendar, Qt.Key.Key_End)  # the last choice: a year only
    assert f.approx() and ABOUT_1980 in f.preview.text()
    qtbot.keyClick(f.calendar, Qt.Key.Key_Return)
    page = window.page
    assert isinstance(page, ApplicantFileView), [b.error.text() for b in f.boxes.values()]
    view = applicants.get(ctx, page.applicant_id)
    assert view.birth_approx and view.birth_date.year == 1980
    shown = {name.text(): value.text() for name, value in page.detail_labels}
    assert any(ABOUT_1980 in value for value in shown.values())

    qtbot.keyClick(page, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # edit: the year again
    form = window.page
    assert isinstance(form, ApplicantForm) and form.fields.approx()
    assert form.fields.inputs["birth_date"].text() == "١٩٨٠"
    form.dirty = False
    window.home_action.trigger()
    home = window.home
    type_text(qtbot, home.search_box, "سالم الحربي")
    qtbot.waitUntil(lambda: len(home.model.rows) == 1)
    assert ABOUT_1980 in home.model.data(home.model.index(0, 3))  # the birth date column
