"""Booking an appointment (حجز موعد): for the applicant whose file is open (or one typed by ID
number), a day in either calendar, one of the employee's free times (another may be typed), what
it is for, the request it concerns and a note.  Opened from the day list (a free slot chosen)
and from the applicant's file."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout

from ...domain import appointments as rules
from ...domain.dates import in_both_calendars, parse_date
from ...domain.errors import AppError, ValidationError
from ...i18n import N_, _
from ...services.appointments import booking, views
from ...services.appointments.views import AppointmentView
from ...services.store.context import AppContext
from ..common import digit_input, fmt, screen
from ..common.form_dialog import FormDialog, ok_cancel_buttons
from ..common.form_fields import DATE_HINT, applicant_echo, date_echo, typed_date
from ..common.widgets import (
    FAILED,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Text,
    Texts,
    heading,
    show_errors,
    vocabulary,
)
from ..shell.operations import Operation


def employee_items(ctx: AppContext) -> list[tuple[str, Text]]:
    """The employees by name (a name is shown as it is, never looked up in the catalog)."""
    return [(str(e.id), partial(str, e.full_name or e.username)) for e in views.employees(ctx)]


class BookDialog(FormDialog):
    booked = Signal(object)  # AppointmentView
    OK_TEXT = N_("Book")

    def __init__(self, ctx: AppContext, *, applicant_id: uuid.UUID | None = None, applicant_name: str = "",
                 day: dt.date | None = None, start: dt.time | None = None,
                 employee_id: uuid.UUID | None = None, parent=None, now: dt.datetime | None = None):
        super().__init__(parent)
        self.ctx, self.applicant_id, self.now = ctx, applicant_id, now
        self.appointment: AppointmentView | None = None
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("Book an appointment"))
        self.title = title = heading(size=14)
        t.add(title.setText, lambda: _("Book an appointment for {name}").format(name=applicant_name)
              if applicant_name else _("Book an appointment"))
        self.applicant = QLineEdit()
        self.applicant.setObjectName("appointmentApplicant")
        t.add(self.applicant.setPlaceholderText, N_("The applicant's ID number"))
        digit_input.follow_profile_digits(ctx.profile, self.applicant)
        self.day = QLineEdit()
        self.day.setObjectName("appointmentDay")
        t.add(self.day.setPlaceholderText, DATE_HINT)
        echo = date_echo(ctx, self.day, "at")
        self.time = QComboBox()
        self.time.setObjectName("appointmentTime")
        self.time.setEditable(True)  # a free slot, or another time typed (a late walk-in)
        time_edit = self.time.lineEdit()
        if time_edit is not None:  # a time typed shows in the digits of the times listed
            digit_input.follow_profile_digits(ctx.profile, time_edit)
        self.employee = CodeCombo(employee_items(ctx), placeholder=False)
        self.employee.setObjectName("appointmentEmployee")
        self.employee.set_code(str(employee_id or ctx.user_id))
        self.purpose = CodeCombo(vocabulary(rules.PURPOSES))
        self.purpose.setObjectName("appointmentPurpose")
        self.request_reference = QLineEdit()
        self.note = QLineEdit()
        self.boxes = {
            "applicant": FieldBox(t, N_("Applicant"), self.applicant,
                                  note=applicant_echo(ctx, self.applicant)),  # whom she books
            "employee": FieldBox(t, N_("With the employee"), self.employee),
            "at": FieldBox(t, N_("Day and time"), self.day, self.time, note=echo),
            "purpose": FieldBox(t, N_("For"), self.purpose),
            "request_reference": FieldBox(t, N_("About the request (optional)"), self.request_reference),
            "note": FieldBox(t, N_("Note"), self.note),
        }
        self.boxes["applicant"].setVisible(applicant_id is None)
        self.slots_note = QLabel()
        self.slots_note.setWordWrap(True)
        self.grid = grid = QGridLayout()
        for name, row, column in (("applicant", 0, 0), ("employee", 0, 1), ("at", 1, 0), ("purpose", 1, 1),
                                  ("request_reference", 2, 0), ("note", 2, 1)):
            grid.addWidget(self.boxes[name], row, column)
        grid.addWidget(self.slots_note, 3, 0, 1, 2)
        for column in range(2):
            grid.setColumnStretch(column, 1)
        self.error = ErrorLabel()
        buttons, self.ok_button = ok_cancel_buttons(t, self, self.submit, self.OK_TEXT, "bookOk")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        screen.at_least_wide(self, 640)
        self.day.setText(typed_date(ctx, day or (now or dt.datetime.now()).date()))
        self._fill_times(start)
        # another day or employee: that day's first free time (not the time chosen for the other)
        self.day.textChanged.connect(lambda _t: self._fill_times(keep_typed=False))
        self.range_said = False  # the message under the day is the range's (cleared with it)
        self.day.textChanged.connect(self._check_range)
        self._check_range(self.day.text())  # a day given beyond the Hijri calendar: said at once
        self.employee.currentIndexChanged.connect(lambda _i: self._fill_times(keep_typed=False))
        (self.applicant if applicant_id is None else self.purpose).setFocus()

    def inputs(self):
        return [self.applicant, self.day, self.purpose, self.request_reference, self.note]

    # -- the employee's free times on the day --------------------------------------------------
    def _day(self) -> dt.date | None:
        """The day typed, when it is one that can be booked (in both calendars)."""
        try:
            return in_both_calendars(parse_date(self.day.text(), field="at"), "at")
        except ValidationError:
            return None

    def _check_range(self, text: str) -> None:
        """A day the Hijri calendar does not reach is said at once under the field (what was
        typed stays); the message goes when the day is corrected."""
        try:
            day: dt.date | None = parse_date(text, field="at")
        except ValidationError:  # not a whole date yet: said on Enter, as for every field
            day = None
        message = None
        if day is not None:
            try:
                in_both_calendars(day, "at", fmt.digit_style(self.ctx.profile))
            except ValidationError as exc:
                message = exc.message
        if message:
            self.boxes["at"].set_error(message)
            screen.fit_height(self)
        elif self.range_said:
            self.boxes["at"].set_error(None)
        self.range_said = bool(message)

    def _fill_times(self, start: dt.time | None = None, keep_typed: bool = True) -> None:
        typed = self.time.currentText() if keep_typed else ""
        day, employee = self._day(), self.employee.code()
        free = views.free_slots(self.ctx, day, uuid.UUID(employee)) if day and employee else []
        now = self.now or dt.datetime.now()
        free = [t for t in free if dt.datetime.combine(day, t) >= now] if day else []
        digits = fmt.digit_style(self.ctx.profile)
        self.time.blockSignals(True)
        self.time.clear()
        for t in free:
            self.time.addItem(rules.clock_text(t, digits), t)
        self.time.blockSignals(False)
        wanted = start or rules.parse_clock(typed)
        if wanted is not None:
            index = self.index_of(wanted)
            if index >= 0:
                self.time.setCurrentIndex(index)
            else:
                self.time.setEditText(rules.clock_text(wanted, digits))
        elif free:
            self.time.setCurrentIndex(0)
        self.slots_note.setText(
            _("Free times shown: {count}").format(count=fmt.number(self.ctx.profile, len(free))) if free
            else _("No free time left that day: type another time, or choose another day or employee"))

    def index_of(self, start: dt.time) -> int:
        """The free time's line in the list, -1 when not free (Qt's findData compares no times)."""
        return next((i for i in range(self.time.count()) if self.time.itemData(i) == start), -1)

    # -- booking -------------------------------------------------------------------------------
    def _when(self) -> tuple[dt.date, dt.time]:
        day = in_both_calendars(parse_date(self.day.text(), field="at"), "at",
                                fmt.digit_style(self.ctx.profile))
        start = rules.parse_clock(self.time.currentText())
        if start is None:
            raise ValidationError("at", _("Choose a free time, or type one as HH:MM"))
        return day, start

    def _book(self) -> AppointmentView:
        applicant = self.applicant_id or booking.applicant_by_number(self.ctx, self.applicant.text())
        day, start = self._when()
        employee = self.employee.code()
        return booking.book(
            self.ctx, applicant, day, start, self.purpose.code(),
            employee_id=uuid.UUID(employee) if employee else None,
            request_reference=self.request_reference.text(), note=self.note.text(), now=self.now)

    def submit(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)
        self.error.clear_message()
        done = Operation(self, self._book).failure(self._refused).run()
        if done is FAILED:
            return
        self.appointment = done
        self.accept()
        self.booked.emit(done)

    def _refused(self, exc: AppError) -> None:
        errors = [(field, _("Choose what the appointment is for") if field == "purpose" and not self.purpose.code()
                   else message) for field, message in exc.errors]
        show_errors(self.boxes, errors, self.error)
        if any(field == "at" for field, _m in exc.errors):
            self._fill_times()  # the times another desk took meanwhile are gone from the list
        screen.fit_height(self)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.purpose.retranslate()
        self.employee.retranslate()
