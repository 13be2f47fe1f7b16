"""The demo's history: its applicants came to the desk over the last weeks, not all today, and
everything it writes carries the time it happened.

``DemoClock`` is the clock the demo's context runs on (``AppContext.clock``): the services write
the rows, the steps and the audit entries at the time it is set to, as they would have been
written that day; the audit chain is appended in the usual way and verifies as any other.

``Calendar`` gives each applicant a visit as its plan is written: a working day (Sunday to
Thursday, as Saudi offices work) within ``HISTORY_DAYS`` before ``today``, never later than
yesterday, at an office hour.  What the casework will do with its requests (``demo_casework``
decides it from the plan) decides the day: ``OVERDUE`` applicants with a request left waiting came
long enough ago that its answer date has passed (each a few days further back, so the Overdue
page shows different ages); the others left waiting came within the last ``RECENT_DAYS`` (their
answer date is still ahead); those whose requests the committee decides came at least
``WALK_DAYS`` ago (decided, delivered and closed since), an appeal decided ``APPEAL_DAYS``; everyone else anywhere in the history,
one in three last month, so last month has figures too.  The committee meets every
``MEETING_EVERY`` days, today included (``meeting_days``).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterable

from ...domain import requests as rules
from ..reports.report import local_zone
from ..requests import requests as request_service
from ..store.context import AppContext

HISTORY_DAYS = 80  # how far back the demo's visits go
RECENT_DAYS = 11  # the waiting ones not yet late came at most this long ago (< two weeks)
OVERDUE = 5  # applicants whose waiting request is past its answer date
WALK_DAYS = 12  # the committee's cases came at least this long ago
APPEAL_DAYS = 40  # an appeal decided: rejected, appealed, decided at the meeting after
MEETING_EVERY = 14  # days between the committee's meetings
WEEKEND = (4, 5)  # Friday, Saturday
STEP = dt.timedelta(microseconds=1)


class DemoClock:
    """The time the demo writes: the moment ``set`` for the step at hand, a microsecond further
    at each reading (the entries of one step keep their order), never past ``limit``."""

    def __init__(self, limit: dt.datetime) -> None:
        self.limit = limit
        self._at: dt.datetime | None = None

    def set(self, at: dt.datetime) -> None:
        self._at = min(at, self.limit)

    def __call__(self) -> dt.datetime:
        if self._at is None:
            return dt.datetime.now(dt.UTC)
        at, self._at = self._at, self._at + STEP
        return at


def working(day: dt.date) -> dt.date:
    """``day``, or the working day before it when it is a weekend."""
    while day.weekday() in WEEKEND:
        day -= dt.timedelta(days=1)
    return day


def visit_day(today: dt.date, days_back: int) -> dt.date:
    """``days_back`` days before ``today``, or the working day before it when that is a weekend."""
    return working(today - dt.timedelta(days=max(1, days_back)))


def next_workday(day: dt.date, n: int = 1) -> dt.date:
    for _ in range(n):
        day += dt.timedelta(days=1)
        while day.weekday() in WEEKEND:
            day += dt.timedelta(days=1)
    return day


def meeting_days(today: dt.date) -> list[dt.date]:
    """The committee's meetings over the history, oldest first, the last today."""
    days = {working(today - dt.timedelta(days=back))
            for back in range(0, HISTORY_DAYS + MEETING_EVERY, MEETING_EVERY)}
    return sorted(d for d in days if d == today or d < today)


def at_hour(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), local_zone())


class Calendar:
    """Each applicant's visit, drawn as the plans are written (see the module's note)."""

    def __init__(self, ctx: AppContext, today: dt.date, seed: int) -> None:
        self.ctx, self.today = ctx, today
        self.rng = random.Random(seed * 104729 + 3)
        self.workdays = [d for back in range(1, HISTORY_DAYS + 1)
                         if (d := today - dt.timedelta(days=back)).weekday() not in WEEKEND]
        self.recent = [d for d in self.workdays if (today - d).days <= RECENT_DAYS]
        self.old = [d for d in self.workdays if (today - d).days >= WALK_DAYS] or self.workdays
        first = today.replace(day=1)
        start = (first - dt.timedelta(days=1)).replace(day=1)
        # empty on the 1st (yesterday was last month)
        self.this_month = [d for d in self.workdays if d >= first] or self.workdays
        self.last_month = [d for d in self.workdays if start <= d < first]
        self.recent_this_month = [d for d in self.recent if d >= first] or self.recent
        self.late = self.others = self.waiting = 0
        self.received_this_month = False  # a request made this month yet

    def visit(self, requests: Iterable[tuple[str, bool, bool, int]]) -> dt.datetime:
        """The visit of an applicant whose plan makes ``requests`` (program, submitted, whether
        the casework leaves it waiting, and the days its steps take at least)."""
        periods, walks, made, oldest = [], False, False, WALK_DAYS
        for program, submitted, waiting, days in requests:
            made = True
            if not submitted:
                continue
            period = request_service.answer_period(self.ctx.profile.program(program).kind)
            if waiting:
                if period is not None:
                    periods.append((rules.answer_due(self.today, period) - self.today).days)
            else:
                walks, oldest = True, max(oldest, days)
        rng = self.rng
        if periods and self.late < OVERDUE:  # late by 2 to 4 days, then some 4 days more each
            day = visit_day(self.today, max(periods) + 2 + 4 * self.late + rng.randint(0, 2))
            self.late += 1
        elif periods:  # one in two this month (when it has had working days of the recent)
            self.waiting += 1
            first = not self.received_this_month
            day = rng.choice(self.recent_this_month if first or self.waiting % 2 else self.recent)
        elif walks:  # one in two last month, the others anywhere long enough ago
            self.others += 1
            old = [d for d in self.old if (self.today - d).days >= oldest] or self.old
            old_last_month = [d for d in self.last_month if d in old] or old
            day = rng.choice((old_last_month, old)[self.others % 2])
        else:  # one in three last month, one in three this month (the first with a request)
            self.others += 1
            first = made and not self.received_this_month
            day = rng.choice(self.this_month if first else (
                self.last_month or self.workdays, self.this_month, self.workdays)[self.others % 3])
        if made and day >= self.today.replace(day=1):
            self.received_this_month = True
        return at_hour(day, 8) + dt.timedelta(minutes=rng.randint(0, 360))
