"""The request page at the real desk (1366×768 and 1280×720, a 40-pixel taskbar): the paper
buttons (declaration, referral letter, receipt, decision letter, preview…) are on the screen
without scrolling, outside the scrolled content, and reached with Tab without moving it; the
checklist and the papers still scroll, and the window never grows by itself."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QPushButton

from ajfar_desk.ui.common import screen
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.shell.app import build_main_window
from printing.scenario import submitted_request

AREAS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}


def paper_buttons(form: RequestForm) -> list[QPushButton]:
    p = form.papers
    return [p.declaration_button, p.referral_button, p.receipt_button, p.decision_button,
            p.preview_button, p.other_language_button, p.signed_button]


def on_screen(button: QPushButton, window) -> bool:
    """Wholly painted (no scrolled-away or clipped part) and inside the window."""
    inside = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
    return button.visibleRegion().boundingRect() == button.rect() and window.rect().contains(inside)


@pytest.mark.parametrize("size", list(AREAS))
def test_the_paper_buttons_are_on_the_screen_without_scrolling(qtbot, app, ctx, monkeypatch, size):
    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(AREAS[size]))
    _applicant, request = submitted_request(ctx)
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    opened = window.size()
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    qtbot.wait(20)
    bar = form.middle.verticalScrollBar()
    top = bar.value()
    for button in paper_buttons(form):
        assert button.isVisible(), button.objectName()
        assert not form.middle.isAncestorOf(button), f"{button.objectName()} scrolls with the content"
        assert on_screen(button, window), f"{button.objectName()} is off the screen at {size}"
    assert form.back_button.isVisible() and on_screen(form.back_button, window)
    # the content between the title and the actions still scrolls (six documents readable)
    assert form.checklist.height() >= 150 and form.papers.list.height() >= 100

    # the keyboard: Tab reaches the declaration button, and reaching it does not scroll the page
    form.back_button.setFocus()
    before = top
    for _step in range(40):
        if QApplication.focusWidget() is form.papers.declaration_button:
            break
        before = bar.value()
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.papers.declaration_button
    assert bar.value() == before and on_screen(form.papers.declaration_button, window)
    qtbot.keyClick(form.papers.declaration_button, Qt.Key.Key_Space)
    dialog = form.papers.dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Escape)
    assert window.size() == opened  # nothing grew the window
