"""A walk-in who came to ask about the services gives only what the policies' reception needs
(his first name, gender, nationality, birth date and consent), typed with the keyboard; what he
did not give reads «not given» in his file, not blanks."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.i18n import _
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import pick_code, type_text

TAB = Qt.Key.Key_Tab


def test_a_walk_in_gives_his_first_name_only_and_the_file_says_what_is_not_given(qtbot, window, ctx):
    window.new_action.trigger()
    form = window.page
    assert isinstance(form, ApplicantForm)
    f = form.fields
    qtbot.keyClick(f.inputs["national_id"], TAB)
    pick_code(qtbot, f.id_type, "none")
    assert "(" in f.boxes["family_name"].label.text()  # said optional for him
    qtbot.keyClick(f.id_type, TAB)  # nationality: Saudi
    qtbot.keyClick(window.focusWidget(), TAB)
    qtbot.keyClick(f.inputs["gender"], Qt.Key.Key_Down)  # male
    qtbot.keyClick(f.inputs["gender"], TAB)
    qtbot.keyClick(f.inputs["marital_status"], TAB)
    assert window.focusWidget() is f.inputs["first_name"]
    type_text(qtbot, f.inputs["first_name"], "سالم")
    for _field in ("father_name", "grandfather_name", "family_name", "latin_name", "birth_date"):
        qtbot.keyClick(window.focusWidget(), TAB)
    type_text(qtbot, f.inputs["birth_date"], "1/1/1985")
    f.consent.setFocus()
    qtbot.keyClick(f.consent, Qt.Key.Key_Space)
    qtbot.keyClick(f.consent, Qt.Key.Key_Return)
    assert isinstance(window.page, ApplicantFileView), [b.error.text() for b in f.boxes.values()]
    page = window.page
    view = applicants.get(ctx, page.applicant_id)
    assert (view.first_name, view.family_name, view.city, view.phone) == ("سالم", "", "", "")
    assert page.title.text().strip("\u200f") == "سالم (مراجع عابر)"
    shown = {name.text(): value.text() for name, value in page.detail_labels}
    for label in ("City", "Mobile phone", "Marital status", "Category", "District",
                  "Monthly income (SAR)", "Household size"):
        assert _("Not given") in shown[_(label)], label
    assert [h.id for h in search.search(ctx, "سالم")] == [view.id]


def test_a_person_with_a_document_still_gives_the_family_name(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    assert f.boxes["family_name"].label.text() == _("Family name")
    type_text(qtbot, f.inputs["first_name"], "سالم")
    qtbot.keyClick(f.inputs["first_name"], Qt.Key.Key_Return)
    assert f.boxes["family_name"].error.isVisible()
    form.dirty = False
