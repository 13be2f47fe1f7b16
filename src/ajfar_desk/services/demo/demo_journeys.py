"""The demo's immediate services, for the profiles whose programs have them.

Called once by ``demo.fill_demo`` after the requests and the casework (whose timeline holds the
appeals, ``demo_casework``): a few immediate services for each immediate program (Al-Huda's
health and guidance services, Aman's events), through the services, as the desk does it: each
delivered at the applicant's visit, on the demo's clock (the day they registered, in the past
like the rest of the demo; today only without a clock).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter

from sqlalchemy import select

from ...db.models import Applicant
from ...domain import workflow as wf
from ...domain.errors import ValidationError
from ..reports.report import local_zone
from ..requests import immediate
from ..requests import requests as request_service
from ..requests.delivery import DeliveryInput
from ..store.context import AppContext
from .demo_history import DemoClock

PER_PROGRAM = 3  # immediate services per immediate program
SERVICES = {  # what the desk records as delivered, by program code (else the program's name)
    "health_services": ("إسعافات أولية وقياس ضغط الدم", "توعية صحية وتوزيع كمامات"),
    "guidance": ("إرشاد إلى مخيم الحملة", "دلالة على مواقيت الإحرام ومواقعها"),
    "events": ("تسجيل وحضور لقاء توعوي عن الوقاية من الحرائق", "حضور ورشة الإخلاء في الطوارئ"),
}


def fill_journeys(ctx: AppContext, seed: int, today: dt.date,
                  people: list[tuple[uuid.UUID, str]], clock: DemoClock | None = None) -> Counter[str]:
    """Deliver the immediate services to this run's applicants (``people``: id and category),
    each at the visit they registered at when ``clock`` (the context's) is given; the counts by
    kind, and the moves between states (``state -> +/-n``)."""
    rng = random.Random(seed * 7919 + 15)
    counts: Counter[str] = Counter()
    people = people[:200]
    for program in (p for p in ctx.profile.programs if p.kind.immediate):
        served = [pid for pid, category in people if program.is_open_to(category)]
        texts = SERVICES.get(program.code, (program.name("ar"),))
        for pid in rng.sample(served, min(PER_PROGRAM, len(served))):
            day = _at_visit(ctx, pid, clock) or today
            draft = request_service.create_request(
                ctx, pid, program.code, ctx.profile.channels[0].code, on=day)
            counts["requests"] += 1
            try:
                immediate.deliver_now(
                    ctx, draft.id, DeliveryInput(rng.choice(texts), acknowledged=True),
                    confirmed=program.eligibility.confirmation_codes, today=day)
            except ValidationError:  # a document the program needs is not valid today
                counts[wf.DRAFT] += 1
                continue
            counts["immediate_services"] += 1
            counts[wf.DELIVERED] += 1
    return counts


def _at_visit(ctx: AppContext, applicant: uuid.UUID, clock: DemoClock | None) -> dt.date | None:
    """The clock set a quarter of an hour after the applicant registered (served at the same
    visit); that day.  None without a clock."""
    if clock is None:
        return None
    with ctx.reading() as s:
        registered = s.scalar(select(Applicant.created_at).where(Applicant.id == applicant))
    if registered is None:
        return None
    registered = registered if registered.tzinfo else registered.replace(tzinfo=dt.UTC)
    clock.set(registered + dt.timedelta(minutes=15))
    return registered.astimezone(local_zone()).date()
