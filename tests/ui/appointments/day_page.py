"""The day list opened as the tests of this room drive it: shown, active, its list focused."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QApplication

from ajfar_desk.ui.appointments.day_view import AppointmentsView


def open_day_page(qtbot, ctx, now: dt.datetime) -> AppointmentsView:
    page = AppointmentsView(ctx, now=now)
    qtbot.addWidget(page)
    page.resize(1340, 620)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # shortcuts reach the active window, as on a real desk
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()
    return page
