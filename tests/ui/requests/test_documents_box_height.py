"""Trial 12 (shots 45, 58): at 1366×768 the request page's required-documents list showed half
a line, and an error line pushed it down to two of its three items. At the real desk's screens
the list shows its items (three lines at least) when the page opens, with an error line too."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

from printing.scenario import submitted_request

from ..fitcheck import room

AREAS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}


def seen_lines(form) -> int:
    """How many of the checklist's lines are seen whole in the scrolled middle's viewport."""
    viewport = form.middle.viewport()
    inner = form.checklist.viewport()
    seen = 0
    for row in range(form.checklist.count()):
        rect = form.checklist.visualItemRect(form.checklist.item(row))
        rect.moveTopLeft(inner.mapTo(viewport, rect.topLeft()))
        if viewport.rect().contains(rect) and inner.rect().contains(
                form.checklist.visualItemRect(form.checklist.item(row))):
            seen += 1
    return seen


@pytest.mark.parametrize("area", AREAS)
@pytest.mark.parametrize("error", [False, True])
def test_the_documents_list_shows_its_lines(qtbot, window, ctx, area, error):
    _applicant, request = submitted_request(ctx, on=dt.date.today() - dt.timedelta(days=60))
    window.resize(*room(AREAS[area]))
    window.open_request(request.id)
    form = window.page
    if error:
        form.key_unavailable("«طباعة خطاب القرار» (Alt+T) غير متاح لهذا الطلب الآن.")
    qtbot.waitUntil(lambda: form.checklist.count() > 0)
    QApplication.processEvents()
    qtbot.wait(50)
    want = min(3, form.checklist.count())
    assert form.overdue.isVisible()
    assert seen_lines(form) >= want, (seen_lines(form), form.middle.viewport().height())
