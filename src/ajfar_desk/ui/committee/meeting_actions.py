"""The committee board's meeting actions: closing a meeting, and printing its minutes — only
once it has closed (they record a meeting that ended and are signed at its close), so printing
the minutes of a meeting in session asks to close it first."""

from __future__ import annotations

from typing import Any

from ...i18n import _, current_language, ngettext
from ...services.committee import committee
from ...services.committee.committee import MeetingView
from ...services.papers import committee_papers
from ..common import dialogs, fmt
from ..common.widgets import FAILED
from ..papers.paper_preview import preview_paper
from ..shell.operations import Operation
from . import board_state
from .decision_dialog import meeting_name

# the board (``committee_board.CommitteeBoard``, a widget), not imported: it imports these
CommitteeBoard = Any


def waiting_line(board: CommitteeBoard) -> str:
    """How many requests on the agenda have no decision (they wait for the next meeting)."""
    waiting = sum(1 for i in board.agenda.rows if not i.outcome)
    if not waiting:
        return ""
    return ngettext(
        "{count} request on its agenda has no decision; it will wait for the next meeting.",
        "{count} requests on its agenda have no decision; they will wait for the next meeting.",
        waiting).format(count=fmt.number(board.ctx.profile, waiting))


def close_meeting(board: CommitteeBoard) -> bool:
    """Close the selected meeting after a question; True when it was closed."""
    m = board.meeting()
    if m is None:
        return False
    question = _("Close meeting {meeting}? No more decisions can be taken in it.").format(
        meeting=meeting_name(board.ctx, m))
    if line := waiting_line(board):
        question += "\n" + line
    if not dialogs.ask(board, _("Close meeting"), question):
        return False
    chair = _chair_asked(board, m)
    if chair is None or board._call(committee.close_meeting, board.ctx, m.id, chair) is None:
        return False
    board.reload(meeting_id=m.id)
    board.result.show_message(_("Meeting {meeting} was closed.").format(meeting=meeting_name(board.ctx, m)))
    return True


def _chair_asked(board: CommitteeBoard, m: MeetingView) -> str | None:
    """Who chaired, asked at closing when nobody was recorded at the opening (its minutes would
    leave the line blank; trial 10): one of those who attended, or a name typed; "" leaves the
    line to be signed by hand; None: closing cancelled."""
    if m.chair:
        return ""
    return dialogs.choose(board, _("Chair of the meeting"), _(
        "Nobody was recorded as chairing meeting {meeting}. Who chaired it? (Leave it empty to sign "
        "the line on the printed minutes by hand.)").format(meeting=meeting_name(board.ctx, m)),
        ["", *m.members])


def print_minutes(board: CommitteeBoard) -> None:
    """Preview the meeting's minutes, issuing them first when there are none yet or when the
    latest no longer says what the meeting decided.  A meeting in session is closed first,
    after a question (no: nothing is printed)."""
    m = board.meeting()
    if m is None or board_state.minutes_blocked(board):
        return
    if m.status == committee.OPEN:
        question = _("Meeting {meeting} is still in session. Its minutes are printed once it is "
                     "closed, to be signed at its close. Close it now and print its minutes?").format(
            meeting=meeting_name(board.ctx, m))
        if line := waiting_line(board):
            question += "\n" + line
        if not dialogs.ask(board, _("Print the minutes"), question):
            return
        chair = _chair_asked(board, m)
        if chair is None or board._call(committee.close_meeting, board.ctx, m.id, chair) is None:
            return
        board.reload(meeting_id=m.id)
        closed = board.meeting()
        if closed is None:
            return
        m = closed
    _preview(board, m)


def _preview(board: CommitteeBoard, m: MeetingView) -> None:
    board.error.clear_message()
    board.result.hide()

    def latest_or_issued():
        minutes = committee_papers.latest_minutes(board.ctx, m.id)
        issued = minutes is None or not committee_papers.is_current(board.ctx, minutes)
        if issued:
            minutes = committee_papers.issue_minutes(board.ctx, m.id, lang=current_language())
        return minutes, issued

    found = Operation(board, latest_or_issued).failure(board._say).run()
    if found is FAILED:
        return
    minutes, issued = found
    if issued:
        board.result.show_message(_("The minutes of meeting {meeting} were issued as {number}.").format(
            meeting=meeting_name(board.ctx, m), number=fmt.ltr_code(minutes.number)))
    board.preview = preview_paper(board.ctx, minutes.number, board)  # deletes itself on close
    board.preview.open()
