"""The managers' page (dashboard): the reminder of the policy's review, and the annual report
for the board previewed from a Hijri or a Gregorian year, off the GUI thread."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ajfar_desk.ui.reports.dashboard import DashboardView


def _view(qtbot, ctx, today) -> DashboardView:
    view = DashboardView(ctx, today=today)
    qtbot.addWidget(view)
    view.resize(1300, 640)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.report is not None and view.job is None, timeout=10_000)
    return view


def test_the_review_is_recalled_when_due_and_after(qtbot, app, ctx):
    due = ctx.profile.review.due  # AlAjfar: a year after its approval
    assert _view(qtbot, ctx, due - dt.timedelta(days=31)).review_banner.isHidden()
    soon = _view(qtbot, ctx, due - dt.timedelta(days=10))
    assert soon.review_banner.isVisible() and "موعد مراجعة السياسة" in soon.review_banner.message.text()
    late = _view(qtbot, ctx, due + dt.timedelta(days=1))
    assert late.review_banner.isVisible() and "فات موعد مراجعة السياسة" in late.review_banner.message.text()


def test_the_annual_report_is_previewed_for_the_chosen_year(qtbot, app, ctx):
    view = _view(qtbot, ctx, dt.date(2026, 12, 7))
    bar = view.annual
    assert bar.calendar.code() == "hijri" and bar.year.currentData() == 1448
    assert bar.year.itemText(0) == "١٤٤٨"  # the association's digits
    bar.calendar.setFocus()
    qtbot.keyClick(bar.calendar, Qt.Key.Key_Down)
    assert bar.calendar.code() == "gregorian" and bar.year.currentData() == 2026
    qtbot.mouseClick(bar.button, Qt.MouseButton.LeftButton)
    assert not bar.button.isEnabled()  # computed off the GUI thread
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible(), timeout=20_000)
    assert bar.button.isEnabled() and bar.preview.pdf_bytes.startswith(b"%PDF")
    assert bar.preview.page_count() >= 2
    bar.preview.close()
