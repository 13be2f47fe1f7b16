"""Moving an appointment (نقل الموعد): the booking dialog with only the day, the time and the
employee to choose; the applicant, what it is for, the request and the note stay as booked.
Opened from the day list on a booking (F2).  The time it holds now is said under the title."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtWidgets import QLabel, QVBoxLayout

from ...domain import appointments as rules
from ...i18n import N_, _, current_language
from ...services.appointments import booking
from ...services.appointments.views import AppointmentView
from ...services.store.context import AppContext
from ..common import fmt
from .book_dialog import BookDialog


class MoveDialog(BookDialog):
    OK_TEXT = N_("Move")

    def __init__(self, ctx: AppContext, appointment: AppointmentView, parent=None,
                 now: dt.datetime | None = None):
        self.moving = appointment
        super().__init__(ctx, applicant_id=appointment.applicant_id, applicant_name=appointment.applicant_name,
                         day=appointment.day, employee_id=appointment.employee_id, parent=parent, now=now)
        self.texts.add(self.setWindowTitle, N_("Move the appointment"))
        self.texts.add(self.title.setText, lambda: _("Move {name}'s appointment").format(
            name=appointment.applicant_name))
        for name in ("purpose", "request_reference", "note"):
            self.boxes[name].setVisible(False)
        for column, name in enumerate(("at", "employee")):  # one row: the new time, then with whom
            self.grid.removeWidget(self.boxes[name])
            self.grid.addWidget(self.boxes[name], 0, column)
        self.now_label = QLabel()
        self.now_label.setObjectName("appointmentNow")
        self.now_label.setWordWrap(True)
        self.texts.add(self.now_label.setText, self._now_text)
        layout = self.layout()
        if isinstance(layout, QVBoxLayout):
            layout.insertWidget(1, self.now_label)
        self.texts.retranslate()
        self.day.setFocus()

    def _now_text(self) -> str:
        a, digits = self.moving, fmt.digit_style(self.ctx.profile)
        return _("Booked now: {day} {date} at {time}, with {employee}").format(
            day=rules.day_name(a.day, current_language()), date=fmt.date_both(self.ctx.profile, a.day),
            time=rules.clock_text(a.start, digits), employee=a.employee_name)

    def inputs(self):
        return [self.day, self.time, self.employee]

    def _book(self) -> AppointmentView:
        day, start = self._when()
        employee = self.employee.code()
        return booking.move(self.ctx, self.moving.id, day, start,
                            employee_id=uuid.UUID(employee) if employee else None, now=self.now)
