"""Demonstration enquiries for any association's profile: questions about each of its programs
and about the procedure, through each of its channels, from registered applicants (some of
whose enquiries became their requests) and from people not registered; some referred to the
social researcher. Written through the services, so the Enquiries page and the monthly report
have something to show in a demo store."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import select

from ...db.models import Applicant, SupportRequest
from ..enquiries import enquiries
from ..enquiries.enquiries import EnquiryInput
from ..store.context import AppContext
from .demo_history import DemoClock, at_hour

ABOUT_PROCEDURE = (
    ("ما المستندات المطلوبة للتسجيل؟", "الهوية وسجل الأسرة وإثبات الدخل، وتُطابق يوم التقديم."),
    ("متى يصلني رد اللجنة؟", "يُرفع الطلب إلى لجنة البحث ويُبلَّغ المتقدم بالنتيجة في المدة المحددة."),
    ("هل يمكن التقديم عن والدتي المسنّة؟", ""),  # unclear: referred to the researcher
    ("كيف أحدّث رقم جوالي؟", "يُحدَّث في ملف المستفيد عند مراجعة الاستقبال بالهوية."),
)
WALK_INS = (("أبو عبدالله", "0551234567"), ("أم سلمان", "0509876543"), ("مريم الزهراني", ""),
            ("خالد الدوسري", "0561112233"))


def fill_enquiries(ctx: AppContext, applicants: int, seed: int = 1, today: dt.date | None = None,
                   clock: DemoClock | None = None) -> dict:
    """About one enquiry per five applicants (at least eight), over the last six weeks: each of
    the profile's programs asked about, each channel used; one in four referred to the social
    researcher; a registered applicant's enquiry about a program they then applied to is
    linked to that request.  ``clock``: the context's (``demo_history.DemoClock``), set to each
    enquiry's day."""
    today = today or dt.date.today()
    rng = random.Random(seed * 7919)
    p = ctx.profile
    with ctx.reading() as s:
        people = list(s.execute(
            select(Applicant.id, Applicant.national_id).order_by(Applicant.national_id).limit(300)
        ))
        applied: dict[str, list[tuple[str, str]]] = {}  # program -> (ID number, reference)
        for prog, number, ref in s.execute(
            select(SupportRequest.program, Applicant.national_id, SupportRequest.reference)
            .join(Applicant, Applicant.id == SupportRequest.applicant_id)
            .order_by(SupportRequest.reference)
        ):
            applied.setdefault(prog, []).append((number, ref))
    channels = [c.code for c in p.channels]
    topics = [(f"الاستفسار عن برنامج «{prog.name_ar}» وشروطه", "شُرحت شروط البرنامج ومستنداته.", prog.code)
              for prog in p.programs]
    topics += [(q, a, "") for q, a in ABOUT_PROCEDURE]
    logged = 0
    for i in range(max(8, applicants // 5)):
        subject, answer, program = topics[i % len(topics)]
        on = today - dt.timedelta(days=rng.randint(0, 40))
        data: dict[str, Any] = {"channel": channels[i % len(channels)], "subject": subject, "answer": answer,
                "referred": not answer or i % 4 == 3, "received_on": on.isoformat()}
        if applied.get(program) and i % 3 == 0:  # asked first, then applied
            data["applicant"], data["request_reference"] = rng.choice(applied[program])
        elif people and i % 2 == 0:
            data["applicant"] = people[rng.randrange(len(people))][1]
        else:
            data["contact_name"], data["contact_phone"] = WALK_INS[i % len(WALK_INS)]
        if clock is not None:
            clock.set(at_hour(on, 10) + dt.timedelta(minutes=11 * (i % 40)))
        enquiries.record_enquiry(ctx, EnquiryInput(**data), today=today)
        logged += 1
    return {"enquiries": logged}
