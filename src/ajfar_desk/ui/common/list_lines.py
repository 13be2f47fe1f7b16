"""A list widget's lines shown again by updating its items in place, never by ``clear()``.

CI crashed twice (a segmentation fault) inside ``QListWidget.clear()`` on the request page while
the page refreshed after an action: ``clear()`` deletes every item at once, from whatever slot
asked for the refresh (a key handler, a dialog's signal, a change announced by a service the
page's own button called).  Here the rows that stay keep their items (only what changed is
set: Qt emits nothing for a value that is already there), the missing rows are added at the
end, and the surplus rows are taken out and deleted only once the event loop runs again, when
no slot that may still hold one of them is on the stack."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem

Role = Qt.ItemDataRole


@dataclass(frozen=True)
class Line:
    """One row: its text, and what the row carries besides (None: nothing)."""

    text: str
    data: Any = None  # UserRole: for tests and accessibility tools
    icon: QIcon | None = None  # the same QIcon for the same picture: then it is not set again
    foreground: QColor | None = None
    tooltip: str | None = None


_retired: list[QListWidgetItem] = []  # taken out, deleted when the event loop next runs


def _drop_retired() -> None:
    _retired.clear()


def show_lines(widget: QListWidget, lines: Sequence[Line]) -> bool:
    """Make ``widget`` show ``lines``, in order, reusing its items; True when a row was added,
    removed or changed its text (its height may have changed: the rows are laid out again)."""
    changed = False
    if widget.count() > len(lines):
        while widget.count() > len(lines):
            _retired.append(widget.takeItem(widget.count() - 1))
        QTimer.singleShot(0, _drop_retired)
        changed = True
    for row, line in enumerate(lines):
        item = widget.item(row)
        if item is None:
            item = QListWidgetItem(line.text)
            _apply(item, line)
            widget.addItem(item)
            changed = True
            continue
        if item.text() != line.text:
            item.setText(line.text)
            changed = True
        _apply(item, line)
    if changed:  # a wrapped line's height follows its new text
        widget.doItemsLayout()
    return changed


def _apply(item: QListWidgetItem, line: Line) -> None:
    item.setData(Role.UserRole, line.data)
    icon = line.icon if line.icon is not None else QIcon()
    if item.icon().cacheKey() != icon.cacheKey():
        item.setIcon(icon)
    item.setData(Role.ForegroundRole, line.foreground)
    item.setData(Role.ToolTipRole, line.tooltip)
