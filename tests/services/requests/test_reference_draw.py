"""Reference numbers at head office are drawn without holding the counter's row to the commit:
a desk between its draw and its commit holds no other desk up, a rolled-back request gives its
number back when nobody drew after it, and no number is ever given twice."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import ReferenceCounter
from ajfar_desk.domain.dates import gregorian_to_hijri
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.context import AppContext

DAY = dt.date(2031, 3, 1)


def person(nid: str) -> ApplicantInput:
    return ApplicantInput(
        national_id=nid, first_name="سالم", father_name="محمد", grandfather_name="سعد",
        family_name="الدوسري", birth_date="1990-01-01", nationality="SA", gender="male",
        marital_status="married", phone="0501234567", city="الأجفر", district="الشفا",
        monthly_income="3000", category="family", consent=True)


def desk(ctx: AppContext) -> AppContext:
    return AppContext(ctx.store, ctx.profile, ctx.branch, ctx.user)


def number(reference: str) -> int:
    return int(reference.rsplit("-", 1)[1])


def counter(ctx: AppContext) -> int | None:
    with ctx.reading() as s:
        return s.scalar(select(ReferenceCounter.last).where(
            ReferenceCounter.year == gregorian_to_hijri(DAY)[0]))


class Paused:
    """A desk whose ``create_request`` stops after drawing its number (at its audit entry, in
    its open transaction) until released, then goes on or fails."""

    def __init__(self, ctx: AppContext, fail: bool = False) -> None:
        self.ctx, self.fail = desk(ctx), fail
        self.drawn: str | None = None
        self.there, self.go = threading.Event(), threading.Event()
        audit = self.ctx.audit

        def paused_audit(s, action, entity, entity_id="", **details):
            if action == "create" and entity == "request":
                self.drawn = details["reference"]
                self.there.set()
                assert self.go.wait(30)
                if self.fail:
                    raise RuntimeError("the desk failed after its draw")
            audit(s, action, entity, entity_id, **details)

        self.ctx.audit = paused_audit  # type: ignore[method-assign]

    def start(self, applicant_id) -> threading.Thread:
        def run():
            try:
                self.result = requests.create_request(self.ctx, applicant_id, *self.args, on=DAY)
            except RuntimeError as exc:
                self.result = exc

        program, channel = self.ctx.profile.programs[0].code, self.ctx.profile.channels[0].code
        self.args = (program, channel)
        thread = threading.Thread(target=run)
        thread.start()
        assert self.there.wait(30)
        return thread


def create(ctx: AppContext, applicant_id):
    return requests.create_request(ctx, applicant_id, ctx.profile.programs[0].code,
                                   ctx.profile.channels[0].code, on=DAY)


def at_head_office(ctx: AppContext) -> None:
    if ctx.store.engine.dialect.name != "postgresql":
        pytest.skip("a laptop's SQLite has one writer at a time: its draw stays in the transaction")


def test_a_desk_between_its_draw_and_its_commit_holds_no_other_desk_up(ctx):
    at_head_office(ctx)
    a = applicants.register(ctx, person(make_national_id(1, "30000001")))
    first = Paused(ctx)
    paused = first.start(a.id)
    done: list = []
    other = threading.Thread(target=lambda: done.append(create(desk(ctx), a.id)))
    other.start()
    other.join(10)  # the counter's row held to the first desk's commit: it would wait here
    free = bool(done)
    first.go.set()
    paused.join(30)
    other.join(30)
    assert free, "the second desk waited for the first desk's commit"
    assert number(first.result.reference) == 1 and number(done[0].reference) == 2
    assert counter(ctx) == 2


def test_a_rolled_back_request_gives_its_number_back(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "30000002")))
    create(ctx, a.id)
    failing = Paused(ctx, fail=True)
    failing.go.set()
    failing.start(a.id).join(30)
    assert isinstance(failing.result, RuntimeError) and number(failing.drawn) == 2
    assert counter(ctx) == 1
    assert number(create(ctx, a.id).reference) == 2  # no gap


def test_a_number_drawn_before_another_desks_stays_drawn(ctx):
    """Desk A draws, desk B draws after it and commits, then A fails: A's number cannot be given
    back (B's is the year's last), so it is left as a gap; no number is ever given twice."""
    at_head_office(ctx)
    a = applicants.register(ctx, person(make_national_id(1, "30000003")))
    failing = Paused(ctx, fail=True)
    paused = failing.start(a.id)
    after = create(desk(ctx), a.id)
    failing.go.set()
    paused.join(30)
    assert isinstance(failing.result, RuntimeError)
    assert (number(failing.drawn), number(after.reference)) == (1, 2)
    assert counter(ctx) == 2
    assert number(create(ctx, a.id).reference) == 3
    with ctx.reading() as s:
        from ajfar_desk.db.models import SupportRequest

        refs = s.scalars(select(SupportRequest.reference)).all()
    assert sorted(number(r) for r in refs) == [2, 3]


def test_the_draw_keeps_its_connection_and_the_store_closes_it(ctx):
    """At head office the draw runs on a connection of its own kept from one draw to the next
    (taking one from the pool and switching it to autocommit at every draw cost a tenth of a
    desk's ``create_request``): a request takes one connection from the pool, its
    transaction's; the kept one is closed when the store's engine is disposed, and a broken one
    is made again."""
    from sqlalchemy import event

    at_head_office(ctx)
    a = applicants.register(ctx, person(make_national_id(1, "30000004")))
    create(ctx, a.id)  # the draw's connection made
    engine = ctx.store.engine
    taken: list[int] = []
    made: list[int] = []
    event.listen(engine, "checkout", lambda *_a: taken.append(1))
    event.listen(engine, "connect", lambda *_a: made.append(1))
    first = create(ctx, a.id)
    second = create(ctx, a.id)
    assert (number(first.reference), number(second.reference)) == (2, 3)
    assert len(taken) == 2 and not made  # one each, the transaction's
    from ajfar_desk.services.requests import reference_counter

    drawer = getattr(engine, reference_counter._DRAWER)
    kept = drawer.conn
    assert kept is not None and not kept.closed
    kept.invalidate()  # the server dropped it: the next draw makes another
    assert number(create(ctx, a.id).reference) == 4 and drawer.conn is not kept
    engine.dispose()
    assert drawer.conn is None
    assert number(create(ctx, a.id).reference) == 5  # drawn anew after the dispose
    assert counter(ctx) == 5
