"""A walk-in's file as the front desk reads it: what he did not give (his income, household,
district) reads «لم يُذكر», never «0.00» or «1» as if he had said so; his title says why there is
one name («عبدالله (مراجع عابر)», «فاطمة (مراجعة عابرة)»); the number box promises nothing the file
does not show; a year alone typed with the calendar on «automatic» is read «about 1975»; a refusal
for the missing consent puts the focus on the box, in view, and one Space ticks it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.i18n import _
from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import pick_code, register, type_text


def _walk_in(qtbot, window, first_name: str, gender: str, birth: str) -> ApplicantForm:
    form = window.new_applicant()
    f = form.fields
    pick_code(qtbot, f.id_type, "none")
    pick_code(qtbot, f.combos["gender"], gender)
    f.inputs["first_name"].setFocus()
    type_text(qtbot, f.inputs["first_name"], first_name)
    f.inputs["birth_date"].setFocus()
    type_text(qtbot, f.inputs["birth_date"], birth)
    return form


def _shown(page) -> dict[str, str]:
    return {name.text(): value.text().strip("\u200f") for name, value in page.detail_labels}


def test_a_lone_year_in_automatic_is_about_the_year_and_the_consent_is_asked_for_at_the_box(qtbot, window, ctx):
    form = _walk_in(qtbot, window, "عبدالله", "male", "1975")
    f = form.fields
    assert f.calendar.code() == "auto"
    assert f.approx() and "حوالي" in f.preview.text()  # «يُقرأ: حوالي ١٩٧٥», no format lesson
    assert f.inputs["national_id"].placeholderText() == "لا يلزم رقم"
    qtbot.keyClick(f.inputs["birth_date"], Qt.Key.Key_Return)  # the consent box not ticked
    assert isinstance(window.page, ApplicantForm)
    assert f.boxes["consent"].error.isVisible()
    assert window.focusWidget() is f.consent  # the focus on the box itself, its frame drawn
    assert window.testAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange)
    area = form.scroll_area
    top = f.consent.mapTo(area.widget(), f.consent.rect().topLeft()).y() - area.verticalScrollBar().value()
    assert 0 <= top and top + f.consent.height() <= area.viewport().height()  # in view
    qtbot.keyClick(f.consent, Qt.Key.Key_Space)
    assert f.consent.isChecked()
    qtbot.keyClick(f.consent, Qt.Key.Key_Return)
    page = window.page
    assert isinstance(page, ApplicantFileView), [b.error.text() for b in f.boxes.values()]
    view = applicants.get(ctx, page.applicant_id)
    assert view.birth_approx and view.birth_date.year == 1975
    assert page.title.text().strip("\u200f") == "عبدالله (مراجع عابر)"
    shown = _shown(page)
    for label in ("District", "Monthly income (SAR)", "Household size", "City"):
        assert shown[_(label)] == "لم يُذكر", label
    assert "حوالي" in shown[_("Birth date")]


def test_a_woman_walk_in_is_titled_in_her_gender_and_her_nationality_agrees(qtbot, window, ctx):
    form = _walk_in(qtbot, window, "فاطمة", "female", "1/1/1990")
    f = form.fields
    assert f.id_type.currentText() == "بلا وثيقة (مراجعة عابرة)"
    assert f.boxes["family_name"].label.text() == "اسم العائلة (اختياري للمراجعة العابرة)"
    pick_code(qtbot, f.combos["nationality"], "SD")
    assert f.combos["nationality"].currentText() == "سودانية"
    qtbot.keyClick(f.combos["nationality"], Qt.Key.Key_Return)  # the consent not ticked: said of her
    assert "موافقة المستفيدة على معالجة بياناتها الشخصية مطلوبة" in f.boxes["consent"].error.text()
    assert window.focusWidget() is f.consent
    qtbot.keyClick(f.consent, Qt.Key.Key_Space)
    qtbot.keyClick(f.consent, Qt.Key.Key_Return)
    page = window.page
    assert isinstance(page, ApplicantFileView), [b.error.text() for b in f.boxes.values()]
    assert page.title.text().strip("\u200f") == "فاطمة (مراجعة عابرة)"
    shown = _shown(page)
    assert shown[_("Nationality")] == "سودانية"
    assert shown[_("Identity document")] == "بلا وثيقة (مراجعة عابرة)"


def test_anyone_else_s_zero_income_and_household_of_one_are_answers(qtbot, window, ctx):
    view = register(ctx, 7301, monthly_income="0")
    window.open_applicant(view.id)
    shown = _shown(window.page)
    assert shown[_("Monthly income (SAR)")] == "٠٫٠٠"
    assert shown[_("Household size")] == "فرد واحد: المستفيد نفسه"  # he is the one counted
    assert shown[_("Nationality")] == "سعودي"
