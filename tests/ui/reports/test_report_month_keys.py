"""The printed monthly report from the dashboard, as the manager met it in trial 9: the month
offered first is the one in progress, which the dashboard above shows, and it says so (shot 106:
it was last month); in the preview, Page Down reads on after Tab took the focus to a button
(shot 110)."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from accounts import staff_accounts
from ajfar_desk.domain.report import YearMonth
from ajfar_desk.printing.report import report_pdf
from ajfar_desk.services.reports import report
from ajfar_desk.ui.papers.paper_preview import PaperPreview
from ajfar_desk.ui.reports.dashboard import DashboardView

TODAY = dt.date(2026, 12, 7)


@pytest.fixture
def manager(ctx):
    return staff_accounts(ctx, {"boss": ("manager", "منيرة المديرة")})("boss")


def test_the_month_in_progress_is_offered_first_and_says_so(qtbot, app, manager):
    view = DashboardView(manager, today=TODAY)
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: view.job is None, timeout=10_000)
    assert view.month.currentData() == "2026-12"  # the dashboard's month, not November
    assert view.month.currentText() == "ديسمبر ٢٠٢٦ (الشهر الجاري)"
    assert view.month.itemText(1) == "نوفمبر ٢٠٢٦"  # a closed month: its name alone
    view.month.setFocus()
    qtbot.keyClick(view.month, Qt.Key.Key_Down)  # last month, one key away
    assert view.month.currentData() == "2026-11"


def _preview(qtbot, ctx) -> PaperPreview:
    data = report_pdf(report.monthly(ctx, YearMonth.of(dt.date.today())), ctx.profile, "ar")
    preview = PaperPreview("report", lambda: data, lambda: None, "report.pdf")
    qtbot.addWidget(preview)
    preview.resize(900, 600)  # a page taller than the window: there is something to scroll
    preview.show()
    preview.activateWindow()  # the dialog's keys work in the active window, as at the desk
    qtbot.waitUntil(preview.isActiveWindow, timeout=5_000)
    qtbot.waitUntil(lambda: preview.view.verticalScrollBar().maximum() > 0, timeout=10_000)
    return preview


def test_page_down_scrolls_the_paper_whatever_has_the_focus(qtbot, app, manager):
    preview = _preview(qtbot, manager)
    bar = preview.view.verticalScrollBar()
    preview.view.setFocus()
    qtbot.keyClick(preview.view, Qt.Key.Key_PageDown)
    after_view = bar.value()
    assert after_view > 0
    qtbot.keyClick(preview.view, Qt.Key.Key_Tab)  # the focus leaves the paper for a button
    focused = preview.focusWidget()
    assert focused is not preview.view and focused in (
        preview.print_button, preview.save_button, preview.close_button)
    qtbot.keyClick(focused, Qt.Key.Key_PageDown)
    further = bar.value()
    assert further > after_view
    qtbot.keyClick(focused, Qt.Key.Key_PageUp)
    assert 0 < bar.value() < further
    qtbot.keyClick(focused, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(focused, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0
    assert preview.isVisible()  # no key closed it or pressed a button
