"""The front desk's list of requests (``services.requests.worklist``): its views of the desk's
work, its filters, its pages and its count, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.i18n import set_language
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.requests import requests, worklist
from ajfar_desk.services.requests.worklist import WorkFilter
from query_plans import plan_of
from request_states import put

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _today():
    """«Today» taken per test, not once at import: a run crossing midnight had failed here."""
    global TODAY
    TODAY = dt.date.today()
STAFF = {"sara": ("front_desk", "سارة الموظفة"), "huda": ("front_desk", "هدى الموظفة"),
         "member": ("committee", "عضو اللجنة")}


def person(first: str, family: str, body: str) -> ApplicantInput:
    return ApplicantInput(
        national_id=make_national_id(1, body), first_name=first, father_name="محمد",
        grandfather_name="سعد", family_name=family, birth_date="1990-01-01", nationality="SA",
        gender="male", marital_status="married", phone="0501234567", city="الأجفر",
        district="الشفا", monthly_income="3000", category="family", consent=True)


@pytest.fixture
def desk(ctx):
    """Sara's and Huda's requests at the desk: five of Sara's in five states, one of Huda's
    made a month ago, one of another branch."""
    as_ = staff_accounts(ctx, STAFF)
    program = ctx.profile.programs[0].code
    other_program = ctx.profile.programs[1].code
    channel = ctx.profile.channels[0].code
    as_("sara")
    salem = applicants.register(ctx, person("سالم", "الدوسري", "01234567"), confirm_similar=True)
    fahad = applicants.register(ctx, person("فهد", "العتيبي", "07654321"), confirm_similar=True)
    made = {}
    for key, who, state in (("draft", salem, wf.DRAFT), ("submitted", salem, wf.SUBMITTED),
                            ("more", fahad, wf.MORE_INFO), ("approved", fahad, wf.APPROVED),
                            ("closed", fahad, wf.CLOSED)):
        made[key] = requests.create_request(ctx, who.id, program, channel)
        put(ctx, made[key].id, status=state)
    late = TODAY - dt.timedelta(days=5)
    put(ctx, made["submitted"].id, answer_due=late)
    as_("huda")
    made["old"] = requests.create_request(ctx, salem.id, other_program, channel)
    month_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=30)
    put(ctx, made["old"].id, created_at=month_ago)
    made["elsewhere"] = requests.create_request(ctx, fahad.id, program, channel)
    put(ctx, made["elsewhere"].id, branch="OTHER")
    as_("sara")
    return made, as_


def refs(ctx, f: WorkFilter = WorkFilter(), **kw) -> list[str]:
    return [line.reference for line in worklist.page(ctx, f, **kw).lines]


def test_the_desk_sees_what_waits_for_it_newest_first(ctx, desk):
    made, _as = desk
    at_desk = refs(ctx)
    assert at_desk == [made[k].reference for k in ("approved", "more", "submitted", "draft", "old")]
    assert refs(ctx, WorkFilter(group=worklist.DOCUMENTS)) == [made["draft"].reference, made["old"].reference]
    assert refs(ctx, WorkFilter(group=worklist.MORE_INFO)) == [made["more"].reference]
    assert refs(ctx, WorkFilter(group=worklist.APPROVED)) == [made["approved"].reference]
    assert made["closed"].reference in refs(ctx, WorkFilter(group=worklist.ALL))
    assert made["elsewhere"].reference not in refs(ctx, WorkFilter(group=worklist.ALL))  # this branch's
    assert worklist.count(ctx, WorkFilter()) == 5
    assert worklist.count(ctx, WorkFilter(group=worklist.ALL)) == 6


def test_filters_narrow_the_list(ctx, desk):
    made, as_ = desk
    assert refs(ctx, WorkFilter(mine=True)) == [made[k].reference for k in ("approved", "more", "submitted", "draft")]
    as_("huda")
    assert refs(ctx, WorkFilter(mine=True)) == [made["old"].reference]
    other = ctx.profile.programs[1].code
    assert refs(ctx, WorkFilter(program=other)) == [made["old"].reference]
    assert refs(ctx, WorkFilter(group=worklist.TODAY)) == [
        made[k].reference for k in ("closed", "approved", "more", "submitted", "draft")]
    week_ago = TODAY - dt.timedelta(days=7)
    assert refs(ctx, WorkFilter(until=week_ago)) == [made["old"].reference]
    assert len(refs(ctx, WorkFilter(since=week_ago))) == 4
    assert refs(ctx, WorkFilter(status=wf.SUBMITTED)) == [made["submitted"].reference]
    assert refs(ctx, WorkFilter(group=worklist.MORE_INFO, status=wf.DRAFT)) == []  # not in that view


def test_text_finds_by_name_id_or_reference_in_any_digits(ctx, desk):
    made, _as = desk
    assert refs(ctx, WorkFilter(text="فهد")) == [made["approved"].reference, made["more"].reference]
    assert refs(ctx, WorkFilter(text="العتيبى")) == [made["approved"].reference, made["more"].reference]
    typed = made["more"].reference.lower().translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert refs(ctx, WorkFilter(text=typed)) == [made["more"].reference]
    assert refs(ctx, WorkFilter(text=make_national_id(1, "01234567")[:6])) == [
        made[k].reference for k in ("submitted", "draft", "old")]
    assert refs(ctx, WorkFilter(text="لا أحد بهذا الاسم")) == []


def test_the_late_come_first_and_say_by_how_many_days(ctx, desk):
    made, _as = desk
    lines = worklist.page(ctx, WorkFilter(overdue_first=True)).lines
    assert lines[0].reference == made["submitted"].reference
    assert (lines[0].overdue, lines[0].days_late) == (True, 5)
    assert not any(line.overdue for line in lines[1:])


def test_pages_follow_each_other_without_a_gap_or_a_repeat(ctx, desk):
    every = refs(ctx, WorkFilter(group=worklist.ALL))
    first = worklist.page(ctx, WorkFilter(group=worklist.ALL), limit=4)
    second = worklist.page(ctx, WorkFilter(group=worklist.ALL), offset=4, limit=4)
    assert first.more and not second.more
    assert [line.reference for line in first.lines + second.lines] == every
    assert worklist.count(ctx, WorkFilter(group=worklist.ALL), cap=3) == 4  # «more than 3»


def test_wrong_filters_are_named(ctx, desk, english_messages):
    with pytest.raises(ValidationError) as err:
        worklist.page(ctx, WorkFilter(group="lost", status="gone", program="x", channel="y",
                                      since=TODAY, until=TODAY - dt.timedelta(days=1)))
    assert {field for field, _m in err.value.errors} == {"group", "status", "program", "channel", "until"}


def test_every_role_that_reads_files_may_list_and_nobody_else(ctx, desk):
    _made, as_ = desk
    as_("member")
    assert len(refs(ctx)) == 5  # as the overdue list: whoever may open a file
    ctx.user = None
    with pytest.raises(ValidationError):
        worklist.page(ctx, WorkFilter())


@pytest.mark.parametrize(("count", "said"), [
    (0, "لا طلبات بانتظار المستندات"), (1, "طلب واحد بانتظار المستندات"), (2, "طلبان بانتظار المستندات"),
    (3, "3 طلبات بانتظار المستندات"), (11, "11 طلبًا بانتظار المستندات"), (100, "100 طلب بانتظار المستندات"),
])
def test_counts_are_said_in_each_arabic_plural(count, said):
    set_language("ar")
    assert worklist.count_text(worklist.DOCUMENTS, count).format(count=count) == said


def test_late_of_several_states_come_by_answer_date_and_mine_reads_every_state(ctx, desk):
    made, as_ = desk
    put(ctx, made["more"].id, answer_due=TODAY - dt.timedelta(days=9))
    late_first = refs(ctx, WorkFilter(overdue_first=True))
    assert late_first == [made[k].reference for k in ("more", "submitted", "approved", "draft", "old")]
    assert [line.days_late for line in worklist.page(ctx, WorkFilter(overdue_first=True)).lines][:3] == [9, 5, 0]
    mine_all = [made[k].reference for k in ("closed", "approved", "more", "submitted", "draft")]
    assert refs(ctx, WorkFilter(group=worklist.ALL, mine=True)) == mine_all
    assert refs(ctx, WorkFilter(group=worklist.ALL, mine=True), offset=2, limit=2) == mine_all[2:4]
    assert refs(ctx, WorkFilter(group=worklist.ALL, mine=True, overdue_first=True)) == [
        made[k].reference for k in ("more", "submitted", "closed", "approved", "draft")]
    assert worklist.count(ctx, WorkFilter(group=worklist.ALL, mine=True)) == 5
    as_("admin")  # made none
    assert refs(ctx, WorkFilter(mine=True)) == refs(ctx, WorkFilter(group=worklist.ALL, mine=True)) == []
    assert worklist.count(ctx, WorkFilter(mine=True)) == 0


def _plan_of_the_page(ctx, f: WorkFilter) -> list[str]:
    """SQLite's plan of the statement that reads the page's ids (the first the page runs)."""
    return plan_of(ctx, lambda: worklist.page(ctx, f))


def test_late_first_and_mine_read_a_page_from_their_indexes(ctx, desk):
    """Without statistics, as a store has them: «late first» reads each waiting state's late
    requests by answer date (never all of them sorted), «made by me» a user's requests of a
    state from the creator's index (someone who made none reads nothing)."""
    if ctx.store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's plan (PostgreSQL's: EXPLAIN ANALYZE in migration 0021's notes)")
    late = _plan_of_the_page(ctx, WorkFilter(overdue_first=True))
    searches = [line for line in late if line.startswith(("SEARCH", "SCAN support_request"))]
    by_due = [line for line in searches if "ix_support_request_status_branch_due" in line]
    assert len(by_due) == 2 and all("answer_due<?" in line for line in by_due)  # submitted, more_info
    assert all("ix_support_request_status_branch_" in line for line in searches), late
    for mine in (WorkFilter(mine=True), WorkFilter(group=worklist.ALL, mine=True)):
        plan = _plan_of_the_page(ctx, mine)
        searches = [line for line in plan if "support_request" in line]
        assert searches and all(
            "COVERING INDEX ix_support_request_creator_status_branch_created" in line
            for line in searches), plan
