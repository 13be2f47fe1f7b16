"""The request page at 1366×768 with the keyboard only (trial 9): every control reached by Tab
both ways in the order it is seen, the page scrolled to the focused control, the eligibility
list readable, Page Up/Down and the arrows scrolling the page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from ajfar_desk.ui.common import screen
from printing.eligibility_scenario import draft

DESK = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel taskbar


@pytest.fixture
def aman_desk(qtbot, app, tmp_path, monkeypatch):
    from ajfar_desk.ui.shell.app import build_main_window

    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(DESK))
    store = Store.open(tmp_path / "aman")
    ctx = setup.init_store(store, "aman", None, "admin", "password123", "مدير")
    win = build_main_window(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield ctx, win
    store.close()


def seen_whole(widget: QWidget) -> bool:
    """Painted whole: not scrolled away nor cut by the scroll area's edge."""
    return widget.visibleRegion().boundingRect() == widget.rect()


def tab_chain(qtbot, start: QWidget, key=Qt.Key.Key_Tab, steps: int = 200) -> list[QWidget]:
    start.setFocus()
    chain = [start]
    for _step in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), key)
        now = QApplication.focusWidget()
        if now is start:
            break
        chain.append(now)
    return chain


def test_the_confirmations_are_reached_by_tab_both_ways_and_scrolled_to(qtbot, aman_desk):
    ctx, window = aman_desk
    req = draft(ctx)
    window.open_request(req.id)
    form = window.page
    qtbot.keyClick(form, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    panel = form.eligibility
    assert form.tabs.currentWidget() is panel
    boxes = list(panel.checks.values())
    assert boxes
    forward = tab_chain(qtbot, panel.lines)
    for box in boxes:
        assert box in forward, "Tab never reaches the confirmation"
    assert panel.override in forward
    # in the order they are seen: the list, the confirmations, the reason, then the paper row
    order = [forward.index(w) for w in (panel.lines, *boxes, panel.override, form.papers.declaration_button)]
    assert order == sorted(order)
    # each one, reached, is scrolled into view
    for box in boxes:
        panel.lines.setFocus()
        while QApplication.focusWidget() is not box:
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert seen_whole(box), "the focused confirmation is off the screen"
        qtbot.keyClick(box, Qt.Key.Key_Space)
        assert box.isChecked()
    # Shift+Tab: the same round of controls, in the reverse order
    forward = tab_chain(qtbot, panel.lines)
    backward = tab_chain(qtbot, panel.lines, Qt.Key.Key_Backtab)
    assert backward == forward[:1] + forward[:0:-1]
    # with every condition confirmed the reason is hidden: submit from the keyboard
    form.submit_button.setFocus()
    qtbot.keyClick(form.submit_button, Qt.Key.Key_Space)
    assert requests.get_request(ctx, req.id).status == "submitted"


def test_the_eligibility_list_shows_several_lines_and_the_page_scrolls_by_keys(qtbot, aman_desk):
    ctx, window = aman_desk
    req = draft(ctx, "03456789")
    window.open_request(req.id)
    form = window.page
    qtbot.keyClick(form, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    lines = form.eligibility.lines
    assert lines.count() >= 3
    shown = lines.viewport().visibleRegion().boundingRect()
    row = lines.visualItemRect(lines.item(0)).height()
    assert shown.height() >= 3 * row, f"only {shown.height()} px of the list shown (a line is {row})"
    bar = form.middle.verticalScrollBar()
    box = next(iter(form.eligibility.checks.values()))
    box.setFocus()
    bar.setValue(0)
    if bar.maximum() > 0:
        qtbot.keyClick(box, Qt.Key.Key_PageDown)
        assert bar.value() > 0
        qtbot.keyClick(box, Qt.Key.Key_PageUp)
        assert bar.value() == 0
