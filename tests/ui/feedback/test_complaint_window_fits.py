"""The complaint's window on the desk's screens (1366×768 with a 40-pixel taskbar, 1280×720):
sized within the free area and placed so that its frame, the window manager's title bar above
it included, lies inside; its «السجل» heading and its buttons can be reached.

Offscreen Qt has no window manager: a window there is as a window on a busy laptop before the
window manager framed it (Qt knows no frame yet), when the window was placed with its content at
the top of the screen and its title bar off it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.ui.common import screen
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog

from ..fitcheck import unreachable

AREAS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}
DAY = dt.date(2026, 12, 7)
SAYS = ("اتصلت هاتفيًا تشتكي من تأخر الرد على طلب المساعدة لأسرتها ولم يتصل بها أحد منذ أسبوعين، "
        "وتقول إن الإيجار متأخر وإن أبناءها في المدارس. ") * 3


def desk_frame(window) -> QRect:
    """The window with the frame the desk's window manager puts around its content: a title
    bar above (``FRAME_HEIGHT`` less the bottom border), borders of half ``FRAME_WIDTH``."""
    border = screen.FRAME_WIDTH // 2
    return window.geometry().adjusted(-border, -(screen.FRAME_HEIGHT - border), border, border)


@pytest.mark.parametrize("size", sorted(AREAS))
def test_the_complaint_window_and_its_frame_lie_inside_the_screen(qtbot, app, ctx, monkeypatch, size):
    area = AREAS[size]
    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(area))
    made = complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="phone", category="delay", subject="تأخر الرد على طلبها", text=SAYS,
        contact_name="منيرة عبدالرحمن سالم الدوسري", contact_phone="0501112233"), today=DAY)
    under = QWidget()  # the main window, maximised on that screen
    qtbot.addWidget(under)
    under.setGeometry(area)
    under.show()
    dialog = ComplaintDialog(ctx, made.id, under, today=DAY)  # closed with ``under``
    dialog.open()
    qtbot.waitExposed(dialog)
    for _round in range(3):
        QApplication.processEvents()
    most_w, most_h = screen.room(dialog)
    assert dialog.width() <= most_w and dialog.height() <= most_h, dialog.size()
    outer = desk_frame(dialog)
    assert area.contains(outer), f"the frame {outer} is not inside the screen's free area {area}"
    heading = dialog.findChild(QLabel, "historyTitle")
    assert heading is not None and heading.isVisible()
    assert unreachable(heading, dialog) is None
    for button in dialog.findChildren(QPushButton):
        if button.isVisible():
            assert unreachable(button, dialog) is None, button.text()
