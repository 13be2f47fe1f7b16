"""Support requests: draft with a reference, documents checklist, submission."""

from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ...db import new_rows
from ...db.base import new_id
from ...db.models import Applicant, DocumentCheck, StatusEvent, SupportRequest
from ...domain import permissions
from ...domain import requests as rules
from ...domain import workflow as wf
from ...domain.errors import ValidationError
from ...i18n import _
from ..applicants import edit_conflict
from ..applicants.views import RequestView
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from ..store.rows import applicant_file, load_request
from . import casework, declaration_check, eligibility_check
from .checklist import DocumentsMissing, checklist
from .reference_counter import draw_reference


def create_request(
    ctx: AppContext,
    applicant_id: uuid.UUID,
    program: str,
    channel: str,
    description: str = "",
    on: dt.date | None = None,
) -> RequestView:
    ctx.require(permissions.EDIT_REQUEST)
    errors = []
    for field, lookup in (("program", ctx.profile.program), ("channel", ctx.profile.channel)):
        try:
            lookup(program if field == "program" else channel)
        except ValidationError as exc:
            errors.append((field, exc.message))
    if errors:
        raise ValidationError.many(errors)
    with ctx.uow() as s:
        # held to the end: the session keeps a loaded row only while someone holds it, and the
        # checklist and the view read it again (a query each at head office otherwise)
        applicant = applicant_file(s, applicant_id, household=False)  # one round trip
        if applicant is None:
            raise ValidationError("applicant", _("No such applicant"))
        row = SupportRequest(
            id=new_id(),
            branch=ctx.branch.code,
            applicant_id=applicant_id,
            program=program,
            channel=channel,
            status=rules.DRAFT,
            description=(description or "").strip(),
            created_by=ctx.user_id,
        )
        # every read before the number
        lines = checklist(ctx, s, row, dt.date.today(), documents=applicant.documents)
        ctx.hold_audit_head(s)  # the desk's own audit lane (the chain's head on a laptop)
        # after every check (a rollback after the draw may leave a gap at head office); on a
        # laptop the counter's row is held from here to the commit: taken last
        row.reference = draw_reference(s, ctx.branch.ref_prefix, on or dt.date.today())
        # at head office inserted by the log's statement (``db.new_rows``), else by the flush
        new_rows.add(s, row)
        new_rows.add(
            s,
            StatusEvent(
                branch=ctx.branch.code,
                request_id=row.id,
                from_status=None,
                to_status=rules.DRAFT,
                user_id=ctx.user_id,
            ),
        )
        # the request, its event and the audit entry in the commit's flush: their log in one
        # statement (``StatusEvent.request`` puts the request first)
        ctx.audit(s, "create", "request", row.id, reference=row.reference)
        s.flush()
        view = _plain(row, applicant.national_id, applicant.full_name, lines)
        ctx.changed(REQUEST_CHANGED, view.id)
    return view


def update_request(
    ctx: AppContext,
    request_id: uuid.UUID,
    program: str,
    channel: str,
    description: str,
    *,
    base: RequestView | None = None,
) -> RequestView:
    """Save a draft's program, channel and description.  ``base`` is the request as the form
    read it: only what was changed from it is written; a field another desk changed too raises
    ``EditConflict`` with both values."""
    ctx.require(permissions.EDIT_REQUEST)
    ctx.profile.program(program)
    ctx.profile.channel(channel)
    typed = {"program": program, "channel": channel, "description": (description or "").strip()}
    return edit_conflict.retried(lambda: _save(ctx, request_id, typed, base))



def _save(ctx: AppContext, request_id: uuid.UUID, typed: dict, base: RequestView | None):
    with ctx.uow() as s:
        row = load_request(s, request_id)
        if row.status != rules.DRAFT:
            raise ValidationError("status", _("Only a draft request can be changed"))
        stored = {k: getattr(row, k) for k in typed}
        if base is None:
            changed = {k: v for k, v in typed.items() if stored[k] != v}
        else:
            changed, conflicts = edit_conflict.changes(
                typed, {k: getattr(base, k) for k in typed}, typed, stored,
                moved=row.version != base.version, labels=edit_conflict.REQUEST_LABELS,
            )
            if conflicts:
                raise edit_conflict.EditConflict(conflicts, _view(ctx, s, row))
        for key, value in changed.items():
            setattr(row, key, value)
        ctx.audit(s, "update", "request", row.id)
        s.flush()
        ctx.changed(REQUEST_CHANGED, row.id)
        return _view(ctx, s, row)


def eligibility(
    ctx: AppContext, request_id: uuid.UUID, confirmed=(), on: dt.date | None = None
) -> eligibility_check.EligibilityResult:
    """The program's conditions checked for this request's applicant today (policy 003)."""
    ctx.require(permissions.VIEW_APPLICANT)
    today = on or dt.date.today()
    with ctx.reading() as s:
        row = load_request(s, request_id)
        lines = checklist(ctx, s, row, today)
        return eligibility_check.evaluate_request(ctx, s, row, lines, confirmed, today)


def submit(
    ctx: AppContext,
    request_id: uuid.UUID,
    on: dt.date | None = None,
    *,
    confirmed=(),
    override_reason: str = "",
) -> RequestView:
    """Submit a complete draft whose declaration the applicant has signed.  Refused otherwise,
    naming every missing or expired document; refused when the program's eligibility conditions
    are not met (``NotEligible`` explains which), unless the employee overrides with a reason,
    which is recorded with the submission."""
    today = on or dt.date.today()
    with ctx.uow() as s:
        row = load_request(s, request_id, to_change=True)  # its sync stamps with it
        if row.status != rules.DRAFT:
            raise ValidationError("status", _("This request was already submitted"))
        # held to the end: the checklist, the declaration's and the eligibility's checks and the
        # view each read the applicant, from the session while someone holds it (else a query)
        # with its documents and household in the same round trip (checklist, eligibility)
        applicant = applicant_file(s, row.applicant_id)
        assert applicant is not None  # a request's applicant (a foreign key)
        kind = ctx.profile.program(row.program).kind
        wf.apply(row.status, wf.SUBMIT, role=permissions.workflow_role(ctx.role),
                 kind=kind)  # may this role, for this program?
        lines = checklist(ctx, s, row, today, documents=applicant.documents)
        problems = [line for line in lines if line.state != rules.OK]
        if problems:
            raise DocumentsMissing(problems)
        if kind.declaration and (why := declaration_check.declaration_problem(ctx, s, row)):
            raise why
        result = eligibility_check.evaluate_request(
            ctx, s, row, lines, confirmed, today,
            member_incomes=eligibility_check.said_incomes(applicant.members))
        override = (override_reason or "").strip()
        if not result.eligible and not override:
            raise eligibility_check.NotEligible(result)
        details: dict[str, object] = {"eligibility": [[ln.code, ln.passed] for ln in result.lines]}
        if not result.eligible:
            details["override"] = override
            # what was excepted, as it read that day (the timeline and the referral say it)
            details["excepted"] = eligibility_check.excepted_conditions(
                ctx, s, row, lines, confirmed, today,
                eligibility_check.said_incomes(applicant.members))
            ctx.audit(s, "override_eligibility", "request", row.id, reason=override,
                      failed=[ln.code for ln in result.failed])
        history = casework.as_workflow_events(casework.events_of(s, row.id))  # before the row changes
        now = ctx.now()
        checks = submission_checks(row, lines, today, now, ctx.branch.code, answer_period(kind))
        for check in checks:
            new_rows.add(s, check)
        casework.step(ctx, s, row, wf.SUBMIT, details=details, at=now, history=history)
        s.flush()
        # the checks just written are the request's, in the relationship's order: no reload
        set_committed_value(row, "checks", sorted(checks, key=lambda c: c.kind))
        view = _view(ctx, s, row, today)
        ctx.changed(REQUEST_CHANGED, view.id)
    return view


def answer_period(kind) -> int | None:
    """The days the committee has to answer a request of this program kind (``submission_checks``
    sets the answer date from it); None: no answer date (no committee, or no fixed period)."""
    return kind.answer_period_days if kind.committee else None


def mark_submitted(
    row: SupportRequest,
    lines,
    today: dt.date,
    now: dt.datetime,
    branch: str,
    user_id: uuid.UUID | None,
    period_days: int | None,
    role: str = "",
    details: dict | None = None,
) -> list:
    """Turn a complete draft into a submitted request; return the rows to add with it: what was
    checked for each required document (``lines``: kind, document_id, expiry_date) and the
    status event (for the demo's batches; a desk's submission takes ``casework.step``).
    ``period_days`` None: no answer date (the policy sets no number of days, or the program does
    not go to the committee)."""
    rows: list = submission_checks(row, lines, today, now, branch, period_days)
    row.status = rules.SUBMITTED
    rows.append(
        StatusEvent(
            branch=branch,
            request_id=row.id,
            from_status=rules.DRAFT,
            to_status=rules.SUBMITTED,
            user_id=user_id,
            at=now,
            action="submit",
            role=role,
            details=json.dumps(details, ensure_ascii=False) if details else "",
        )
    )
    return rows


def submission_checks(row: SupportRequest, lines, today: dt.date, now: dt.datetime, branch: str,
                      period_days: int | None) -> list[DocumentCheck]:
    """What was checked for each required document on the day of submission (the rows to add);
    the request's submission time and the day the committee's answer is due are set."""
    checks = [
        DocumentCheck(
            branch=branch,
            request_id=row.id,
            kind=line.kind,
            document_id=line.document_id,
            valid_until=line.expiry_date,
            checked_on=today,
        )
        for line in lines
    ]
    row.submitted_at = now
    row.answer_due = None if period_days is None else rules.answer_due(today, period_days)
    return checks


def get_request(ctx: AppContext, request_id: uuid.UUID, on: dt.date | None = None) -> RequestView:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        return _view(ctx, s, load_request(s, request_id), on or dt.date.today())


def list_requests(
    ctx: AppContext,
    status: str | None = None,
    applicant_id: uuid.UUID | None = None,
    limit: int | None = None,
) -> list[RequestView]:
    ctx.require(permissions.VIEW_APPLICANT)
    if status is not None and status not in wf.STATES:
        raise ValidationError("status", _("Unknown status: {status}").format(status=status))
    stmt = select(SupportRequest, Applicant.national_id, Applicant.full_name).join(
        Applicant, Applicant.id == SupportRequest.applicant_id
    )
    if status:
        stmt = stmt.where(SupportRequest.status == status)
    if applicant_id:
        stmt = stmt.where(SupportRequest.applicant_id == applicant_id)
    stmt = stmt.order_by(SupportRequest.created_at.desc())
    if limit:
        stmt = stmt.limit(limit)
    with ctx.reading() as s:
        return [_plain(r, nid, name) for r, nid, name in s.execute(stmt)]


def _plain(r: SupportRequest, national_id: str, name: str, lines=()) -> RequestView:
    return RequestView(
        r.id,
        r.reference,
        r.applicant_id,
        national_id,
        name,
        r.program,
        r.channel,
        r.status,
        r.description,
        r.branch,
        r.created_at,
        r.submitted_at,
        r.answer_due,
        tuple(lines),
        r.version,
    )


def _view(
    ctx: AppContext, s: Session, row: SupportRequest, on: dt.date | None = None
) -> RequestView:
    applicant = s.get_one(Applicant, row.applicant_id)
    lines = checklist(ctx, s, row, on or dt.date.today())
    return _plain(row, applicant.national_id, applicant.full_name, lines)


def find_by_reference(ctx: AppContext, reference: str) -> RequestView:
    """A request by its reference as typed (any digits, any case): ``AJF-1447-000123``."""
    ctx.require(permissions.VIEW_APPLICANT)
    from ...domain.digits import normalize_digits

    wanted = normalize_digits((reference or "").strip()).upper()
    with ctx.reading() as s:
        row_id = s.scalar(select(SupportRequest.id).where(SupportRequest.reference == wanted))
        if row_id is None:
            message = _("No request with reference {reference}").format(reference=reference)
            raise ValidationError("reference", message)
        return _view(ctx, s, load_request(s, row_id))
