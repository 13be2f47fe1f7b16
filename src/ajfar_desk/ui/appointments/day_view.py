"""The desk's day of appointments (مواعيد اليوم): today by default, the previous or next day,
one employee's slots with the free ones (or every employee's bookings), booking a free time,
the applicant's file opened with Enter, attended or missed marked, a booking cancelled with
Delete after a question.  Keys in ``day_keys`` (also on the shortcuts sheet, F1)."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ...domain import appointments as rules
from ...domain import permissions
from ...domain.dates import parse_date
from ...domain.digits import said
from ...domain.errors import ValidationError
from ...i18n import N_, _, current_language
from ...services.appointments import booking, views
from ...services.appointments.views import APPOINTMENT_CHANGED, Slot
from ...services.store.context import AppContext
from ...services.store.events import APPLICANT_CHANGED, SYNC_CHANGED
from ..common import dialogs, digit_input, fmt
from ..common.fit_columns import fit_columns
from ..common.form_fields import DATE_HINT
from ..common.page import ReloadingPage, title_row
from ..common.table_model import Column, RowsModel, record_table, select_row
from ..common.widgets import FAILED, CodeCombo, Texts, heading, tr
from ..shell.operations import Operation
from ..shell.shortcuts_sheet import key_tip
from .book_dialog import BookDialog, employee_items
from .day_keys import DAY_KEYS, GO_TO, GO_TO_KEY
from .move_dialog import MoveDialog

ALL = ""  # every employee's bookings
FREE_COLOR = QColor("#5f6b73")


def _tip(label: str, sequence: str) -> str:
    return key_tip(_(label), sequence)


def _booked(slot: Slot, text) -> str:
    return text(slot.appointment) if slot.appointment is not None else ""


class AppointmentsView(ReloadingPage):
    open_applicant = Signal(object)  # applicant id
    reload_topics = (APPOINTMENT_CHANGED, APPLICANT_CHANGED, SYNC_CHANGED)

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None,
                 now: dt.datetime | None = None):
        super().__init__(parent)
        self.ctx, self.now = ctx, now
        self.today = today or (now.date() if now else dt.date.today())
        self.day = self.today
        self.dialog: BookDialog | None = None
        self.may_book = ctx.may(permissions.BOOK_APPOINTMENT)
        p = ctx.profile
        digits = fmt.digit_style(p)
        self.texts = t = Texts()
        self.title = heading(size=18)
        t.add(self.title.setText, N_("Appointments"))
        self.day_label = heading(size=13)
        self.day_label.setObjectName("appointmentsDay")
        self.day_label.setWordWrap(False)  # one line: the weekday, both calendars
        self.previous_button, self.next_button = QPushButton(), QPushButton()
        self.today_button = QPushButton()
        t.add(self.previous_button.setText, N_("Previous day"))
        t.add(self.next_button.setText, N_("Next day"))
        t.add(self.today_button.setText, N_("Today"))
        # a caller's appointment next month: its day typed (Ctrl+G), not Ctrl+PgDown thirty times
        self.go_to = QLineEdit()
        self.go_to.setObjectName("appointmentsGoTo")
        self.go_to.setMinimumWidth(240)  # its hint read whole: «يوم/شهر/سنة، هجري أو ميلادي»
        self.go_to.setMaximumWidth(260)
        t.add(self.go_to.setPlaceholderText, DATE_HINT)
        t.add(self.go_to.setToolTip, lambda: _tip(GO_TO, GO_TO_KEY))
        digit_input.follow_profile_digits(ctx.profile, self.go_to)
        self.said = False  # the status line says why a key did nothing, or a day was not understood
        employees = employee_items(ctx)
        self.employee = CodeCombo([(ALL, N_("All employees")), *employees], placeholder=False)
        self.employee.setObjectName("appointmentsEmployee")
        mine = str(ctx.user_id)
        self.employee.set_code(mine if any(code == mine for code, _n in employees) else ALL)
        employee_label = QLabel()
        t.add(employee_label.setText, N_("Employee:"))
        employee_label.setBuddy(self.employee)
        self.model = RowsModel([
            Column(N_("Time"), lambda s: rules.clock_text(s.start, digits)),
            Column(N_("Until"), lambda s: rules.clock_text(rules.time_of(rules.minute_of(s.start) + s.minutes), digits)),
            Column(N_("Applicant"), lambda s: s.appointment.applicant_name if s.appointment
                   else _("Time passed") if self.passed(s) else _("Free"),
                   foreground=lambda s: FREE_COLOR if s.free else None),
            Column(N_("ID number"), lambda s: _booked(s, lambda a: fmt.ident(p, a.applicant_number))),
            Column(N_("Mobile phone"), lambda s: _booked(s, lambda a: fmt.phone(p, a.phone))),
            Column(N_("For"), lambda s: _booked(s, lambda a: rules.purpose_label(a.purpose))),
            Column(N_("Employee"), lambda s: _booked(s, lambda a: a.employee_name)),
            Column(N_("State"), lambda s: _booked(s, lambda a: rules.state_label(a.state))),
            Column(N_("Request"), lambda s: _booked(s, lambda a: fmt.ident(p, a.request_reference))),
            Column(N_("Note"), lambda s: _booked(s, lambda a: a.note)),
        ], self)
        self.table = record_table(self.model, "appointments")
        # the applicant's name takes the width left; on a day with no booking yet the person
        # columns keep the width a booking will write in them, and the note only its title's
        sample_reference = f"{ctx.branch.ref_prefix}-1448-000000"
        fit_columns(self.table, stretch=2, least={
            3: lambda: [fmt.ident(p, "1234567890")],
            4: lambda: [fmt.phone(p, "+966551234567")],
            5: lambda: [rules.purpose_label(code) for code in rules.PURPOSES],
            6: lambda: [tr(name) for _code, name in employees],
            7: lambda: [rules.state_label(code) for code in rules.STATES],
            8: lambda: [fmt.ident(p, sample_reference)],
        })
        t.add(self.table.setAccessibleName, N_("Appointments"))
        self.status = QLabel()
        self.status.setObjectName("appointmentsStatus")
        self.book_button, self.attended_button = QPushButton(), QPushButton()
        self.missed_button, self.cancel_button = QPushButton(), QPushButton()
        self.open_button, self.move_button = QPushButton(), QPushButton()
        t.add(self.book_button.setText, N_("Book an appointment…"))
        t.add(self.attended_button.setText, N_("Attended"))
        t.add(self.missed_button.setText, N_("Did not come"))
        t.add(self.cancel_button.setText, N_("Cancel the appointment…"))
        t.add(self.move_button.setText, N_("Move the appointment…"))
        t.add(self.open_button.setText, N_("Open the file"))
        for button in (self.book_button, self.attended_button, self.missed_button, self.move_button,
                       self.cancel_button):
            button.setVisible(self.may_book)

        days = QHBoxLayout()
        days.addWidget(self.previous_button)
        days.addWidget(self.day_label, 1, Qt.AlignmentFlag.AlignCenter)
        days.addWidget(self.next_button)
        days.addWidget(self.today_button)
        days.addWidget(self.go_to)
        buttons = QHBoxLayout()
        for button in (self.book_button, self.open_button, self.attended_button, self.missed_button,
                       self.move_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row(self.title, employee_label, self.employee))
        layout.addLayout(days)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        self.previous_button.clicked.connect(lambda: self.go(self.day - dt.timedelta(days=1)))
        self.next_button.clicked.connect(lambda: self.go(self.day + dt.timedelta(days=1)))
        self.today_button.clicked.connect(lambda: self.go(self.today))
        self.go_to.returnPressed.connect(self._go_to_typed)
        go_to_key = QShortcut(QKeySequence(GO_TO_KEY), self)
        go_to_key.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        go_to_key.activated.connect(self._focus_go_to)
        self.employee.currentIndexChanged.connect(lambda _i: self.reload())
        self.book_button.clicked.connect(lambda: self.book(self.selected()))
        self.open_button.clicked.connect(lambda: self._activated(self.table.currentIndex()))
        self.attended_button.clicked.connect(lambda: self.mark(rules.ATTENDED))
        self.missed_button.clicked.connect(lambda: self.mark(rules.MISSED))
        self.cancel_button.clicked.connect(self.cancel)
        self.move_button.clicked.connect(self.move_booking)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._selection_moved())
        for name, (sequence, label) in DAY_KEYS.items():
            button = getattr(self, name)
            t.add(button.setToolTip, partial(_tip, label, sequence))
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(partial(self._key, button))
        self.setFocusProxy(self.table)
        self.reload()

    # -- data ------------------------------------------------------------------------------
    def employee_id(self) -> uuid.UUID | None:
        code = self.employee.code()
        return uuid.UUID(code) if code else None

    def go(self, day: dt.date) -> None:
        self.day = day
        self.reload()
        self.table.setFocus()

    def _focus_go_to(self) -> None:
        self.go_to.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.go_to.selectAll()

    def _go_to_typed(self) -> None:
        """The day typed in «go to» (Enter): shown, the field emptied; a day not understood is
        said on the status line, naming the field, and what was typed stays to be corrected."""
        try:
            day = parse_date(self.go_to.text(), field="at")
        except ValidationError as exc:
            self._say(_("Go to a day: {problem}").format(problem=said(exc.message)))
            return
        self.go_to.clear()
        self.go(day)

    def reload(self, keep: uuid.UUID | None = None) -> None:
        current = self.selected()
        keep = keep or (current.appointment.id if current and current.appointment else None)
        rows = views.day_sheet(self.ctx, self.day, self.employee_id())
        self.model.set_rows(rows)
        self.model.retranslate()
        if rows:
            index = next((i for i, s in enumerate(rows) if keep and s.appointment and s.appointment.id == keep), None)
            if index is None:
                index = next((i for i, s in enumerate(rows) if not s.free), 0)
            select_row(self.table, index)
        self._show_day()
        self._update_buttons()

    def passed(self, slot) -> bool:
        """A free time of today that is already over: not offered (the booking dialog does not
        offer it either)."""
        now = self.now or dt.datetime.now()
        return slot.free and dt.datetime.combine(self.day, slot.start) < now

    def _show_day(self) -> None:
        p = self.ctx.profile
        if self.said:  # the status line is the day's again
            self.status.setStyleSheet("")
            self.said = False
        text = f"{rules.day_name(self.day, current_language())} {fmt.date_both(p, self.day)}"
        if self.day == self.today:
            text += " — " + _("today")
        self.day_label.setText(text)
        rows = self.model.rows
        booked = sum(1 for s in rows if not s.free)
        free = sum(1 for s in rows if s.free and not self.passed(s))
        if not rows:
            self.status.setText(_("The office is closed this day.") if not p.office_hours.is_open(self.day)
                                else _("No appointments this day."))
        elif self.employee_id() is None:
            self.status.setText(_("Booked: {booked}").format(booked=fmt.number(p, booked)))
        else:
            self.status.setText(_("Booked: {booked} — free: {free}").format(
                booked=fmt.number(p, booked), free=fmt.number(p, free)))

    def _selection_moved(self) -> None:
        if self.said:  # what a key could not do was about the row left
            self._show_day()
        self._update_buttons()

    def _update_buttons(self) -> None:
        slot = self.selected()
        appointment = slot.appointment if slot is not None else None
        self.open_button.setEnabled(appointment is not None)
        for button in (self.attended_button, self.missed_button):
            button.setEnabled(appointment is not None and self.day <= self.today)
        for button in (self.cancel_button, self.move_button):
            button.setEnabled(appointment is not None and appointment.state == rules.BOOKED)

    def selected(self) -> Slot | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        return self.model.row_at(rows[0]) if rows else None

    def applicant_in_front(self) -> uuid.UUID | None:
        """Whose appointment is selected: Ctrl+E «Current file» opens her file."""
        slot = self.selected()
        return slot.appointment.applicant_id if slot is not None and slot.appointment else None

    # -- actions ---------------------------------------------------------------------------
    def _key(self, button: QPushButton) -> None:
        """A button's key: it presses the button when it may be pressed; else the status line
        says why not (Alt+M on next week's booking did nothing, and she was left guessing)."""
        if not button.isVisible():
            return
        if button.isEnabled():
            button.click()
        elif why := self._why_not(button):
            self._say(why)

    def _why_not(self, button: QPushButton) -> str:
        slot = self.selected()
        appointment = slot.appointment if slot is not None else None
        if appointment is None:
            return _("Choose a booked time first: this one is free")
        if button in (self.attended_button, self.missed_button):
            return _("The appointment's day has not come yet: mark it on the day")
        if button in (self.move_button, self.cancel_button):
            return _("Only a booked appointment is moved or cancelled; this one is: {state}").format(
                state=rules.state_label(appointment.state))
        return ""

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #b00020;")
        self.said = True

    def _activated(self, index) -> None:
        slot = self.model.row_at(index) if index.isValid() else None
        if slot is None:
            return
        if slot.appointment is not None:
            # once the Enter that asked is done with: Qt's view passes it on up, and had the file
            # opened already the main window would press the file's focused «Edit data» with it
            # (the edit form instead of the file; Alt+N then typed into its fields)
            QTimer.singleShot(0, partial(self.open_applicant.emit, slot.appointment.applicant_id))
        elif self.may_book:
            self.book(slot)

    def book(self, slot: Slot | None = None, applicant_id: uuid.UUID | None = None) -> BookDialog | None:
        if not self.may_book:
            return None
        free = slot if slot is not None and slot.free else None
        return self._open(BookDialog(self.ctx, applicant_id=applicant_id, day=self.day,
                                     start=free.start if free else None,
                                     employee_id=(free.employee_id if free else None) or self.employee_id(),
                                     parent=self, now=self.now))

    def move_booking(self) -> MoveDialog | None:
        """The selected booking to another day, time or employee (F2)."""
        slot = self.selected()
        if not self.may_book or slot is None or slot.appointment is None or slot.appointment.state != rules.BOOKED:
            return None
        dialog = MoveDialog(self.ctx, slot.appointment, parent=self, now=self.now)
        self._open(dialog)
        return dialog

    def _open(self, dialog: BookDialog) -> BookDialog:
        self.dialog = dialog
        dialog.booked.connect(self._booked)
        dialog.open()
        return dialog

    def _booked(self, appointment) -> None:
        if appointment.day != self.day:
            self.day = appointment.day
        self.reload(keep=appointment.id)
        self.table.setFocus()

    def mark(self, state: str) -> None:
        slot = self.selected()
        if slot is None or slot.appointment is None:
            return
        target = slot.appointment.id
        done = Operation(self, lambda: booking.mark(self.ctx, target, state, today=self.today)).run(initiator=self)
        if done is not FAILED:
            self.reload(keep=target)

    def cancel(self) -> None:
        slot = self.selected()
        if slot is None or slot.appointment is None or slot.appointment.state != rules.BOOKED:
            return
        a = slot.appointment
        digits = fmt.digit_style(self.ctx.profile)
        question = _("Cancel {name}'s appointment at {time}? The time becomes free again.").format(
            name=a.applicant_name, time=rules.clock_text(a.start, digits))
        if not dialogs.ask(self, _("Cancel the appointment"), question, default_yes=False):
            return
        Operation(self, lambda: booking.cancel(self.ctx, a.id)).run(initiator=self)
        self.reload()
        self.table.setFocus()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.employee.retranslate()
        self.model.retranslate()
        self._show_day()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.retranslate()
