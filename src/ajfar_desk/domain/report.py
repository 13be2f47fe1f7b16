"""The monthly report's figures as plain data: what the PDF, the spreadsheet and the dashboard show.

``services.reports.report.monthly`` computes a :class:`MonthlyReport`; ``printing.report`` draws it and
``services.reports.report_xlsx`` writes it as a workbook.  Codes (program, channel, branch, state,
outcome…) stay codes here; :func:`label` turns them into the words of a language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..i18n import N_, gettext
from .digits import normalize_digits
from .errors import ValidationError
from .message_words import STATE_LABELS as MESSAGE_STATES
from .messages import CHANNEL_LABELS
from .profile import AssociationProfile

Number = int | Decimal
Kind = Literal["count", "days", "money", "percent"]

ADDITIVE: frozenset[Kind] = frozenset({"count", "money"})  # kinds a table totals; nothing is 0
_MONTH = re.compile(r"\s*([0-9]{4})-([0-9]{1,2})\s*")
TREND_MONTHS = 6  # the satisfaction index's trend: this month and the five before


@dataclass(frozen=True, order=True)
class YearMonth:
    """A Gregorian calendar month (the report's period)."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str, field_name: str = "month") -> YearMonth:
        m = _MONTH.fullmatch(normalize_digits(text or ""))
        if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 1900:
            raise ValidationError(
                field_name, gettext(N_("Write the month as year-month, for example 2026-10"))
            )
        return cls(int(m.group(1)), int(m.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> YearMonth:
        return cls(day.year, day.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def next_first_day(self) -> dt.date:
        return self.next().first_day

    @property
    def last_day(self) -> dt.date:
        return self.next_first_day - dt.timedelta(days=1)

    def previous(self) -> YearMonth:
        return YearMonth(self.year - 1, 12) if self.month == 1 else YearMonth(self.year, self.month - 1)

    def next(self) -> YearMonth:
        return YearMonth(self.year + 1, 1) if self.month == 12 else YearMonth(self.year, self.month + 1)

    def back(self, months: int) -> list[YearMonth]:
        """This month and the ``months - 1`` before it, oldest first."""
        out = [self]
        while len(out) < months:
            out.append(out[-1].previous())
        return out[::-1]

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True)
class Figure:
    """One headline figure of the month beside the same figure for the previous month.
    ``None`` means "cannot be computed" (a median of nothing), never zero."""

    key: str
    kind: Kind
    current: Number | None
    previous: Number | None

    @property
    def change(self) -> Number | None:
        if self.current is None or self.previous is None:
            return None
        return self.current - self.previous


@dataclass(frozen=True)
class Breakdown:
    """A figure split by one dimension (program, channel, branch, state, outcome, category,
    employee), this month and last month.  ``order`` lists the codes in the order to show."""

    key: str
    dimension: str
    kind: Kind
    current: dict[str, Number]
    previous: dict[str, Number]
    order: tuple[str, ...] = ()

    def rows(self) -> list[tuple[str, Number | None, Number | None]]:
        """(code, this month, last month) for every code of either month.  One rule for
        "nothing": a count or an amount with nothing in it is 0, as its total is (nothing
        happened: a figure known to be zero); ``None`` ("—") only where a figure cannot be
        computed (a satisfaction index of a month without answers)."""
        codes = list(self.order) + sorted(
            (set(self.current) | set(self.previous)) - set(self.order)
        )
        if self.kind in ADDITIVE:
            zero = Decimal(0) if self.kind == "money" else 0
            return [(c, self.current.get(c, zero), self.previous.get(c, zero)) for c in codes]
        return [(c, self.current.get(c), self.previous.get(c)) for c in codes]


@dataclass(frozen=True)
class TrendPoint:
    month: YearMonth
    index: Decimal | None  # satisfaction index, percent (None: no survey that month)
    responses: int


@dataclass(frozen=True)
class MonthlyReport:
    association: str  # profile id
    month: YearMonth
    branch: str | None  # None: every branch
    generated_at: dt.datetime
    figures: tuple[Figure, ...]
    breakdowns: tuple[Breakdown, ...]
    trend: tuple[TrendPoint, ...]  # satisfaction, oldest first, ends with ``month``
    names: dict[str, str] = field(default_factory=dict)  # employee id -> full name
    # The month is still in progress: its "at the end of the month" figures are taken at
    # ``cutoff`` (when the report was computed) and labelled "to date".  None: a past month.
    cutoff: dt.datetime | None = None

    @property
    def in_progress(self) -> bool:
        return self.cutoff is not None

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)

    def breakdown(self, key: str) -> Breakdown:
        return next(b for b in self.breakdowns if b.key == key)


# The headline figures, in the order the report lists them.
FIGURES: dict[str, tuple[Kind, str]] = {
    "new_applicants": ("count", N_("New applicants")),
    "requests_received": ("count", N_("Requests received")),
    "requests_submitted": ("count", N_("Requests submitted to the association")),
    "open_at_end": ("count", N_("Requests open at the end of the month")),
    "decisions": ("count", N_("Committee decisions")),
    # decisions, not requests: a request rejected, appealed and rejected again counts twice, as
    # in "Committee decisions by outcome"; "Requests by state" counts each request once
    "approved": ("count", N_("Committee decisions to approve")),
    "rejected": ("count", N_("Committee decisions to reject")),
    "median_days_to_decision": ("days", N_("Median days from submission to decision")),
    "overdue_at_end": ("count", N_("Requests overdue at the end of the month")),
    "services_delivered": ("count", N_("Services delivered")),
    "amount_delivered": ("money", N_("Amount delivered")),
    "survey_responses": ("count", N_("Satisfaction surveys answered")),
    "satisfaction_index": ("percent", N_("Satisfaction index")),
    "complaints_opened": ("count", N_("Complaints received")),
    "complaints_resolved": ("count", N_("Complaints resolved")),
    "median_days_to_resolve": ("days", N_("Median days to resolve a complaint")),
    "complaints_open_at_end": ("count", N_("Complaints open at the end of the month")),
    "complaints_overdue_at_end": ("count", N_("Complaints past their deadline at the end of the month")),
    "suggestions_received": ("count", N_("Suggestions received")),
    "enquiries_received": ("count", N_("Enquiries received")),
    "enquiries_referred": ("count", N_("Enquiries referred to the social researcher")),
    "enquiries_to_requests": ("count", N_("Enquiries that became requests")),
    "coordination_matches": ("count", N_("People found known to another association")),
    "messages_queued": ("count", N_("Messages to applicants")),
    "messages_sent": ("count", N_("Messages sent to applicants")),
    "messages_failed": ("count", N_("Messages that could not be sent")),
}

# Which way each figure is good news (1: a rise, -1: a fall, 0: neither, a volume the manager
# reads but does not judge), for colouring its change (trial 13: every rise was green, so more
# overdue requests read as good news and a shorter wait for a decision as bad).
BETTER: dict[str, int] = {
    "new_applicants": 0, "requests_received": 0, "requests_submitted": 0, "open_at_end": 0,
    "decisions": 0, "approved": 0, "rejected": 0, "median_days_to_decision": -1,
    "overdue_at_end": -1, "services_delivered": 1, "amount_delivered": 0,
    "survey_responses": 1, "satisfaction_index": 1, "complaints_opened": 0,
    "complaints_resolved": 1, "median_days_to_resolve": -1, "complaints_open_at_end": -1,
    "complaints_overdue_at_end": -1, "suggestions_received": 0, "enquiries_received": 0,
    "enquiries_referred": 0, "enquiries_to_requests": 0, "coordination_matches": 0,
    "messages_queued": 0, "messages_sent": 0, "messages_failed": -1,
}


def judged(figure: Figure) -> int:
    """1 when the figure's change is good news, -1 when bad, 0 when neither (or no change)."""
    change = figure.change
    if not change:
        return 0
    return BETTER.get(figure.key, 0) * (1 if change > 0 else -1)


# The breakdowns, in the order the report shows them: key -> (dimension, kind, title).
BREAKDOWNS: dict[str, tuple[str, Kind, str]] = {
    "received_by_program": ("program", "count", N_("Requests received by program")),
    "received_by_channel": ("channel", "count", N_("Requests received by channel")),
    "received_by_branch": ("branch", "count", N_("Requests received by branch")),
    "status_at_end": (
        "status", "count", N_("Requests by their last state at the end of the month (each request once)")
    ),
    "decisions_by_outcome": ("outcome", "count", N_("Committee decisions by outcome (each decision)")),
    "delivered_by_program": ("program", "count", N_("Services delivered by program")),
    "amount_by_program": ("program", "money", N_("Amount delivered by program")),
    "satisfaction_by_branch": ("branch", "percent", N_("Satisfaction index by branch")),
    "satisfaction_by_channel": ("channel", "percent", N_("Satisfaction index by channel")),
    "satisfaction_by_program": ("program", "percent", N_("Satisfaction index by program")),
    "satisfaction_by_employee": ("employee", "percent", N_("Satisfaction index by employee")),
    "complaints_by_category": ("category", "count", N_("Complaints and suggestions by category")),
    "enquiries_by_channel": ("channel", "count", N_("Enquiries by channel")),
    "messages_by_channel": ("message_channel", "count", N_("Messages to applicants by channel")),
    "messages_by_state": ("message_state", "count", N_("Messages to applicants by state")),
}

# For a month in progress the "at the end of the month" figures are counted up to now.
TO_DATE_FIGURES: dict[str, str] = {
    "open_at_end": N_("Requests open to date"),
    "overdue_at_end": N_("Requests overdue to date"),
    "complaints_open_at_end": N_("Complaints open to date"),
    "complaints_overdue_at_end": N_("Complaints past their deadline to date"),
}
TO_DATE_BREAKDOWNS: dict[str, str] = {
    "status_at_end": N_("Requests by their last state to date (each request once)"),
}
# What a table counts, said under it where two tables count the same words differently.
BREAKDOWN_NOTES: dict[str, str] = {
    "status_at_end": N_(
        "Each request is counted once, in its last state: a request rejected and then closed "
        "counts as closed, one appealed as appealed."
    ),
    "decisions_by_outcome": N_(
        "Each decision of a meeting held in the month is counted: a request decided again "
        "(on appeal) counts once per decision. The summary counts the same decisions."
    ),
}
# The line under a report's title while its month is still in progress.
IN_PROGRESS_NOTE = N_("Month in progress: figures to date, as of {date} at {time}")

OUTCOME_LABELS = {
    "approve": N_("Approved"),
    "reject": N_("Rejected"),
    "more_info": N_("More information requested"),
    "defer": N_("Deferred"),
}
OUTCOMES = tuple(OUTCOME_LABELS)


def figure_title(key: str, lang: str | None = None, to_date: bool = False) -> str:
    """The figure's title; ``to_date`` for a month in progress ("… to date")."""
    if to_date and key in TO_DATE_FIGURES:
        return gettext(TO_DATE_FIGURES[key], lang)
    return gettext(FIGURES[key][1], lang)


def breakdown_title(key: str, lang: str | None = None, to_date: bool = False) -> str:
    if to_date and key in TO_DATE_BREAKDOWNS:
        return gettext(TO_DATE_BREAKDOWNS[key], lang)
    return gettext(BREAKDOWNS[key][2], lang)


def label(
    profile: AssociationProfile,
    dimension: str,
    code: str,
    lang: str | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The words for ``code`` in ``dimension``; an unknown code (a program since removed from
    the profile, an employee without a name) is shown as it is rather than hidden."""
    from . import workflow
    from .feedback import category_label

    try:
        if dimension == "program":
            return profile.program(code).name(lang)
        if dimension == "channel":
            return profile.channel(code).name(lang)
        if dimension == "branch":
            return profile.branch(code).name(lang)
        if dimension == "status":
            return gettext(workflow.STATE_LABELS[code], lang)
        if dimension == "outcome":
            return gettext(OUTCOME_LABELS[code], lang)
        if dimension == "category":
            return category_label(profile.complaints, code, lang)
        if dimension == "employee":
            return (names or {}).get(code) or gettext(N_("Not recorded"), lang)
        if dimension == "message_channel":
            return gettext(CHANNEL_LABELS[code], lang)
        if dimension == "message_state":
            return gettext(MESSAGE_STATES[code], lang)
    except (KeyError, ValidationError):
        pass
    return code


def index_of(scores: list[int]) -> Decimal | None:
    """The satisfaction index of 1–5 answers as a percent of the best score (5 → 100 %),
    one decimal: the mean score × 20."""
    if not scores:
        return None
    return (Decimal(sum(scores)) * 20 / len(scores)).quantize(Decimal("0.1"))


def median(values: Sequence[Number]) -> Decimal | None:
    """The median, one decimal (the mean of the two middle values for an even count)."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    value = Decimal(ordered[mid]) if len(ordered) % 2 else (
        Decimal(ordered[mid - 1]) + Decimal(ordered[mid])
    ) / 2
    return value.quantize(Decimal("0.1"))


# The first column's title of a breakdown's table, by dimension.
DIMENSION_TITLES = {
    "program": N_("Program"),
    "channel": N_("Channel"),
    "branch": N_("Branch"),
    "status": N_("State"),
    "outcome": N_("Outcome"),
    "category": N_("Category"),
    "employee": N_("Employee"),
    "message_channel": N_("Channel"),
    "message_state": N_("State"),
}
