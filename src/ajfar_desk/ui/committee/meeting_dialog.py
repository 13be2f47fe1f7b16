"""A new committee meeting: its date (Hijri or Gregorian), the committee's members attending
(ticked from the accounts with the committee's role; outsiders typed, one per line), who chairs
it (or nobody recorded: the papers leave a line to sign by hand), its number."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem

from ...domain.dates import parse_date
from ...domain.digits import normalize_digits
from ...domain.errors import AppError, FieldErrors, ValidationError
from ...i18n import N_, _
from ...services.committee import committee
from ...services.committee.members import Member, committee_members
from ...services.store.context import AppContext
from ..common import digit_input
from ..common.form_dialog import FormDialog, form_frame
from ..common.form_fields import DATE_HINT, LOCAL_STYLE, date_echo, multi_line, typed_date
from ..common.widgets import FAILED, FieldBox, Texts, note_label, show_errors, titled
from ..shell.operations import Operation


def parse_number(text: str) -> int | None:
    """The meeting number as typed in any digits; None when left empty (the next in the year)."""
    cleaned = normalize_digits(text or "").strip()
    if not cleaned:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()) or int(cleaned) < 1:
        raise ValidationError("number", _("Write the meeting number in digits, or leave it empty"))
    return int(cleaned)


class MeetingDialog(FormDialog):
    created = Signal(object)  # MeetingView

    def __init__(self, ctx: AppContext, members: tuple[str, ...] = (), today: dt.date | None = None, parent=None,
                 accounts: list[Member] | None = None):
        """``members``: names ticked (or typed, when no account bears them) at the start;
        ``accounts``: the committee's members to tick (read from the store when not given)."""
        super().__init__(parent)
        self.ctx = ctx
        self.meeting = None
        self.texts = t = Texts()
        self.setStyleSheet(LOCAL_STYLE)
        t.add(self.setWindowTitle, N_("New committee meeting"))
        title = titled(t, N_("New committee meeting"), size=14)
        self.held_on = QLineEdit()
        t.add(self.held_on.setPlaceholderText, DATE_HINT)
        echo = date_echo(ctx, self.held_on, "held_on")
        self.held_on.setText(typed_date(ctx, today or dt.date.today()))
        if accounts is None:
            found = Operation(self, lambda: committee_members(ctx)).run()
            accounts = [] if found is FAILED else found
        self.ticks = QListWidget()  # Space ticks the current name
        self.ticks.setObjectName("memberTicks")
        self.ticks.setMaximumHeight(118)
        names = {a.name for a in accounts}
        for account in accounts:
            item = QListWidgetItem(account.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if account.name in members else Qt.CheckState.Unchecked)
            self.ticks.addItem(item)
        if self.ticks.count():
            self.ticks.setCurrentRow(0)
        self.members = multi_line(56)  # who is not a committee account: typed, one per line
        t.add(self.members.setPlaceholderText, N_("One name per line"))
        self.members.setPlainText("\n".join(m for m in members if m not in names))
        self.chair = QComboBox()
        self.chair.setObjectName("chairChoice")
        self.chair.setEditable(True)  # an outsider chairing is typed
        self.chair.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # Enter opens the meeting
        self.chair.addItem("")
        for account in accounts:
            self.chair.addItem(account.name)
        self.chair.setCurrentIndex(0)
        chair_line = self.chair.lineEdit()
        assert chair_line is not None  # an editable box has its line
        t.add(chair_line.setPlaceholderText, N_("Not recorded: the chair signs the printed minutes by hand"))
        self.number = QLineEdit()
        digit_input.follow_profile_digits(ctx.profile, self.number)
        t.add(self.number.setPlaceholderText, N_("Leave empty for the next number in the year"))
        self.boxes = {
            "held_on": FieldBox(t, N_("Meeting date"), self.held_on, note=echo),
            "ticks": FieldBox(t, N_("Committee members attending (Space ticks a name)"), self.ticks),
            "members": FieldBox(t, N_("Others attending (one per line)"), self.members),
            "chair": FieldBox(t, N_("Chair of the meeting"), self.chair),
            "number": FieldBox(t, N_("Meeting number (optional)"), self.number),
        }
        if not accounts:
            self.boxes["ticks"].hide()
        hint = note_label(t, N_("Requests awaiting the committee join the meeting's agenda by themselves."))
        self.error, self.ok_button = form_frame(self, t, [title, *self.boxes.values(), hint], self.submit,
                                                N_("Open the meeting"), wide=480, scroll=True)

    def ticked(self) -> list[str]:
        return [self.ticks.item(i).text() for i in range(self.ticks.count())
                if self.ticks.item(i).checkState() == Qt.CheckState.Checked]

    def attendees(self) -> list[str]:
        typed = [line for line in self.members.toPlainText().splitlines() if line.strip()]
        return self.ticked() + typed

    def submit(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)
        self.error.clear_message()
        errors = FieldErrors()
        held_on = errors.check("held_on", lambda: parse_date(self.held_on.text(), field="held_on"))
        number = errors.check("number", lambda: parse_number(self.number.text()))
        members = self.attendees()
        chair = " ".join(self.chair.currentText().split())
        if not members and not chair:
            errors.add("members", _("List the members attending the meeting"))
        def create():
            errors.raise_if_any()
            assert held_on is not None  # no error raised: the date was read
            return committee.create_meeting(self.ctx, held_on, members, number, chair=chair)

        created = Operation(self, create).failure(self._show).run()
        if created is FAILED:
            return
        self.meeting = created
        self.accept()
        self.created.emit(self.meeting)

    def _show(self, exc: AppError) -> None:
        show_errors(self.boxes, exc.errors, self.error)
