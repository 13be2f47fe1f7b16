"""The monthly report's figures, computed with a few aggregate queries per month.

Periods are calendar months in local time: a request created at 01:00 on the 1st in Riyadh
belongs to that month even though it is still the previous day in UTC.  What a figure counts:

- requests *received*: created in the month; *submitted*: a submit step in the month;
- the *state at the end of the month*: the last step taken before the month ended, for every
  request still open then or whose last step fell in the month;
- *open*: waiting for an answer or approved and not yet delivered; *overdue*: waiting past its
  answer date on the month's last day;
- *decisions*: taken in committee meetings held in the month; the median days run from the day
  of submission to the meeting, for approvals and rejections;
- *services delivered* and amounts: by delivery date;
- the *satisfaction index*: the mean of every 1–5 answer in surveys taken in the month × 20;
- *complaints*: received, resolved (and days to resolve), open or past their deadline on the
  month's last day; suggestions are counted apart.

A branch filter applies to the branch that holds the applicant or request, and to the branch
where a survey was taken or a complaint received.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Protocol

from sqlalchemy import func, literal, select

from ...db.casework import Decision, Meeting, ServiceDelivery
from ...db.coordination import CoordinationReveal
from ...db.enquiries import Enquiry
from ...db.feedback import Complaint, SurveyResponse
from ...db.messages import OutboxMessage
from ...db.models import Applicant, StatusEvent, SupportRequest, User
from ...domain import permissions
from ...domain import report as rp
from ...domain import workflow as wf
from ...domain.requests import DRAFT
from ..feedback.complaints import COMPLAINT, SUGGESTION
from ..store.context import AppContext

OPEN_STATES = wf.WAITING | {wf.APPROVED}
FINAL_OUTCOMES = ("approve", "reject")


def report_scope(
    ctx: AppContext, branch: str | None, tz: dt.tzinfo | None, now: dt.datetime | None
) -> tuple[str | None, dt.tzinfo, dt.datetime]:
    """A report's branch (its code checked against the profile; None: all), the zone its days
    are counted in (default: this computer's) and the moment it is taken (default: the clock; a
    naive one is in that zone)."""
    if branch is not None:
        branch = ctx.profile.branch(branch).code
    tz = tz or local_zone()
    now = now or dt.datetime.now(dt.UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=tz)
    return branch, tz, now


def local_zone() -> dt.tzinfo:
    zone = dt.datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone


class Days(Protocol):
    """The days a figure covers: a Gregorian month here, or the annual report's ``Period`` (a
    month or a year of either calendar)."""

    @property
    def first_day(self) -> dt.date: ...

    @property
    def next_first_day(self) -> dt.date: ...

    @property
    def last_day(self) -> dt.date: ...


class _Month:
    """One month's figures, read from an open session."""

    def __init__(
        self, s, month: Days, branch: str | None, tz: dt.tzinfo,
        cutoff: dt.datetime | None = None,
    ):
        self.s, self.month, self.branch = s, month, branch
        self.start = dt.datetime.combine(month.first_day, dt.time(), tz)
        self.end = dt.datetime.combine(month.next_first_day, dt.time(), tz)
        self.first, self.last = month.first_day, month.last_day
        self.tz = tz
        # The moment and the day the "at the end" figures are taken: the month's end, or
        # ``cutoff`` (now) while the month is in progress.
        self.until = cutoff if cutoff is not None else self.end
        self.today = cutoff.astimezone(tz).date() if cutoff is not None else self.last

    def where_branch(self, q, column):
        return q.where(column == self.branch) if self.branch else q

    def count(self, q) -> int:
        return self.s.scalar(q) or 0

    # requests and applicants -------------------------------------------------------------
    def new_applicants(self) -> int:
        q = select(func.count()).where(Applicant.created_at >= self.start, Applicant.created_at < self.end)
        return self.count(self.where_branch(q, Applicant.branch))

    def received_by(self, column) -> dict[str, rp.Number]:
        q = select(column, func.count()).where(
            SupportRequest.created_at >= self.start, SupportRequest.created_at < self.end
        )
        q = self.where_branch(q, SupportRequest.branch).group_by(column)
        return {k: n for k, n in self.s.execute(q)}

    def submitted(self) -> int:
        q = (
            select(func.count())
            .select_from(StatusEvent)
            .join(SupportRequest, SupportRequest.id == StatusEvent.request_id)
            .where(StatusEvent.action == wf.SUBMIT, StatusEvent.at >= self.start, StatusEvent.at < self.end)
        )
        return self.count(self.where_branch(q, SupportRequest.branch))

    def states_at_end(self) -> list[tuple[str, bool, bool, int]]:
        """(state, last step in the month?, answer date passed?, how many requests) at the end
        of the month (or now, for the month in progress), over every request created before it.  The last step comes from a grouped
        maximum over the (request, time) index and everything is counted in the database."""
        last = (
            select(StatusEvent.request_id, func.max(StatusEvent.at).label("at"))
            .where(StatusEvent.at < self.until)
            .group_by(StatusEvent.request_id)
            .subquery()
        )
        in_month = (StatusEvent.at >= self.start).label("in_month")
        late = func.coalesce(SupportRequest.answer_due < self.today, False).label("late")
        q = (
            select(StatusEvent.to_status, in_month, late, func.count())
            .join(last, (last.c.request_id == StatusEvent.request_id) & (last.c.at == StatusEvent.at))
            .join(SupportRequest, SupportRequest.id == StatusEvent.request_id)
        )
        q = self.where_branch(q, SupportRequest.branch).group_by(StatusEvent.to_status, in_month, late)
        return [(state, bool(now), bool(due), n) for state, now, due, n in self.s.execute(q)]

    # committee ---------------------------------------------------------------------------
    def decisions(self) -> list[tuple[str, dt.date, dt.datetime | None]]:
        q = (
            select(Decision.outcome, Meeting.held_on, SupportRequest.submitted_at)
            .join(Meeting, Meeting.id == Decision.meeting_id)
            .join(SupportRequest, SupportRequest.id == Decision.request_id)
            .where(Meeting.held_on >= self.first, Meeting.held_on <= self.last)
        )
        return list(self.s.execute(self.where_branch(q, SupportRequest.branch)).all())

    # deliveries --------------------------------------------------------------------------
    def deliveries(self) -> list[tuple[str, Decimal | None]]:
        q = (
            select(SupportRequest.program, ServiceDelivery.amount)
            .join(SupportRequest, SupportRequest.id == ServiceDelivery.request_id)
            .where(ServiceDelivery.delivered_on >= self.first, ServiceDelivery.delivered_on <= self.last)
        )
        return list(self.s.execute(self.where_branch(q, SupportRequest.branch)).all())

    # satisfaction ------------------------------------------------------------------------
    def satisfaction_by(self, column=None) -> dict[str, tuple[int, int, int]]:
        """key -> (responses, sum of scores, number of scores); key "" when ungrouped."""
        key = column if column is not None else literal("")
        q = select(
            key,
            func.count(),
            func.coalesce(func.sum(SurveyResponse.score_sum), 0),
            func.coalesce(func.sum(SurveyResponse.score_count), 0),
        ).where(SurveyResponse.taken_on >= self.first, SurveyResponse.taken_on <= self.last)
        q = self.where_branch(q, SurveyResponse.branch)
        if column is not None:
            q = q.group_by(column)
        return {("" if k is None else str(k)): (n, int(t), int(c)) for k, n, t, c in self.s.execute(q) if n}

    def trend_only(self) -> tuple[int, Decimal | None]:
        overall = self.satisfaction_by().get("", (0, 0, 0))
        return overall[0], _index(overall)

    # complaints --------------------------------------------------------------------------
    def complaints(self) -> list[tuple[str, str, dt.date, dt.date, dt.date | None]]:
        """(kind, category, received, due, resolved) of every complaint received by the end."""
        q = select(
            Complaint.kind, Complaint.category, Complaint.received_on, Complaint.due_on, Complaint.resolved_on
        ).where(Complaint.received_on <= self.today)
        return list(self.s.execute(self.where_branch(q, Complaint.branch)).all())

    # enquiries ---------------------------------------------------------------------------
    def enquiries(self) -> list[tuple[str, bool, bool, int]]:
        """(channel, referred?, became a request?, how many) received in the month."""
        became = Enquiry.request_id.is_not(None).label("became")
        q = select(Enquiry.channel, Enquiry.referred, became, func.count()).where(
            Enquiry.received_on >= self.first, Enquiry.received_on <= self.last
        )
        q = self.where_branch(q, Enquiry.branch).group_by(Enquiry.channel, Enquiry.referred, became)
        return [(c, bool(r), bool(b), n) for c, r, b, n in self.s.execute(q)]

    def coordination_matches(self) -> int:
        """Our people first found known to another member of the consortium in the month."""
        q = (select(func.count(func.distinct(CoordinationReveal.applicant_id)))
             .join(Applicant, Applicant.id == CoordinationReveal.applicant_id)
             .where(CoordinationReveal.first_seen_at >= self.start,
                    CoordinationReveal.first_seen_at < self.end))
        return self.count(self.where_branch(q, Applicant.branch))
    # messages to applicants (the outbox) --------------------------------------------------
    def messages(self) -> list[tuple[str, str, int]]:
        """(channel, state now, how many) of the messages queued in the month."""
        q = select(OutboxMessage.channel, OutboxMessage.state, func.count()).where(
            OutboxMessage.created_at >= self.start, OutboxMessage.created_at < self.end)
        q = self.where_branch(q, OutboxMessage.branch).group_by(OutboxMessage.channel, OutboxMessage.state)
        return [(c, st, n) for c, st, n in self.s.execute(q)]

    # all together ------------------------------------------------------------------------
    def compute(self) -> dict:
        f: dict[str, rp.Number | None] = {}
        b: dict[str, dict[str, rp.Number]] = {}
        f["new_applicants"] = self.new_applicants()
        b["received_by_program"] = self.received_by(SupportRequest.program)
        b["received_by_channel"] = self.received_by(SupportRequest.channel)
        b["received_by_branch"] = self.received_by(SupportRequest.branch)
        f["requests_received"] = sum(b["received_by_program"].values())
        f["requests_submitted"] = self.submitted()

        states: Counter[str] = Counter()
        open_count = overdue = 0
        for state, stepped_this_month, due_passed, n in self.states_at_end():
            if state in OPEN_STATES:
                open_count += n
            if state in wf.WAITING and due_passed:  # as workflow.is_overdue on the last day (today)
                overdue += n
            if state in OPEN_STATES or state == DRAFT or stepped_this_month:
                states[state] += n
        b["status_at_end"] = dict(states)
        f["open_at_end"], f["overdue_at_end"] = open_count, overdue

        decisions = self.decisions()
        b["decisions_by_outcome"] = dict(Counter(o for o, _h, _s in decisions))
        f["decisions"] = len(decisions)
        f["approved"] = b["decisions_by_outcome"].get("approve", 0)
        f["rejected"] = b["decisions_by_outcome"].get("reject", 0)
        f["median_days_to_decision"] = rp.median(
            [(held - submitted.astimezone(self.tz).date()).days
             for outcome, held, submitted in decisions
             if outcome in FINAL_OUTCOMES and submitted is not None]
        )

        delivered = self.deliveries()
        counts: Counter[str] = Counter()
        amounts: defaultdict[str, Decimal] = defaultdict(Decimal)
        for program, amount in delivered:
            counts[program] += 1
            amounts[program] += amount or Decimal(0)
        b["delivered_by_program"] = dict(counts)
        b["amount_by_program"] = {k: v for k, v in amounts.items() if v}
        f["services_delivered"] = len(delivered)
        f["amount_delivered"] = sum(amounts.values(), Decimal(0))

        overall = self.satisfaction_by().get("", (0, 0, 0))
        f["survey_responses"] = overall[0]
        f["satisfaction_index"] = _index(overall)
        for key, column in (
            ("satisfaction_by_branch", SurveyResponse.branch),
            ("satisfaction_by_channel", SurveyResponse.channel),
            ("satisfaction_by_program", SurveyResponse.program),
            ("satisfaction_by_employee", SurveyResponse.employee_id),
        ):
            b[key] = {k: v for k, g in self.satisfaction_by(column).items() if (v := _index(g)) is not None}

        complaints = self.complaints()
        this_month = [c for c in complaints if c[2] >= self.first]
        b["complaints_by_category"] = dict(Counter(c[1] for c in this_month))
        f["complaints_opened"] = sum(1 for c in this_month if c[0] == COMPLAINT)
        f["suggestions_received"] = sum(1 for c in this_month if c[0] == SUGGESTION)
        resolved = [
            (r - got).days
            for kind, _c, got, _d, r in complaints
            if kind == COMPLAINT and r is not None and self.first <= r <= self.last
        ]
        f["complaints_resolved"] = len(resolved)
        f["median_days_to_resolve"] = rp.median(resolved)
        still_open = [
            c for c in complaints if c[0] == COMPLAINT and (c[4] is None or c[4] > self.today)
        ]
        f["complaints_open_at_end"] = len(still_open)
        f["complaints_overdue_at_end"] = sum(1 for c in still_open if self.today > c[3])
        enquiries = self.enquiries()
        by_channel: Counter = Counter()
        for channel, _referred, _became, n in enquiries:
            by_channel[channel] += n
        b["enquiries_by_channel"] = dict(by_channel)
        f["enquiries_received"] = sum(n for *_k, n in enquiries)
        f["enquiries_referred"] = sum(n for _c, referred, _b, n in enquiries if referred)
        f["enquiries_to_requests"] = sum(n for _c, _r, became, n in enquiries if became)
        f["coordination_matches"] = self.coordination_matches()
        messages = self.messages()
        by_state: Counter = Counter()
        by_channel = Counter()
        for channel, state, n in messages:
            by_channel[channel] += n
            by_state[state] += n
        b["messages_by_channel"], b["messages_by_state"] = dict(by_channel), dict(by_state)
        f["messages_queued"] = sum(by_state.values())
        f["messages_sent"] = by_state.get("sent", 0)
        f["messages_failed"] = by_state.get("failed", 0) + by_state.get("unknown", 0)
        return {"figures": f, "breakdowns": b, "trend": (overall[0], _index(overall))}


def _index(group: tuple[int, int, int]) -> Decimal | None:
    _responses, total, count = group
    if not count:
        return None
    return (Decimal(total) * 20 / count).quantize(Decimal("0.1"))


def monthly(
    ctx: AppContext,
    month: rp.YearMonth,
    branch: str | None = None,
    tz: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> rp.MonthlyReport:
    """Every figure of ``month`` beside the previous month's, for one branch or all.

    ``now`` (default: the clock) decides whether the month is in progress; if so its
    end-of-month figures are taken at ``now`` and the report's ``cutoff`` is ``now``."""
    ctx.require(permissions.VIEW_REPORTS)
    branch, tz, now = report_scope(ctx, branch, tz, now)
    cutoff = now if month == rp.YearMonth.of(now.astimezone(tz).date()) else None
    with ctx.reading() as s:
        current = _Month(s, month, branch, tz, cutoff).compute()
        previous = _Month(s, month.previous(), branch, tz).compute()
        trend = []
        for m in month.back(rp.TREND_MONTHS):
            if m == month:
                responses, index = current["trend"]
            elif m == month.previous():
                responses, index = previous["trend"]
            else:
                responses, index = _Month(s, m, branch, tz).trend_only()
            trend.append(rp.TrendPoint(m, index, responses))
        employees = set(current["breakdowns"]["satisfaction_by_employee"]) | set(
            previous["breakdowns"]["satisfaction_by_employee"]
        )
        names = _names(s, employees)
    figures = tuple(
        rp.Figure(key, kind, current["figures"][key], previous["figures"][key])
        for key, (kind, _title) in rp.FIGURES.items()
    )
    breakdowns = tuple(
        rp.Breakdown(
            key, dimension, kind, current["breakdowns"][key], previous["breakdowns"][key],
            _order(ctx, dimension),
        )
        for key, (dimension, kind, _title) in rp.BREAKDOWNS.items()
    )
    return rp.MonthlyReport(
        association=ctx.profile.id,
        month=month,
        branch=branch,
        generated_at=now,
        figures=figures,
        breakdowns=breakdowns,
        trend=tuple(trend),
        names=names,
        cutoff=cutoff,
    )


def _names(s, ids: set[str]) -> dict[str, str]:
    wanted = [uuid.UUID(i) for i in ids if i]
    if not wanted:
        return {}
    return {str(i): n for i, n in s.execute(select(User.id, User.full_name).where(User.id.in_(wanted)))}


def _order(ctx: AppContext, dimension: str) -> tuple[str, ...]:
    p = ctx.profile
    return {
        "program": tuple(x.code for x in p.programs),
        "channel": tuple(x.code for x in p.channels),
        "branch": tuple(x.code for x in p.branches),
        "status": wf.STATES,
        "outcome": rp.OUTCOMES,
        "category": tuple(x.code for x in p.complaints.categories),
    }.get(dimension, ())
