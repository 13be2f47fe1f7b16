"""Demonstration casework: part of the submitted demo requests walk on to the social researcher,
the committee (approved, rejected, more information, deferred), the delivery, the survey, the
closing and an appeal, through the same services as at the desk, each step on its own day, so
the dashboard, the committee's pages and the monthly reports of this month and the last show
real figures on first run.

``Chooser`` decides, as the plans are written, where each submitted request ends (``ENDINGS`` in
turn; the calendar dates the visit from it); ``fill_casework`` then writes the steps in the order
of their days on the demo's clock: the referral and the sending to the committee the working days
after the visit, the decision at the committee's next meeting (``demo_history.meeting_days``: a
numbered meeting every two weeks, today's the last), the delivery, the survey and the closing in
the days after it, the appeal of a rejection, decided at the meeting after.  A step that would
fall after today is not taken: its request stands where the steps before left it.

Decisions are taken by a committee member's account (the store's first active one, else a demo
account ``committee.demo`` with a random password an administrator can reset), each meeting
chaired by the first of the demo's named members (``CHAIR``: its minutes and letters name a
person, not an account's label) and closed the same day.  At most ``MAX_JOURNEYS`` requests of
each kind walk on, so the demo stays fast.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from sqlalchemy import select

from ...db.models import SupportRequest, User
from ...domain import feedback, permissions
from ...domain import workflow as wf
from ..committee import committee
from ..feedback import surveys
from ..requests import appeals, casework, delivery
from ..store.context import AppContext, UserInfo
from ..users import users
from .demo_history import DemoClock, at_hour, meeting_days, next_workday

MAX_JOURNEYS = 60
SHARE = 0.5  # of the submitted requests
# a person's name: the minutes print it beside the role («أ. خالد … (عضو لجنة البحث)»)
DEMO_MEMBER = ("committee.demo", "أ. خالد بن ناصر العمري")
OTHER_MEMBERS = ("أ. عبدالله بن سعد الدوسري", "أ. هيفاء بنت محمد الشهري")
CHAIR = OTHER_MEMBERS[0]  # chairs the demo's meetings
AMOUNTS = ("500", "750", "1000", "1250.50", "1500", "2000")
# Where each journey ends, in turn (index modulo the length): the first five already show every
# state the report counts, so a small demo has them too.
ENDINGS = (
    "closed_after_delivery", "rejected", "more_info", "approved", "delivered_with_survey",
    "appeal_decided", "deferred", "with_researcher", "rejected_closed", "awaiting_committee",
    "appealed", "delivered", "cancelled", "closed_after_delivery",
)
# where a request still waits for an answer (the calendar dates its visit recent, or late)
WAITING_ENDINGS = frozenset({"more_info", "deferred", "with_researcher", "awaiting_committee"})
DESK_ENDINGS = ("desk_delivered", "desk_closed", "desk_accepted")  # accepted at the desk
REASONS = {
    wf.REJECT: "لا تنطبق شروط البرنامج على الحالة",
    wf.REQUEST_MORE_INFO: "إرفاق كشف حساب بنكي لآخر ثلاثة أشهر",
    wf.DEFER: "بانتظار تقرير البحث الاجتماعي",
    wf.CANCEL: "طلب المستفيد إلغاء الطلب",
}



class Chooser:
    """Where the casework takes each submitted request, decided in the order they are written:
    of the programs accepted at the desk every other one; of the committee's the first stays
    submitted, the next ``len(ENDINGS)`` walk on, then every other one; at most
    ``MAX_JOURNEYS`` of each."""

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.desk = self.board = self.walked = 0

    def ending(self, program: str) -> str | None:
        if not self.ctx.profile.program(program).kind.committee:
            index, self.desk = self.desk, self.desk + 1
            if index % 2 or index >= 2 * MAX_JOURNEYS:
                return None
            return DESK_ENDINGS[index // 2 % len(DESK_ENDINGS)]
        index, self.board = self.board, self.board + 1
        if not index or (index > len(ENDINGS) and index % 2) or self.walked >= MAX_JOURNEYS:
            return None  # the first stays submitted: every demo has one
        self.walked += 1
        return ENDINGS[(self.walked - 1) % len(ENDINGS)]


@dataclass(frozen=True)
class Journey:
    request_id: uuid.UUID
    program: str
    ending: str
    submitted: dt.datetime


Step = tuple[dt.datetime, int, Callable[[], object]]


def fill_casework(ctx: AppContext, clock: DemoClock, today: dt.date,
                  journeys: list[Journey]) -> Counter:
    """Write the steps of ``journeys`` (the requests this run submitted that walk on, ``ctx``
    running on ``clock``) in the order of their days; returns the meetings, decisions,
    deliveries, surveys and appeals written."""
    counts: Counter[str] = Counter()
    if not journeys:
        return counts
    clock.set(min(j.submitted for j in journeys))  # the committee's account before its work
    member = _committee_member(ctx)
    board = replace(ctx, user=member) if member is not None else None
    plan = _Plan(ctx, board, today, counts)
    for index, journey in enumerate(journeys):
        plan.add(index, journey)
    plan.hold_meetings()
    # a step after today is not taken (nor its request's later ones, later still)
    tomorrow = dt.datetime.combine(today + dt.timedelta(days=1), dt.time(0), plan.zone)
    for at, _order, step in sorted(plan.steps, key=lambda s: (s[0], s[1])):
        if at < tomorrow:
            clock.set(at)
            step()
    return counts


class _Plan:
    def __init__(self, ctx: AppContext, board: AppContext | None, today: dt.date,
                 counts: Counter) -> None:
        from ..reports.report import local_zone

        self.ctx, self.board, self.today, self.counts = ctx, board, today, counts
        self.zone = local_zone()
        self.meetings = [at_hour(day, 10) for day in meeting_days(today)]
        self.agenda: dict[dt.datetime, list[tuple[uuid.UUID, str, str, str, str]]] = {}
        self.held: dict[dt.datetime, uuid.UUID] = {}
        self.steps: list[Step] = []
        self.rejections = 0

    def at(self, at: dt.datetime, step: Callable[[], object]) -> None:
        self.steps.append((at, len(self.steps), step))

    def act(self, at: dt.datetime, request_id: uuid.UUID, action: str, reason: str = "") -> None:
        self.at(at, lambda: casework.act(self.ctx, request_id, action, reason))

    def meeting_after(self, at: dt.datetime) -> dt.datetime | None:
        return next((m for m in self.meetings if m > at), None)

    def add(self, index: int, j: Journey) -> None:
        day = j.submitted.astimezone(self.zone).date()
        ctx, rid = self.ctx, j.request_id
        service = ctx.profile.program(j.program).name("ar")
        if j.ending in DESK_ENDINGS:
            self.act(at_hour(next_workday(day), 9, 30), rid, wf.ACCEPT)
            if j.ending != "desk_accepted":
                self.deliver(at_hour(next_workday(day, 3), 11), rid, service, "", index,
                             j.ending == "desk_closed", survey=False)
            return
        if j.ending == "cancelled":
            self.act(at_hour(next_workday(day, 2), 10), rid, wf.CANCEL, REASONS[wf.CANCEL])
            return
        manager = permissions.workflow_role(ctx.role) == wf.MANAGER  # may act as the researcher
        referred = j.ending == "with_researcher" or (manager and index % 3 == 0)
        if referred:
            self.act(at_hour(next_workday(day), 9), rid, wf.REFER_TO_RESEARCHER)
            if j.ending == "with_researcher":
                return
        forwarded = at_hour(next_workday(day, 3 if referred else 1), 9, 30)
        self.act(forwarded, rid, wf.FORWARD_TO_COMMITTEE)
        meeting = self.meeting_after(forwarded)
        if j.ending == "awaiting_committee" or meeting is None or self.board is None:
            return
        outcome = {"rejected": "reject", "rejected_closed": "reject", "appealed": "reject",
                   "appeal_decided": "reject", "more_info": "more_info",
                   "deferred": "defer"}.get(j.ending, "approve")
        amount = AMOUNTS[index % len(AMOUNTS)] if outcome == "approve" else ""
        reason = REASONS.get(committee.OUTCOMES[outcome], "")
        self.agenda.setdefault(meeting, []).append(
            (rid, outcome, service if outcome == "approve" else "", amount, reason))
        day = meeting.date()
        if j.ending in ("appealed", "appeal_decided"):
            self.appeal(at_hour(next_workday(day, 3), 10), rid, self.rejections,
                        decided=j.ending == "appeal_decided")
            self.rejections += 1
        elif j.ending == "rejected_closed":
            self.act(at_hour(next_workday(day, 3), 12), rid, wf.CLOSE)
        elif j.ending in ("delivered_with_survey", "closed_after_delivery", "delivered"):
            at = at_hour(next_workday(day, 2), 11)
            if at.date() > self.today:  # decided at today's meeting: served the same day, so
                at = at_hour(self.today, 11)  # every demo, whatever its weekday, has a delivery
            self.deliver(at, rid, service, amount, index,
                         j.ending == "closed_after_delivery", survey=j.ending != "delivered")

    def deliver(self, at: dt.datetime, request_id: uuid.UUID, service: str, amount: str,
                index: int, close: bool, survey: bool) -> None:
        day, ctx = at.date(), self.ctx

        def delivered() -> None:
            delivery.record_delivery(ctx, request_id, delivery.DeliveryInput(
                service, amount=amount, recipient_name="", acknowledged=True), today=day)
            self.counts["deliveries"] += 1

        self.at(at, delivered)
        if survey and ctx.profile.surveys:
            questions = ctx.profile.survey().scale_questions
            answers: dict[str, object] = {
                q.code: (5, 4, 5, 3, 4)[(index + n) % 5] for n, q in enumerate(questions)}

            def surveyed() -> None:
                surveys.record_survey(
                    ctx, surveys.SurveyInput(request_id, feedback.DESK, answers), today=day)
                self.counts["surveys"] += 1

            self.at(at + dt.timedelta(minutes=10), surveyed)
        if close:
            self.act(at_hour(next_workday(day, 2), 12), request_id, wf.CLOSE)

    def appeal(self, at: dt.datetime, request_id: uuid.UUID, number: int, decided: bool) -> None:
        """Lodged three working days after the rejection; ``decided`` at the meeting after (the
        others stand on the next agenda)."""
        def lodged() -> None:
            appeals.lodge(self.ctx, request_id, GROUNDS[number % len(GROUNDS)], on=at.date())
            self.counts["appeals"] += 1

        self.at(at, lodged)
        meeting = self.meeting_after(at)
        if decided and meeting is not None:
            self.agenda.setdefault(meeting, []).append(
                (request_id, "approve", "", "", ""))

    def hold_meetings(self) -> None:
        """Each meeting with cases on its agenda: opened, its decisions, closed."""
        board = self.board
        if board is None:
            return
        assert board.user is not None
        members = [board.user.full_name or board.user.username, *OTHER_MEMBERS]
        for start, cases in self.agenda.items():
            def opened(start: dt.datetime = start) -> None:
                meeting = committee.create_meeting(board, start.astimezone(self.zone).date(),
                                                   members, chair=CHAIR)
                self.held[start] = meeting.id
                self.counts["meetings"] += 1

            self.at(start, opened)
            for n, (rid, outcome, service, amount, reason) in enumerate(cases):
                self.at(start + dt.timedelta(minutes=5 + 3 * n),
                        self._decision(start, rid, outcome, service, amount, reason))

            def closed(start: dt.datetime = start) -> None:
                committee.close_meeting(board, self.held[start])

            self.at(start + dt.timedelta(hours=2, minutes=30), closed)

    def _decision(self, start: dt.datetime, rid: uuid.UUID, outcome: str, service: str,
                  amount: str, reason: str) -> Callable[[], None]:
        board = self.board
        assert board is not None

        def decided() -> None:
            if not service and outcome == "approve":  # an appeal accepted: the program's service
                program = self._program(rid)
                chosen = board.profile.program(program).name("ar")
            else:
                chosen = service
            committee.decide(board, self.held[start], rid, outcome, service=chosen,
                             amount=amount, reason=reason)
            self.counts["decisions"] += 1

        return decided

    def _program(self, request_id: uuid.UUID) -> str:
        with self.ctx.reading() as s:
            return s.scalars(select(SupportRequest.program)
                             .where(SupportRequest.id == request_id)).one()


# an appeal's grounds, said of no one's gender (the demo's appellants are men and women)
GROUNDS = (
    "قُدِّم تعريف بالراتب بعد الانقطاع عن العمل، مع طلب إعادة النظر في القرار.",
    "تغيّرت حالة الأسرة بوفاة العائل، وأُرفق ما يثبت ذلك.",
)


def _committee_member(ctx: AppContext) -> UserInfo | None:
    """The store's first active committee member, else a new demo account for one."""
    with ctx.reading() as s:
        row = s.scalar(
            select(User).where(User.role == permissions.COMMITTEE, User.active.is_(True))
            .order_by(User.created_at).limit(1)
        )
        if row is not None:
            return UserInfo(row.id, row.username, row.full_name, row.role, row.gender)
    if not ctx.may(permissions.MANAGE_USERS):
        return None
    username, full_name = DEMO_MEMBER
    made = users.create_user(ctx, username, full_name, permissions.COMMITTEE,
                             secrets.token_urlsafe(24))
    return UserInfo(made.id, made.username, made.full_name, made.role, made.gender)
