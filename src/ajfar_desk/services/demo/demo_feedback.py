"""Demonstration satisfaction surveys and complaints, so the dashboard, the complaints page and
the monthly report have something to show in a demo store.  Written through the services."""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import func, select

from ...db.models import StatusEvent, SupportRequest
from ...domain import feedback
from ..feedback import complaints, surveys
from ..reports.report import local_zone
from ..store.context import AppContext
from .demo_history import DemoClock, at_hour

SUBJECTS = (
    ("delay", "تأخر الرد على الطلب", "Late answer to my request"),
    ("staff_conduct", "أسلوب التعامل في الاستقبال", "Manner at the reception"),
    ("service_quality", "نقص في السلة الغذائية", "Items missing from the food basket"),
    ("improvement", "مواعيد مسائية للاستقبال", "Evening opening hours"),
    ("decision", "الاعتراض على قرار الرفض", "Objection to a rejection"),
)
NAMES = ("سعيد القحطاني", "منى الشهري", "فهد العتيبي", "هيا الدوسري", "ناصر الغامدي")


def fill_feedback(ctx: AppContext, applicants: int, seed: int = 1, today: dt.date | None = None,
                  clock: DemoClock | None = None) -> dict:
    """About one survey per ten applicants (on their requests, each on a day of the last ten,
    not before its request's last step) and one complaint or suggestion per thirty, received over the last
    six weeks, some resolved, some past their deadline.  ``clock``: the context's
    (``demo_history.DemoClock``), set to each survey's and complaint's day."""
    today = today or dt.date.today()

    def at(moment: dt.datetime) -> None:
        if clock is not None:
            clock.set(moment)

    rng, later = random.Random(seed), random.Random(seed * 31 + 7)  # later: the surveys' days
    with ctx.reading() as s:
        requests = list(s.scalars(select(SupportRequest.id).order_by(SupportRequest.reference).limit(500)))
        last_step = dict(s.execute(select(StatusEvent.request_id, func.max(StatusEvent.at))
                                   .where(StatusEvent.request_id.in_(requests))
                                   .group_by(StatusEvent.request_id)).all())  # the timeline's
    survey = ctx.profile.survey() if ctx.profile.surveys else None
    scale = survey.scale_questions if survey else ()
    taken = 0
    for request_id in rng.sample(requests, min(len(requests), max(3, applicants // 10))) if survey else ():
        answers: dict[str, object] = {
            q.code: rng.choices((5, 4, 3, 2), weights=(5, 4, 2, 1))[0]
            for q in scale
        }
        mode = rng.choice((feedback.DESK, feedback.PHONE))
        stepped = last_step[request_id]
        stepped = stepped if stepped.tzinfo else stepped.replace(tzinfo=dt.UTC)
        # a day of the last ten (the periodic measurement's), never before the request's last step
        on = min(today, max(stepped.astimezone(local_zone()).date(),
                            today - dt.timedelta(days=later.randint(0, 9))))
        at(max(stepped + dt.timedelta(minutes=30), at_hour(on, 10) + dt.timedelta(minutes=later.randint(0, 360))))
        surveys.record_survey(ctx, surveys.SurveyInput(request_id, mode, answers), today=on)
        taken += 1
    received = 0
    categories = {c.code for c in ctx.profile.complaints.categories}
    channels = [c.code for c in ctx.profile.channels]
    for i in range(max(2, applicants // 30)):
        category, subject_ar, _subject_en = SUBJECTS[i % len(SUBJECTS)]
        if category not in categories:
            continue
        anonymous = i % 4 == 3
        kind = complaints.SUGGESTION if category == "improvement" else complaints.COMPLAINT
        on = today - dt.timedelta(days=rng.randint(0, 40))
        at(at_hour(on, 9, 30) + dt.timedelta(minutes=7 * (i % 60)))
        c = complaints.record_complaint(ctx, complaints.ComplaintInput(
            kind, rng.choice(channels), category, subject_ar, anonymous=anonymous,
            contact_name="" if anonymous else NAMES[i % len(NAMES)],
        ), today=on)
        if rng.random() < 0.5:
            done = min(today, on + dt.timedelta(days=rng.randint(1, 9)))
            at(at_hour(done, 13) + dt.timedelta(minutes=7 * (i % 60)))
            complaints.resolve(
                ctx, c.id, "تم التواصل ومعالجة الملاحظة", "anonymous" if anonymous else "phone",
                None if anonymous else rng.randint(3, 5), resolved_on=done.isoformat(), today=today,
            )
        received += 1
    at(at_hour(today, 23, 59))
    complaints.escalate_overdue(ctx, today)
    return {"surveys": taken, "complaints": received}
