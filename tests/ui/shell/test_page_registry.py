"""The toolbar comes from one table, and a page is wired by what it declares it can do."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton, QWidget

from ajfar_desk.i18n import _
from ajfar_desk.services.store.events import APPLICANT_CHANGED
from ajfar_desk.ui.shell.page_registry import TOOLBAR, OpensRequests, ReactsToChanges


def test_the_toolbar_is_the_table_in_its_order_with_its_keys(window):
    actions = window.toolbar.actions()
    in_toolbar = [t for t in TOOLBAR if t.in_toolbar]
    assert len(actions) == len(in_toolbar)
    for action, tool in zip(actions, in_toolbar, strict=True):
        assert action is getattr(window, f"{tool.key}_action")
        assert action.text() == _(tool.label)
        assert action.shortcut().toString() == tool.shortcut
    for tool in TOOLBAR:  # the others: a button in the status bar with the same action
        if not tool.in_toolbar:
            button = window.findChild(QToolButton, f"{tool.key}Button")
            assert button.defaultAction() is getattr(window, f"{tool.key}_action")
            assert button.defaultAction().shortcut().toString() == tool.shortcut
        if tool.status_bar_for is not None:  # and a twin there, for the roles with a full toolbar
            twin = window.status_twins[tool.key]
            assert window.findChild(QToolButton, f"{tool.key}Button").defaultAction() is twin
            assert twin.shortcut().toString() == tool.shortcut and twin.text() == _(tool.label)
    assert set(window.status_twins) == {t.key for t in TOOLBAR if t.status_bar_for is not None} != set()
    assert set(window.actions_by_key) == {t.key for t in TOOLBAR if t.who_sees is not None}


class Listing(QWidget):
    """A page that lists requests and refreshes itself: it says so by its members only."""

    open_request = Signal(object)

    def __init__(self, _ctx):
        super().__init__()
        self.changes = []

    def on_change(self, topic, payload):
        self.changes.append((topic, payload))


class Plain(QWidget):
    def __init__(self, _ctx):
        super().__init__()


def test_a_page_is_wired_by_what_it_declares(window, monkeypatch):
    assert isinstance(Listing(None), OpensRequests) and isinstance(Listing(None), ReactsToChanges)
    assert not isinstance(Plain(None), OpensRequests)
    monkeypatch.setitem(window.factories, "overdue", Listing)
    monkeypatch.setitem(window.factories, "audit", Plain)
    opened = []
    monkeypatch.setattr(window, "open_request", opened.append)
    page = window.show_tool("overdue")
    assert window.show_tool("audit") is not None  # no abilities: shown, nothing wired
    request_id = uuid.uuid4()
    page.open_request.emit(request_id)
    assert opened == [request_id]
    window.ctx.events.emit(APPLICANT_CHANGED, "a")
    assert page.changes == [(APPLICANT_CHANGED, "a")]
