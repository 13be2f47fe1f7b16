"""Demonstration casework: part of the submitted demo requests walk on to the social researcher,
the committee (approved, rejected, more information, deferred), the delivery, the survey and the
closing, through the same services as at the desk, so the dashboard, the committee's pages and the
monthly report show real figures on first run.

Decisions are taken by a committee member's account (the store's first active one, else a demo
account ``committee.demo`` with a random password an administrator can reset) in one meeting of
the day, chaired by the first of the demo's named members (``CHAIR``: its minutes and letters name
a person, not an account's label), closed afterwards.  At most ``MAX_JOURNEYS`` requests walk on, so the demo stays fast.
"""

from __future__ import annotations

import datetime as dt
import secrets
import uuid
from collections import Counter
from dataclasses import replace

from sqlalchemy import select

from ...db.models import User
from ...domain import feedback, permissions
from ...domain import workflow as wf
from ..committee import committee
from ..feedback import surveys
from ..requests import casework, delivery
from ..store.context import AppContext, UserInfo
from ..users import users

MAX_JOURNEYS = 60
SHARE = 0.5  # of the submitted requests
DEMO_MEMBER = ("committee.demo", "عضو لجنة البحث (حساب العرض)")
OTHER_MEMBERS = ("أ. عبدالله بن سعد الدوسري", "أ. هيفاء بنت محمد الشهري")
CHAIR = OTHER_MEMBERS[0]  # chairs the demo's meetings
AMOUNTS = ("500", "750", "1000", "1250.50", "1500", "2000")
# Where each journey ends, in turn (index modulo the length): the first five already show every
# state the report counts, so a small demo has them too.
ENDINGS = (
    "closed_after_delivery", "rejected", "more_info", "approved", "delivered_with_survey",
    "deferred", "with_researcher", "rejected_closed", "awaiting_committee", "delivered",
    "cancelled", "closed_after_delivery",
)
REASONS = {
    wf.REJECT: "لا تنطبق شروط البرنامج على الحالة",
    wf.REQUEST_MORE_INFO: "إرفاق كشف حساب بنكي لآخر ثلاثة أشهر",
    wf.DEFER: "بانتظار تقرير البحث الاجتماعي",
    wf.CANCEL: "طلب المستفيد إلغاء الطلب",
}


def fill_casework(ctx: AppContext, today: dt.date,
                  submitted: list[tuple[uuid.UUID, str]]) -> tuple[Counter, list[uuid.UUID]]:
    """Walk part of the requests this run submitted (``submitted``: id and program, in the order
    of their references) on; returns the moves (``state -> +/-n``, of those requests only) with
    the meetings, decisions, deliveries and surveys written, and the requests it took to the
    committee (those a rejection, and so an appeal, may follow)."""
    counts: Counter[str] = Counter()
    to_committee: list[uuid.UUID] = []
    member = _committee_member(ctx)
    if member is None:  # no committee account and none may be added: no decisions to show
        return counts, to_committee
    waiting = submitted
    # a program accepted at the desk (no committee) has a shorter journey: accepted, delivered
    at_desk = [(rid, code) for rid, code in waiting if not ctx.profile.program(code).kind.committee]
    for index, (request_id, program) in enumerate(at_desk[: round(len(at_desk) * SHARE)]):
        counts[wf.SUBMITTED] -= 1
        counts[_accept(ctx, request_id, program, index, today, counts)] += 1
    waiting = [(rid, code) for rid, code in waiting if ctx.profile.program(code).kind.committee]
    # half of them, but enough (when there are) for every ending, one left submitted
    share = max(round(len(waiting) * SHARE), min(len(waiting) - 1, len(ENDINGS)))
    chosen = waiting[: min(MAX_JOURNEYS, share)]
    if not chosen:
        return counts, to_committee
    board = replace(ctx, user=member)
    meeting = committee.create_meeting(
        board, today, [member.full_name or member.username, *OTHER_MEMBERS], chair=CHAIR)
    counts["meetings"] += 1
    for index, (request_id, program) in enumerate(chosen):
        ending = ENDINGS[index % len(ENDINGS)]
        state = _walk(ctx, board, meeting.id, request_id, program, ending, index, today, counts)
        to_committee.append(request_id)
        counts[wf.SUBMITTED] -= 1
        counts[state] += 1
    committee.close_meeting(board, meeting.id)
    return counts, to_committee


def _accept(ctx: AppContext, request_id: uuid.UUID, program: str, index: int, today: dt.date,
            counts: Counter) -> str:
    """Accepted at the desk; two in three then delivered, one in three of those closed."""
    state = casework.act(ctx, request_id, wf.ACCEPT)
    if index % 3 == 2:
        return state
    delivery.record_delivery(ctx, request_id, delivery.DeliveryInput(
        ctx.profile.program(program).name("ar"), recipient_name="", acknowledged=True),
        today=today)
    counts["deliveries"] += 1
    return casework.act(ctx, request_id, wf.CLOSE) if index % 3 == 1 else wf.DELIVERED


def _walk(ctx: AppContext, board: AppContext, meeting_id: uuid.UUID, request_id: uuid.UUID,
          program: str, ending: str, index: int, today: dt.date, counts: Counter) -> str:
    if ending == "cancelled":
        return casework.act(ctx, request_id, wf.CANCEL, REASONS[wf.CANCEL])
    manager = permissions.workflow_role(ctx.role) == wf.MANAGER  # may also act as the researcher
    if ending == "with_researcher" or (manager and index % 3 == 0):
        state = casework.act(ctx, request_id, wf.REFER_TO_RESEARCHER)
        if ending == "with_researcher":
            return state
    casework.act(ctx, request_id, wf.FORWARD_TO_COMMITTEE)
    if ending == "awaiting_committee":
        return wf.AWAITING_COMMITTEE
    outcome = {"rejected": "reject", "rejected_closed": "reject", "more_info": "more_info",
               "deferred": "defer"}.get(ending, "approve")
    service = ctx.profile.program(program).name("ar")
    amount = AMOUNTS[index % len(AMOUNTS)] if outcome == "approve" else ""
    reason = REASONS.get(committee.OUTCOMES[outcome], "")
    item = committee.decide(board, meeting_id, request_id, outcome,
                            service=service if outcome == "approve" else "", amount=amount,
                            reason=reason)
    counts["decisions"] += 1
    if ending in ("rejected", "more_info", "deferred", "approved"):
        return item.status
    if ending == "rejected_closed":
        return casework.act(ctx, request_id, wf.CLOSE)
    delivery.record_delivery(ctx, request_id, delivery.DeliveryInput(
        service, amount=amount, recipient_name="", acknowledged=True), today=today)
    counts["deliveries"] += 1
    if ending in ("delivered_with_survey", "closed_after_delivery") and ctx.profile.surveys:
        survey = ctx.profile.survey()
        answers: dict[str, object] = {
            q.code: (5, 4, 5, 3, 4)[(index + n) % 5] for n, q in enumerate(survey.scale_questions)
        }
        surveys.record_survey(
            ctx, surveys.SurveyInput(request_id, feedback.DESK, answers), today=today)
        counts["surveys"] += 1
    if ending == "closed_after_delivery":
        return casework.act(ctx, request_id, wf.CLOSE)
    return wf.DELIVERED


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
