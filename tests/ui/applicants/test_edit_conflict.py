"""Two desks editing one file: the form saves only what was typed in it; when the other desk
changed the same field, both values are shown and the user chooses, nothing typed is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import normalize_digits
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.context import AppContext
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.conflict_dialog import ConflictDialog

from ..conftest import register, type_text


def other_desk(ctx) -> AppContext:
    return AppContext(ctx.store, ctx.profile, ctx.branch, ctx.user)


def _other_desk_saves(ctx, applicant_id, **fields):
    other = other_desk(ctx)
    view = applicants.get(other, applicant_id)
    data = applicants.input_from_view(view)
    for k, v in fields.items():
        setattr(data, k, v)
    applicants.update(other, applicant_id, data, base=view)


def _form(qtbot, ctx, applicant_id) -> ApplicantForm:
    form = ApplicantForm.for_edit(ctx, applicant_id)
    qtbot.addWidget(form)
    form.show()
    return form


def _retype(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)


def test_a_district_saved_from_an_older_form_keeps_the_other_desks_phone(qtbot, app, ctx):
    person = register(ctx, 41)
    form = _form(qtbot, ctx, person.id)
    _other_desk_saves(ctx, person.id, phone="0559998887")
    _retype(qtbot, form.fields.inputs["district"], "النزهة")
    qtbot.keyClick(form.fields.inputs["district"], Qt.Key.Key_Return)
    stored = applicants.get(ctx, person.id)
    assert (stored.phone, stored.district) == ("+966559998887", "النزهة")
    assert form.conflict_dialog is None


def _digits(text: str) -> str:
    return "".join(ch for ch in normalize_digits(text) if ch.isdigit())


def test_the_same_field_shows_both_values_and_keeps_what_was_typed(qtbot, app, ctx):
    person = register(ctx, 42)
    form = _form(qtbot, ctx, person.id)
    _other_desk_saves(ctx, person.id, phone="0559998887")
    phone = form.fields.inputs["phone"]
    _retype(qtbot, phone, "0541112223")
    qtbot.keyClick(phone, Qt.Key.Key_Return)
    dialog = form.conflict_dialog
    assert isinstance(dialog, ConflictDialog) and dialog.isVisible()
    # both values as the screens show them: the local form of a phone, in the profile's digits
    yours, stored = dialog.yours_buttons["phone"].text(), dialog.stored_buttons["phone"].text()
    assert "0541112223" in _digits(yours) and "0559998887" in _digits(stored)
    assert "٥" in stored and "+966" not in stored
    assert applicants.get(ctx, person.id).phone == "+966559998887"  # nothing written yet
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)  # keep mine, the default
    assert applicants.get(ctx, person.id).phone == "+966541112223"
    assert not form.dirty


def test_choosing_the_stored_value_puts_it_in_the_form(qtbot, app, ctx):
    person = register(ctx, 43)
    form = _form(qtbot, ctx, person.id)
    _other_desk_saves(ctx, person.id, phone="0559998887")
    _retype(qtbot, form.fields.inputs["phone"], "0541112223")
    _retype(qtbot, form.fields.inputs["district"], "الروضة")
    qtbot.keyClick(form.fields.inputs["district"], Qt.Key.Key_Return)
    dialog = form.conflict_dialog
    assert list(dialog.stored_buttons) == ["phone"]  # the district changed only here
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.yours_buttons["phone"].hasFocus())
    qtbot.keyClick(dialog.yours_buttons["phone"], Qt.Key.Key_Down)  # the other choice of the pair
    assert dialog.stored_buttons["phone"].isChecked()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    stored = applicants.get(ctx, person.id)
    assert (stored.phone, stored.district) == ("+966559998887", "الروضة")
    # in the profile's digits and as the file shows it: «٠٥٥ ٩٩٩ ٨٨٨٧», not «+966…»
    assert normalize_digits(form.fields.inputs["phone"].text()) == "055 999 8887"


def test_cancelling_keeps_what_was_typed(qtbot, app, ctx):
    person = register(ctx, 44)
    form = _form(qtbot, ctx, person.id)
    _other_desk_saves(ctx, person.id, phone="0559998887")
    _retype(qtbot, form.fields.inputs["phone"], "0541112223")
    qtbot.keyClick(form.fields.inputs["phone"], Qt.Key.Key_Return)
    qtbot.keyClick(form.conflict_dialog.focusWidget(), Qt.Key.Key_Escape)
    assert normalize_digits(form.fields.inputs["phone"].text()) == "0541112223"
    assert applicants.get(ctx, person.id).phone == "+966559998887"


def test_a_request_description_changed_on_two_desks(qtbot, app, ctx, window):
    person = register(ctx, 45, category="family")
    program = ctx.profile.programs[0].code
    draft = requests.create_request(ctx, person.id, program, "interview", "")
    window.open_request(draft.id)
    form = window.page
    requests.update_request(other_desk(ctx), draft.id, program, "interview", "من المكتب الآخر", base=draft)
    form.description.setPlainText("سلة غذائية")
    form._choice_changed()
    dialog = form.findChild(ConflictDialog)
    assert dialog is not None and dialog.isVisible()
    assert "من المكتب الآخر" in dialog.stored_buttons["description"].text()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert requests.get_request(ctx, draft.id).description == "سلة غذائية"


def test_an_id_registered_on_another_desk_while_saving_offers_that_file(qtbot, window, ctx, answers, monkeypatch):
    """The other desk's insert wins between this desk's check and its own: the window offers the
    existing file (the same path as an ID registered long before), never "unexpected error"."""
    from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

    from ..conftest import national_id
    from .test_registration import _fill_similar

    nid = national_id(46)
    form = window.new_applicant()
    _fill_similar(qtbot, form, nid)
    winner: list = []
    real = applicants.find_similar

    def meanwhile(*args, **kwargs):
        if not winner:
            winner.append(register(other_desk(ctx), 46, first_name="سالم"))
        return real(*args, **kwargs)

    monkeypatch.setattr(applicants, "find_similar", meanwhile)
    qtbot.keyClick(form.fields.inputs["city"], Qt.Key.Key_Return)
    assert winner and winner[0].national_id == nid
    assert "مسجل من قبل" in [title for title, _text in answers.asked]  # "Already registered"
    assert isinstance(window.page, ApplicantFileView) and window.page.applicant_id == winner[0].id
