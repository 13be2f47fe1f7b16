"""What to tell a caller whose request is late (past the answer date she or he was told): where
the request is, since when, who holds it, in the applicant's gender — on the request page and in
the phone caller's one-line status on the home page (the facts: ``services.requests.late_note``)."""

from __future__ import annotations

from ...domain import gendered
from ...domain import workflow as wf
from ...domain.text import isolate
from ...i18n import N_, _
from ...services.requests.late_note import LateNote
from . import fmt

# what to tell a caller whose request is late, in the applicant's gender: (a man, a woman)
TELL_LATE = {
    "committee_meeting": (
        N_("Tell the caller: the request has been with the research committee since {since}, "
           "and its next meeting is on {meeting}."),
        N_("Tell the caller: the request has been with the research committee since {since}, "
           "and its next meeting is on {meeting}. (woman)")),
    "committee": (
        N_("Tell the caller: the request has been with the research committee since {since}; "
           "its next meeting is not set yet."),
        N_("Tell the caller: the request has been with the research committee since {since}; "
           "its next meeting is not set yet. (woman)")),
    "researcher_named": (
        N_("Tell the caller: the request has been with the social researcher ({researcher}) "
           "since {since}, for the study of the case."),
        N_("Tell the caller: the request has been with the social researcher ({researcher}) "
           "since {since}, for the study of the case. (woman)")),
    "researcher": (
        N_("Tell the caller: the request has been with the social researcher since {since}, "
           "for the study of the case."),
        N_("Tell the caller: the request has been with the social researcher since {since}, "
           "for the study of the case. (woman)")),
    "more_info": (
        N_("Tell the caller: since {since} the committee has been waiting for the information "
           "it asked for."),
        N_("Tell the caller: since {since} the committee has been waiting for the information "
           "it asked for. (woman)")),
    "desk": (
        N_("Tell the caller: the request has been at the front desk since {since} and has not "
           "gone to the committee yet."),
        N_("Tell the caller: the request has been at the front desk since {since} and has not "
           "gone to the committee yet. (woman)")),
}


def caller_line(profile, note: LateNote | None) -> str:
    """What to tell a caller about a late request (``services.requests.late_note``): where it
    is, since when, who holds it; "" when there is no note (not late)."""
    if note is None:
        return ""
    if note.status in wf.BEFORE_COMMITTEE:
        key = "committee_meeting" if note.next_meeting else "committee"
    elif note.status == wf.WITH_RESEARCHER:
        key = "researcher_named" if note.researcher else "researcher"
    elif note.status == wf.MORE_INFO:
        key = "more_info"
    else:
        key = "desk"
    return _(gendered.for_gender(TELL_LATE[key], note.gender)).format(
        since=fmt.date_both(profile, note.since),
        meeting=fmt.date_both(profile, note.next_meeting) if note.next_meeting else "",
        researcher=isolate(note.researcher))
