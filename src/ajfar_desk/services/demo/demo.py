"""Demonstration data: realistic Saudi applicants, households, documents (some expired) and
requests in every status of the journey (``demo_casework`` walks part of the submitted ones on to
the committee's decisions, deliveries, surveys and closings), written through the services.

A plan is drawn for each applicant first (plain data, deterministic for a seed), then written:
through the services as the desk writes (``demo_people``, the default), or, for large amounts, by
``demo_batch``, which writes the very same rows and audit entries through the ORM, 1,000
applicants per transaction.

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
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import replace

from sqlalchemy import func, select

from ...db.models import Applicant, HouseholdMember, SupportRequest
from ...domain import requests as rules
from ...domain import workflow as wf
from ..reports.report import local_zone
from ..store.context import AppContext
from . import demo_batch
from .demo_casework import WAITING_ENDINGS, Chooser, fill_casework
from .demo_enquiries import fill_enquiries
from .demo_feedback import fill_feedback
from .demo_history import APPEAL_DAYS, Calendar, DemoClock
from .demo_journeys import fill_journeys
from .demo_people import Dated, Made, write_through_services
from .demo_plan import ApplicantPlan, Planner

BATCH_ABOVE = 2000  # more applicants than this: the batch writer
CHUNK = 1000
Progress = Callable[[str, int, int], None]


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
                refs = demo_batch.reserve_references(s, ctx.branch.ref_prefix, plans)
                staged: dict[type, list] = {model: [] for model in demo_batch.INSERT_ORDER}
                to_submit: list = []
                for dated in plans:
                    clock.set(dated.visit)
                    demo_batch.write_batch(ctx, s, dated, today, refs, staged, counts, to_submit, made)
                for model in demo_batch.INSERT_ORDER:  # parents first: these rows have no ORM relationships
                    s.add_all(staged[model])
                    s.flush()
                demo_batch.submit_batch(ctx, s, to_submit, clock)
        else:
            for dated in plans:
                clock.set(dated.visit)
                write_through_services(ctx, dated, today, counts, made)
        if progress:
            progress("demo", start + len(plans), applicants)
    counts.update(fill_casework(ctx, clock, today, made.journeys))
    counts.update(_where_they_stand(real, made.submitted))
    counts.update(fill_feedback(ctx, applicants, seed, today, clock))  # each on its day
    counts.update(fill_journeys(ctx, seed, today, made.applicants, clock))  # at their visits
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


