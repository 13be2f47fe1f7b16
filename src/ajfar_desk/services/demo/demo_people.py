"""The demo's people written as the desk writes them: each applicant, household, documents and
requests through the services (``applicants.register`` / ``add_member`` / ``add_document``,
``requests.create_request`` / ``submit``), each at its visit; and what a run made, which the
batch writer (``demo_batch``) fills alike."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter
from dataclasses import dataclass, field

from ...domain import requests as rules
from ..applicants import applicants as applicant_service
from ..papers import documents as document_service
from ..reports.report import local_zone
from ..requests import requests as request_service
from ..store.context import AppContext
from .demo_casework import Journey
from .demo_plan import ApplicantPlan


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


def made_submitted(made: Made, dated: Dated, request_id: uuid.UUID, index: int, program: str) -> None:
    made.submitted.append(request_id)
    ending = dated.endings[index]
    if ending is not None:
        made.journeys.append(Journey(request_id, program, ending, dated.visit))


def count_plan(plan: ApplicantPlan, today: dt.date, counts: Counter) -> None:
    counts["applicants"] += 1
    counts["members"] += len(plan.members)
    counts["documents"] += len(plan.documents)
    counts["expired_documents"] += sum(1 for d in plan.documents if d.expiry and d.expiry < today)
    counts["requests"] += len(plan.requests)
    for r in plan.requests:
        counts[rules.SUBMITTED if r.submit else rules.DRAFT] += 1


def write_through_services(ctx: AppContext, dated: Dated, today: dt.date, counts: Counter,
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
            made_submitted(made, dated, req.id, index, r.program)
    count_plan(plan, today, counts)
