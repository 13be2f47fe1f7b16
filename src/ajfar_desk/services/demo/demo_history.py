"""The demo's history: this run's applicants came to the desk over the last weeks, not all today.

Called once by ``demo.fill_demo`` after everything is written.  Each applicant of the run is given
a visit: a working day (Sunday to Thursday, as Saudi offices work) within ``HISTORY_DAYS`` before
``today``, never later than yesterday, at an office hour.  The applicant's file (household,
documents) and the requests the plan made for it (their creation, the signed declaration, the
submission and its document checks) move back to that visit, all by the same amount, so their
order stays; the answer date is worked out again from the day of submission with the services'
own rule (``requests.answer_period`` and ``domain.requests.answer_due``).  What happened after
the submission (the committee, deliveries, appeals, immediate services) stays where the demo did
it, today, so every request reads created ≤ submitted ≤ its later steps ≤ now.

Who is still waiting decides the visit: ``OVERDUE`` applicants with a waiting request came long
enough ago that its answer date has passed (each a few days further back, so the Overdue page
shows different ages); the others still waiting came within the last ``RECENT_DAYS`` (their answer
date is still ahead); everyone else anywhere in the history, so last month has figures too.
The audit log is left as the demo wrote it: its chain is sealed by hashes.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ...db.base import SyncedRow
from ...db.models import (
    Applicant,
    IssuedDocument,
    StatusEvent,
    SupportRequest,
)
from ...domain import requests as rules
from ...domain import workflow as wf
from ..reports.report import local_zone
from ..requests import requests as request_service
from ..store.context import AppContext

HISTORY_DAYS = 80  # how far back the demo's visits go
RECENT_DAYS = 11  # the waiting ones not yet late came at most this long ago (< two weeks)
OVERDUE = 5  # applicants whose waiting request is past its answer date
WEEKEND = (4, 5)  # Friday, Saturday
CHUNK = 900  # ids per IN (...)


def visit_day(today: dt.date, days_back: int) -> dt.date:
    """``days_back`` days before ``today``, or the working day before it when that is a weekend."""
    day = today - dt.timedelta(days=max(1, days_back))
    while day.weekday() in WEEKEND:
        day -= dt.timedelta(days=1)
    return day


def date_history(ctx: AppContext, today: dt.date, seed: int,
                 applicants: list[uuid.UUID], requests: list[uuid.UUID]) -> int:
    """Move this run's ``applicants`` and the ``requests`` its plans made back to their visits;
    returns how many requests were left waiting past their answer date."""
    rng = random.Random(seed * 104729 + 3)
    zone = local_zone()
    late = overdue = 0  # applicants, requests
    with ctx.reading() as s:
        waiting: dict[uuid.UUID, list[int]] = defaultdict(list)  # applicant: answer periods
        for part in _chunks(requests):
            for applicant_id, program, status, submitted in s.execute(
                select(SupportRequest.applicant_id, SupportRequest.program,
                       SupportRequest.status, SupportRequest.submitted_at)
                .where(SupportRequest.id.in_(part))
            ):
                period = request_service.answer_period(ctx.profile.program(program).kind)
                if status in wf.WAITING and submitted is not None and period is not None:
                    waiting[applicant_id].append((rules.answer_due(today, period) - today).days)
    workdays = [d for back in range(1, HISTORY_DAYS + 1)
                if (d := today - dt.timedelta(days=back)).weekday() not in WEEKEND]
    recent = sum(1 for d in workdays if (today - d).days <= RECENT_DAYS)
    visits: dict[uuid.UUID, dt.datetime] = {}
    first = today.replace(day=1)
    this_month = [d for d in workdays if d >= first]  # empty on the 1st (yesterday was last month)
    last_month = [d for d in workdays if (first - dt.timedelta(days=1)).replace(day=1) <= d
                  < first]  # within the history: it goes back further than a month's start
    others = 0
    for applicant_id in applicants:
        periods = waiting.get(applicant_id)
        if periods and late < OVERDUE:  # late by 2 to 4 days, then some 4 days more each
            day = visit_day(today, max(periods) + 2 + 4 * late + rng.randint(0, 2))
            late += 1
            overdue += len(periods)
        elif periods:
            day = rng.choice(workdays[:recent])
        else:  # of the others, one in three last month, one in three this month (when it has
            # had a working day): the comparison always has figures on both sides
            day = rng.choice((last_month, this_month or workdays, workdays)[others % 3])
            others += 1
        visits[applicant_id] = dt.datetime.combine(day, dt.time(8), zone) + dt.timedelta(
            minutes=rng.randint(0, 360))
    mine = set(requests)
    for part in _chunks(applicants):
        with ctx.uow() as s:
            _move(ctx, s, {a: visits[a] for a in part}, mine)
    return overdue


def _move(ctx: AppContext, s: Session, visits: dict[uuid.UUID, dt.datetime],
          mine: set[uuid.UUID]) -> None:
    """Each applicant's file and the plan's requests moved back to the visit, by one amount."""
    people = list(s.scalars(select(Applicant).where(Applicant.id.in_(list(visits)))
                            .options(selectinload(Applicant.members),
                                     selectinload(Applicant.documents))))
    shift = {a.id: visits[a.id] - a.created_at for a in people}
    for a in people:
        delta = shift[a.id]
        a.created_at, a.consent_at = a.created_at + delta, a.consent_at + delta
        rows: list[SyncedRow] = [*a.members, *a.documents]
        for row in rows:
            row.created_at += delta
    found = [r for r in s.scalars(
        select(SupportRequest).where(SupportRequest.applicant_id.in_(list(visits)))
        .options(selectinload(SupportRequest.checks))) if r.id in mine]
    days = {}
    for r in found:
        delta = shift[r.applicant_id]
        day = visits[r.applicant_id].date()
        days[r.id] = (delta, day)
        r.created_at += delta
        if r.submitted_at is not None:
            r.submitted_at += delta
            period = request_service.answer_period(ctx.profile.program(r.program).kind)
            r.answer_due = None if period is None else rules.answer_due(day, period)
        for check in r.checks:
            check.checked_on = day
    ids = list(days)
    # the draft's creation and the submission; what came after stays where it happened
    for event in s.scalars(select(StatusEvent).where(
            StatusEvent.request_id.in_(ids),
            StatusEvent.to_status.in_((rules.DRAFT, rules.SUBMITTED)),
            StatusEvent.from_status.is_(None) | (StatusEvent.from_status == rules.DRAFT))):
        event.at += days[event.request_id][0]
    for paper in s.scalars(select(IssuedDocument).where(
            IssuedDocument.request_id.in_(ids), IssuedDocument.kind == "declaration")):
        assert paper.request_id is not None
        delta = days[paper.request_id][0]
        paper.created_at += delta
        if paper.signed_at is not None:
            paper.signed_at += delta
    s.flush()


def _chunks(ids: Iterable) -> Iterator[list]:
    items = list(ids)
    for start in range(0, len(items), CHUNK):
        yield items[start:start + CHUNK]
