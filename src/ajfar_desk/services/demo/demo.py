"""Demonstration data: realistic Saudi applicants, households, documents (some expired) and
requests in every status of the journey (``demo_casework`` walks part of the submitted ones on to
the committee's decisions, deliveries, surveys and closings), written through the services.

A plan is drawn for each applicant first (plain data, deterministic for a seed), then written:
through ``applicants.register`` / ``add_member`` / ``add_document`` and ``requests.create_request``
/ ``submit`` (the default), or, for large amounts, by ``_write_batch``, which writes the very same
rows and audit entries through the ORM, 1,000 applicants per transaction.

The summary counts what this run did, never differences of totals: the casework and the journeys
take only the requests and applicants this run made (``Made``), so on a store already in use
(an earlier demo, a desk's own work) every figure is this run's and none is negative.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any, cast

from sqlalchemy import select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from ...db.base import new_id
from ...db.models import (
    Applicant,
    Document,
    HouseholdMember,
    ReferenceCounter,
    StatusEvent,
    SupportRequest,
)
from ...domain import requests as rules
from ...domain import workflow as wf
from ...domain.dates import gregorian_to_hijri
from ...domain.digits import normalize_digits
from ..applicants import applicant_input, form_check
from ..applicants import applicants as applicant_service
from ..papers import documents as document_service
from ..requests import eligibility_check
from ..requests import requests as request_service
from ..store.context import AppContext
from .demo_casework import fill_casework
from .demo_enquiries import fill_enquiries
from .demo_feedback import fill_feedback
from .demo_history import date_history
from .demo_journeys import fill_journeys
from .demo_plan import ApplicantPlan, Planner

BATCH_ABOVE = 2000  # more applicants than this: the batch writer
CHUNK = 1000
Progress = Callable[[str, int, int], None]


@dataclass
class Made:
    """What this run wrote: its applicants (id, category), its submitted requests (id, program)."""

    applicants: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    submitted: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    requests: list[uuid.UUID] = field(default_factory=list)  # every request of the plans


def fill_demo(
    ctx: AppContext,
    applicants: int,
    seed: int = 1,
    progress: Progress | None = None,
    batch: bool | None = None,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Add ``applicants`` demonstration applicants (with households, documents and requests)."""
    today = today or dt.date.today()
    with ctx.reading() as s:
        taken = set(s.scalars(select(Applicant.national_id)))
        taken.update(n for n in s.scalars(select(HouseholdMember.national_id)) if n)
    planner = Planner(ctx, seed, taken, today)
    counts: Counter[str] = Counter()
    made = Made()
    use_batch = applicants > BATCH_ABOVE if batch is None else batch
    for start in range(0, applicants, CHUNK):
        plans = [planner.plan(i) for i in range(start, min(applicants, start + CHUNK))]
        if use_batch:
            with ctx.uow() as s:
                refs = iter(
                    _reserve_references(
                        s, ctx.branch.ref_prefix, today, sum(len(p.requests) for p in plans)
                    )
                )
                staged: dict[type, list] = {model: [] for model in _INSERT_ORDER}
                to_submit: list = []
                for plan in plans:
                    _write_batch(ctx, s, plan, today, refs, staged, counts, to_submit, made)
                for model in _INSERT_ORDER:  # parents first: these rows have no ORM relationships
                    s.add_all(staged[model])
                    s.flush()
                _submit_batch(ctx, s, to_submit, today)
        else:
            for plan in plans:
                _write_services(ctx, plan, today, counts, made)
        if progress:
            progress("demo", start + len(plans), applicants)
    moves, to_committee = fill_casework(ctx, today, made.submitted)
    counts.update(moves)
    counts.update(fill_feedback(ctx, applicants, seed, today))
    counts.update(fill_journeys(ctx, seed, today, made.applicants, to_committee))  # immediate, appeals
    counts.update(fill_enquiries(ctx, applicants, seed, today))
    counts["overdue"] = date_history(ctx, today, seed, [a for a, _c in made.applicants],
                                     made.requests)
    with ctx.uow() as s:
        ctx.audit(s, "demo", "store", "", seed=seed, **counts)
    return {
        k: counts[k]
        for k in (
            "applicants",
            "members",
            "documents",
            "expired_documents",
            "requests",
            *wf.STATES,
            "meetings",
            "decisions",
            "deliveries",
            "surveys",
            "complaints",
            "enquiries",
            "overdue",
        )
    }


def _count(plan: ApplicantPlan, today: dt.date, counts: Counter) -> None:
    counts["applicants"] += 1
    counts["members"] += len(plan.members)
    counts["documents"] += len(plan.documents)
    counts["expired_documents"] += sum(1 for d in plan.documents if d.expiry and d.expiry < today)
    counts["requests"] += len(plan.requests)
    for r in plan.requests:
        counts[rules.SUBMITTED if r.submit else rules.DRAFT] += 1


def _write_services(ctx: AppContext, plan: ApplicantPlan, today: dt.date, counts: Counter,
                    made: Made) -> None:
    view = applicant_service.register(ctx, plan.data, confirm_similar=True)
    made.applicants.append((view.id, view.category))
    for m in plan.members:
        applicant_service.add_member(
            ctx,
            view.id,
            applicant_service.MemberInput(
                m.full_name, m.relation, m.gender, m.birth.isoformat(), m.national_id, str(m.income)
            ),
        )
    for d in plan.documents:
        applicant_service.add_document(
            ctx,
            view.id,
            applicant_service.DocumentInput(
                d.kind,
                d.number,
                d.issue.isoformat() if d.issue else "",
                d.expiry.isoformat() if d.expiry else "",
            ),
        )
    for r in plan.requests:
        req = request_service.create_request(
            ctx, view.id, r.program, r.channel, r.description, on=today
        )
        made.requests.append(req.id)
        if r.submit:
            declaration = document_service.issue(ctx, req.id, "declaration", lang="ar")
            document_service.record_wet_signature(ctx, declaration.number)
            confirmed = ctx.profile.program(r.program).eligibility.confirmation_codes
            request_service.submit(ctx, req.id, on=today, confirmed=confirmed)
            made.submitted.append((req.id, r.program))
    _count(plan, today, counts)


_CLEAN_FIELDS = [f.name for f in fields(applicant_input.CleanApplicant)]


_INSERT_ORDER = (Applicant, HouseholdMember, Document, SupportRequest, StatusEvent)


def _write_batch(
    ctx: AppContext,
    s: Session,
    plan: ApplicantPlan,
    today: dt.date,
    refs: Iterator[str],
    staged: dict[type, list],
    counts: Counter,
    to_submit: list,
    made: Made,
) -> None:
    """The rows and audit entries the services would write for ``plan``: audit entries go into
    the session, rows into ``staged`` (the caller inserts them table by table)."""
    branch, now, user = ctx.branch.code, dt.datetime.now(dt.UTC), ctx.user_id
    clean = form_check.validate(plan.data, ctx.profile)
    a = Applicant(
        id=new_id(), branch=branch, consent_at=now, **{k: getattr(clean, k) for k in _CLEAN_FIELDS}
    )
    staged[Applicant].append(a)
    made.applicants.append((a.id, a.category))
    ctx.audit(s, "create", "applicant", a.id)
    for m in plan.members:
        row = HouseholdMember(
            id=new_id(),
            branch=branch,
            applicant_id=a.id,
            full_name=" ".join(m.full_name.split()),
            relation=m.relation,
            gender=m.gender,
            birth_date=m.birth,
            national_id=m.national_id or None,
            monthly_income=m.income,
        )
        staged[HouseholdMember].append(row)
        ctx.audit(s, "create", "household_member", row.id, applicant=str(a.id))
    held = []
    for d in plan.documents:
        kind = ctx.profile.document_kind(d.kind)
        doc = Document(
            id=new_id(),
            branch=branch,
            applicant_id=a.id,
            kind=kind.code,
            number=normalize_digits(d.number).strip(),
            issue_date=d.issue,
            expiry_date=d.expiry,
        )
        staged[Document].append(doc)
        ctx.audit(s, "create", "document", doc.id, applicant=str(a.id), kind=kind.code)
        held.append(rules.HeldDocument(doc.id, doc.kind, doc.expiry_date))
    for r in plan.requests:
        reference = next(refs)
        program = ctx.profile.program(r.program)
        ctx.profile.channel(r.channel)
        req = SupportRequest(
            id=new_id(),
            branch=branch,
            applicant_id=a.id,
            program=r.program,
            channel=r.channel,
            status=rules.DRAFT,
            description=r.description.strip(),
            created_by=user,
            reference=reference,
        )
        staged[SupportRequest].append(req)
        made.requests.append(req.id)
        staged[StatusEvent].append(
            StatusEvent(
                branch=branch,
                request_id=req.id,
                from_status=None,
                to_status=rules.DRAFT,
                user_id=user,
            )
        )
        ctx.audit(s, "create", "request", req.id, reference=reference)
        if not r.submit:
            continue
        items = rules.evaluate_checklist(program.required_documents, held, today, id_type=a.id_type)
        if not rules.checklist_complete(items):
            raise AssertionError(f"demo plan would submit an incomplete request: {items}")
        to_submit.append((req, items))
        made.submitted.append((req.id, req.program))
    _count(plan, today, counts)


def _submit_batch(ctx: AppContext, s: Session, to_submit: list, today: dt.date) -> None:
    """After the drafts are written: the signed declaration, then the submission, as the desk
    does it."""
    now, role = dt.datetime.now(dt.UTC), ctx.role or ""
    for req, items in to_submit:
        declaration = document_service.issue_row(ctx, s, req, "declaration", "ar", now)
        document_service.mark_signed_on_paper(ctx, s, declaration, now)
        confirmed = ctx.profile.program(req.program).eligibility.confirmation_codes
        result = eligibility_check.evaluate_request(ctx, s, req, items, confirmed, today)
        s.add_all(
            request_service.mark_submitted(
                req, items, today, now, ctx.branch.code, ctx.user_id,
                request_service.answer_period(ctx.profile.program(req.program).kind), role=role,
                details={"eligibility": [[ln.code, ln.passed] for ln in result.lines]},
            )
        )
        # as casework.step audits every step (the desk's submission takes it)
        ctx.audit(s, "submit", "request", req.id,
                  **{"from": rules.DRAFT, "to": rules.SUBMITTED}, reference=req.reference)
    s.flush()


def _reserve_references(s: Session, prefix: str, on: dt.date, count: int) -> list[str]:
    """``count`` consecutive references, as ``requests.next_reference`` would draw them one by one."""
    if not count:
        return []
    year = gregorian_to_hijri(on)[0]
    bumped = cast(CursorResult[Any], s.execute(
        update(ReferenceCounter)
        .where(ReferenceCounter.prefix == prefix, ReferenceCounter.year == year)
        .values(last=ReferenceCounter.last + count)
    )).rowcount  # an UPDATE's result is a CursorResult
    if not bumped:
        s.add(ReferenceCounter(prefix=prefix, year=year, last=count))
        s.flush()
    last = s.scalars(
        select(ReferenceCounter.last).where(
            ReferenceCounter.prefix == prefix, ReferenceCounter.year == year
        )
    ).one()
    return [rules.format_reference(prefix, year, n) for n in range(last - count + 1, last + 1)]
