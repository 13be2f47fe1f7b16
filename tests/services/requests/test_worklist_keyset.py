"""The requests list read page after page from the last line's place (``WorkPage.after``, keyset)
and through its short ways (a reference's start few or many requests share, a name's requests,
the states tested on them) lists exactly what a plain reading of every row does: a randomized
small store, every view, compared line for line with the rows filtered and sorted here."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from sqlalchemy import insert, select

from accounts import staff_accounts
from ajfar_desk.db.base import new_id
from ajfar_desk.db.models import Applicant, SupportRequest
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.requests import worklist
from ajfar_desk.services.requests.worklist import WorkFilter
from query_plans import plan_of

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _today():
    """«Today» taken per test, not once at import: a run crossing midnight had failed here."""
    global TODAY
    TODAY = dt.date.today()
FAMILIES = ("الدوسري", "العتيبي", "القحطاني", "الشمري")


def _person(k: int) -> ApplicantInput:
    return ApplicantInput(
        national_id=make_national_id(1, f"{k + 1:08d}"), first_name=("سالم", "فهد", "نورة")[k % 3],
        father_name="محمد", grandfather_name="سعد", family_name=FAMILIES[k % 4],
        birth_date=f"19{70 + k}-01-01", nationality="SA", gender="female" if k % 3 == 2 else "male",
        marital_status="married", phone="0501234567", city="الأجفر", district="الشفا",
        monthly_income="3000", category="family", consent=True)


@pytest.fixture
def crowd(ctx):
    """260 requests of 8 applicants by two employees and the administrator: random states,
    programs and channels, some of another branch, made over 40 days with many made at the very
    same moment (ties the id orders), answer dates around today (many late); references of two
    prefixes and two years, so a start may be shared by many or few."""
    rng = random.Random(1447)
    as_ = staff_accounts(ctx, {"sara": ("front_desk", "سارة"), "huda": ("front_desk", "هدى")})
    people = [applicants.register(ctx, _person(k), confirm_similar=True).id for k in range(8)]
    users = [as_(name).user_id for name in ("sara", "huda")] + [as_("admin").user_id]
    programs = [p.code for p in ctx.profile.programs]
    channels = [c.code for c in ctx.profile.channels]
    moments = [dt.datetime.now(dt.UTC) - dt.timedelta(days=rng.uniform(0, 40)) for _ in range(90)]
    moments += [dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)] * 3  # made today
    rows = []
    for k in range(260):
        state = rng.choice(sorted(wf.STATES))
        made = rng.choice(moments)
        prefix = "AJF" if k % 5 else "AJX"
        rows.append({
            "id": new_id(), "branch": ctx.branch.code if rng.random() > 0.1 else "OTHER",
            "created_at": made, "updated_at": made, "applicant_id": rng.choice(people),
            "reference": f"{prefix}-{1446 + k % 2}-{k:06d}", "program": rng.choice(programs),
            "channel": rng.choice(channels), "status": state, "description": "",
            "created_by": rng.choice(users), "submitted_at": made,
            "answer_due": None if rng.random() < 0.2 else TODAY + dt.timedelta(days=rng.randint(-9, 9)),
        })
    with ctx.store.engine.begin() as conn:
        conn.execute(insert(SupportRequest), rows)
    as_("sara")
    return programs


def _plain(ctx, f: WorkFilter) -> list[str]:
    """The references ``f`` lists, every row read and filtered and sorted here."""
    with ctx.reading() as s:
        rows = s.execute(select(SupportRequest, Applicant.national_id).join(
            Applicant, Applicant.id == SupportRequest.applicant_id)).all()
    statuses = worklist.GROUPS[f.group]
    typed = f.text.strip().upper()
    names = ({hit.id for hit in search.search(ctx, f.text, limit=worklist.NAME_MATCHES)}
             if typed and not search.REFERENCE_RE.match(typed) and not typed.isdigit() else None)

    def picked(r: SupportRequest, national_id: str) -> bool:
        made = r.created_at.astimezone().date()
        return (r.branch == ctx.branch.code and (statuses is None or r.status in statuses)
                and (f.group != worklist.TODAY or made == TODAY)
                and (not f.program or r.program == f.program)
                and (not f.mine or r.created_by == ctx.user_id)
                and (not typed or (r.reference.startswith(typed) if search.REFERENCE_RE.match(typed)
                                   else national_id.startswith(typed) if typed.isdigit()
                                   else names is not None and r.applicant_id in names)))

    def late(r: SupportRequest) -> bool:
        return f.overdue_first and wf.is_overdue(r.status, r.answer_due, TODAY)

    kept = [r for r, national_id in rows if picked(r, national_id)]
    kept.sort(key=lambda r: (r.created_at, r.id), reverse=True)
    kept.sort(key=lambda r: (0, r.answer_due) if late(r) else (1, dt.date.min))  # stable
    return [r.reference for r in kept]


def _walked(ctx, f: WorkFilter, size: int) -> list[str]:
    """The list read ``size`` lines at a time, each page after the last line of the one before."""
    lines, after, more = [], None, True
    while more:
        found = worklist.page(ctx, f, limit=size, after=after, today=TODAY)
        lines += [line.reference for line in found.lines]
        after, more = found.after, found.more
        assert len(lines) <= 400, "the pages do not end"
    return lines


def _filters(programs: list[str]):
    texts = ("", "AJF", "AJX-1447", "AJF-1446-00001", "AJX-1446-000010", "العتيبي", "1000000")
    for group in worklist.GROUPS:
        for text in texts:
            yield WorkFilter(group=group, text=text)
        yield WorkFilter(group=group, overdue_first=True)
        yield WorkFilter(group=group, overdue_first=True, text="AJF")
        yield WorkFilter(group=group, mine=True, program=programs[0])
        yield WorkFilter(group=group, mine=True, overdue_first=True)


@pytest.mark.parametrize("few", [2, 4_000])
def test_pages_after_the_last_line_list_what_a_plain_reading_does(ctx, crowd, monkeypatch, few):
    """``few`` 2: every reference's start is «shared by many» (read along the dates' index);
    4,000: every one is «few» (named by its requests' ids)."""
    monkeypatch.setattr(worklist, "REFERENCE_FEW", few)
    for f in _filters(crowd):
        expected = _plain(ctx, f)
        assert _walked(ctx, f, 7) == expected, f
        by_offset = [line.reference for line in worklist.page(ctx, f, offset=5, limit=9, today=TODAY).lines]
        assert by_offset == expected[5:14], f
        assert worklist.count(ctx, f, today=TODAY, cap=30) == min(len(expected), 31), f


def test_a_page_after_the_last_late_line_goes_on_with_the_others(ctx, crowd):
    f = WorkFilter(group=worklist.ALL, overdue_first=True)
    expected = _plain(ctx, f)
    late = sum(1 for line in worklist.page(ctx, f, limit=None, today=TODAY).lines if line.overdue)
    assert 3 < late < len(expected) - 3  # the crowd has both
    first = worklist.page(ctx, f, limit=late, today=TODAY)
    assert first.after is not None and first.after.late_due is not None
    rest = worklist.page(ctx, f, limit=None, today=TODAY, after=first.after)
    assert [line.reference for line in first.lines + rest.lines] == expected
    assert not any(line.overdue for line in rest.lines)


def test_the_views_over_budget_read_a_range_of_an_index(ctx, crowd, monkeypatch):
    """SQLite without statistics, as a store has them: a page after the last line enters the
    index at that place; «today» is counted on the (created_at, id, branch, reference) index
    alone; a start many references share is tested on that index's entries, a few are found by
    their ids; a name's requests come from the applicant's index, never a state's (which would
    read every request at the desk to test them)."""
    if ctx.store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan (PostgreSQL's: EXPLAIN ANALYZE in migration 0024's notes)")
    covering = "COVERING INDEX ix_support_request_created_id"
    every = worklist.page(ctx, WorkFilter(group=worklist.ALL), limit=5, today=TODAY)
    deep = plan_of(ctx, lambda: worklist.page(ctx, WorkFilter(group=worklist.ALL), after=every.after))
    assert any(covering in line and "(created_at,id)<(?,?)" in line.replace(" ", "") for line in deep), deep
    at_desk = worklist.page(ctx, WorkFilter(), limit=5, today=TODAY)
    deep = plan_of(ctx, lambda: worklist.page(ctx, WorkFilter(), after=at_desk.after))
    searches = [line for line in deep if line.startswith("SEARCH support_request")]
    assert searches and all("ix_support_request_status_branch_created" in line and "created_at" in line
                            for line in searches), deep
    today = plan_of(ctx, lambda: worklist.count(ctx, WorkFilter(group=worklist.TODAY)))
    assert any(covering in line and "created_at>?" in line for line in today), today
    monkeypatch.setattr(worklist, "REFERENCE_FEW", 2)
    many = plan_of(ctx, lambda: worklist.page(ctx, WorkFilter(text="AJF")), skip=1)  # after the count
    assert [line for line in many if "support_request" in line] == [  # the state read only on a match
        "SCAN support_request USING INDEX ix_support_request_created_id"], many
    monkeypatch.setattr(worklist, "REFERENCE_FEW", 4_000)
    few = plan_of(ctx, lambda: worklist.page(ctx, WorkFilter(text="AJX")), skip=2)  # the count, the ids
    assert [line for line in few if "support_request" in line] == [
        "SEARCH support_request USING INDEX sqlite_autoindex_support_request_1 (id=?)"], few
    name = plan_of(ctx, lambda: worklist.page(ctx, WorkFilter(text="العتيبي")), skip=1)  # after the search's
    assert [line for line in name if "support_request" in line] == [
        "SEARCH support_request USING INDEX ix_support_request_applicant_id (applicant_id=?)"], name
