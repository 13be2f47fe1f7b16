"""A walk-in registered at the desk with the keyboard: the identity "none" chosen, the labels say
that city, marital status and category are optional for them, and the file is saved without them;
back to a national ID, the same fields are required again."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.i18n import _
from ajfar_desk.services.applicants import search
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView

from ..conftest import national_id, pick_code, type_text

TAB = Qt.Key.Key_Tab


def test_a_walk_in_registered_without_city_marital_status_or_category(qtbot, window, ctx):
    window.new_action.trigger()
    form = window.page
    assert isinstance(form, ApplicantForm)
    f = form.fields
    city_label = f.boxes["city"].label.text()
    assert window.focusWidget() is f.inputs["national_id"]
    qtbot.keyClick(f.inputs["national_id"], TAB)
    assert window.focusWidget() is f.id_type
    pick_code(qtbot, f.id_type, "none")  # no document: a walk-in
    for name in ("city", "marital_status", "category"):
        assert "(" in f.boxes[name].label.text() and f.boxes[name].label.text() != city_label
    assert f.boxes["first_name"].label.text() == _("First name")
    qtbot.keyClick(f.id_type, TAB)  # the nationality: Saudi, as it is
    qtbot.keyClick(window.focusWidget(), TAB)
    assert window.focusWidget() is f.inputs["gender"]
    qtbot.keyClick(f.inputs["gender"], Qt.Key.Key_Down)  # the first gender
    type_text(qtbot, f.inputs["first_name"], "سالم")
    type_text(qtbot, f.inputs["family_name"], "الحربي")
    f.inputs["birth_date"].setFocus()
    qtbot.keyClicks(f.inputs["birth_date"], "1/1/1985")
    f.consent.setFocus()
    qtbot.keyClick(f.consent, Qt.Key.Key_Space)
    qtbot.keyClick(f.consent, Qt.Key.Key_Return)
    assert isinstance(window.page, ApplicantFileView), [b.error.text() for b in f.boxes.values()]
    found = [h for h in search.search(ctx, "سالم الحربي")]
    assert len(found) == 1 and found[0].city == ""


def test_back_to_a_national_id_the_fields_are_required_again(qtbot, window):
    form = window.new_applicant()
    f = form.fields
    f.id_type.setFocus()
    pick_code(qtbot, f.id_type, "none")
    pick_code(qtbot, f.id_type, "national_id")
    assert f.boxes["city"].label.text() == _("City")
    type_text(qtbot, f.inputs["national_id"], national_id(91))
    type_text(qtbot, f.inputs["first_name"], "سالم")
    qtbot.keyClick(f.inputs["first_name"], Qt.Key.Key_Return)
    for name in ("city", "marital_status", "category"):
        assert f.boxes[name].error.isVisible(), name
    assert window.page is form


def test_the_walk_in_labels_fit_the_smallest_desk(qtbot, app, ctx, monkeypatch):
    from PySide6.QtCore import QRect

    from ajfar_desk.ui.common import screen
    from ajfar_desk.ui.shell.app import build_main_window

    from ..fitcheck import misfits

    area = QRect(0, 0, 1280, 680)
    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(area))
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    form = window.new_applicant()
    form.fields.id_type.setFocus()
    pick_code(qtbot, form.fields.id_type, "none")
    qtbot.wait(20)
    assert not misfits(window, area)
    form.dirty = False


def test_a_walk_in_has_no_number_to_type(qtbot, window):
    """With «no document» the ID number box is emptied, disabled and says why; back to a
    national ID it takes a number again."""
    form = window.new_applicant()
    f = form.fields
    number = f.inputs["national_id"]
    type_text(qtbot, number, "1234")
    qtbot.keyClick(number, TAB)
    assert window.focusWidget() is f.id_type
    pick_code(qtbot, f.id_type, "none")
    assert not number.isEnabled() and number.text() == ""
    assert number.placeholderText() == _("No number needed")
    qtbot.keyClick(f.id_type, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is not number  # Shift+Tab skips the box it cannot fill
    f.id_type.setFocus()
    pick_code(qtbot, f.id_type, "national_id")
    assert number.isEnabled() and number.placeholderText() == ""
    type_text(qtbot, number, national_id(92))
    assert number.text()
    assert form.fields.value().id_type == "national_id"
