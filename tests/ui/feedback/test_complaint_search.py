"""A woman calls back about her complaint: on the complaints page (Ctrl+Shift+K, the list has the
keyboard) she types her name; the letters go to the page's search, the list shows hers with
who complained, Enter goes to the list and Enter again opens it.  The open filter still holds."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog

from ..conftest import type_text

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _focused():
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _complaint(ctx, name: str, phone: str, subject: str):
    return complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="interview", category="delay", subject=subject,
        contact_name=name, contact_phone=phone, contact_gender="female"), today=dt.date.today())


def test_typing_her_name_on_the_list_finds_her_complaint(qtbot, window, ctx):
    hers = _complaint(ctx, "ريم الحارثي", "0519544425", "لم يصلني رد على طلبي")
    for n in range(3):
        _complaint(ctx, f"منيرة الدوسري {n}", "0509876543", "المكان مزدحم")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(_focused(), Qt.Key.Key_K, CTRL | SHIFT)
    page = window.tool_pages["complaints"]
    assert window.stack.currentWidget() is page and _focused() is page.table
    assert len(page.model.rows) == 4
    who = [page.model.data(page.model.index(row, 5)) for row in range(4)]
    assert any("ريم الحارثي" in w and "٤٤٢٥" in w for w in who), who  # who complained, her phone
    type_text(qtbot, _focused(), "ريم")  # typed on the list: it goes to the search
    assert _focused() is page.search and page.search.text() == "ريم"
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert [c.id for c in page.model.rows] == [hers.id]
    assert _focused() is page.table
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert isinstance(page.dialog, ComplaintDialog) and page.dialog.isVisible()
    page.dialog.reject()
    page.search.clear()
    type_text(qtbot, page.search, "٠٥٠٩٨٧٦٥٤٣")  # her phone as said, Arabic-Indic digits
    qtbot.waitUntil(lambda: len(page.model.rows) == 3)  # searched as she pauses typing


def test_a_search_the_open_filter_hides_says_where_her_complaint_is(qtbot, window, ctx):
    hers = _complaint(ctx, "ريم الحارثي", "0519544425", "لم يصلني رد على طلبي")
    complaints.resolve(ctx, hers.id, "اتصلنا بها وأخبرناها بموعد الرد", "phone")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(_focused(), Qt.Key.Key_K, CTRL | SHIFT)
    page = window.tool_pages["complaints"]
    type_text(qtbot, _focused(), "ريم")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.model.rows == []
    assert page.status.text() == "لا شيء في هذا العرض؛ في «الكل» شكوى واحدة: لعرضها اختيار «الكل» من «عرض»"
    assert _focused() is page.search  # nothing found: the search keeps the keyboard
    qtbot.keyClick(page.search, Qt.Key.Key_Tab)  # the filter, next to the search
    assert _focused() is page.filter
    qtbot.keyClick(page.filter, Qt.Key.Key_End)  # «All»
    assert [c.id for c in page.model.rows] == [hers.id]
