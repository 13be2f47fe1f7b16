"""The Users page at the real desk (1366×768 less the taskbar): the last sign-in of each account
is shown (from the audit log; «never» for an account not yet used), and every column is wide
enough that its header reads apart from its neighbours'."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.i18n import _
from ajfar_desk.services.users import setup, users
from ajfar_desk.ui.users.users_view import UsersView


def _column(view: UsersView, title: str) -> int:
    header = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    return header.index(title)


@pytest.mark.parametrize("size", [(1366, 728), (1280, 680)])
def test_the_last_sign_in_is_shown_and_the_headers_read_apart(qtbot, window, ctx, store, size):
    users.create_user(ctx, "huda", "هدى", "front_desk", "password123", gender="female")
    users.create_user(ctx, "sami", "سامي", "front_desk", "password123")
    other = setup.open_context(store)
    setup.sign_in(other, "huda", "password123")  # Huda signed in at another window
    window.resize(*size)
    window.users_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, UsersView)
    view.reload()
    qtbot.keyClick(view.table, Qt.Key.Key_End)
    rows = {u.username: i for i, u in enumerate(view.model.rows)}
    last = _column(view, _("Last sign-in"))
    cell = lambda name: view.model.data(view.model.index(rows[name], last)).strip("\u200f\u200e")  # noqa: E731
    assert cell("sami") == _("Never")
    assert cell("huda") not in ("", _("Never")) and any(ch.isdigit() or "\u0660" <= ch <= "\u0669" for ch in cell("huda"))
    header = view.table.horizontalHeader()
    metrics = header.fontMetrics()
    for column in range(view.model.columnCount() - 1):  # the last one stretches
        title = view.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title) + 20, title
    qtbot.waitUntil(lambda: view.table.viewport().width() < size[0])
    assert view.table.horizontalScrollBar().maximum() == 0  # all of it within the laptop's width


LONG_NAMES = {
    "abdulrahman.alshamrani": ("عبدالرحمن بن عبدالمحسن بن عبدالعزيز بن عبداللطيف آل عبدالكريم الشمراني", "male"),
    "munira.abdulkarim": ("منيرة بنت عبدالعزيز بن سعد بن عبدالرحمن آل عبدالكريم القحطاني", "female"),
}


@pytest.mark.parametrize("size", [(1366, 728), (1280, 680)])
def test_long_names_never_scroll_the_list_sideways(qtbot, window, ctx, size):
    """Trial: four-part names pushed the users list past the page (a sideways scroll bar); the
    name column now takes the width left, a long name elided there, whole in its tooltip."""
    for username, (name, gender) in LONG_NAMES.items():
        users.create_user(ctx, username, name, "front_desk", "password123", gender=gender)
    window.resize(*size)
    window.users_action.trigger()
    view = window.stack.currentWidget()
    assert isinstance(view, UsersView)
    qtbot.waitUntil(lambda: view.table.viewport().width() < size[0])
    table, header = view.table, view.table.horizontalHeader()
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(view.model.columnCount()))
                    <= table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0
    metrics = header.fontMetrics()
    for column in range(view.model.columnCount()):  # every title reads whole
        title = view.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
    name = _column(view, _("Full name"))
    row = next(i for i, u in enumerate(view.model.rows) if u.username == "abdulrahman.alshamrani")
    index = view.model.index(row, name)
    tooltip = view.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert LONG_NAMES["abdulrahman.alshamrani"][0] in tooltip  # the whole name, to read on hover
    assert not table.wordWrap()  # one line per cell: a long text elided, never cut in two
