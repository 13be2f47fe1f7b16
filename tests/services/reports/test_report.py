"""The monthly report's figures against a month built by hand (baraa: branches HQ and B1).

September and October 2026 in Riyadh time; rows at the month boundaries check that a moment
belongs to the local month (01:00 on 1 October is still 30 September in UTC)."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.report import YearMonth, index_of, median
from ajfar_desk.services.reports import report
from ajfar_desk.services.users import setup
from monthdata import RIYADH, Rows, at, day

OCT = YearMonth(2026, 10)
D = Decimal


@pytest.fixture
def baraa(store):
    return setup.init_store(store, "baraa", None, "admin", "password123", "مدير النظام")


@pytest.fixture
def month(baraa):
    r = Rows(baraa)
    e1, e2 = uuid.uuid4(), uuid.uuid4()
    a1 = r.applicant(at(9, 15))
    a2 = r.applicant(at(10, 1, 1))  # 30 September 22:00 UTC
    a3 = r.applicant(at(10, 31, 23, 30), "B1")
    a4 = r.applicant(at(11, 1, 0, 30), "B1")  # still 31 October in UTC: November here
    m0, m1 = r.meeting(day(9, 28), 1), r.meeting(day(10, 12), 2)
    r1 = r.request(a1, at(9, 20), "student_support", "interview", due=day(10, 5), steps=[
        ("submit", "submitted", at(9, 21)),
        ("refer_to_researcher", "with_researcher", at(9, 25)),
        ("forward_to_committee", "awaiting_committee", at(10, 5)),
        ("approve", "approved", at(10, 12)),
        ("deliver", "delivered", at(10, 20)),
    ])
    r2 = r.request(a2, at(10, 1, 1), "tutoring", "phone", due=day(10, 16), steps=[
        ("submit", "submitted", at(10, 2)),
        ("forward_to_committee", "awaiting_committee", at(10, 3)),
    ])
    r.request(a3, at(10, 31, 23, 30), "student_support", "interview", "B1")
    r4 = r.request(a1, at(9, 2), "student_support", "phone", due=day(9, 17), steps=[
        ("submit", "submitted", at(9, 3)),
        ("reject", "rejected", at(9, 28)),
    ])
    r.request(a4, at(11, 1, 0, 30), "tutoring", "interview", "B1", steps=[
        ("submit", "submitted", at(11, 2)),
    ])
    r6 = r.request(a2, at(9, 29), "tutoring", "social_media", "B1", due=day(10, 14), steps=[
        ("submit", "submitted", at(9, 30, 23)),  # 20:00 UTC: the 30th either way
        ("reject", "rejected", at(10, 12)),
    ])
    r.decision(m0, r4, "reject")
    r.decision(m1, r1, "approve", "1500")
    r.decision(m1, r2, "defer")
    r.decision(m1, r6, "reject")
    r.delivery(r1, day(10, 20), "1500")
    r.survey(day(9, 10), [4, 4])
    r.survey(day(10, 21), [5, 4, 5, 4, 5], "HQ", "student_support", "interview", e1, r1)
    r.survey(day(10, 31), [3, 3], "B1", "tutoring", "social_media", e2)
    r.survey(day(11, 1), [1, 1], "B1")
    r.complaint("complaint", day(9, 25), "service_quality", resolved=day(10, 3))
    r.complaint("complaint", day(10, 10), "delay", "B1")
    r.complaint("complaint", day(10, 20), "staff_conduct", resolved=day(10, 22))
    r.complaint("suggestion", day(10, 5), "improvement")
    return {"e1": str(e1), "e2": str(e2)}


def figures(rep, which="current"):
    return {f.key: getattr(f, which) for f in rep.figures}


def test_every_figure_of_october_beside_september(baraa, month):
    rep = report.monthly(baraa, OCT, tz=RIYADH)
    assert figures(rep) == {
        "new_applicants": 2, "requests_received": 2, "requests_submitted": 1, "open_at_end": 1,
        "decisions": 3, "approved": 1, "rejected": 1, "median_days_to_decision": D("16.5"),
        "overdue_at_end": 1, "services_delivered": 1, "amount_delivered": D("1500"),
        "survey_responses": 2, "satisfaction_index": D("82.9"), "complaints_opened": 2,
        "complaints_resolved": 2, "median_days_to_resolve": D("5.0"),
        "complaints_open_at_end": 1, "complaints_overdue_at_end": 1, "suggestions_received": 1,
        "enquiries_received": 0, "enquiries_referred": 0, "enquiries_to_requests": 0,
        "coordination_matches": 0,
        "messages_queued": 0, "messages_sent": 0, "messages_failed": 0,
    }
    assert figures(rep, "previous") == {
        "new_applicants": 1, "requests_received": 3, "requests_submitted": 3, "open_at_end": 2,
        "decisions": 1, "approved": 0, "rejected": 1, "median_days_to_decision": D("25.0"),
        "overdue_at_end": 0, "services_delivered": 0, "amount_delivered": D("0"),
        "survey_responses": 1, "satisfaction_index": D("80.0"), "complaints_opened": 1,
        "complaints_resolved": 0, "median_days_to_resolve": None,
        "complaints_open_at_end": 1, "complaints_overdue_at_end": 0, "suggestions_received": 0,
        "enquiries_received": 0, "enquiries_referred": 0, "enquiries_to_requests": 0,
        "coordination_matches": 0,
        "messages_queued": 0, "messages_sent": 0, "messages_failed": 0,
    }
    assert rep.figure("new_applicants").change == 1
    assert rep.figure("median_days_to_resolve").change is None


def test_breakdowns_of_october(baraa, month):
    rep = report.monthly(baraa, OCT, tz=RIYADH)
    b = {x.key: (x.current, x.previous) for x in rep.breakdowns}
    assert b["received_by_program"] == ({"tutoring": 1, "student_support": 1},
                                       {"student_support": 2, "tutoring": 1})
    assert b["received_by_channel"] == ({"phone": 1, "interview": 1},
                                       {"interview": 1, "phone": 1, "social_media": 1})
    assert b["received_by_branch"] == ({"HQ": 1, "B1": 1}, {"HQ": 2, "B1": 1})
    assert b["status_at_end"] == (
        {"delivered": 1, "awaiting_committee": 1, "draft": 1, "rejected": 1},
        {"with_researcher": 1, "rejected": 1, "submitted": 1},
    )
    assert b["decisions_by_outcome"] == ({"approve": 1, "defer": 1, "reject": 1}, {"reject": 1})
    assert b["delivered_by_program"] == ({"student_support": 1}, {})
    assert b["amount_by_program"] == ({"student_support": D("1500")}, {})
    assert b["satisfaction_by_branch"] == ({"HQ": D("92.0"), "B1": D("60.0")}, {"HQ": D("80.0")})
    assert b["satisfaction_by_program"][0] == {"student_support": D("92.0"), "tutoring": D("60.0")}
    assert b["satisfaction_by_channel"][0] == {"interview": D("92.0"), "social_media": D("60.0")}
    assert b["satisfaction_by_employee"][0] == {month["e1"]: D("92.0"), month["e2"]: D("60.0")}
    assert b["complaints_by_category"] == (
        {"delay": 1, "staff_conduct": 1, "improvement": 1}, {"service_quality": 1}
    )
    programs = rep.breakdown("received_by_program")
    assert [code for code, *_ in programs.rows()][:2] == ["student_support", "tutoring"]  # profile order


def test_satisfaction_trend_over_six_months(baraa, month):
    rep = report.monthly(baraa, OCT, tz=RIYADH)
    assert [(str(p.month), p.index, p.responses) for p in rep.trend] == [
        ("2026-05", None, 0), ("2026-06", None, 0), ("2026-07", None, 0),
        ("2026-08", None, 0), ("2026-09", D("80.0"), 1), ("2026-10", D("82.9"), 2),
    ]


def test_one_branch(baraa, month):
    rep = report.monthly(baraa, OCT, branch="B1", tz=RIYADH)
    assert rep.branch == "B1"
    got = figures(rep)
    assert {k: got[k] for k in (
        "new_applicants", "requests_received", "requests_submitted", "open_at_end", "decisions",
        "rejected", "median_days_to_decision", "overdue_at_end", "services_delivered",
        "survey_responses", "satisfaction_index", "complaints_opened", "complaints_open_at_end",
        "complaints_overdue_at_end", "suggestions_received",
    )} == {
        "new_applicants": 1, "requests_received": 1, "requests_submitted": 0, "open_at_end": 0,
        "decisions": 1, "rejected": 1, "median_days_to_decision": D("12.0"), "overdue_at_end": 0,
        "services_delivered": 0, "survey_responses": 1, "satisfaction_index": D("60.0"),
        "complaints_opened": 1, "complaints_open_at_end": 1, "complaints_overdue_at_end": 1,
        "suggestions_received": 0,
    }
    assert rep.breakdown("status_at_end").current == {"draft": 1, "rejected": 1}
    assert figures(rep, "previous")["requests_submitted"] == 1  # r6, submitted 30 September


def test_november_holds_what_crossed_the_boundary(baraa, month):
    rep = report.monthly(baraa, YearMonth(2026, 11), tz=RIYADH)
    got = figures(rep)
    assert got["new_applicants"] == 1 and got["requests_received"] == 1
    assert got["requests_submitted"] == 1 and got["survey_responses"] == 1
    assert got["satisfaction_index"] == D("20.0")
    # delivered last month and rejected last month are no longer listed; R2 still waits
    assert rep.breakdown("status_at_end").current == {
        "awaiting_committee": 1, "submitted": 1, "draft": 1,  # R3 is still a draft
    }


def test_a_month_with_no_data(baraa, month):
    rep = report.monthly(baraa, YearMonth(2025, 1), tz=RIYADH)
    for f in rep.figures:
        if f.kind in ("days", "percent"):
            assert f.current is None and f.previous is None, f.key
        else:
            assert f.current == 0 and f.previous == 0, f.key
    assert all(not b.current and not b.previous for b in rep.breakdowns)
    assert all(p.index is None and p.responses == 0 for p in rep.trend)


def test_an_empty_store(baraa):
    rep = report.monthly(baraa, OCT)
    assert rep.figure("requests_received").current == 0


def test_only_managers_read_the_report(baraa):
    from accounts import staff_accounts
    as_ = staff_accounts(baraa, {"desk": ("front_desk", "موظف")})
    with pytest.raises(ValidationError) as info:
        report.monthly(as_("desk"), OCT)
    assert info.value.field == "permission"


def test_unknown_branch_is_refused(baraa):
    with pytest.raises(ValidationError):
        report.monthly(baraa, OCT, branch="XX")


@pytest.mark.parametrize(("text", "month"), [
    ("2026-10", YearMonth(2026, 10)), ("٢٠٢٦-١٠", YearMonth(2026, 10)), (" 2026-1 ", YearMonth(2026, 1)),
])
def test_month_parsing(text, month):
    assert YearMonth.parse(text) == month


@pytest.mark.parametrize("text", ["2026-13", "10-2026", "", "2026/10", "0999-01"])
def test_bad_month_is_refused(text):
    with pytest.raises(ValidationError) as info:
        YearMonth.parse(text)
    assert info.value.field == "month"


def test_month_arithmetic():
    assert YearMonth(2026, 1).previous() == YearMonth(2025, 12)
    assert YearMonth(2026, 12).next() == YearMonth(2027, 1)
    assert YearMonth(2026, 2).last_day.day == 28
    assert [str(m) for m in YearMonth(2026, 2).back(3)] == ["2025-12", "2026-01", "2026-02"]


def test_index_and_median():
    assert index_of([5, 5]) == D("100.0") and index_of([1]) == D("20.0") and index_of([]) is None
    assert median([3, 1, 2]) == D("2.0") and median([1, 2, 3, 10]) == D("2.5") and median([]) is None
