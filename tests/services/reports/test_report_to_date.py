"""The month in progress: its "at the end of the month" figures are taken now and say "to date".

A fixed clock on 6 December 2026 (Riyadh): a request waiting for an answer due on the 20th is
not overdue yet, one due on the 3rd is; the same December read once it is over (a clock in
January) counts both, as every past month always has."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from ajfar_desk.cli.commands_feedback import as_json
from ajfar_desk.domain.report import YearMonth, figure_title
from ajfar_desk.printing.report import report_pdf
from ajfar_desk.services.reports import report
from ajfar_desk.services.reports.report_xlsx import report_xlsx
from ajfar_desk.services.users import setup
from monthdata import RIYADH, Rows, at, day
from printing.pdfcheck import read, text

DEC = YearMonth(2026, 12)
NOW = at(12, 6, 11, 30)  # 6 December, 11:30 in Riyadh
AFTER = at(1, 5, 9, year=2027)  # December is over
TO_DATE = "حتى تاريخه"


@pytest.fixture
def baraa(store):
    return setup.init_store(store, "baraa", None, "admin", "password123", "مدير النظام")


@pytest.fixture
def december(baraa):
    r = Rows(baraa)
    a1, a2 = r.applicant(at(11, 20)), r.applicant(at(12, 1))
    waiting = [("submit", "submitted", at(12, 1, 9))]
    r.request(a1, at(11, 20), "student_support", "phone", due=day(12, 3), steps=[
        ("submit", "submitted", at(11, 21)),
        ("forward_to_committee", "awaiting_committee", at(11, 25)),
    ])  # overdue since the 4th
    r.request(a2, at(12, 1, 8), "tutoring", "interview", due=day(12, 20), steps=waiting)
    r.request(a2, at(12, 1, 8, 30), "tutoring", "phone", due=day(12, 20), steps=waiting)
    r.request(a1, at(12, 1, 8, 45), "student_support", "interview", due=day(12, 6), steps=waiting)  # due today
    r.complaint("complaint", day(11, 25), "delay")  # due 2 December: past its deadline
    r.complaint("complaint", day(12, 2), "delay")  # due 9 December: not yet
    r.complaint("complaint", day(12, 1), "service_quality", resolved=day(12, 4))
    return r


def figures(rep):
    return {f.key: f.current for f in rep.figures}


def test_month_in_progress_counts_overdue_before_today(baraa, december):
    rep = report.monthly(baraa, DEC, tz=RIYADH, now=NOW)
    assert rep.in_progress and rep.cutoff == NOW
    f = figures(rep)
    # due the 20th (twice) and due today: not overdue; due the 3rd: overdue
    assert (f["open_at_end"], f["overdue_at_end"]) == (4, 1)
    assert (f["complaints_open_at_end"], f["complaints_overdue_at_end"]) == (2, 1)
    assert rep.breakdown("status_at_end").current == {"submitted": 3, "awaiting_committee": 1}
    # the previous month is over: its figures are at its end (the one due 3 December waits)
    prev = {x.key: x.previous for x in rep.figures}
    assert (prev["open_at_end"], prev["overdue_at_end"], prev["complaints_overdue_at_end"]) == (1, 0, 0)


def test_a_past_month_keeps_its_end_of_month_figures(baraa, december):
    rep = report.monthly(baraa, DEC, tz=RIYADH, now=AFTER)
    assert not rep.in_progress and rep.cutoff is None
    f = figures(rep)
    assert (f["open_at_end"], f["overdue_at_end"]) == (4, 4)
    assert (f["complaints_open_at_end"], f["complaints_overdue_at_end"]) == (2, 2)


def test_a_step_after_the_cutoff_is_not_counted_yet(baraa, december):
    """The state to date is the last step taken before now (a later clock sees it)."""
    rid = december.request(
        december.applicant(at(12, 2, 8)), at(12, 2, 8), "tutoring", "phone", due=day(12, 5),
        steps=[("submit", "submitted", at(12, 2, 9)), ("reject", "rejected", at(12, 6, 12))],
    )
    assert rid
    f = figures(report.monthly(baraa, DEC, tz=RIYADH, now=NOW))  # 11:30: still waiting
    assert (f["open_at_end"], f["overdue_at_end"]) == (5, 2)
    f = figures(report.monthly(baraa, DEC, tz=RIYADH, now=at(12, 6, 13)))  # 13:00: rejected
    assert (f["open_at_end"], f["overdue_at_end"]) == (4, 1)


def test_papers_say_to_date_only_for_the_month_in_progress(baraa, december, tmp_path):
    profile = baraa.profile
    now = report.monthly(baraa, DEC, tz=RIYADH, now=NOW)
    past = report.monthly(baraa, DEC, tz=RIYADH, now=AFTER)
    pdf_now, pdf_past = report_pdf(now, profile, "ar"), report_pdf(past, profile, "ar")
    (tmp_path / "now.pdf").write_bytes(pdf_now)
    flat = lambda pdf: "".join(text(read(pdf)).split())  # noqa: E731
    assert TO_DATE.replace(" ", "") in flat(pdf_now)
    assert TO_DATE.replace(" ", "") not in flat(pdf_past)
    assert "todate" in flat(report_pdf(now, profile, "en")).lower()
    assert "todate" not in flat(report_pdf(past, profile, "en")).lower()

    ws = load_workbook(io.BytesIO(report_xlsx(now, profile, "ar"))).active
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert figure_title("overdue_at_end", "ar", to_date=True) in cells
    assert sum(TO_DATE in c for c in cells) >= 5  # the cut-off row and four figures
    ws = load_workbook(io.BytesIO(report_xlsx(past, profile, "ar"))).active
    assert not any(TO_DATE in str(c.value) for row in ws.iter_rows() for c in row)

    data = json.loads(json.dumps(as_json(now, "en"), default=str))
    assert data["in_progress"] is True
    assert dt.datetime.fromisoformat(data["cutoff"]) == NOW
    assert data["figures"]["overdue_at_end"] == {
        "title": "Requests overdue to date", "current": 1, "previous": 0,
    }
    data = as_json(past, "en")
    assert data["in_progress"] is False and data["cutoff"] is None
    assert data["figures"]["overdue_at_end"]["title"] == "Requests overdue at the end of the month"
