"""Registering at the desk: keyboard only, errors under fields, duplicates caught."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.applicants import applicants
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import national_id, register, type_text


def type_(qtbot, window, text):
    type_text(qtbot, window.focusWidget(), text)


def key(qtbot, window, k, times=1):
    for _ in range(times):
        qtbot.keyClick(window.focusWidget(), k)


def test_register_with_the_keyboard_in_arabic_then_find_by_search(qtbot, window, ctx):
    window.new_action.trigger()
    form = window.page
    assert isinstance(form, ApplicantForm)
    assert window.focusWidget() is form.fields.inputs["national_id"]
    nid = national_id(4242)
    steps = [
        nid, Qt.Key.Key_Tab, Qt.Key.Key_Tab,  # ID type: national ID (told by the first digit)
        Qt.Key.Key_Tab,  # nationality: Saudi (preselected)
        Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Tab,  # gender: female
        Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Tab,  # widowed
        "ميسون", Qt.Key.Key_Tab, "سالم", Qt.Key.Key_Tab, "ناصر", Qt.Key.Key_Tab, "العنزي", Qt.Key.Key_Tab,
        Qt.Key.Key_Tab,  # no name in Latin letters
        "١٥/٠٣/١٩٩٠", Qt.Key.Key_Tab,  # Arabic-Indic digits, as typed
        Qt.Key.Key_Tab,  # calendar: automatic
        "٠٥٠١٢٣٤٥٦٧", Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab,  # phone, no second phone, no e-mail
        "الأجفر", Qt.Key.Key_Tab, "الشمالي", Qt.Key.Key_Tab, "١٢٥٠", Qt.Key.Key_Tab,
        Qt.Key.Key_Down, Qt.Key.Key_Tab,  # category: first one
        Qt.Key.Key_Space, Qt.Key.Key_Tab,  # consent
        "تقدمت بطلب سلة غذائية",
    ]
    for step in steps:
        if isinstance(step, str):
            type_(qtbot, window, step)
        else:
            key(qtbot, window, step)
    assert "1990" in form.fields.preview.text() or "١٩٩٠" in form.fields.preview.text()
    key(qtbot, window, Qt.Key.Key_Return)

    assert isinstance(window.page, ApplicantFileView)
    saved = applicants.by_national_id(ctx, nid)
    assert saved.full_name == "ميسون سالم ناصر العنزي"
    assert (saved.gender, saved.marital_status, saved.phone) == ("female", "widowed", "+966501234567")
    assert str(saved.monthly_income) in ("1250", "1250.00")
    assert saved.notes == "تقدمت بطلب سلة غذائية"

    window.home_action.trigger()
    type_text(qtbot, window.home.search_box, "ميسون العنزي")
    qtbot.waitUntil(lambda: len(window.home.model.rows) == 1)
    assert window.home.model.rows[0].national_id == nid
    qtbot.keyClick(window.home.search_box, Qt.Key.Key_Return)
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == saved.id


def test_bad_national_id_is_shown_under_the_field_and_the_text_is_kept(qtbot, window):
    form = window.new_applicant()
    type_text(qtbot, form.fields.inputs["national_id"], "1234567890")
    type_text(qtbot, form.fields.inputs["first_name"], "خالد")
    qtbot.keyClick(form.fields.inputs["first_name"], Qt.Key.Key_Return)

    box = form.fields.boxes["national_id"]
    assert box.error.isVisible() and box.error.text().strip("⚠ ")
    assert form.fields.boxes["father_name"].error.isVisible()
    assert not form.fields.boxes["first_name"].error.isVisible()
    assert form.fields.inputs["national_id"].text() == to_arabic_digits("1234567890")  # ajfar: ٠-٩
    assert form.fields.inputs["first_name"].text() == "خالد"
    assert window.focusWidget() is form.fields.inputs["national_id"]
    assert window.page is form  # nothing saved, still on the form


def test_existing_national_id_shows_a_banner_that_opens_the_file(qtbot, window, ctx):
    existing = register(ctx, 7)
    form = window.new_applicant()
    type_text(qtbot, form.fields.inputs["national_id"], existing.national_id)
    qtbot.waitUntil(form.banner.isVisible)
    assert form.existing_id == existing.id
    qtbot.mouseClick(form.banner.button, Qt.MouseButton.LeftButton)
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == existing.id


def test_saving_an_existing_national_id_offers_that_file(qtbot, window, ctx, answers):
    existing = register(ctx, 8)
    form = window.new_applicant()
    _fill_similar(qtbot, form, existing.national_id)
    form.save()
    assert answers.asked, "the user is asked whether to open the existing file"
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == existing.id


def _fill_similar(qtbot, form, nid):
    f = form.fields.inputs
    for name, text in (("national_id", nid), ("first_name", "محمد"), ("father_name", "عبد الله"),
                       ("grandfather_name", "احمد"), ("family_name", "الشهري"), ("birth_date", "1/1/1990"),
                       ("phone", "0551112233"), ("city", "الأجفر")):
        type_text(qtbot, f[name], text)
    f["gender"].set_code("male")
    f["marital_status"].set_code("single")
    f["category"].set_code("family")
    f["consent"].setChecked(True)


def test_possible_duplicate_dialog_save_anyway(qtbot, window, ctx):
    existing = register(ctx, 9)
    form = window.new_applicant()
    _fill_similar(qtbot, form, national_id(10))
    form.save()
    dialog = form.duplicate_dialog
    assert dialog is not None and dialog.isVisible()
    assert [row.national_id for row in dialog.model.rows] == [existing.national_id]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = applicants.by_national_id(ctx, national_id(10))
    assert saved is not None
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == saved.id


def test_possible_duplicate_dialog_opens_the_other_file(qtbot, window, ctx):
    existing = register(ctx, 11)
    form = window.new_applicant()
    _fill_similar(qtbot, form, national_id(12))
    form.save()
    qtbot.mouseClick(form.duplicate_dialog.open_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == existing.id
    assert applicants.by_national_id(ctx, national_id(12)) is None


def test_register_button_prefills_the_typed_national_id_and_no_results_text(qtbot, window):
    type_text(qtbot, window.home.search_box, "١٠٠٠٠٠٠٠٠")
    qtbot.waitUntil(lambda: window.home.status.text() != "")
    assert window.home.model.rows == []
    qtbot.mouseClick(window.home.register_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.page, ApplicantForm)
    assert window.page.fields.inputs["national_id"].text() == to_arabic_digits("100000000")


def test_edit_an_applicant_from_the_file(qtbot, window, ctx):
    existing = register(ctx, 13)
    window.open_applicant(existing.id)
    qtbot.mouseClick(window.page.edit_button, Qt.MouseButton.LeftButton)
    form = window.page
    assert isinstance(form, ApplicantForm) and form.applicant_id == existing.id
    city = form.fields.inputs["city"]
    city.clear()
    type_text(qtbot, city, "حائل")
    qtbot.keyClick(city, Qt.Key.Key_Return)
    assert isinstance(window.page, ApplicantFileView)
    assert applicants.get(ctx, existing.id).city == "حائل"


def test_a_mistyped_id_searched_says_why_it_cannot_be_one(qtbot, window):
    """Trial 12: 1098765430 (a wrong check digit) said only «لا نتائج»; the desk learned why on
    the registration form.  A number no file holds and no ID can be now says so at the search."""
    type_text(qtbot, window.home.search_box, "1098765430")
    qtbot.waitUntil(lambda: window.home.status.text() != "")
    said = window.home.status.text()
    assert window.home.model.rows == [] and "لا يصلح رقمَ هوية" in said and "رقم التحقق" in said, said
    window.home.search_box.clear()
    type_text(qtbot, window.home.search_box, "1098765439")  # a valid ID nobody has: the usual line
    qtbot.waitUntil(lambda: "لا نتائج" in window.home.status.text())
