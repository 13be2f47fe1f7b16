"""Inputs echo digits in the profile's digits whatever the keyboard sends, and what they save is
the same number: an ajfar (Arabic-Indic) form, a baraa (Western) form, the English screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import ARABIC_INDIC, WESTERN
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.applicants.record_dialogs import MemberDialog
from ajfar_desk.ui.shell.language import apply_language

from ..conftest import national_id, type_text

ARABIC_NID = "١" + "".join(ARABIC_INDIC[int(d)] for d in national_id(4343)[1:])


def western_digits(text: str) -> bool:
    return any(ch in WESTERN for ch in text)


def arabic_digits(text: str) -> bool:
    return any(ch in ARABIC_INDIC for ch in text)


def fill_and_save(qtbot, window, nid: str) -> ApplicantForm:
    window.new_action.trigger()
    form = window.page
    assert isinstance(form, ApplicantForm)
    i = form.fields.inputs
    qtbot.keyClicks(i["national_id"], nid)  # Western digits, from the laptop's number row
    type_text(qtbot, i["first_name"], "ميسون")
    type_text(qtbot, i["father_name"], "سالم")
    type_text(qtbot, i["grandfather_name"], "ناصر")
    type_text(qtbot, i["family_name"], "العنزي")
    qtbot.keyClicks(i["birth_date"], "15/03/1990")
    qtbot.keyClicks(i["phone"], "0501234567")
    type_text(qtbot, i["city"], "الأجفر")
    i["monthly_income"].selectAll()  # as Tab into it does: what is typed replaces the 0
    qtbot.keyClicks(i["monthly_income"], "1250.5")
    i["gender"].set_code("female")
    i["marital_status"].set_code("single")
    i["category"].setCurrentIndex(1)
    i["consent"].setChecked(True)
    return form


@pytest.mark.parametrize("field", ["national_id", "birth_date", "phone", "monthly_income"])
def test_ajfar_inputs_echo_arabic_indic_digits(qtbot, window, field):
    form = fill_and_save(qtbot, window, national_id(4343))
    shown = form.fields.inputs[field].text()
    assert arabic_digits(shown) and not western_digits(shown), shown


def test_ajfar_form_saves_the_number_typed(qtbot, window, ctx):
    form = fill_and_save(qtbot, window, national_id(4343))
    i = form.fields.inputs
    assert i["national_id"].text() == ARABIC_NID
    assert i["phone"].text() == "٠٥٠١٢٣٤٥٦٧" and i["monthly_income"].text() == "١٢٥٠.٥"
    # the cursor stayed where the digits were typed: one typed in the middle lands there
    i["phone"].setCursorPosition(3)
    qtbot.keyClick(i["phone"], Qt.Key.Key_Backspace)
    qtbot.keyClicks(i["phone"], "0")
    assert i["phone"].text() == "٠٥٠١٢٣٤٥٦٧" and i["phone"].cursorPosition() == 3
    # placeholders say it in the same digits
    assert i["phone"].placeholderText() == "مثال: ٠٥١٢٣٤٥٦٧٨"
    calendar = form.fields.calendar
    was = calendar.code()
    calendar.set_code("approx")  # the year's hint carries digits: «السنة: ١٩٨٠ أو ١٤٠٠»
    assert "١٩٨٠" in i["birth_date"].placeholderText()
    calendar.set_code(was)
    qtbot.keyClick(i["first_name"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, ApplicantFileView))
    saved = applicants.by_national_id(ctx, national_id(4343))
    assert saved.phone == "+966501234567" and str(saved.monthly_income) in ("1250.5", "1250.50")
    assert saved.birth_date.isoformat() == "1990-03-15"

    # the file opened again for editing shows the stored values in the profile's digits
    window.edit_applicant(saved.id)
    form = window.page
    assert isinstance(form, ApplicantForm)
    assert form.fields.inputs["phone"].text() == "٠٥٠ ١٢٣ ٤٥٦٧"  # as the file shows it, in its digits
    assert form.fields.inputs["monthly_income"].text() in ("١٢٥٠.٥", "١٢٥٠.٥٠")


def test_a_household_member_dialog_shows_and_saves_arabic_indic(qtbot, window, ctx):
    from ..conftest import register

    applicant = register(ctx, 77)
    dialog = MemberDialog(ctx, applicant.id, window)
    qtbot.addWidget(dialog)
    assert dialog.income.text() == ""  # not said until typed (never «0» nor «٠»)
    qtbot.keyClicks(dialog.birth_date, "1/7/1410")
    assert dialog.birth_date.text() == "١/٧/١٤١٠"
    type_text(qtbot, dialog.name, "نورة")
    dialog.relation.set_code("daughter")
    dialog.gender.set_code("female")
    dialog.income.selectAll()
    qtbot.keyClicks(dialog.income, "300")
    assert dialog.income.text() == "٣٠٠"
    member = dialog.save()
    assert member.birth_date.isoformat() == "1990-01-27" and member.monthly_income == 300


@pytest.fixture
def baraa_window(qtbot, app, tmp_path):
    from ajfar_desk.ui.shell.app import build_main_window

    store = Store.open(tmp_path / "baraa")
    ctx = setup.init_store(store, "baraa", None, "admin", "password123")
    win = build_main_window(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win, ctx
    store.close()


def test_a_western_profile_echoes_western_digits_whatever_is_typed(qtbot, baraa_window):
    window, ctx = baraa_window
    form = fill_and_save(qtbot, window, national_id(4344))
    i = form.fields.inputs
    assert i["phone"].text() == "0501234567" and i["phone"].placeholderText() == "مثال: 0512345678"
    type_text(qtbot, i["phone2"], "٠٥٥٧٧٧٨٨٨٩")  # an Arabic keyboard's digits
    assert i["phone2"].text() == "0557778889"
    qtbot.keyClick(i["first_name"], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(window.page, ApplicantFileView))
    saved = applicants.by_national_id(ctx, national_id(4344))
    assert (saved.phone, saved.phone2) == ("+966501234567", "+966557778889")


def test_the_english_screen_of_an_arabic_digit_profile_shows_western(qtbot, app, window):
    apply_language("en", app)
    form = fill_and_save(qtbot, window, national_id(4345))
    i = form.fields.inputs
    assert i["phone"].text() == "0501234567" and i["national_id"].text() == national_id(4345)
    assert i["phone"].placeholderText() == "e.g. 0512345678"
