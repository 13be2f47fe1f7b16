"""Demonstration data: realistic Saudi applicants, households, documents (some expired) and
requests in every status of the journey (``demo_casework`` walks part of the submitted ones on to
the committee's decisions, deliveries, surveys and closings), written through the services.

A plan is drawn for each applicant first (plain data, deterministic for a seed), then written:
through ``applicants.register`` / ``add_member`` / ``add_document`` and ``requests.create_request``
/ ``submit`` (the default), or, for large amounts, by ``_write_batch``, which writes the very same
rows and audit entries through the ORM, 1,000 applicants per transaction.

Everything is written on the demo's clock (``demo_history.DemoClock``, the context's clock): each
applicant at its visit (``demo_history.Calendar``), the applicants of a chunk in the order of their
visits, the casework's steps on their own days after (``demo_casework``), so the rows, the
timeline and the audit log all say when it happened.

The summary counts what this run did, never differences of totals: the casework and the journeys
take only the requests and applicants this run made (``Made``), so on a store already in use
(an earlier demo, a desk's own work) every figure is this run's and none is negative.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any, cast

from sqlalchemy import func, select, update
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from ...db.base import new_id
from ...db.change_log import RECORDED
from ...db.models import (
    Applicant,
    Document,
    HouseholdMember,
    IssuedDocument,
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
from ..reports.report import local_zone
from ..requests import eligibility_check
from ..requests import requests as request_service
from ..store.context import AppContext
from .demo_casework import WAITING_ENDINGS, Chooser, Journey, fill_casework
from .demo_enquiries import fill_enquiries
from .demo_feedback import fill_feedback
from .demo_history import APPEAL_DAYS, Calendar, DemoClock
from .demo_journeys import fill_journeys
from .demo_plan import ApplicantPlan, Planner

BATCH_ABOVE = 2000  # more applicants than this: the batch writer
CHUNK = 1000
Progress = Callable[[str, int, int], None]


@dataclass
class Made:
    """What this run wrote: its applicants (id, category), its submitted requests (id, program)."""

    applicants: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    submitted: list[uuid.UUID] = field(default_factory=list)
    requests: list[uuid.UUID] = field(default_factory=list)  # every request of the plans
    journeys: list[Journey] = field(default_factory=list)  # those the casework walks on


@dataclass
class Dated:
    """A plan with its visit and where the casework takes each of its requests."""

    plan: ApplicantPlan
    visit: dt.datetime
    endings: list[str | None]

    @property
    def day(self) -> dt.date:
        return self.visit.astimezone(local_zone()).date()


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
    end_of_today = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), local_zone())
    clock = DemoClock(min(dt.datetime.now(dt.UTC), end_of_today - dt.timedelta(seconds=1)))
    real, ctx = ctx, replace(ctx, clock=clock)
    calendar, chooser = Calendar(ctx, today, seed), Chooser(ctx)
    with ctx.reading() as s:
        taken = set(s.scalars(select(Applicant.national_id)))
        taken.update(n for n in s.scalars(select(HouseholdMember.national_id)) if n)
    planner = Planner(ctx, seed, taken, today)
    counts: Counter[str] = Counter()
    made = Made()
    use_batch = applicants > BATCH_ABOVE if batch is None else batch
    for start in range(0, applicants, CHUNK):
        plans = sorted((_dated(calendar, chooser, planner.plan(i))
                        for i in range(start, min(applicants, start + CHUNK))),
                       key=lambda d: d.visit)  # written in the order they came
        if use_batch:
            with ctx.uow() as s:
                refs = _reserve_references(s, ctx.branch.ref_prefix, plans)
                staged: dict[type, list] = {model: [] for model in _INSERT_ORDER}
                to_submit: list = []
                for dated in plans:
                    clock.set(dated.visit)
                    _write_batch(ctx, s, dated, today, refs, staged, counts, to_submit, made)
                for model in _INSERT_ORDER:  # parents first: these rows have no ORM relationships
                    s.add_all(staged[model])
                    s.flush()
                _submit_batch(ctx, s, to_submit, clock)
        else:
            for dated in plans:
                clock.set(dated.visit)
                _write_services(ctx, dated, today, counts, made)
        if progress:
            progress("demo", start + len(plans), applicants)
    counts.update(fill_casework(ctx, clock, today, made.journeys))
    counts.update(_where_they_stand(real, made.submitted))
    counts.update(fill_feedback(ctx, applicants, seed, today, clock))  # each on its day
    counts.update(fill_journeys(real, seed, today, made.applicants))  # immediate services, now
    counts.update(fill_enquiries(ctx, applicants, seed, today, clock))
    ctx = real
    counts["overdue"] = _overdue(ctx, today, made.requests)
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


def _dated(calendar: Calendar, chooser: Chooser, plan: ApplicantPlan) -> Dated:
    endings = [chooser.ending(r.program) if r.submit else None for r in plan.requests]
    visit = calendar.visit((r.program, r.submit, e is None or e in WAITING_ENDINGS,
                            APPEAL_DAYS if e == "appeal_decided" else 0)
                           for r, e in zip(plan.requests, endings, strict=True))
    return Dated(plan, visit, endings)


def _where_they_stand(ctx: AppContext, submitted: list[uuid.UUID]) -> Counter[str]:
    """The moves of the casework: the submitted requests of this run, by where they stand now."""
    moves: Counter[str] = Counter({rules.SUBMITTED: -len(submitted)})
    with ctx.reading() as s:
        for part in _chunks(submitted):
            moves.update(s.scalars(select(SupportRequest.status)
                                   .where(SupportRequest.id.in_(part))))
    return moves


def _overdue(ctx: AppContext, today: dt.date, requests: list[uuid.UUID]) -> int:
    """This run's requests still waiting after their answer date (the Overdue page's)."""
    with ctx.reading() as s:
        return sum(s.scalar(select(func.count()).where(
            SupportRequest.id.in_(part), SupportRequest.status.in_(wf.WAITING),
            SupportRequest.answer_due < today)) or 0 for part in _chunks(requests))


def _chunks(ids: list[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    for start in range(0, len(ids), 900):  # ids per IN (...)
        yield ids[start:start + 900]


def _made(made: Made, dated: Dated, request_id: uuid.UUID, index: int, program: str) -> None:
    made.submitted.append(request_id)
    ending = dated.endings[index]
    if ending is not None:
        made.journeys.append(Journey(request_id, program, ending, dated.visit))


def _count(plan: ApplicantPlan, today: dt.date, counts: Counter) -> None:
    counts["applicants"] += 1
    counts["members"] += len(plan.members)
    counts["documents"] += len(plan.documents)
    counts["expired_documents"] += sum(1 for d in plan.documents if d.expiry and d.expiry < today)
    counts["requests"] += len(plan.requests)
    for r in plan.requests:
        counts[rules.SUBMITTED if r.submit else rules.DRAFT] += 1


def _write_services(ctx: AppContext, dated: Dated, today: dt.date, counts: Counter,
                    made: Made) -> None:
    plan, day = dated.plan, dated.day
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
    for index, r in enumerate(plan.requests):
        req = request_service.create_request(
            ctx, view.id, r.program, r.channel, r.description, on=day
        )
        made.requests.append(req.id)
        if r.submit:
            declaration = document_service.issue(ctx, req.id, "declaration", lang="ar")
            document_service.record_wet_signature(ctx, declaration.number)
            confirmed = ctx.profile.program(r.program).eligibility.confirmation_codes
            request_service.submit(ctx, req.id, on=day, confirmed=confirmed)
            _made(made, dated, req.id, index, r.program)
    _count(plan, today, counts)


_CLEAN_FIELDS = [f.name for f in fields(applicant_input.CleanApplicant)]


_INSERT_ORDER = (Applicant, HouseholdMember, Document, SupportRequest, StatusEvent)


def _write_batch(
    ctx: AppContext,
    s: Session,
    dated: Dated,
    today: dt.date,
    refs: dict[int, Iterator[str]],
    staged: dict[type, list],
    counts: Counter,
    to_submit: list,
    made: Made,
) -> None:
    """The rows and audit entries the services would write for ``plan``: audit entries go into
    the session, rows into ``staged`` (the caller inserts them table by table)."""
    branch, now, user = ctx.branch.code, ctx.now(), ctx.user_id
    plan, day = dated.plan, dated.day
    year = gregorian_to_hijri(day)[0]
    clean = form_check.validate(plan.data, ctx.profile)
    times = {"created_at": now, "updated_at": now}  # the visit's (flushed after the chunk)
    a = Applicant(
        id=new_id(), branch=branch, consent_at=now, **times,
        **{k: getattr(clean, k) for k in _CLEAN_FIELDS}
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
            **times,
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
            **times,
        )
        staged[Document].append(doc)
        ctx.audit(s, "create", "document", doc.id, applicant=str(a.id), kind=kind.code)
        held.append(rules.HeldDocument(doc.id, doc.kind, doc.expiry_date))
    for index, r in enumerate(plan.requests):
        reference = next(refs[year])
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
            **times,
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
                at=now,
            )
        )
        ctx.audit(s, "create", "request", req.id, reference=reference)
        if not r.submit:
            continue
        items = rules.evaluate_checklist(program.required_documents, held, day, id_type=a.id_type)
        if not rules.checklist_complete(items):
            raise AssertionError(f"demo plan would submit an incomplete request: {items}")
        to_submit.append((req, items, dated.visit))
        _made(made, dated, req.id, index, req.program)
    _count(plan, today, counts)


def _submit_batch(ctx: AppContext, s: Session, to_submit: list, clock: DemoClock) -> None:
    """After the drafts are written: the signed declaration, then the submission, as the desk
    does it, each at its visit."""
    role, zone = ctx.role or "", local_zone()
    signed: list[IssuedDocument] = []
    for req, items, visit in to_submit:
        clock.set(visit)
        now, today = ctx.now(), visit.astimezone(zone).date()
        declaration = document_service.issue_row(ctx, s, req, "declaration", "ar", now)
        declaration.created_at = declaration.updated_at = req.updated_at = now
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
        signed.append(declaration)
    s.flush()
    # issued, then signed: two saves of the paper at the desk (its version 2), one insert here;
    # the version is never exchanged (nothing to log)
    s.execute(update(IssuedDocument).where(IssuedDocument.id.in_([d.id for d in signed]))
              .values(version=IssuedDocument.version + 1), execution_options=RECORDED)
    for paper in signed:
        set_committed_value(paper, "version", paper.version + 1)


def _reserve_references(s: Session, prefix: str, plans: list[Dated]) -> dict[int, Iterator[str]]:
    """By Hijri year of the visits, the references ``plans`` draw, as ``requests.next_reference``
    would draw them one by one (the plans in order)."""
    counts: Counter[int] = Counter()
    for dated in plans:
        counts[gregorian_to_hijri(dated.day)[0]] += len(dated.plan.requests)
    refs: dict[int, Iterator[str]] = defaultdict(lambda: iter(()))
    for year, count in counts.items():
        if count:
            refs[year] = iter(_reserve_year(s, prefix, year, count))
    return refs


def _reserve_year(s: Session, prefix: str, year: int, count: int) -> list[str]:
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
