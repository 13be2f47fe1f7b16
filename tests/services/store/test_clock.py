"""The services write the time of the context's clock (``AppContext.clock``): the rows, the
request's steps and the audit entries all say when it happened, and the chain still verifies."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from sqlalchemy import select

from ajfar_desk.db.models import AuditEntry, StatusEvent
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.requests import requests
from ajfar_desk.services.users import audit

THEN = dt.datetime(2026, 10, 4, 7, 30, tzinfo=dt.UTC)


def _person(body: str) -> ApplicantInput:
    return ApplicantInput(
        national_id=make_national_id(1, body), first_name="سارة", father_name="علي",
        grandfather_name="حسن", family_name="اليامي", birth_date="1/1/1420", nationality="SA",
        gender="female", marital_status="single", phone="0551112222", city="الرياض",
        category="family", consent=True)


def test_what_a_clocked_context_writes_carries_its_time(ctx):
    ticks = iter(THEN + dt.timedelta(seconds=n) for n in range(10_000))
    past = replace(ctx, clock=lambda: next(ticks))
    person = applicants.register(past, _person("02345678"))
    draft = requests.create_request(past, person.id, ctx.profile.programs[0].code,
                                    ctx.profile.channels[0].code, on=THEN.date())
    with ctx.reading() as s:
        entries = list(s.scalars(select(AuditEntry).where(
            AuditEntry.entity_id.in_([str(person.id), str(draft.id)]))))
        events = list(s.scalars(select(StatusEvent).where(StatusEvent.request_id == draft.id)))
    assert entries and all(THEN <= e.at < THEN + dt.timedelta(hours=1) for e in entries)
    assert events and all(THEN <= e.at < THEN + dt.timedelta(hours=1) for e in events)
    # the context without a clock writes the real time, after the clocked one's entries
    applicants.register(ctx, _person("02345679"), confirm_similar=True)
    with ctx.reading() as s:
        last = s.scalar(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1))
    assert last.at > dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    assert audit.verify(ctx) == []
