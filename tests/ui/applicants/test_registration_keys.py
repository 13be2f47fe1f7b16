"""Registration as a new receptionist types it: a wrong check digit said beside the ID number as
soon as the number is complete (and gone when corrected), and Tab / Shift+Tab walking the form's
fields in the order they are seen, both ways, never out to the window's toolbar."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.i18n import _
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm

from ..conftest import national_id, pick_code, type_text

TAB, BACK = Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier


def _wrong(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def test_a_wrong_check_digit_is_said_as_it_is_typed_and_cleared_when_corrected(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    number, box = f.inputs["national_id"], f.boxes["national_id"]
    good = national_id(4711)
    type_text(qtbot, number, _wrong(good)[:9])
    assert not box.error.isVisible()  # nine digits: not wrong yet
    type_text(qtbot, number, _wrong(good)[9])
    assert box.error.isVisible()
    assert _("Saudi national ID") in box.error.text()  # the field named
    assert number.text() == to_arabic_digits(_wrong(good))  # the text kept as typed
    assert window.page is form and window.focusWidget() is number
    qtbot.keyClick(number, Qt.Key.Key_Backspace)
    assert not box.error.isVisible()
    type_text(qtbot, number, good[9])
    assert not box.error.isVisible()
    form.dirty = False


def test_an_iqama_check_digit_is_checked_as_typed_too(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    type_text(qtbot, f.inputs["national_id"], _wrong(national_id(4712, first="2")))
    assert f.id_type.code() == "iqama"
    assert _("Iqama (resident ID)") in f.boxes["national_id"].error.text()
    pick_code(qtbot, f.id_type, "visa")  # a visa number has no check digit: nothing to say
    assert not f.boxes["national_id"].error.isVisible()
    form.dirty = False


def _stops(form: ApplicantForm) -> list:
    f = form.fields
    names = ["national_id", "id_type", "nationality", "gender", "marital_status", "first_name",
             "father_name", "grandfather_name", "family_name", "latin_name", "birth_date",
             "birth_calendar", "phone", "phone2", "email", "city", "district", "monthly_income",
             "category", "consent", "notes", "messages_consent", "preferred_channel",
             "preferred_language"]
    widgets = {**f.inputs, "id_type": f.id_type, "birth_calendar": f.calendar}
    return [widgets[n] for n in names] + [form.save_button, form.cancel_button]


def test_tab_and_shift_tab_walk_every_field_in_the_order_seen(qtbot, window):
    window.resize(1366, 728)
    form = window.new_applicant()
    stops = _stops(form)
    assert window.focusWidget() is stops[0]
    walked = [window.focusWidget()]
    for _step in stops:
        qtbot.keyClick(window.focusWidget(), TAB)
        walked.append(window.focusWidget())
    assert walked == [*stops, stops[0]]  # round the form, and back to the first field
    back = [window.focusWidget()]
    for _step in stops:
        qtbot.keyClick(window.focusWidget(), TAB, BACK)
        back.append(window.focusWidget())
    assert back == [stops[0], *reversed(stops)]  # Shift+Tab on the ID number: Cancel, not Help
    # the order is the one seen: in Arabic each field right of the next in a row, rows downwards
    f = form.fields
    boxes = [f.boxes[n] for n in ("national_id", "nationality", "gender", "marital_status",
                                  "first_name", "father_name", "grandfather_name", "family_name")]
    spots = [(b.mapTo(f, b.rect().topLeft()).y(), -b.mapTo(f, b.rect().topRight()).x()) for b in boxes]
    assert spots == sorted(spots)
    form.dirty = False


def test_a_walk_in_skips_the_number_both_ways(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    pick_code(qtbot, f.id_type, "none")
    qtbot.keyClick(f.id_type, TAB, BACK)
    assert window.focusWidget() is form.cancel_button
    qtbot.keyClick(form.cancel_button, TAB)
    assert window.focusWidget() is f.id_type
    form.dirty = False
