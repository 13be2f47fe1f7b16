"""The front desk's list of requests: the branch's requests the desk is working on, a page at a
time, filtered and sorted as the employee asks («my drafts», «waiting for more information»,
«today's»…).

A page reads only its own rows (its request columns and the applicant's name and number, never
a whole ORM row), one row more than it shows to tell whether another page follows.  The next
page starts after the last line's place in the list's order (``WorkPage.after``, a keyset: each
index is entered at that place), so a page deep in the list costs what the first one does; an
``offset`` still skips rows (the command line's ``--offset``).  The count over the list is
capped (``COUNT_CAP``): «more than 10,000» is what a desk needs to know, and counting a million
rows is not a frame's work.

A reference typed (or its start) is looked up in the references' index first, a bounded count
(``REFERENCE_FEW``): the requests a few references name are found by their ids and sorted; a
start that many share («NJR-1447») is tested along the list's own order instead (newest first,
on the (created_at, id, branch, reference) index of migration 0024), where the page's rows come
early.  A text typed (a name, a reference) finds the rows and their states are tested on them:
a state's index would read every request in that state to test the text.  Measured in
``benchmarks/bench_worklist.py``."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import (
    Date,
    Integer,
    and_,
    cast,
    func,
    literal,
    null,
    or_,
    select,
    tuple_,
    union_all,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from ...db.models import Applicant, SupportRequest
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.digits import normalize_digits
from ...domain.errors import FieldErrors, ValidationError
from ...i18n import N_, _, ngettext
from ..applicants import search
from ..store.context import AppContext

PAGE = 50  # rows a page reads: more than a 768 px screen shows
COUNT_CAP = 10_000
NAME_MATCHES = 200  # applicants a typed name may stand for (the search's best)
# references a typed start may share and still be found by their ids and sorted (more: tested
# along the list's order, where a page's 51 rows come within about 51 × 3,000,000 / 4,000 entries)
REFERENCE_FEW = 4_000

# The desk's views of its work: each a group of statuses (None: every status), in the order the
# page's filter lists them; the first is the page's default.
AT_DESK, DOCUMENTS, SUBMITTED, MORE_INFO, APPROVED, TODAY, ALL = (
    "desk", "documents", "submitted", "more_info", "approved", "today", "all")
GROUPS: dict[str, frozenset[str] | None] = {
    AT_DESK: frozenset({wf.DRAFT, wf.SUBMITTED, wf.MORE_INFO, wf.APPROVED}),
    DOCUMENTS: frozenset({wf.DRAFT}),
    SUBMITTED: frozenset({wf.SUBMITTED}),
    MORE_INFO: frozenset({wf.MORE_INFO}),
    APPROVED: frozenset({wf.APPROVED}),
    TODAY: None,
    ALL: None,
}
GROUP_LABELS = {
    AT_DESK: N_("At the desk (all that waits for us)"),
    DOCUMENTS: N_("Waiting for documents (drafts not submitted)"),
    SUBMITTED: N_("Submitted or returned to the desk"),
    MORE_INFO: N_("Waiting for more information"),
    APPROVED: N_("Accepted, waiting for the service"),
    TODAY: N_("Made today"),
    ALL: N_("All requests"),
}


# «٣ طلبات بانتظار المستندات»: how many a view holds, in the language's plural form ({count}
# is the number in the profile's digits, written by the caller)
_COUNTED = {
    DOCUMENTS: lambda n: ngettext("{count} request waiting for documents",
                                  "{count} requests waiting for documents", n),
    SUBMITTED: lambda n: ngettext("{count} request submitted or returned to the desk",
                                  "{count} requests submitted or returned to the desk", n),
    MORE_INFO: lambda n: ngettext("{count} request waiting for more information",
                                  "{count} requests waiting for more information", n),
    APPROVED: lambda n: ngettext("{count} request accepted, waiting for the service",
                                 "{count} requests accepted, waiting for the service", n),
    TODAY: lambda n: ngettext("{count} request made today", "{count} requests made today", n),
    AT_DESK: lambda n: ngettext("{count} request at the desk", "{count} requests at the desk", n),
}


def count_text(group: str, count: int) -> str:
    """What ``count`` requests of ``group`` are, said with ``{count}`` left to fill."""
    counted = _COUNTED.get(group)
    return counted(count) if counted else ngettext("{count} request", "{count} requests", count)


@dataclass(frozen=True)
class WorkFilter:
    """What the desk asks to see.  ``status`` (one of the workflow's states) narrows ``group``
    further; ``since``/``until`` are days the requests were made on (both included)."""

    group: str = AT_DESK
    status: str | None = None
    program: str | None = None
    channel: str | None = None
    mine: bool = False  # made by the signed-in user only
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""  # a reference (or its start), an ID number (or its start), or a name
    overdue_first: bool = False


@dataclass(frozen=True)
class WorkLine:
    request_id: uuid.UUID
    applicant_id: uuid.UUID
    reference: str
    applicant_name: str
    national_id: str
    program: str
    channel: str
    status: str
    created_at: dt.datetime
    answer_due: dt.date | None
    days_late: int  # 0: not late

    @property
    def id(self) -> uuid.UUID:  # a list keeps the selected row by it
        return self.request_id

    @property
    def overdue(self) -> bool:
        return self.days_late > 0


@dataclass(frozen=True)
class After:
    """A line's place in the list's order, where the next page starts: its request's date and
    id (newest first), and in «late first» the answer date of a late line (None: a line past
    the late ones)."""

    made: dt.datetime
    request_id: uuid.UUID
    late_due: dt.date | None = None


@dataclass(frozen=True)
class WorkPage:
    lines: list[WorkLine]
    offset: int
    more: bool  # another page follows
    after: After | None = None  # the last line's place: ``page(..., after=)`` reads the next


_COLUMNS = (
    SupportRequest.id, SupportRequest.applicant_id, SupportRequest.reference, Applicant.full_name,
    Applicant.national_id, SupportRequest.program, SupportRequest.channel, SupportRequest.status,
    SupportRequest.created_at, SupportRequest.answer_due,
)
_R = SupportRequest


@dataclass(frozen=True)
class _Query:
    """What a filter asks of the requests' table: its conditions but the status, the statuses
    (None: every one) and whether it reads the applicant's number (an ID typed)."""

    where: tuple
    statuses: tuple[str, ...] | None
    by_number: bool
    reference: str | None = None  # a reference typed (or its start), looked up in the session
    # the states tested on the rows another condition finds (an applicant's or a reference's
    # requests, or the dates' index a shared start is tested along), never read from a state's
    # index: that would read every request of the state to test them (2.5 s for a name typed)
    tested: bool = False

    def in_states(self) -> tuple:
        """The statuses as one condition (none: every status)."""
        if self.statuses is None:
            return ()
        return ((_R.status.concat("") if self.tested else _R.status).in_(self.statuses),)


def _day_start(day: dt.date) -> dt.datetime:
    """The first moment of a local day (the desk's day), as stored: in UTC."""
    return dt.datetime.combine(day, dt.time.min).astimezone().astimezone(dt.UTC)


def _checked(ctx: AppContext, f: WorkFilter) -> None:
    errors = FieldErrors()
    if f.group not in GROUPS:
        errors.add("group", _("Unknown list “{group}”: choose one of {groups}").format(
            group=f.group, groups=", ".join(GROUPS)))
    if f.status is not None and f.status not in wf.STATES:
        errors.add("status", _("Unknown status: {status}").format(status=f.status))
    if f.program and f.program not in {p.code for p in ctx.profile.programs}:
        errors.add("program", _("Unknown program: {code}").format(code=f.program))
    if f.channel and f.channel not in {c.code for c in ctx.profile.channels}:
        errors.add("channel", _("Unknown channel: {code}").format(code=f.channel))
    if f.since and f.until and f.since > f.until:
        errors.add("until", _("The end of the period is before its start"))
    if f.mine and ctx.user_id is None:
        errors.add("mine", _("Sign in to list the requests you made"))
    errors.raise_if_any()


def _query(ctx: AppContext, f: WorkFilter, today: dt.date) -> _Query | None:
    """The filter as conditions; None when it can hold nothing (a name nobody has)."""
    _checked(ctx, f)
    where: list = [_R.branch == ctx.branch.code]
    statuses = GROUPS[f.group]
    if f.status is not None:
        if statuses is not None and f.status not in statuses:
            return None
        statuses = frozenset({f.status})
    since = max(filter(None, (f.since, today if f.group == TODAY else None)), default=None)
    until = min(filter(None, (f.until, today if f.group == TODAY else None)), default=None)
    if since is not None:
        where.append(_R.created_at >= _day_start(since))
    if until is not None:
        where.append(_R.created_at < _day_start(until + dt.timedelta(days=1)))
    if f.program:
        where.append(_R.program == f.program)
    if f.channel:
        where.append(_R.channel == f.channel)
    if f.mine:
        where.append(_R.created_by == ctx.user_id)
    typed = normalize_digits(f.text or "").strip()
    by_number = False
    reference = None
    tested = False
    if typed:
        if search.REFERENCE_RE.match(typed):
            reference = typed.upper()
        elif typed.isdigit():
            where.append(search._prefix_range(Applicant.national_id, typed))
            by_number = True
        else:
            ids = [hit.id for hit in search.search(ctx, typed, limit=NAME_MATCHES)]
            if not ids:
                return None
            where.append(_R.applicant_id.in_(ids))
            tested = True
    return _Query(tuple(where), None if statuses is None else tuple(sorted(statuses)), by_number,
                  reference, tested)


def _looked_up(s: Session, q: _Query, counting: bool = False) -> _Query:
    """``q`` with its reference typed as a condition.  The references' index is counted first
    (``REFERENCE_FEW`` entries at most): a few requests share that start, and they are named
    by their ids (read from that index: the primary key's then finds them, whatever the order
    the page wants); many share it, and the page tests it on ``reference || ''``, which no
    index answers: the (created_at, id, branch, reference) index is read in the list's order
    and the start tested on its entries, a row read only when it matches (to test its state,
    on ``status || ''``: a state's index would read every row of the state to test the start),
    while a count reads the references' range, where they lie together."""
    if q.reference is None:
        return q
    in_range = search._prefix_range(_R.reference, q.reference)
    probe = select(_R.reference).where(in_range).limit(REFERENCE_FEW + 1).subquery()
    if (s.scalar(select(func.count()).select_from(probe)) or 0) <= REFERENCE_FEW:
        few = _R.id.in_(list(s.scalars(select(_R.id).where(in_range))))
        return _Query((*q.where, few), q.statuses, q.by_number, tested=True)
    many = in_range if counting else search._prefix_range(_R.reference.concat(""), q.reference)
    return _Query((*q.where, many), q.statuses, q.by_number, tested=True)


def _arm(q: _Query, columns, conditions, order, n: int | None):
    """One part of the list read in the order of an index (``n`` rows at most)."""
    stmt = select(*columns).where(*q.where, *conditions)
    if q.by_number:
        stmt = stmt.join(Applicant, Applicant.id == _R.applicant_id)
    stmt = stmt.order_by(*order)
    return stmt.limit(n) if n is not None else stmt


def _past(after: After | None) -> tuple:
    """Rows after ``after`` in the newest-first order: (created_at, id) below its, one range
    of the (…, created_at, id) indexes."""
    return () if after is None else (tuple_(_R.created_at, _R.id) < (after.made, after.request_id),)


def _late_past(after: After | None) -> tuple:
    """Late rows after ``after`` (a late line) in the late ones' order: a later answer date, or
    the same one and (created_at, id) below."""
    if after is None or after.late_due is None:
        return ()
    return (_R.answer_due >= after.late_due,
            or_(_R.answer_due > after.late_due, and_(_R.answer_due == after.late_due, *_past(after))))


def _page_ids(q: _Query, f: WorkFilter, today: dt.date, offset: int, limit: int | None,
              after: After | None = None) -> Select:
    """The ids of the page, in its order.  Each status is read on its own, newest first, from
    the (status, branch, created_at, id) index (or, «made by me», the creator's), at most as many
    as the page reaches, and only those are merged: a list of a few statuses never sorts them
    all.  The late ones first: each waiting status's late requests from the (status, branch,
    answer_due) index in the order of their answer date, the page's reach at most, then the
    others; a user's requests of every status are read status by status too.  ``after``: each
    part is entered at that place of its index (a keyset), the rows before it never read."""
    n = None if limit is None else offset + limit + 1
    newest = (_R.created_at.desc(), _R.id.desc())
    statuses = q.statuses or (tuple(sorted(wf.STATES)) if f.mine else None)
    each = [(_R.status == status,) for status in statuses] if statuses else [()]
    if q.tested:  # one part: the rows the text finds, their states tested
        each = [q.in_states()]
    made = _R.created_at.label("made")
    order: tuple[str, ...] = ("made", "id")
    arms: list[Select] = []
    if not f.overdue_first:
        arms = [_arm(q, (_R.id, made), (*conditions, *_past(after)), newest, n) for conditions in each]
    else:
        waiting = sorted(set(q.statuses or wf.STATES) & wf.WAITING)
        not_late = or_(_R.status.not_in(waiting), _R.answer_due.is_(None), _R.answer_due >= today)
        rest = (_R.id, made, literal(1, Integer).label("k"), cast(null(), Date).label("due"))
        in_late = after is not None and after.late_due is not None  # every other row follows
        rest_past = () if in_late else _past(after)
        arms = [_arm(q, rest, (*conditions, not_late, *rest_past), newest, n) for conditions in each]
        first = (_R.id, made, literal(0, Integer).label("k"), _R.answer_due.label("due"))
        if after is None or in_late:  # past the late ones: none of them read
            arms[:0] = [_arm(q, first, (_R.status == status, _R.answer_due < today, *_late_past(after)),
                             (_R.answer_due, *newest), n) for status in waiting]
        order = ("k", "due", "made", "id")
    if len(arms) == 1:
        merged = arms[0].subquery()
    else:
        merged = union_all(*(select(arm.subquery()) for arm in arms)).subquery()
    by = [merged.c[name].desc() if name in ("made", "id") else merged.c[name] for name in order]
    stmt = select(merged.c.id).order_by(*by).offset(offset)
    return stmt.limit(limit + 1) if limit is not None else stmt


def page(ctx: AppContext, f: WorkFilter, offset: int = 0, limit: int | None = PAGE,
         today: dt.date | None = None, after: After | None = None) -> WorkPage:
    """The requests of this branch ``f`` picks, newest first (or the late ones first, the
    longest late first), after ``after`` (the ``after`` of the page before, read with the same
    filter and day) and from ``offset``; ``limit`` None: all of them (the command line).
    Two statements: the page's ids, then its rows with the applicants' names."""
    ctx.require(permissions.VIEW_APPLICANT)
    if offset < 0 or (limit is not None and limit < 1):
        raise ValidationError("limit", _("Give a limit of at least one request"))
    today = today or dt.date.today()
    q = _query(ctx, f, today)
    if q is None:
        return WorkPage([], offset, False)
    with ctx.reading() as s:
        ids = list(s.scalars(_page_ids(_looked_up(s, q), f, today, offset, limit, after)))
        more = limit is not None and len(ids) > limit
        ids = ids[:limit]
        rows = {row.id: row for row in s.execute(
            select(*_COLUMNS).join(Applicant, Applicant.id == _R.applicant_id).where(_R.id.in_(ids)))}
    lines = [_line(rows[i], today) for i in ids if i in rows]
    return WorkPage(lines, offset, more, _place(lines[-1], f) if lines else None)


def _place(line: WorkLine, f: WorkFilter) -> After:
    """``line``'s place in the order ``f`` lists in (late: as ``_page_ids``'s first parts pick)."""
    late = f.overdue_first and line.overdue
    return After(line.created_at, line.request_id, line.answer_due if late else None)


def count(ctx: AppContext, f: WorkFilter, today: dt.date | None = None, cap: int = COUNT_CAP) -> int:
    """How many requests ``f`` picks, counted up to ``cap`` + 1 (more than ``cap``: «more than»)."""
    ctx.require(permissions.VIEW_APPLICANT)
    q = _query(ctx, f, today or dt.date.today())
    if q is None:
        return 0
    with ctx.reading() as s:
        q = _looked_up(s, q, counting=True)
        capped = _arm(q, (_R.created_at,), q.in_states(), (), cap + 1).subquery()  # an index alone
        return int(s.scalar(select(func.count()).select_from(capped)) or 0)


def _line(row, today: dt.date) -> WorkLine:
    late = wf.is_overdue(row.status, row.answer_due, today)
    return WorkLine(row.id, row.applicant_id, row.reference, row.full_name, row.national_id,
                    row.program, row.channel, row.status, row.created_at, row.answer_due,
                    (today - row.answer_due).days if late and row.answer_due else 0)
