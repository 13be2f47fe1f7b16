"""A support request's journey from the front desk to the committee and back: pure rules.

The service stores every accepted step as an append-only status event; ``apply`` decides whether a
step is allowed (by the request's state and the actor's role) and returns that event, ``replay``
rebuilds the state from the stored events.  Refusals say why, in the user's language.  The
steps as people and scripts name them, and the service that records each, are ``workflow_steps``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import N_, _
from .errors import ValidationError
from .program_kinds import ProgramKind
from .requests import DRAFT as DRAFT  # re-exported: workflow names every state
from .requests import STATUS_LABELS
from .requests import SUBMITTED as SUBMITTED

WITH_RESEARCHER = "with_researcher"
AWAITING_COMMITTEE = "awaiting_committee"
APPROVED = "approved"
REJECTED = "rejected"
MORE_INFO = "more_info"
DELIVERED = "delivered"
CLOSED = "closed"
CANCELLED = "cancelled"
APPEALED = "appealed"  # a rejection appealed (تظلم), waiting for the committee's next meeting
STATES = (DRAFT, SUBMITTED, WITH_RESEARCHER, AWAITING_COMMITTEE, APPROVED, REJECTED, MORE_INFO,
          DELIVERED, CLOSED, CANCELLED, APPEALED)
TERMINAL = frozenset({CLOSED})
WAITING = frozenset({SUBMITTED, WITH_RESEARCHER, AWAITING_COMMITTEE, MORE_INFO, APPEALED})
BEFORE_COMMITTEE = frozenset({AWAITING_COMMITTEE, APPEALED})  # on the next meeting's agenda

SUBMIT = "submit"
REFER_TO_RESEARCHER = "refer_to_researcher"
RETURN_TO_DESK = "return_to_desk"
FORWARD_TO_COMMITTEE = "forward_to_committee"
APPROVE = "approve"
REJECT = "reject"
REQUEST_MORE_INFO = "request_more_info"
DEFER = "defer"
DELIVER = "deliver"
CLOSE = "close"
CANCEL = "cancel"
REOPEN = "reopen"
DELIVER_IMMEDIATELY = "deliver_immediately"  # an immediate service: recorded and delivered at once
ACCEPT = "accept"  # a program that does not go to the committee: accepted at the desk
APPEAL = "appeal"  # the applicant appeals a rejection, with its grounds (the reason)
ACTIONS = (SUBMIT, REFER_TO_RESEARCHER, RETURN_TO_DESK, FORWARD_TO_COMMITTEE, APPROVE, REJECT,
           REQUEST_MORE_INFO, DEFER, DELIVER, CLOSE, CANCEL, REOPEN, DELIVER_IMMEDIATELY, ACCEPT,
           APPEAL)
# a request returned to the front desk says what to complete (trial 11: the timeline's button asked
# nothing, and the desk could not know what to fix)
NEEDS_REASON = frozenset({RETURN_TO_DESK, REJECT, REQUEST_MORE_INFO, DEFER, CANCEL, REOPEN, APPEAL})

FRONT_DESK = "front_desk"
RESEARCHER = "researcher"
COMMITTEE = "committee"
MANAGER = "manager"
ADMIN = "admin"  # manages users, never cases: no workflow action
ROLES = (FRONT_DESK, RESEARCHER, COMMITTEE, MANAGER, ADMIN)

STATE_LABELS = {
    DRAFT: STATUS_LABELS[DRAFT],
    SUBMITTED: STATUS_LABELS[SUBMITTED],
    WITH_RESEARCHER: N_("With the social researcher"),
    AWAITING_COMMITTEE: N_("Awaiting the committee"),
    APPROVED: N_("Approved"),
    REJECTED: N_("Rejected"),
    MORE_INFO: N_("More information needed"),
    DELIVERED: N_("Service delivered"),
    CLOSED: N_("Closed"),
    CANCELLED: N_("Cancelled"),
    APPEALED: N_("Appealed, awaiting the committee"),
}
ACTION_LABELS = {
    SUBMIT: N_("Submit the request"),
    REFER_TO_RESEARCHER: N_("Refer to the social researcher"),
    RETURN_TO_DESK: N_("Return to the front desk"),
    FORWARD_TO_COMMITTEE: N_("Send to the committee"),
    APPROVE: N_("Approve"),
    REJECT: N_("Reject"),
    REQUEST_MORE_INFO: N_("Ask for more information"),
    DEFER: N_("Postpone the decision"),
    DELIVER: N_("Record the service as delivered"),
    CLOSE: N_("Close the request"),
    CANCEL: N_("Cancel the request"),
    REOPEN: N_("Reopen the request"),
    DELIVER_IMMEDIATELY: N_("Deliver the service now"),
    ACCEPT: N_("Accept the request"),
    APPEAL: N_("Record the applicant's appeal"),
}

_DESK = frozenset({FRONT_DESK, MANAGER})
_RESEARCH = frozenset({RESEARCHER, MANAGER})
_BOARD = frozenset({COMMITTEE})  # a manager is not a committee member
_MANAGERS = frozenset({MANAGER})
_PREVIOUS = "<state before cancelling>"  # reopen target read from the history

# The workflow table: every action, from which states, to which state, who may do it, what it
# needs (reason, service, amount: "needs" must be given, "takes" may be) and which programs it is
# for ("" every program; "immediate", "committee" or "desk": a program that goes to the
# committee or one accepted at the desk).  The GUI, the command line's ``requests step`` and the
# documentation read it; ``apply`` enforces it.
#
# Appeals: a rejected request is appealed at the desk (``appeal``, with its grounds, within the
# profile's ``appeal_period_days``, once) and goes on the committee's next agenda; there the
# committee's ``approve`` overturns the rejection and its ``reject`` upholds it; the decision
# letter says it is the decision on the appeal.


@dataclass(frozen=True)
class Step:
    action: str
    sources: tuple[str, ...]
    target: str
    roles: frozenset[str]
    needs: frozenset[str] = frozenset()  # of "reason", "service"
    takes: frozenset[str] = frozenset()  # optional: "amount"
    programs: str = ""  # "", "immediate", "committee", "desk"


_R, _S, _A = frozenset({"reason"}), frozenset({"service"}), frozenset({"amount"})
STEPS = (
    Step(SUBMIT, (DRAFT,), SUBMITTED, _DESK),
    Step(REFER_TO_RESEARCHER, (SUBMITTED, AWAITING_COMMITTEE, MORE_INFO), WITH_RESEARCHER, _DESK),
    Step(RETURN_TO_DESK, (WITH_RESEARCHER,), SUBMITTED, _RESEARCH, _R),
    Step(FORWARD_TO_COMMITTEE, (SUBMITTED, MORE_INFO), AWAITING_COMMITTEE, _DESK,
         programs="committee"),
    Step(FORWARD_TO_COMMITTEE, (WITH_RESEARCHER,), AWAITING_COMMITTEE, _RESEARCH,
         programs="committee"),
    Step(APPROVE, (AWAITING_COMMITTEE, APPEALED), APPROVED, _BOARD, _S, _A),
    Step(REJECT, (AWAITING_COMMITTEE, APPEALED), REJECTED, _BOARD, _R),
    Step(REQUEST_MORE_INFO, (AWAITING_COMMITTEE,), MORE_INFO, _BOARD, _R),
    Step(DEFER, (AWAITING_COMMITTEE,), AWAITING_COMMITTEE, _BOARD, _R),
    Step(DELIVER, (APPROVED,), DELIVERED, _DESK, _S, _A),
    Step(CLOSE, (DELIVERED, REJECTED), CLOSED, _DESK),
    Step(CANCEL, (DRAFT, SUBMITTED, WITH_RESEARCHER, AWAITING_COMMITTEE, MORE_INFO, APPROVED),
         CANCELLED, _DESK, _R),
    Step(REOPEN, (CANCELLED,), _PREVIOUS, _MANAGERS, _R),
    Step(REOPEN, (CLOSED, REJECTED), SUBMITTED, _MANAGERS, _R),
    Step(DELIVER_IMMEDIATELY, (DRAFT,), DELIVERED, _DESK, _S, _A, programs="immediate"),
    Step(ACCEPT, (SUBMITTED,), APPROVED, _DESK, programs="desk"),
    Step(APPEAL, (REJECTED,), APPEALED, _DESK, _R),
)
_RULES = tuple((st.action, st.sources, st.target, st.roles) for st in STEPS)
TRANSITIONS = {(action, src): (dst, who) for action, srcs, dst, who in _RULES for src in srcs}

# Why an action is refused in a state it does not start from ({state}: the translated label).
_NOT_NOW = {
    SUBMIT: N_("A request whose status is “{state}” cannot be submitted: only a draft can be"),
    REFER_TO_RESEARCHER: N_("A request whose status is “{state}” cannot be referred to the social "
                            "researcher: it is not waiting at the front desk or for the committee"),
    RETURN_TO_DESK: N_("A request whose status is “{state}” cannot be returned to the front desk: "
                       "it is not with the social researcher"),
    FORWARD_TO_COMMITTEE: N_("A request whose status is “{state}” cannot be sent to the "
                             "committee: only a submitted request, one with the social researcher "
                             "or one needing more information can be"),
    APPROVE: N_("A request whose status is “{state}” cannot be approved: it is not awaiting the "
                "committee"),
    REJECT: N_("A request whose status is “{state}” cannot be rejected: it is not awaiting the "
               "committee"),
    REQUEST_MORE_INFO: N_("The committee cannot ask for more information on a request whose "
                          "status is “{state}”: it is not awaiting the committee"),
    DEFER: N_("A decision on a request whose status is “{state}” cannot be postponed: it is not "
              "awaiting the committee"),
    DELIVER: N_("A request whose status is “{state}” cannot be delivered: it has not been approved"),
    CLOSE: N_("A request whose status is “{state}” cannot be closed: only a request whose service "
              "was delivered or that the committee rejected can be closed"),
    CANCEL: N_("A request whose status is “{state}” cannot be cancelled"),
    REOPEN: N_("A request whose status is “{state}” cannot be reopened: only a cancelled, closed "
               "or rejected request can be"),
    DELIVER_IMMEDIATELY: N_("A request whose status is “{state}” cannot be delivered at once: "
                            "an immediate service is recorded and delivered from a draft"),
    ACCEPT: N_("A request whose status is “{state}” cannot be accepted: only a submitted request "
               "can be"),
    APPEAL: N_("A request whose status is “{state}” cannot be appealed: only a rejected request "
               "can be"),
}
# Sharper reasons for some (action, state) pairs, and for any action on a closed/cancelled request.
_NOT_NOW_BECAUSE = {
    (DELIVER, DELIVERED): N_("The service for this request has already been delivered: a new "
                             "delivery needs a new request"),
    (CANCEL, DELIVERED): N_("The service for this request has already been delivered, so it "
                            "cannot be cancelled: close it instead"),
    (CANCEL, REJECTED): N_("The committee rejected this request, so it cannot be cancelled: close "
                           "it instead"),
    (None, CLOSED): N_("This request is closed: only a manager can reopen it"),
    (None, CANCELLED): N_("This request was cancelled: only a manager can reopen it"),
}
_NOT_YOU = {
    SUBMIT: N_("Only the front desk or a manager can submit a request"),
    REFER_TO_RESEARCHER: N_("Only the front desk or a manager can refer a request to the social "
                            "researcher"),
    RETURN_TO_DESK: N_("Only the social researcher or a manager can return a request to the front "
                       "desk"),
    FORWARD_TO_COMMITTEE: N_("Only the front desk or a manager can send a request to the "
                             "committee"),
    (FORWARD_TO_COMMITTEE, WITH_RESEARCHER): N_("While a request is with the social researcher, "
                                                "only the researcher or a manager can send it to "
                                                "the committee"),
    APPROVE: N_("Only a member of the research committee can approve a request"),
    REJECT: N_("Only a member of the research committee can reject a request"),
    REQUEST_MORE_INFO: N_("Only a member of the research committee can ask for more information"),
    DEFER: N_("Only a member of the research committee can postpone a decision"),
    DELIVER: N_("Only the front desk or a manager can record that a service was delivered"),
    CLOSE: N_("Only the front desk or a manager can close a request"),
    CANCEL: N_("Only the front desk or a manager can cancel a request"),
    REOPEN: N_("Only a manager can reopen a request"),
    DELIVER_IMMEDIATELY: N_("Only the front desk or a manager can deliver a service at the desk"),
    ACCEPT: N_("Only the front desk or a manager can accept a request"),
    APPEAL: N_("Only the front desk or a manager can record an appeal"),
}
_GIVE_REASON = {
    RETURN_TO_DESK: N_("Say what the front desk should complete or correct"),
    REJECT: N_("Give a reason for rejecting the request"),
    REQUEST_MORE_INFO: N_("Say what information the committee needs"),
    DEFER: N_("Give a reason for postponing the decision"),
    CANCEL: N_("Give a reason for cancelling the request"),
    REOPEN: N_("Give a reason for reopening the request"),
    APPEAL: N_("Write the grounds of the appeal"),
}
# Why an action does not suit the request's program (the profile's program kind).
_NOT_THIS_PROGRAM = {
    "immediate": N_("Only an immediate service is delivered at the desk in one step; this "
                    "program's requests are submitted first"),
    "committee": N_("This program's requests do not go to the committee: they are accepted at "
                    "the desk"),
    "desk": N_("This program's requests are decided by the committee, not accepted at the desk"),
    SUBMIT: N_("This program is an immediate service: record and deliver it at the desk in one "
               "step (“Deliver the service now”), without submitting it"),
}


class WorkflowError(ValidationError):
    """A refused step: ``field`` is "status", "role", "reason" or "program"; ``message`` says
    why."""


@dataclass(frozen=True)
class Event:
    """One accepted step, stored append-only by the service."""

    action: str
    from_state: str
    to_state: str
    reason: str = ""
    actor_role: str = ""


def state_label(state: str) -> str:
    return _(STATE_LABELS[state]) if state in STATE_LABELS else state


def _check_known(state: str, action: str | None = None) -> None:
    if state not in STATE_LABELS:
        raise WorkflowError("status", _("Unknown request status “{state}”").format(state=state))
    if action is not None and action not in ACTION_LABELS:
        raise WorkflowError("status", _("Unknown action “{action}”").format(action=action))


def allowed_actions(state: str, role: str | None = None,
                    kind: ProgramKind | None = None) -> list[str]:
    """The actions possible from ``state`` (for ``role``; None: whoever; for a program of
    ``kind``; None: any program), in ACTIONS order."""
    _check_known(state)
    return [
        action for action in ACTIONS
        if (rule := TRANSITIONS.get((action, state))) and (role is None or role in rule[1])
        and (kind is None or _program_refusal(action, state, kind) is None)
    ]


def _program_refusal(action: str, state: str, kind: ProgramKind) -> str | None:
    """Why ``action`` does not suit a program of ``kind`` (None: it does)."""
    if kind.immediate and action == SUBMIT:
        return _NOT_THIS_PROGRAM[SUBMIT]
    for step in STEPS:
        if step.action == action and state in step.sources and step.programs:
            suits = {"immediate": kind.immediate, "committee": kind.committee,
                     "desk": not kind.committee and not kind.immediate}[step.programs]
            return None if suits else _NOT_THIS_PROGRAM[step.programs]
    return None


def steps_table() -> list[dict[str, object]]:
    """The workflow table as plain rows (action, label, roles, from, to, needs, takes,
    programs), for the command line's ``requests step``, the GUI and the documentation."""
    return [
        {"action": st.action, "label": _(ACTION_LABELS[st.action]),
         "roles": sorted(st.roles), "from": list(st.sources),
         "to": "<previous>" if st.target == _PREVIOUS else st.target,
         "needs": sorted(st.needs), "takes": sorted(st.takes), "programs": st.programs}
        for st in STEPS
    ]


def apply(state: str, action: str, *, role: str, reason: str = "",
          history: Sequence[Event] = (), kind: ProgramKind | None = None) -> Event:
    """The event recording ``action`` on a request in ``state``; WorkflowError when refused.
    With the program's ``kind``, an action the program does not use is refused too."""
    _check_known(state, action)
    rule = TRANSITIONS.get((action, state))
    label = _(ACTION_LABELS[action])  # the words for a step without words of its own below
    if rule is None:
        why = (_NOT_NOW_BECAUSE.get((action, state)) or _NOT_NOW_BECAUSE.get((None, state))
               or _NOT_NOW.get(action)
               or N_("A request whose status is “{state}” cannot take the step “{action}”"))
        raise WorkflowError("status", _(why).format(state=state_label(state), action=label))
    target, who = rule
    if kind is not None and (refusal := _program_refusal(action, state, kind)):
        raise WorkflowError("program", _(refusal))
    if role not in who:
        if role == ADMIN:
            raise WorkflowError("role", _("An administrator manages users and cannot act on "
                                          "requests; sign in with a staff account"))
        why = (_NOT_YOU.get((action, state)) or _NOT_YOU.get(action)
               or N_("Your role may not take the step “{action}”"))
        raise WorkflowError("role", _(why).format(action=label))
    reason = (reason or "").strip()
    if action in NEEDS_REASON and not reason:
        why = _GIVE_REASON.get(action) or N_("Give a reason for the step “{action}”")
        raise WorkflowError("reason", _(why).format(action=label))
    if target == _PREVIOUS:
        target = _state_before_cancelling(state, history)
    return Event(action, state, target, reason, role)


def _state_before_cancelling(state: str, history: Sequence[Event]) -> str:
    last = history[-1] if history else None
    if (last is None or last.action != CANCEL or last.to_state != state
            or (CANCEL, last.from_state) not in TRANSITIONS
            or replay(history, start=history[0].from_state) != state):
        raise WorkflowError("status", _("The request's history does not show its status before it "
                                        "was cancelled, so it cannot be reopened"))
    return last.from_state


def replay(events: Sequence[Event], start: str = DRAFT) -> str:
    """The state after ``events``, each starting where the previous one ended."""
    state = start
    _check_known(state)
    for number, event in enumerate(events, start=1):
        if event.from_state != state:
            raise WorkflowError("status", _(
                "The request's history is broken at step {number}: it starts from “{found}” but "
                "the request was “{expected}”"
            ).format(number=number, found=state_label(event.from_state),
                     expected=state_label(state)))
        _check_known(event.to_state)
        state = event.to_state
    return state


def is_overdue(state: str, answer_due: dt.date | None, today: dt.date) -> bool:
    """True while the applicant still waits for an answer and its due day has passed."""
    return state in WAITING and answer_due is not None and today > answer_due
