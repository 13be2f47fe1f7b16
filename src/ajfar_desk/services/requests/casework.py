"""A request's journey after the desk: the generic workflow steps and its timeline.

Every step goes through ``domain.workflow.apply`` (which refuses a step that is not allowed,
saying why), is stored as an append-only ``StatusEvent`` (who, when, why, from which branch, in
which role) and audited, all in one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ...db import new_rows
from ...db.models import StatusEvent, SupportRequest, User
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.errors import ValidationError
from ...domain.workflow_steps import BY_STEP, steps
from ...i18n import _
from ..messages import triggers
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from ..store.rows import get_or_refuse

CREATE = "create"  # the timeline's first line: the draft was created


def generic_actions() -> frozenset[str]:
    """The steps this module performs directly (the workflow's table says which); submit, the
    committee's decisions and delivery have their own services (they record more than a status)."""
    return frozenset(spec.action for spec in steps() if spec.by == BY_STEP)


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime
    action: str
    from_state: str | None
    to_state: str
    reason: str
    user: str
    role: str
    branch: str
    details: dict
    gender: str = "male"  # the person's: their role is named in it


_EVENTS = (  # built once: every step and submission reads the request's events
    select(StatusEvent)
    .where(StatusEvent.request_id == bindparam("request"))
    .order_by(StatusEvent.at, StatusEvent.id)
)


def events_of(s: Session, request_id: uuid.UUID) -> list[StatusEvent]:
    return list(s.scalars(_EVENTS, {"request": request_id}))


def as_workflow_events(rows: list[StatusEvent]) -> list[wf.Event]:
    """Stored events as the rules see them: the creation of the draft is not a step, and
    events stored before actions were recorded were submissions."""
    return [
        wf.Event(r.action or wf.SUBMIT, r.from_status, r.to_status, r.reason, r.role)
        for r in rows
        if r.from_status is not None
    ]


def step(
    ctx: AppContext,
    s: Session,
    row: SupportRequest,
    action: str,
    reason: str = "",
    details: dict | None = None,
    at: dt.datetime | None = None,
    history: list[wf.Event] | None = None,
) -> StatusEvent:
    """Apply one workflow step to a loaded request inside the caller's transaction.  ``history``
    (the request's steps so far) when the caller read it before changing the row: no query then,
    so the row's changes and the step are written in one flush (one version)."""
    role = permissions.workflow_role(ctx.role)
    if history is None:
        history = as_workflow_events(events_of(s, row.id))
    event = wf.apply(row.status, action, role=role, reason=reason, history=history,
                     kind=program_kind(ctx, row.program))
    row.status = event.to_state
    stored = StatusEvent(
        branch=ctx.branch.code,
        request_id=row.id,
        from_status=event.from_state,
        to_status=event.to_state,
        at=at or ctx.now(),
        user_id=ctx.user_id,
        reason=event.reason,
        action=action,
        role=ctx.role or "",
        details=json.dumps(details, ensure_ascii=False, default=str) if details else "",
    )
    new_rows.add(s, stored)  # at head office inserted by the log's statement
    audit_details = {"from": event.from_state, "to": event.to_state, "reference": row.reference}
    if event.reason:
        audit_details["reason"] = event.reason
    ctx.audit(s, action, "request", row.id, **audit_details)
    triggers.after_step(ctx, s, row, action, event.reason)  # the message the step owes, same transaction
    return stored


def act(ctx: AppContext, request_id: uuid.UUID, action: str, reason: str = "") -> str:
    """Refer, return, send to the committee, close, cancel or reopen; returns the new status."""
    if action not in generic_actions():
        raise ValidationError("action", _("Unknown action “{action}”").format(action=action))
    with ctx.uow() as s:
        row = get_or_refuse(s, SupportRequest, request_id, "request", _("No such request"))
        step(ctx, s, row, action, reason)
        status = row.status
        ctx.changed(REQUEST_CHANGED, request_id)
    return status


def timeline(ctx: AppContext, request_id: uuid.UUID) -> list[TimelineEntry]:
    """The request's events, oldest first, with who did each and why."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        people = {u.id: u for u in s.execute(select(User.id, User.full_name, User.gender))}
        return [
            TimelineEntry(
                e.at,
                e.action or (CREATE if e.from_status is None else wf.SUBMIT),
                e.from_status,
                e.to_status,
                e.reason,
                people[e.user_id].full_name if e.user_id in people else "",
                e.role,
                e.branch,
                json.loads(e.details) if e.details else {},
                people[e.user_id].gender if e.user_id in people else "male",
            )
            for e in events_of(s, request_id)
        ]


def program_kind(ctx: AppContext, program: str):
    """The program's kind; None for a program since removed from the profile (any step)."""
    try:
        return ctx.profile.program(program).kind
    except ValidationError:
        return None


def allowed(ctx: AppContext, status: str, program: str | None = None) -> list[str]:
    """What the signed-in role may do next with a request in ``status`` (of ``program``: only
    the steps that program uses) (for the GUI)."""
    kind = program_kind(ctx, program) if program else None
    return wf.allowed_actions(status, permissions.workflow_role(ctx.role), kind)


OPEN_MEETING = "open"  # committee.OPEN (services.committee imports this module, not the reverse)


def open_meeting(ctx: AppContext) -> tuple[int, int] | None:
    """The committee's open meeting, (number, Hijri year), whose agenda a request waiting for
    the committee is on; None when none is open (it goes on the next one's, once opened)."""
    from ...db.casework import Meeting

    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        found = s.execute(select(Meeting.number, Meeting.hijri_year).where(Meeting.status == OPEN_MEETING)
                          .order_by(Meeting.held_on.desc(), Meeting.number.desc()).limit(1)).first()
    return (found[0], found[1]) if found is not None else None
