"""The front desk's list of requests, driven by the keyboard: Ctrl+Shift+R opens it on the box
to type in, the view chosen with the arrows, Down to the list, Enter opens the request; rows
read a page at a time, each after the last row read, the rows shown before their count, the
list read again after a change, the columns within the desk's screens."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QToolButton

from accounts import PASSWORD, staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.digits import localize_digits
from ajfar_desk.i18n import _
from ajfar_desk.services.requests import requests, worklist
from ajfar_desk.services.users import setup
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.requests.worklist_view import WorklistView
from request_states import put

from ..conftest import pick_code, register, type_text

STAFF = {"sara": ("front_desk", "سارة الموظفة"), "boss": ("manager", "منيرة المديرة")}
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def desk(window, ctx):
    """Sara at the desk: two drafts, one waiting for more information, one closed."""
    staff_accounts(ctx, STAFF)("sara")
    window.retranslate()  # the window follows who is signed in
    program, channel = ctx.profile.programs[0].code, ctx.profile.channels[0].code
    made = {}
    for seed, (key, family, state) in enumerate((
            ("draft1", "الشهري", wf.DRAFT), ("more", "العتيبي", wf.MORE_INFO),
            ("draft2", "القحطاني", wf.DRAFT), ("closed", "الدوسري", wf.CLOSED)), start=1):
        person = register(ctx, seed, family_name=family)
        made[key] = requests.create_request(ctx, person.id, program, channel)
        put(ctx, made[key].id, status=state)
    return window, made


def opened(qtbot, window) -> WorklistView:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_R, CTRL_SHIFT)
    view = window.stack.currentWidget()
    assert isinstance(view, WorklistView)
    qtbot.waitUntil(lambda: not view.loading and view.counted is not None)
    return view


def focused():
    return QApplication.focusWidget()


def refs(view) -> list[str]:
    return [line.reference for line in view.model.rows]


def test_the_desk_opens_its_list_by_keyboard_and_a_request_from_it(qtbot, ctx, desk):
    window, made = desk
    view = opened(qtbot, window)
    assert focused() is view.search  # the page opens on the box to type in
    assert refs(view) == [made[k].reference for k in ("draft2", "more", "draft1")]  # newest first
    assert view.status.text() == localize_digits("3 طلبات لدى المكتب", ctx.profile.digits)

    qtbot.keyClick(view.search, Qt.Key.Key_Tab)  # the view of the desk's work, by its arrows
    assert focused() is view.group
    pick_code(qtbot, view.group, worklist.DOCUMENTS)
    qtbot.waitUntil(lambda: not view.loading and view.counted == 2)
    assert refs(view) == [made["draft2"].reference, made["draft1"].reference]
    assert view.status.text() == "طلبان بانتظار المستندات"

    view.search.setFocus()
    type_text(qtbot, view.search, "الشهري")
    qtbot.waitUntil(lambda: refs(view) == [made["draft1"].reference])
    qtbot.keyClick(view.search, Qt.Key.Key_Down)  # to the list
    assert focused() is view.table and view.selected().reference == made["draft1"].reference
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert isinstance(window.page, RequestForm) and window.page.request_id == made["draft1"].id


def test_arrows_move_through_the_rows(qtbot, desk):
    window, made = desk
    view = opened(qtbot, window)
    qtbot.keyClick(view.search, Qt.Key.Key_Down)
    assert view.selected().reference == made["draft2"].reference
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.selected().reference == made["more"].reference
    with qtbot.waitSignal(view.open_request) as chosen:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert chosen.args == [made["more"].id]


def test_rows_are_read_a_page_at_a_time(qtbot, ctx, desk, monkeypatch):
    window, _made = desk
    monkeypatch.setattr(WorklistView, "page_size", 1)
    reads = []
    real = worklist.page

    def page(*args, **kwargs):
        assert kwargs.get("offset", 0) == 0  # never rows skipped: each page starts after the last row
        after = kwargs["after"]
        reads.append((after.request_id if after else None, kwargs["limit"]))
        return real(*args, **kwargs)

    def after_each(rows: int) -> list:
        """The reads of ``rows`` one-row pages: the first, then each after the row before."""
        return [(None, 1)] + [(line.request_id, 1) for line in view.model.rows[:rows - 1]]

    monkeypatch.setattr(worklist, "page", page)
    view = opened(qtbot, window)
    pick_code(qtbot, view.group, worklist.ALL)
    qtbot.waitUntil(lambda: not view.loading and view.counted == 4)
    view.table.setFixedHeight(view.table.horizontalHeader().height() + 12)  # part of one row
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    reads.clear()
    qtbot.keyClick(view.refresh_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not view.loading and view.counted == 4)
    qtbot.wait(50)
    shown = len(view.model.rows)
    assert shown < 4 and view.model.canFetchMore()  # what the list shows, not all of it
    assert reads == after_each(shown)  # a page after the other
    view.table.setFocus()
    for _row in range(4):  # Down past the last row read: the view asks for the next page
        qtbot.keyClick(view.table, Qt.Key.Key_Down)
        qtbot.waitUntil(lambda: not view.jobs)
    qtbot.waitUntil(lambda: len(view.model.rows) == 4)
    assert reads == after_each(4) and not view.model.canFetchMore()
    assert len({line.reference for line in view.model.rows}) == 4


def test_a_change_made_elsewhere_shows_and_an_empty_list_says_what_to_do(qtbot, ctx, desk):
    window, made = desk
    view = opened(qtbot, window)
    pick_code(qtbot, view.group, worklist.APPROVED)
    qtbot.waitUntil(lambda: not view.loading and view.counted == 0)
    assert view.status.text() == _("No request here. Choose another list above, or find an applicant "
                                   "(Ctrl+F) to start a request.")
    put(ctx, made["more"].id, status=wf.APPROVED)
    ctx.changed("request", made["more"].id)  # as a service announces a step taken elsewhere
    qtbot.waitUntil(lambda: refs(view) == [made["more"].reference])
    assert view.status.text() == "طلب واحد مقبول بانتظار الخدمة"


@pytest.mark.parametrize("size", [(1366, 728), (1280, 680)])
def test_the_columns_fit_the_desks_screens(qtbot, ctx, desk, size):
    window, made = desk
    late = dt.date.today() - dt.timedelta(days=123)  # the widest answer: a date and the days late
    put(ctx, made["more"].id, answer_due=late)
    window.resize(*size)
    view = opened(qtbot, window)
    assert "⚠" in view.model.texts[1][5]
    qtbot.waitUntil(lambda: view.table.horizontalHeader().length() > 0)
    qtbot.wait(50)
    assert view.table.horizontalScrollBar().maximum() == 0
    assert window.width() <= size[0]


def test_the_rows_show_before_their_count(qtbot, ctx, desk, monkeypatch):
    """The count reads on its own: a slow one (a big store's) never holds the rows back."""
    window, made = desk
    view = opened(qtbot, window)
    release = threading.Event()
    real = worklist.count

    def slow_count(*args, **kwargs):
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(worklist, "count", slow_count)
    try:
        pick_code(qtbot, view.group, worklist.DOCUMENTS)
        qtbot.waitUntil(lambda: refs(view) == [made["draft2"].reference, made["draft1"].reference])
        assert view.counted is None and view.status.text() == _("Reading the requests…")
    finally:
        release.set()
    qtbot.waitUntil(lambda: not view.loading and view.counted == 2)
    assert view.status.text() == "طلبان بانتظار المستندات"


def test_a_manager_opens_the_list_from_the_status_bar_and_its_key(qtbot, ctx, desk):
    """A manager's toolbar is full at 1280 px: the list is a button in the status bar, with the
    same Ctrl+Shift+R; the desk keeps it in its toolbar (and only one of the two is shown)."""
    window, made = desk
    setup.sign_in(ctx, "boss", PASSWORD)
    window.apply_role()
    button = window.findChild(QToolButton, "worklistButton")
    assert "worklist" in window.visible_actions()
    assert button.isVisible() and not window.worklist_action.isVisible()  # not in the toolbar
    view = opened(qtbot, window)  # Ctrl+Shift+R
    assert refs(view) == [made[k].reference for k in ("draft2", "more", "draft1")]
    assert not view.mine.isVisible()  # a manager watches the desk's work, not their own
    qtbot.keyClick(view.search, Qt.Key.Key_Tab)
    pick_code(qtbot, view.group, worklist.ALL)
    qtbot.waitUntil(lambda: not view.loading and view.counted == 4)
    setup.sign_in(ctx, "sara", PASSWORD)
    window.apply_role()
    assert window.worklist_action.isVisible() and not button.isVisible()
    window.show_start_page()
    assert isinstance(opened(qtbot, window), WorklistView)
