"""The demo's immediate services and appeals, for the profiles whose programs have them.

Called once by ``demo.fill_demo`` after the requests (and the committee's decisions, when the
demo made any): a few immediate services delivered at the desk the same day, for each immediate
program (Al-Huda's health and guidance services, Aman's events), and an appeal lodged with its
grounds on some rejected requests still within the profile's period, which then stand on the
committee's next agenda.  Everything goes through the services, as the desk does it.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections import Counter

from sqlalchemy import select

from ...db.models import SupportRequest
from ...domain import workflow as wf
from ...domain.errors import ValidationError
from ..requests import appeals, immediate
from ..requests import requests as request_service
from ..requests.delivery import DeliveryInput
from ..store.context import AppContext

PER_PROGRAM = 3  # immediate services per immediate program
APPEALS = 2  # rejections appealed, at most
SERVICES = {  # what the desk records as delivered, by program code (else the program's name)
    "health_services": ("إسعافات أولية وقياس ضغط الدم", "توعية صحية وتوزيع كمامات"),
    "guidance": ("إرشاد إلى مخيم الحملة", "دلالة على مواقيت الإحرام ومواقعها"),
    "events": ("تسجيل وحضور لقاء توعوي عن الوقاية من الحرائق", "حضور ورشة الإخلاء في الطوارئ"),
}
GROUNDS = (
    "قدّم المتقدم تعريفاً بالراتب بعد انقطاعه عن العمل، ويطلب إعادة النظر في القرار.",
    "تغيّرت حالة الأسرة بوفاة العائل، وأرفق المتقدم ما يثبت ذلك.",
)


def fill_journeys(ctx: AppContext, seed: int, today: dt.date, people: list[tuple[uuid.UUID, str]],
                  to_committee: list[uuid.UUID]) -> Counter[str]:
    """Deliver the immediate services to this run's applicants (``people``: id and category) and
    lodge the appeals of the requests it took to the committee, now rejected (``to_committee``); the counts by kind,
    and the moves between states (``state -> +/-n``) like ``demo_casework``."""
    rng = random.Random(seed * 7919 + 15)
    counts: Counter[str] = Counter()
    people = people[:200]
    for program in (p for p in ctx.profile.programs if p.kind.immediate):
        served = [pid for pid, category in people if program.is_open_to(category)]
        texts = SERVICES.get(program.code, (program.name("ar"),))
        for pid in rng.sample(served, min(PER_PROGRAM, len(served))):
            draft = request_service.create_request(
                ctx, pid, program.code, ctx.profile.channels[0].code, on=today)
            counts["requests"] += 1
            try:
                immediate.deliver_now(
                    ctx, draft.id, DeliveryInput(rng.choice(texts), acknowledged=True),
                    confirmed=program.eligibility.confirmation_codes, today=today)
            except ValidationError:  # a document the program needs is not valid today
                counts[wf.DRAFT] += 1
                continue
            counts["immediate_services"] += 1
            counts[wf.DELIVERED] += 1
    with ctx.reading() as s:
        rejected = list(s.scalars(select(SupportRequest.id)
                                  .where(SupportRequest.status == wf.REJECTED,
                                         SupportRequest.id.in_(to_committee))
                                  .order_by(SupportRequest.reference).limit(APPEALS + 1)))
    # one rejection stands unappealed, so the demo shows both states
    for number, request_id in enumerate(rejected[:-1]):
        try:
            appeals.lodge(ctx, request_id, GROUNDS[number % len(GROUNDS)], on=today)
        except ValidationError:  # past the period, or already appealed
            continue
        counts["appeals"] += 1
        counts[wf.REJECTED] -= 1
        counts[wf.APPEALED] += 1
    return counts
