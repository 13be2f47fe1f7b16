"""The manager's dashboard: this month's figures computed off the GUI thread, refreshed when data
change, and the monthly report previewed and saved as a spreadsheet from it."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk.domain.digits import localize_digits
from ajfar_desk.services.feedback import complaints
from ajfar_desk.ui.reports.dashboard import DashboardView
from printing.scenario import submitted_request

TODAY = dt.date.today()


@pytest.fixture(autouse=True)
def _today():
    """«Today» taken per test, not once at import: a run crossing midnight had failed here."""
    global TODAY
    TODAY = dt.date.today()


@pytest.fixture
def manager(ctx):
    as_ = staff_accounts(ctx, {"boss": ("manager", "منيرة المديرة")})
    return as_("boss")


def figure_row(view: DashboardView, title: str) -> list[str]:
    model = view.model
    for r in range(model.rowCount()):
        if model.data(model.index(r, 0)).strip("\u200f\u200e") == title:
            return [model.data(model.index(r, c)).strip("\u200f\u200e\u2068\u2069") for c in range(4)]
    raise AssertionError(title)


def test_figures_come_from_a_worker_and_follow_changes(qtbot, window, manager):
    submitted_request(manager, on=TODAY)
    window.retranslate()  # the manager's toolbar
    window.dashboard_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, DashboardView)
    assert view.job is not None  # computing off the GUI thread
    qtbot.waitUntil(lambda: view.report is not None and view.job is None, timeout=10_000)
    received = figure_row(view, "الطلبات الواردة")
    assert received[1] == "١" and received[2] == "٠" and received[3] == "+١"
    assert view.programs_chart.has_data()
    # a complaint recorded elsewhere: the dashboard recomputes by itself
    complaints.record_complaint(manager, complaints.ComplaintInput(
        "complaint", "phone", "delay", "تأخر", contact_name="سعيد"), today=TODAY)
    qtbot.waitUntil(lambda: figure_row(view, "الشكاوى الواردة")[1] == "١", timeout=10_000)


def test_one_branch_only(qtbot, app, manager):
    view = DashboardView(manager)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.report is not None and view.job is None, timeout=10_000)
    view.branch.setCurrentIndex(view.branch.findData("HQ"))
    qtbot.waitUntil(lambda: view.report is not None and view.report.branch == "HQ" and view.job is None,
                    timeout=10_000)


def test_the_monthly_report_previews_and_saves(qtbot, app, manager, tmp_path):
    submitted_request(manager, on=TODAY)
    view = DashboardView(manager)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.job is None, timeout=10_000)
    assert view.month.currentData() == str(view.current_month)  # the month in progress first
    qtbot.mouseClick(view.preview_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(view, "preview", None) is not None, timeout=15_000)
    assert view.preview.pdf_bytes.startswith(b"%PDF") and view.preview.page_count() >= 2
    assert view.preview.windowTitle().endswith("(الشهر الجاري)")  # which month it is, on screen
    target = tmp_path / "report.xlsx"
    view.make_report("xlsx", str(target))
    qtbot.waitUntil(target.exists, timeout=15_000)
    book = openpyxl.load_workbook(target)
    assert book.worksheets[0].sheet_view.rightToLeft


def test_english_and_empty(qtbot, app, manager, english_messages):
    view = DashboardView(manager)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.report is not None and view.job is None, timeout=10_000)
    row = figure_row(view, "Requests received")
    assert row[1:] == ["0", "0", "0"]
    assert figure_row(view, "Satisfaction index")[1] == "—"
    assert not view.trend_chart.has_data()
    assert localize_digits("1", "western") == "1"


def test_this_month_reads_to_date(qtbot, app, manager):
    """The month shown is in progress: overdue means past its answer date before today, and the
    end-of-month figures say «حتى تاريخه»."""
    from monthdata import Rows

    rows, then = Rows(manager), dt.datetime.now(dt.UTC) - dt.timedelta(days=3)
    person = rows.applicant(then)
    for n, due in enumerate((TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=10))):
        rows.request(person, then + dt.timedelta(minutes=n), "student_support", "phone", due=due,
                     steps=[("submit", "submitted", then + dt.timedelta(hours=1, minutes=n))])
    view = DashboardView(manager)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.report is not None and view.job is None, timeout=10_000)
    assert view.report.in_progress
    assert figure_row(view, "الطلبات المتأخرة حتى تاريخه")[1] == "١"  # not the one due in 10 days
    assert figure_row(view, "الطلبات المفتوحة حتى تاريخه")[1] == "٢"
    assert "حتى تاريخه" in view.status.text()
    qtbot.keyClick(view.refresh_button, Qt.Key.Key_Space)  # recomputed from the keyboard: same words
    qtbot.waitUntil(lambda: view.job is None, timeout=10_000)
    assert figure_row(view, "الشكاوى المفتوحة حتى تاريخه")[1] == "٠"
