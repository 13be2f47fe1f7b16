"""Complaints and suggestions (الشكاوى والمقترحات): the list, newest first, filtered by status and
searched (a complainant calling back: her name, phone, the number; typing on the list starts the
search); overdue ones are escalated to the manager when the page is first looked at."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain import permissions
from ...domain.feedback import category_label
from ...i18n import N_, _, current_language, ngettext
from ...services.feedback import complaints
from ...services.feedback.complaints import ComplaintView
from ...services.store.context import AppContext
from ...services.store.events import FEEDBACK_CHANGED
from ..common import digit_input, fmt
from ..common.list_page import ListPage, after_typing, type_to_search
from ..common.table_model import (
    Column,
    RowsModel,
    record_table,
    select_first,
    wrapped_columns,
)
from ..common.widgets import Banner, CodeCombo, button_row, named_button
from ..shell.shortcuts_sheet import key_tip
from .complaint_detail import ComplaintDialog
from .complaint_dialogs import NewComplaintDialog, channel_name, status_text

ALL = "all"
FILTERS = [
    (complaints.OPEN, N_("Open (escalated included)")),
    (complaints.ESCALATED, N_("Escalated")),
    (complaints.RESOLVED, N_("Resolved")),
    (ALL, N_("All")),
]
ALERT = QColor("#b00020")
NEW_KEY = "Ctrl+N"  # the page's own «new»: a complaint here, as a new applicant elsewhere
WIDTHS = {2: 130, 3: 160, 5: 170, 6: 150, 8: 130, 9: 140}  # received, category, who, channel, due, assignee
SEARCH_DELAY_MS = 250


def complainant(ctx: AppContext, c: ComplaintView) -> str:
    """Who complained: the name and phone given (a registered applicant's name), or anonymous."""
    if c.anonymous:
        return _("Anonymous")
    phone = fmt.phone(ctx.profile, c.contact_phone) if c.contact_phone else ""
    return " — ".join(part for part in (c.contact_name, phone) if part)


class ComplaintsView(ListPage):
    follows = frozenset({FEEDBACK_CHANGED})

    escalated = Signal(list)  # the numbers escalated when the page was first shown

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.today = today  # None: the real today (tests pass a day)
        self.dialog: ComplaintDialog | NewComplaintDialog | None = None
        self._checked_deadlines = False
        self._escalated_now = 0
        p = ctx.profile
        t = self.texts
        self.page_title(N_("Complaints and suggestions"), lambda: ngettext(
            "Every complaint is answered within {days} day; past that it goes to the manager. "
            "Enter or a double click opens one.",
            "Every complaint is answered within {days} days; past that it goes to the manager. "
            "Enter or a double click opens one.", p.complaints.response_days).format(
                days=fmt.number(p, p.complaints.response_days)))
        self.banner = Banner("warning")
        self.banner.setObjectName("escalationBanner")
        self.filter = CodeCombo(FILTERS, placeholder=False)
        self.filter.setObjectName("complaintFilter")
        # as wide as its longest choice («المفتوحة (ومنها المصعّدة)» was cut)
        self.filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        filter_label = QLabel()
        t.add(filter_label.setText, N_("Show:"))
        filter_label.setBuddy(self.filter)
        self.search = digit_input.search_line(ctx.profile, "complaintSearch")
        t.add(self.search.setPlaceholderText, N_("Name, phone, number or subject"))
        self.new_button = named_button(t, N_("New complaint or suggestion…"), "newComplaint")
        self.open_button = named_button(t, N_("Show details"), "openComplaint")

        def alert(c: ComplaintView):
            return ALERT if self._late(c) else None

        self.model = RowsModel([
            Column(N_("Number"), lambda c: fmt.ident(p, c.number)),
            Column(N_("Kind"), lambda c: _(complaints.KINDS.get(c.kind, c.kind))),
            Column(N_("Received"), lambda c: fmt.date_both(p, c.received_on)),
            Column(N_("Category"), lambda c: category_label(p.complaints, c.category, current_language())),
            Column(N_("Subject"), lambda c: c.subject),
            Column(N_("Complainant"), lambda c: complainant(ctx, c)),
            Column(N_("Channel"), lambda c: channel_name(ctx, c.channel)),
            Column(N_("Status"), lambda c: status_text(c, self._day()), foreground=alert),
            Column(N_("Answer due by"), lambda c: fmt.date_both(p, c.due_on), foreground=alert),
            Column(N_("Assigned to"), lambda c: c.assigned_name),
        ], self)
        self.table = record_table(self.model, "complaints")
        # Dates (Hijri beside Gregorian) and long names wrap, so that the subject keeps room.
        wrapped_columns(self.table, WIDTHS, stretch=(4,))
        t.add(self.table.setAccessibleName, N_("Complaints and suggestions"))
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addWidget(self.search, 1)
        top.addWidget(filter_label)
        top.addWidget(self.filter)
        buttons = button_row(self.new_button, self.open_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.banner)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.new_button.setVisible(ctx.may(permissions.RECORD_FEEDBACK))
        # Ctrl+N on this page receives a complaint (the main window gives the page its key
        # while the page is shown: ``MainWindow.page_keys``); F1 lists it under this page.
        self.new_action = QAction(self)
        t.add(self.new_action.setText, N_("New complaint or suggestion…"))
        self.new_action.setShortcut(QKeySequence(NEW_KEY))
        self.new_action.setEnabled(ctx.may(permissions.RECORD_FEEDBACK))
        self.new_action.triggered.connect(self.new_complaint)
        self.addAction(self.new_action)
        t.add(self.new_button.setToolTip, lambda: key_tip(_("New complaint or suggestion…"), NEW_KEY))
        self.table.activated.connect(self._open)  # Enter, and a double click
        # the page opens on its list (Enter opens the selected complaint, as its note says),
        # then Tab: the search, the filter, the buttons; a letter or digit typed on the list
        # goes to the search, Enter there back to the list
        for before, after in ((self.table, self.search), (self.search, self.filter),
                              (self.filter, self.new_button), (self.new_button, self.open_button)):
            QWidget.setTabOrder(before, after)
        self.timer = after_typing(self, self.search, SEARCH_DELAY_MS, self.reload)
        self.search.returnPressed.connect(self._search_now)
        type_to_search(self.table, self.search)
        self.open_button.clicked.connect(lambda: self.open_complaint(self.selected()))
        self.new_button.clicked.connect(self.new_complaint)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.reload()

    def _day(self) -> dt.date:
        return self.today or dt.date.today()

    def _late(self, c: ComplaintView) -> bool:
        return c.status == complaints.ESCALATED or c.overdue(self._day())

    # -- data ------------------------------------------------------------------------------
    def check_deadlines(self) -> list[str]:
        """Escalate what is past its deadline (once, when the page is first shown)."""
        self._checked_deadlines = True
        if not self.ctx.may(permissions.RECORD_FEEDBACK):
            return []
        numbers = complaints.escalate_overdue(self.ctx, today=self.today)
        self._escalated_now = len(numbers)
        self._show_banner()
        if numbers:
            self.escalated.emit(numbers)
        return numbers

    def _show_banner(self) -> None:
        if not self._escalated_now:
            self.banner.hide()
            return
        count = fmt.number(self.ctx.profile, self._escalated_now)
        self.banner.show_message("⚠ " + ngettext(
            "{count} complaint passed the answer deadline and was escalated to the manager.",
            "{count} complaints passed the answer deadline and were escalated to the manager.",
            self._escalated_now,
        ).format(count=count))

    def reload(self) -> None:
        self.timer.stop()
        code = self.filter.code()
        rows = complaints.list_complaints(self.ctx, status=None if code == ALL else code, text=self.search.text())
        self.show_rows(rows)
        self.open_button.setEnabled(bool(rows))
        self._update_status()

    def _update_status(self) -> None:
        rows = self.model.rows
        late = sum(1 for c in rows if self._late(c))
        p = self.ctx.profile
        if not rows:
            self.status.setText(self._nothing_shown())
            return
        text = _("{count} shown").format(count=fmt.number(p, len(rows)))
        if late:
            text += " — ⚠ " + ngettext(
                "{count} escalated or past the deadline", "{count} escalated or past the deadline", late,
            ).format(count=fmt.number(p, late))
        self.status.setText(text)

    def _nothing_shown(self) -> str:
        """Nothing shown; a search that the status filter hides says where its complaints are
        (hers was answered: «Resolved» is not among the open ones)."""
        if self.filter.code() == ALL or not self.search.text().strip():
            return _("Nothing to show.")
        elsewhere = len(complaints.list_complaints(self.ctx, text=self.search.text()))
        if not elsewhere:
            return _("Nothing to show.")
        return ngettext("None among these; {count} is under «All»: choose it in «Show»",
                        "None among these; {count} are under «All»: choose it in «Show»",
                        elsewhere).format(count=fmt.number(self.ctx.profile, elsewhere))

    def _search_now(self) -> None:
        self.reload()
        if self.model.rows:  # Enter again opens it; found nothing: the search stays to be fixed
            self.table.setFocus()

    def applicant_in_front(self) -> uuid.UUID | None:
        """The complainant's file, when the complaint selected is linked to one: Ctrl+E
        «Current file» opens it."""
        complaint = self.selected()
        return complaint.applicant_id if complaint is not None else None

    # -- actions ---------------------------------------------------------------------------
    def _open(self, index) -> None:
        self.open_complaint(self.model.row_at(index))

    def open_complaint(self, complaint: ComplaintView | None) -> ComplaintDialog | None:
        if complaint is None:
            return None
        dialog = ComplaintDialog(self.ctx, complaint.id, parent=self, today=self.today)
        return self.open_dialog(dialog, dialog.changed, lambda _view: self.reload())

    def new_complaint(self) -> NewComplaintDialog:
        dialog = NewComplaintDialog(self.ctx, parent=self, today=self.today)
        return self.open_dialog(dialog, dialog.recorded, self._recorded)

    def _recorded(self, complaint: ComplaintView) -> None:
        self.reload()
        select_first(self.table, self.model.rows, lambda c: c.id == complaint.id)
        self.table.setFocus()  # Enter opens the complaint just recorded (a focused «new» button
        # would take Enter for another new complaint)

    def shown(self) -> None:
        if not self._checked_deadlines:
            self.check_deadlines()
        super().shown()

    def focus_list(self) -> None:
        self.table.setFocus()

    def retranslate(self) -> None:
        self.filter.retranslate()
        super().retranslate()
        self._show_banner()
