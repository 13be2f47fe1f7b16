"""The agenda keeps its height on the desk's screens (trial 13: at 1366×768 a ten-request agenda
showed three rows once a decision's banner was up, at 1280×720 two): the counts sit beside the
agenda's title and reading the study or the request shares the decisions' row."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import committee
from ajfar_desk.services.requests import casework
from ajfar_desk.ui.committee.committee_board import CommitteeBoard
from ajfar_desk.ui.common import screen
from ajfar_desk.ui.shell.app import build_main_window
from printing.scenario import submitted_request

# the screen less a 40-pixel taskbar and the window manager's title bar
SCREENS = {"1366x768": (1366, 728 - screen.FRAME_HEIGHT, 5), "1280x720": (1280, 680 - screen.FRAME_HEIGHT, 4)}


@pytest.mark.parametrize("desk", SCREENS)
def test_the_agenda_shows_enough_rows_with_the_banner_up(qtbot, app, ctx, desk):
    width, height, rows = SCREENS[desk]
    as_ = staff_accounts(ctx, {"desk": ("front_desk", "نورة"), "member": ("committee", "سعد عضو اللجنة")})
    as_("desk")
    for n in range(10):
        _a, request = submitted_request(ctx, nid_body=f"{40000000 + n * 7919:08d}")
        casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
    committee.create_meeting(as_("member"), dt.date.today(), ["سعد عضو اللجنة"])
    win = build_main_window(ctx)
    qtbot.addWidget(win)
    win.resize(width, height)
    win.show()
    qtbot.waitExposed(win)
    win.actions_by_key["committee"].trigger()
    board = win.stack.currentWidget()
    assert isinstance(board, CommitteeBoard) and len(board.agenda.rows) == 10
    board.result.show_message("الطلب AJF-1448-000130: مقبول: سلة غذائية شهرية — ٧٥٠٫٠٠ ريال")
    qtbot.waitUntil(lambda: board.result.isVisible())
    table = board.agenda_table
    assert table.viewport().height() >= rows * table.rowHeight(0)
    assert win.height() == height  # nothing grew the window
