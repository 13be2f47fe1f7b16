"""A late request and a caller (``services.requests.late_note``): where the request is, since
when, who holds it — the committee's next meeting, the researcher who has its study."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import committee, study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.requests import casework
from ajfar_desk.services.requests.late_note import late_note, late_notes
from printing.scenario import submitted_request

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _today():
    """«Today» taken per test, not once at import: a run crossing midnight had failed here."""
    global TODAY
    TODAY = dt.date.today()
LATE_DAY = TODAY - dt.timedelta(days=40)  # submitted 40 days ago: 26 days past the answer date


def test_a_request_on_time_has_no_note(ctx):
    _a, request = submitted_request(ctx, on=TODAY - dt.timedelta(days=3))
    assert late_note(ctx, request.id, TODAY) is None
    assert late_notes(ctx, [], TODAY) == {}


def test_with_the_committee_the_note_names_its_next_meeting(ctx):
    as_ = staff_accounts(ctx, {"member": ("committee", "سعد القحطاني")})
    _a, request = submitted_request(ctx, on=LATE_DAY, first="نورة", gender="female")
    casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
    note = late_note(ctx, request.id, TODAY)
    assert note is not None and note.status == wf.AWAITING_COMMITTEE and note.gender == "female"
    assert note.days_late == (TODAY - request.answer_due).days and note.since == TODAY
    assert note.next_meeting is None  # no meeting set yet
    meeting_day = TODAY + dt.timedelta(days=5)
    committee.create_meeting(as_("member"), meeting_day, ["سعد القحطاني"])
    as_("admin")
    assert late_note(ctx, request.id, TODAY).next_meeting == meeting_day


def test_with_the_researcher_the_note_names_who_has_the_study(ctx):
    as_ = staff_accounts(ctx, {"huda": ("researcher", "هدى الشمري")})
    _a, request = submitted_request(ctx, on=LATE_DAY)
    casework.act(ctx, request.id, wf.REFER_TO_RESEARCHER)
    assert late_note(ctx, request.id, TODAY).researcher == ""  # nobody has begun its study
    study.save_study(as_("huda"), request.id, StudyInput(household="أسرة", recommendation="more_info"))
    as_("admin")
    note = late_note(ctx, request.id, TODAY)
    assert note.status == wf.WITH_RESEARCHER and note.researcher == "هدى الشمري"
    assert note.next_meeting is None and note.gender == "male"
