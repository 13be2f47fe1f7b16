"""What was typed survives a stray key: "No" is the default answer where "Yes" throws work away,
and Esc on the registration form leaves it only after asking."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.i18n import _
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.home import HomeView
from ajfar_desk.ui.applicants.record_dialogs import MemberDialog
from ajfar_desk.ui.common.dialogs import ask as real_ask  # taken before the fixtures replace it

from .conftest import register, type_text


def _answer_with_enter(seen: list) -> None:
    box = QApplication.activeModalWidget()
    assert isinstance(box, QMessageBox)
    seen.append(box.defaultButton().text())
    box.defaultButton().setFocus()
    from PySide6.QtTest import QTest

    QTest.keyClick(box, Qt.Key.Key_Return)


def test_enter_on_a_question_that_loses_work_keeps_it(qtbot, app):
    seen: list[str] = []
    QTimer.singleShot(50, lambda: _answer_with_enter(seen))
    assert real_ask(None, "?", "Lose it?", default_yes=False) is False
    assert seen == [_("No")]
    QTimer.singleShot(50, lambda: _answer_with_enter(seen))
    assert real_ask(None, "?", "Go on?") is True  # an ordinary question keeps "yes"
    assert seen == [_("No"), _("Yes")]


def test_esc_after_typing_in_a_dialog_asks_with_no_as_the_default(qtbot, app, ctx, answers):
    person = register(ctx, 41)
    dialog = MemberDialog(ctx, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    type_text(qtbot, dialog.name, "سارة")
    answers.replies.append(False)  # the employee keeps what was typed
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.name.text() == "سارة"
    assert answers.defaults == [False]


def test_esc_leaves_the_registration_form_asking_first_when_something_was_typed(qtbot, window, answers):
    window.new_action.trigger()
    form = window.page
    assert isinstance(form, ApplicantForm)
    field = form.fields.inputs["first_name"]
    field.setFocus()
    type_text(qtbot, field, "ميسون")
    answers.replies.append(False)
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert window.stack.currentWidget() is form and field.text() == "ميسون"
    assert answers.defaults == [False]
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # answered yes this time
    assert isinstance(window.stack.currentWidget(), HomeView)


def test_esc_leaves_an_empty_registration_form_at_once(qtbot, window, answers):
    window.new_action.trigger()
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert isinstance(window.stack.currentWidget(), HomeView) and answers.asked == []


def test_enter_on_a_focused_page_button_presses_it(qtbot, window, ctx):
    from ajfar_desk.ui.requests.request_form import RequestForm

    person = register(ctx, 43)
    window.new_request(person.id)
    form = window.page
    assert isinstance(form, RequestForm) and form.request is None
    form.program.setCurrentIndex(1)
    form.create_button.setFocus()
    qtbot.keyClick(form.create_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: form.request is not None)


def test_tab_never_stops_on_a_scroll_area(qtbot, window, ctx):
    from PySide6.QtWidgets import QScrollArea

    person = register(ctx, 44)
    window.new_request(person.id)
    form = window.page
    form.program.setFocus()
    for _step in range(40):
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
        assert not isinstance(window.focusWidget(), QScrollArea), "Tab stopped on a scroll area"


def test_a_fixed_field_on_the_registration_form_loses_its_error_at_once(qtbot, window):
    window.new_action.trigger()
    form = window.page
    field = form.fields.inputs["national_id"]
    field.setFocus()
    type_text(qtbot, field, "1012345674")  # a wrong check digit
    qtbot.keyClick(field, Qt.Key.Key_Return)
    box = form.fields.boxes["national_id"]
    assert box.error.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Backspace)
    assert not box.error.isVisible() and field.text() == to_arabic_digits("101234567")
