"""What each table of the monthly report counts, on the case that showed «مرفوض» 2 in the summary
and 1 in the table by state (trial 9, shots 111 and 112_6): a request rejected and then closed
in the month, and one rejected, appealed and rejected again.  The summary and the decisions'
table count decisions (and say so), the table by state counts each request once, in its last
state (and says so); their figures agree with that."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from ajfar_desk.domain import report as rp
from ajfar_desk.domain.report import Breakdown, YearMonth
from ajfar_desk.i18n import gettext
from ajfar_desk.printing.report import report_pdf
from ajfar_desk.services.reports import report
from ajfar_desk.services.users import setup
from monthdata import RIYADH, Rows, at, day
from printing.pdfcheck import read, text

OCT = YearMonth(2026, 10)


@pytest.fixture
def baraa(store):
    return setup.init_store(store, "baraa", None, "admin", "password123", "مدير النظام")


@pytest.fixture
def decided(baraa) -> dict[str, uuid.UUID]:
    r = Rows(baraa)
    person = r.applicant(at(9, 1))
    first, second = r.meeting(day(10, 5), 1), r.meeting(day(10, 19), 2)
    committee = [("submit", "submitted", at(10, 1)),
                 ("forward_to_committee", "awaiting_committee", at(10, 2))]
    closed = r.request(person, at(10, 1), "tutoring", "phone", steps=[
        *committee, ("reject", "rejected", at(10, 5)), ("close", "closed", at(10, 6))])
    upheld = r.request(person, at(10, 1, 11), "tutoring", "phone", steps=[
        *committee, ("reject", "rejected", at(10, 5, 11)), ("appeal", "appealed", at(10, 8)),
        ("reject", "rejected", at(10, 19))])
    approved = r.request(person, at(10, 1, 12), "student_support", "interview", steps=[
        *committee, ("approve", "approved", at(10, 5, 12))])
    r.decision(first, closed, "reject")
    r.decision(first, upheld, "reject")
    r.decision(second, upheld, "reject")  # the appeal's decision: the rejection upheld
    r.decision(first, approved, "approve", "900")
    return {"closed": closed, "upheld": upheld, "approved": approved}


def test_the_summary_counts_the_decisions_the_table_by_state_the_requests(baraa, decided):
    rep = report.monthly(baraa, OCT, tz=RIYADH)
    outcomes = rep.breakdown("decisions_by_outcome").current
    states = rep.breakdown("status_at_end").current
    # decisions: three rejections (one of them on appeal) and one approval, alike in both tables
    assert rep.figure("rejected").current == outcomes["reject"] == 3
    assert rep.figure("approved").current == outcomes["approve"] == 1
    assert rep.figure("decisions").current == sum(outcomes.values()) == 4
    # requests: each once, in its last state; the three decided requests are all there
    assert states == {"closed": 1, "rejected": 1, "approved": 1}
    assert sum(states.values()) == len(decided)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_heading_says_what_it_counts(lang):
    decisions = gettext("Committee decisions", lang)
    for key in ("approved", "rejected"):
        assert rp.figure_title(key, lang).startswith(decisions)
        assert rp.figure_title(key, lang, to_date=True).startswith(decisions)
    once = "(each request once)" if lang == "en" else "(كل طلب مرة واحدة)"
    assert rp.breakdown_title("status_at_end", lang).endswith(once)
    assert rp.breakdown_title("status_at_end", lang, to_date=True).endswith(once)
    each = "(each decision)" if lang == "en" else "(كل قرار)"
    assert rp.breakdown_title("decisions_by_outcome", lang).endswith(each)


def test_the_printed_report_says_it_under_the_two_tables(baraa, decided):
    rep = report.monthly(baraa, OCT, tz=RIYADH)
    words = " ".join(text(read(report_pdf(rep, baraa.profile, "en"))).split())
    assert "Requests by their last state at the end of the month (each request once)" in words
    assert "a request rejected and then closed counts as closed" in words
    assert "counts once per decision" in words
    assert "Committee decisions to reject" in words


def test_nothing_is_zero_in_a_count_and_a_dash_only_where_nothing_can_be_computed():
    """One rule for "nothing" in every table: a count or an amount of a month where nothing
    happened is 0 (as the table's total says), «—» only for an index without answers."""
    counts = Breakdown("received_by_branch", "branch", "count", {"HQ": 59}, {}, ("HQ", "B1"))
    assert counts.rows() == [("HQ", 59, 0), ("B1", 0, 0)]
    money = Breakdown("amount_by_program", "program", "money", {}, {"tutoring": Decimal(5)})
    assert money.rows() == [("tutoring", 0, 5)]
    index = Breakdown("satisfaction_by_branch", "branch", "percent", {"HQ": Decimal(80)}, {})
    assert index.rows() == [("HQ", 80, None)]
