"""The demo has a history a manager can try: requests made over the last weeks on working days,
a handful still waiting past their answer date, last month's figures beside this month's."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from ajfar_desk.db.casework import Decision, Meeting
from ajfar_desk.db.enquiries import Enquiry
from ajfar_desk.db.feedback import Complaint
from ajfar_desk.db.models import (
    Applicant,
    AuditEntry,
    DocumentCheck,
    IssuedDocument,
    StatusEvent,
    SupportRequest,
)
from ajfar_desk.domain import report as rp
from ajfar_desk.domain import requests as rules
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.demo.demo import fill_demo
from ajfar_desk.services.demo.demo_history import HISTORY_DAYS, WEEKEND
from ajfar_desk.services.reports import report
from ajfar_desk.services.reports.report import local_zone
from ajfar_desk.services.requests import lookup
from ajfar_desk.services.requests import requests as request_service
from ajfar_desk.services.users import audit


def test_a_handful_of_requests_wait_past_their_answer_date(ctx):
    today = dt.date.today()
    counts = fill_demo(ctx, 60, seed=3, today=today)
    late = lookup.overdue(ctx, today)
    assert 3 <= len(late) == counts["overdue"] <= 8
    assert all(line.overdue and line.status in wf.WAITING for line in late)
    assert len({line.days_late for line in late}) >= 3  # different ages, the longest late first
    assert [line.days_late for line in late] == sorted((line.days_late for line in late),
                                                       reverse=True)
    # the monthly report of this month counts them as the page lists them
    figures = {f.key: f.current for f in report.monthly(ctx, rp.YearMonth.of(today)).figures}
    assert figures["overdue_at_end"] == len(late)


def test_last_month_has_figures(ctx):
    today = dt.date.today()
    fill_demo(ctx, 60, seed=3, today=today)
    month = report.monthly(ctx, rp.YearMonth.of(today).previous())
    figures = {f.key: f.current for f in month.figures}
    assert figures["new_applicants"] > 0
    assert figures["requests_received"] > 0 and figures["requests_submitted"] > 0


def test_every_date_follows_the_one_before_and_none_is_ahead(ctx):
    today = dt.date.today()
    fill_demo(ctx, 60, seed=4, today=today)
    zone, now = local_zone(), dt.datetime.now(dt.UTC)
    with ctx.reading() as s:
        people = {a.id: a for a in s.scalars(select(Applicant))}
        requests = list(s.scalars(select(SupportRequest)))
        days = {r.created_at.astimezone(zone).date() for r in requests}
        assert min(days) < today - dt.timedelta(days=HISTORY_DAYS // 2)  # spread, not all today
        for r in requests:
            made = r.created_at.astimezone(zone).date()
            if made != today:  # all but the immediate services the demo gives today
                assert made.weekday() not in WEEKEND, (r.reference, made)
            assert people[r.applicant_id].created_at <= r.created_at <= now
            events = list(s.scalars(select(StatusEvent).where(StatusEvent.request_id == r.id)))
            assert all(r.created_at <= e.at <= now for e in events), r.reference
            if r.submitted_at is None:
                continue
            assert r.created_at <= r.submitted_at <= now
            assert all(e.at >= r.submitted_at for e in events if e.action not in ("", "submit"))
            submitted = r.submitted_at.astimezone(zone).date()
            period = request_service.answer_period(ctx.profile.program(r.program).kind)
            # the answer date the services give a request submitted that day
            assert r.answer_due == (None if period is None else rules.answer_due(submitted, period))
            checked = set(s.scalars(select(DocumentCheck.checked_on)
                                    .where(DocumentCheck.request_id == r.id)))
            assert checked <= {submitted}
            for paper in s.scalars(select(IssuedDocument).where(
                    IssuedDocument.request_id == r.id, IssuedDocument.kind == "declaration")):
                assert paper.created_at <= r.submitted_at
                assert paper.signed_at is None or paper.signed_at <= r.submitted_at


def test_the_audit_log_says_when_each_thing_happened(ctx):
    """Each entry carries the time of what it records (the visit, the meeting), not the moment
    the demo ran; the chain verifies all the same."""
    today = dt.date.today()
    fill_demo(ctx, 60, seed=3, today=today)
    assert audit.verify(ctx) == []
    zone, second = local_zone(), dt.timedelta(seconds=1)
    with ctx.reading() as s:
        def entries(action: str, entity_id: object) -> list[AuditEntry]:
            return list(s.scalars(select(AuditEntry).where(
                AuditEntry.action == action, AuditEntry.entity_id == str(entity_id))))

        for person in s.scalars(select(Applicant)):
            (made,) = entries("create", person.id)
            assert abs(made.at - person.created_at) < second
        submitted = list(s.scalars(select(SupportRequest)
                                   .where(SupportRequest.submitted_at.is_not(None))))
        for r in submitted:
            (entry,) = entries("submit", r.id)
            assert abs(entry.at - r.submitted_at) < second, r.reference
        meetings = list(s.scalars(select(Meeting)))
        assert len({m.held_on for m in meetings}) > 1
        for m in meetings:
            decided = entries("decide", m.id)
            assert decided and {e.at.astimezone(zone).date() for e in decided} == {m.held_on}
            for d in s.scalars(select(Decision).where(Decision.meeting_id == m.id)):
                steps = s.scalars(select(StatusEvent.at).where(
                    StatusEvent.request_id == d.request_id,
                    StatusEvent.action.in_([wf.APPROVE, wf.REJECT, wf.REQUEST_MORE_INFO,
                                            wf.DEFER])))
                assert m.held_on in {at.astimezone(zone).date() for at in steps}
        # the complaints and the enquiries, recorded on the day they came
        received = [*s.scalars(select(Complaint)), *s.scalars(select(Enquiry))]
        assert received
        for row in received:
            entity = "complaint" if isinstance(row, Complaint) else "enquiry"
            (recorded,) = [e for e in entries("record", row.id) if e.entity == entity]
            assert recorded.at.astimezone(zone).date() == row.received_on, row.number
    # last month's report has the committee's work of last month
    month = rp.YearMonth.of(today).previous()
    figures = {f.key: f.current for f in report.monthly(ctx, month).figures}
    held = [m for m in meetings if month.first_day <= m.held_on < rp.YearMonth.of(today).first_day]
    assert held and figures["decisions"] > 0


def _local_day(at: dt.datetime) -> dt.date:
    return (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone(local_zone()).date()


def test_surveys_and_immediate_services_are_dated_in_the_past_like_the_rest(store):
    """The surveys fall on days of the last ten, not before their request, the immediate services
    are delivered at the applicant's visit: over the weeks the demo covers, not all today."""
    from ajfar_desk.db.casework import ServiceDelivery
    from ajfar_desk.db.feedback import SurveyResponse
    from ajfar_desk.services.users import setup

    ctx = setup.init_store(store, "alhuda", None, "admin", "password123")
    today = dt.date.today()
    fill_demo(ctx, 60, seed=2, today=today)
    with ctx.reading() as s:
        surveyed = s.execute(select(SurveyResponse.taken_on, SurveyResponse.created_at,
                                    SupportRequest.created_at)
                             .join(SupportRequest, SupportRequest.id == SurveyResponse.request_id)).all()
        immediate = [p.code for p in ctx.profile.programs if p.kind.immediate]
        served = s.execute(select(ServiceDelivery.delivered_on, ServiceDelivery.created_at,
                                  Applicant.created_at)
                           .join(SupportRequest, SupportRequest.id == ServiceDelivery.request_id)
                           .join(Applicant, Applicant.id == SupportRequest.applicant_id)
                           .where(SupportRequest.program.in_(immediate))).all()
    assert len(surveyed) >= 3 and len(served) >= 3
    for taken_on, written, requested in surveyed:
        assert _local_day(requested) <= taken_on <= today
        assert _local_day(written) == taken_on  # written on the day it says
    assert len({taken_on for taken_on, _w, _r in surveyed}) >= 3
    assert any(taken_on < today for taken_on, _w, _r in surveyed)
    for delivered_on, written, registered in served:
        assert delivered_on == _local_day(registered) == _local_day(written) < today
