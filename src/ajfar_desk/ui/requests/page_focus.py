"""The request page with the keyboard: Tab and Shift+Tab go through its controls in the order
they are seen (top to bottom, and in a row from the reading side: a layout's order, which Qt
mirrors in Arabic), the scrolled middle follows the focused control, and Page Up/Down and the
arrows a control leaves unused scroll it.

Qt's own Tab order is the order widgets were made: the eligibility confirmations, made when a
request's program is known, came after every other control, so Tab went from the eligibility
list to the paper buttons and the confirmations were never reached (trial 9)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QLayout,
    QScrollArea,
    QTabWidget,
    QWidget,
)

from ..common.scroll_follow import ScrollFollower as ScrollFollower  # the page's, in ui/common


def _takes_tab(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)


def _from_layout(layout: QLayout | None, found: list[QWidget]) -> None:
    if layout is None:
        return
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            _from_widget(widget, found)
        elif inner is not None:
            _from_layout(inner, found)


def _from_widget(widget: QWidget, found: list[QWidget]) -> None:
    content = widget.widget() if isinstance(widget, QScrollArea) else None
    if content is not None:
        if _takes_tab(widget):
            found.append(widget)
        _from_widget(content, found)
    elif isinstance(widget, QTabWidget):
        found.append(widget)  # its tab bar, through the focus proxy (one stop, not two)
        for index in range(widget.count()):
            page = widget.widget(index)
            if page is not None:
                _from_widget(page, found)
    elif isinstance(widget, QAbstractScrollArea) or widget.layout() is None:
        if _takes_tab(widget):  # a list, a table, a field, a button: one stop
            found.append(widget)
    else:  # a panel: its controls, in their layout's order
        if _takes_tab(widget):
            found.append(widget)
        _from_layout(widget.layout(), found)


def visual_order(page: QWidget) -> list[QWidget]:
    """The controls of ``page`` that Tab stops at, in the order they are seen (hidden ones too:
    Tab passes over them while they are hidden, and stops there once they show)."""
    found: list[QWidget] = []
    _from_layout(page.layout(), found)
    return found


def chain_tabs(page: QWidget) -> list[QWidget]:
    """Make Tab (and Shift+Tab, backwards) follow ``visual_order``; call again when controls
    were added or removed (nothing is relinked when the order is the one linked last: Qt's
    focus chain is rewritten only when it changes).  Returns the order."""
    order = visual_order(page)
    linked = [shiboken6.getCppPointer(w)[0] for w in order]
    if getattr(page, "_tab_chain", None) == linked:
        return order
    for before, after in zip(order, order[1:], strict=False):
        QWidget.setTabOrder(before, after)
    page._tab_chain = linked  # type: ignore[attr-defined]
    return order


def _stop(widget: QWidget) -> QWidget:
    """Where the focus really is when ``widget`` has it (a tab widget's is its tab bar)."""
    return widget.tabBar() if isinstance(widget, QTabWidget) else widget


def wrap(page: QWidget, forward: bool) -> bool:
    """Tab from the page's last control goes to its first, Shift+Tab from its first to its last:
    the focus stays on the page (trial 12: Tab from the last button reached the status bar's
    «Sign out», one stray Enter from signing out).  False when the focus is elsewhere on the
    page (Qt's own chain then moves it)."""
    stops = [_stop(w) for w in visual_order(page)]
    stops = [w for w in stops if w.isVisible() and w.isEnabled()
             and w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    current = QApplication.focusWidget()
    if not stops or current is not (stops[-1] if forward else stops[0]):
        return False
    target = stops[0] if forward else stops[-1]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True
