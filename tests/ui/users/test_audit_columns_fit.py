"""The audit log at the real desk (1366×768 and 1280×720 less the taskbar): long names and
details never push the list sideways; the details column takes the width left, a long detail
elided on one line and whole in its tooltip."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.services.users import users
from ajfar_desk.ui.users.audit_view import AuditView

LONG = "عبدالرحمن بن عبدالمحسن بن عبدالعزيز بن عبداللطيف آل عبدالكريم الشمراني"


@pytest.mark.parametrize("size", [(1366, 728), (1280, 680)])
def test_the_audit_log_reads_within_the_page(qtbot, window, ctx, size):
    for n in range(3):  # each renamed: the entry's details say the name before and after
        made = users.create_user(ctx, f"user{n}.with.a.rather.long.name", f"{LONG} {n}",
                                 "front_desk", "password123")
        users.update_user(ctx, made.id, full_name=f"{LONG} {n + 10}", role="researcher")
    window.resize(*size)
    view = AuditView(ctx, window)
    window.stack.addWidget(view)
    window.stack.setCurrentWidget(view)
    table, header = view.table, view.table.horizontalHeader()
    qtbot.waitUntil(lambda: table.viewport().width() < size[0])
    qtbot.waitUntil(lambda: sum(header.sectionSize(c) for c in range(view.model.columnCount()))
                    <= table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0
    metrics = header.fontMetrics()
    for column in range(view.model.columnCount()):
        title = view.model.headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= metrics.horizontalAdvance(title), title
    assert not table.wordWrap()  # a long detail elided on its line, never wrapped and cut in half
    for row in range(view.model.rowCount()):  # each cell's whole text, to read on hover
        for column in range(view.model.columnCount()):
            index = view.model.index(row, column)
            assert view.model.data(index, Qt.ItemDataRole.ToolTipRole) == view.model.data(index)
