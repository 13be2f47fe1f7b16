"""The demo's people in large amounts (more than ``demo.BATCH_ABOVE`` applicants): the very rows
and audit entries the services would write (``demo_people``), through the ORM, a chunk of 1,000
applicants per transaction, the references of a chunk drawn at once."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import fields
from typing import Any, cast

from sqlalchemy import select, update
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
from ...domain.dates import gregorian_to_hijri
from ...domain.digits import normalize_digits
from ..applicants import applicant_input, form_check
from ..papers import documents as document_service
from ..reports.report import local_zone
from ..requests import eligibility_check
from ..requests import requests as request_service
from ..store.context import AppContext
from .demo_history import DemoClock
from .demo_people import Dated, Made, count_plan, made_submitted

_CLEAN_FIELDS = [f.name for f in fields(applicant_input.CleanApplicant)]


INSERT_ORDER = (Applicant, HouseholdMember, Document, SupportRequest, StatusEvent)


def write_batch(
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
        made_submitted(made, dated, req.id, index, req.program)
    count_plan(plan, today, counts)


def submit_batch(ctx: AppContext, s: Session, to_submit: list, clock: DemoClock) -> None:
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


def reserve_references(s: Session, prefix: str, plans: list[Dated]) -> dict[int, Iterator[str]]:
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
