"""What the committee board allows now, and why not: a decision on the selected request (each
outcome by the workflow's rules: an appeal of the committee's rejection is approved or rejected,
never postponed), opening and closing a meeting, printing its minutes; the buttons follow, with
the reason in their tooltips and under the decisions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from ...domain import permissions
from ...domain import workflow as wf
from ...domain.digits import said
from ...domain.errors import ValidationError
from ...i18n import _
from ...services.committee import committee
from ...services.committee.committee import AgendaItem
from .board_keys import BOARD_KEYS, tip

# the board (``committee_board.CommitteeBoard``, a widget), not imported: it imports these
CommitteeBoard = Any


def decision_blocked(board: CommitteeBoard, outcome: str | None = None) -> str:
    """Why no decision (or not ``outcome``) can be taken on the selected row now ("" when it
    can).  A request on the agenda awaits the committee or appeals its rejection (trial 11: an
    appeal on the agenda read «no longer awaiting the committee» and could not be decided)."""
    ctx, m, item = board.ctx, board.meeting(), board.item()
    if not ctx.may(permissions.DECIDE):
        return permissions.PermissionDenied(ctx.role, permissions.DECIDE).message
    if m is None:
        return _("Open a new meeting first")
    if m.status != committee.OPEN:
        return _("This meeting is closed; decisions go to a new meeting")
    if item is None:
        return _("Select a request on the agenda")
    if item.outcome:
        return _("The committee already decided this request in this meeting")
    if item.status not in wf.BEFORE_COMMITTEE:
        return _("This request is no longer awaiting the committee")
    if outcome is not None:
        try:  # the rules' own words (the reason is asked in the decision's dialog)
            wf.apply(item.status, committee.OUTCOMES[outcome],
                     role=permissions.workflow_role(ctx.role), reason="-")
        except ValidationError as exc:
            return said(exc.message)
    return ""


def next_undecided(items: Sequence[AgendaItem], after: uuid.UUID | None = None) -> uuid.UUID | None:
    """The request to select after a reload: the first awaiting a decision below ``after`` (the
    one just decided), then from the top; ``after`` itself when none is left (trial 13: the
    selection jumped back to the top after every decision, onto a request skipped for later)."""
    ids = [i.request_id for i in items]
    start = ids.index(after) + 1 if after in ids else 0
    return next((i.request_id for i in (*items[start:], *items[:start]) if not i.outcome), after)


def outcomes_hint(item: AgendaItem | None, blocked: dict[str, str]) -> str:
    """Why some decisions are greyed on a request that takes the others, said under the buttons
    (trial 13: Defer and More information were greyed on an appeal with no word on the page)."""
    if not blocked:
        return ""
    if item is not None and item.appeal:
        return _("An appeal is approved (the rejection overturned) or rejected (the rejection upheld); "
                 "it is not deferred nor sent back for more information")
    return "\n".join(dict.fromkeys(blocked.values()))


def may_keep_minutes(ctx) -> bool:
    """Committee members and managers (an administrator stands in for the manager)."""
    role = permissions.workflow_role(ctx.role)
    return ctx.may(permissions.MANAGE_MEETINGS) or permissions.may(role, permissions.MANAGE_MEETINGS)


def minutes_blocked(board: CommitteeBoard) -> str:
    """Why the selected meeting's minutes cannot be printed now ("" when they can)."""
    m = board.meeting()
    if not may_keep_minutes(board.ctx):
        return permissions.PermissionDenied(board.ctx.role, permissions.MANAGE_MEETINGS).message
    if m is None:
        return _("Open a new meeting first")
    if not m.decisions:
        return _("The meeting has decided no request yet")
    return ""


def set_tip(board: CommitteeBoard, name: str, why: str) -> None:
    sequence, label = BOARD_KEYS[name]
    getattr(board, name).setToolTip(tip(label, sequence, why))


def update_buttons(board: CommitteeBoard) -> None:
    """Each button enabled when its step may be taken now, its tooltip saying why not."""
    ctx, m, item = board.ctx, board.meeting(), board.item()
    why = decision_blocked(board)
    blocked: dict[str, str] = {}
    for outcome, button in board.decision_buttons.items():
        not_this = why or decision_blocked(board, outcome)
        if not_this and not why:
            blocked[outcome] = not_this
        button.setEnabled(not not_this)
        button.setToolTip(tip(BOARD_KEYS[outcome][1], BOARD_KEYS[outcome][0], not_this))
    why = why or outcomes_hint(item, blocked)
    board.why.setText(why if m is not None else "")
    board.why.setVisible(bool(why) and m is not None)
    board.study_button.setEnabled(item is not None and item.has_study)
    set_tip(board, "study_button", "" if item is None or item.has_study
            else _("No social study was written for this request"))
    board.request_button.setEnabled(item is not None)
    set_tip(board, "request_button", "")
    board.show_detail(item)
    manages = ctx.may(permissions.MANAGE_MEETINGS)
    may_not = "" if manages else permissions.PermissionDenied(
        ctx.role, permissions.MANAGE_MEETINGS).message
    board.new_button.setEnabled(manages)
    set_tip(board, "new_button", may_not)
    board.close_button.setEnabled(
        may_keep_minutes(ctx) and m is not None and m.status == committee.OPEN)
    set_tip(board, "close_button", may_not)
    why_not = minutes_blocked(board)
    board.minutes_button.setEnabled(not why_not)
    set_tip(board, "minutes_button", why_not)
