"""The demo walks requests through the whole journey by the services: decisions, deliveries,
surveys and closings in every association, so the monthly report has real figures at once."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ajfar_desk.db.casework import Appeal, Decision, Meeting, ServiceDelivery
from ajfar_desk.db.models import StatusEvent, SupportRequest, User
from ajfar_desk.domain import report as rp
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.demo.demo import fill_demo
from ajfar_desk.services.demo.demo_casework import CHAIR, DEMO_MEMBER
from ajfar_desk.services.reports import report
from ajfar_desk.services.users import setup


def _statuses(ctx) -> dict[str, int]:
    with ctx.reading() as s:
        return dict(s.execute(
            select(SupportRequest.status, func.count()).group_by(SupportRequest.status)).all())


def test_every_state_of_the_journey_and_the_month_s_figures(ctx):
    today = dt.date.today()
    counts = fill_demo(ctx, 70, seed=3, today=today)
    stored = _statuses(ctx)
    assert set(stored) == set(wf.STATES)  # every state, none left out
    assert {k: counts[k] for k in wf.STATES} == stored
    with ctx.reading() as s:
        decisions = dict(s.execute(
            select(Decision.outcome, func.count()).group_by(Decision.outcome)).all())
        assert set(decisions) == {"approve", "reject", "more_info", "defer"}
        assert sum(decisions.values()) == counts["decisions"]
        assert s.scalar(select(func.count()).select_from(ServiceDelivery)) == counts["deliveries"]
        meetings = list(s.scalars(select(Meeting).order_by(Meeting.held_on)))
        assert len(meetings) >= 3 and all(m.status == "closed" for m in meetings)
        assert all(m.held_on <= today for m in meetings)
        # numbered in the order they were held (within the Hijri year)
        numbers = [(m.hijri_year, m.number) for m in meetings]
        assert numbers == sorted(numbers) and len(set(numbers)) == len(numbers)
        # chaired by a demo member named as a person (its minutes print a chair's line)
        assert {m.chair for m in meetings} == {CHAIR} and CHAIR == "أ. عبدالله بن سعد الدوسري"
        # an appeal decided at the meeting after the rejection, another on the next agenda
        lodged = list(s.scalars(select(Appeal)))
        assert any(a.outcome for a in lodged) and any(not a.outcome for a in lodged)
        member = s.scalar(select(User).where(User.username == DEMO_MEMBER[0]))
        assert member.role == "committee" and member.active
        deciders = set(s.scalars(select(StatusEvent.user_id).where(
            StatusEvent.action.in_([wf.APPROVE, wf.REJECT, wf.REQUEST_MORE_INFO, wf.DEFER]))))
        assert deciders == {member.id}  # decided by the committee member, not the administrator
        # the member cannot sign in with a password anyone knows
        with pytest.raises(Exception, match="password"):
            setup.sign_in(ctx, DEMO_MEMBER[0], "demo-password")

    # the decisions, deliveries and surveys fall in the months they were made: the two months
    # the demo covers hold them all, and last month has decisions of its own
    months = [report.monthly(ctx, rp.YearMonth.of(today).previous()),
              report.monthly(ctx, rp.YearMonth.of(today))]
    figures = [{f.key: f.current for f in month.figures} for month in months]
    with ctx.reading() as s:
        before = s.scalar(select(func.count()).select_from(Decision).join(Meeting).where(
            Meeting.held_on < rp.YearMonth.of(today).previous().first_day))
    assert sum(f["decisions"] for f in figures) + before == counts["decisions"]
    last = figures[0]
    assert last["decisions"] > 0 and last["approved"] > 0 and last["rejected"] > 0
    assert last["services_delivered"] > 0 and last["amount_delivered"] > 0
    assert sum(f["survey_responses"] for f in figures) <= counts["surveys"]
    assert max(f["survey_responses"] for f in figures) > 0


@pytest.mark.parametrize("association", ["baraa", "alhuda", "aman", "najran"])
def test_each_association_s_demo_decides_delivers_and_closes(store, association):
    ctx = setup.init_store(store, association, None, "admin", "password123")
    # Aman's files are mostly trainees (accepted at the desk): more of them to reach its committee
    counts = fill_demo(ctx, 60 if association == "aman" else 30, seed=1)
    stored = _statuses(ctx)
    assert counts["decisions"] > 0 and counts["deliveries"] > 0
    for state in (wf.APPROVED, wf.REJECTED, wf.DELIVERED, wf.CLOSED, wf.MORE_INFO):
        assert stored.get(state, 0) == counts[state] > 0, state


def test_a_second_demo_on_a_filled_store_counts_only_what_it_did(ctx):
    """The summary counts the demo's own requests by the state it left them in: never a move
    taken by an earlier run (or a desk), so never a negative figure."""
    today = dt.date.today()
    first = fill_demo(ctx, 40, seed=3, today=today)
    before = _statuses(ctx)
    second = fill_demo(ctx, 12, seed=8, today=today)
    after = _statuses(ctx)
    moves = {k: second[k] for k in wf.STATES}
    assert all(n >= 0 for n in moves.values()), moves
    assert sum(moves.values()) == second["requests"]  # each of its requests in one state
    # the earlier run's requests stand where they were: the store grew by the second run's
    assert {k: after.get(k, 0) - before.get(k, 0) for k in wf.STATES} == moves
    assert sum(before.values()) == first["requests"]
