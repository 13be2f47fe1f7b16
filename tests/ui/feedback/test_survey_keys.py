"""A satisfaction survey taken by phone, from the keyboard only: the employee reads each question
and presses the digit she hears; the digit answers the question and the next digit the next one
(it used to stay on the first question: «5 4 2 4 4» left one answer, 4, and lost the others),
the last answer leads to the comments, Ctrl+Enter saves."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from accounts import staff_accounts
from ajfar_desk.domain import feedback
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import committee
from ajfar_desk.services.feedback import surveys
from ajfar_desk.services.requests import casework, delivery
from ajfar_desk.services.requests.delivery import DeliveryInput
from ajfar_desk.ui.feedback.survey_dialog import ScaleRow, SurveyDialog
from printing.scenario import submitted_request

from ..conftest import type_text

STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال"), "member": ("committee", "سعد عضو اللجنة")}


@pytest.fixture
def as_(ctx):
    return staff_accounts(ctx, STAFF)


def _delivered(ctx, as_):
    _a, request = submitted_request(ctx, first="حصة")
    casework.act(as_("desk"), request.id, wf.FORWARD_TO_COMMITTEE)
    member = as_("member")
    meeting = committee.create_meeting(member, dt.date.today(), ["سعد", "فهد"])
    committee.decide(member, meeting.id, request.id, "approve", service="سلة غذائية", amount="1500")
    delivery.record_delivery(as_("desk"), request.id, DeliveryInput(
        "سلة غذائية", quantity="1", acknowledged=True, recipient_name="المستفيدة نفسها"))
    return request


def _press(qtbot, key) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key)


def _open_survey(qtbot, ctx, as_):
    """A delivered request's survey dialog, opened by the desk on its first field."""
    request = _delivered(ctx, as_)
    desk = as_("desk")
    dialog = SurveyDialog(desk, request.id, gender="female", reference=request.reference)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.mode)
    return request, desk, dialog


def test_each_digit_answers_one_question_and_goes_on_to_the_next(qtbot, app, ctx, as_):
    request, desk, dialog = _open_survey(qtbot, ctx, as_)
    _press(qtbot, Qt.Key.Key_Down)  # by phone
    assert dialog.mode.code() == feedback.PHONE
    _press(qtbot, Qt.Key.Key_Tab)  # the date: empty is today
    _press(qtbot, Qt.Key.Key_Tab)  # the first question
    scales = [q.code for q in dialog.survey.questions if q.kind == feedback.SCALE]
    assert isinstance(QApplication.focusWidget().parent(), ScaleRow)
    heard = [5, 4, 2, 4, 4][:len(scales)]
    for digit in heard:
        _press(qtbot, Qt.Key(Qt.Key.Key_0 + digit))
    assert {code: dialog.rows[code].score() for code in scales} == dict(zip(scales, heard, strict=True))
    assert dialog.rows[scales[-1]].meaning.text() == "راضية"  # her word for 4
    comments = next(iter(dialog.text_answers.values()))
    assert QApplication.focusWidget() is comments  # after the last answer: her comments
    type_text(qtbot, comments, "شكرا")
    qtbot.keyClick(comments, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible()
    (taken,) = surveys.surveys_of(desk, request.id)
    assert taken.mode == feedback.PHONE and taken.taken_on == dt.date.today()
    assert {code: taken.answers[code] for code in scales} == dict(zip(scales, heard, strict=True))


def test_a_tab_after_each_digit_as_she_used_to_does_not_skip_a_question(qtbot, app, ctx, as_):
    request, desk, dialog = _open_survey(qtbot, ctx, as_)
    _press(qtbot, Qt.Key.Key_Tab)  # the date
    scales = [q.code for q in dialog.survey.questions if q.kind == feedback.SCALE]
    heard = [5, 4, 2, 4, 4][:len(scales)]
    for digit in heard:
        _press(qtbot, Qt.Key.Key_Tab)
        _press(qtbot, Qt.Key(Qt.Key.Key_0 + digit))
    assert {code: dialog.rows[code].score() for code in scales} == dict(zip(scales, heard, strict=True))
    _press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is next(iter(dialog.text_answers.values()))
    _press(qtbot, Qt.Key.Key_Tab)  # a second Tab moves on as ever
    assert QApplication.focusWidget() is not next(iter(dialog.text_answers.values()))
