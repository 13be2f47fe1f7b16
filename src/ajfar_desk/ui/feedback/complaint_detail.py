"""One complaint or suggestion: its details and history; assigning it (a manager) and resolving
it (a manager or the person it is assigned to)."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ...domain import feedback, gendered, permissions
from ...domain.feedback import category_label
from ...i18n import N_, _, current_language, ngettext
from ...services.feedback import complaints
from ...services.feedback.complaints import ComplaintView
from ...services.store.context import AppContext
from ...services.users import users
from ..common import fmt, screen
from ..common.form_dialog import FormDialog
from ..common.form_fields import DATE_HINT, LOCAL_STYLE, date_echo, multi_line
from ..common.table_model import Column, RowsModel, record_table
from ..common.widgets import (
    ERROR_COLOR,
    FAILED,
    Banner,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Text,
    Texts,
    heading,
    named_button,
)
from ..shell.operations import attempt
from .complaint_dialogs import EVENT_LABELS, channel_name, score_text, status_text


class ComplaintDialog(FormDialog):
    """One complaint: its details and history; assign (managers) and resolve (managers and
    the assignee) while it is not resolved."""

    changed = Signal(object)  # ComplaintView after an assignment or the resolution

    def __init__(self, ctx: AppContext, complaint_id: uuid.UUID, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.complaint_id, self.today = ctx, complaint_id, today
        self.complaint: ComplaintView = complaints.get_complaint(ctx, complaint_id)
        self.texts = t = Texts()
        self.setStyleSheet(LOCAL_STYLE)
        t.add(self.setWindowTitle, N_("Complaint or suggestion"))
        self.title = heading(size=14)
        self.done_banner = Banner("success")  # not ``done``: QDialog.done closes it
        self.details = QGridLayout()  # label and value, a row each
        self.details.setVerticalSpacing(4)
        self.details.setColumnStretch(1, 1)
        self.status_label = QLabel()
        p = ctx.profile
        self.history = RowsModel([
            Column(N_("When"), lambda e: fmt.timestamp(p, e.at)),
            Column(N_("Step"), lambda e: _(EVENT_LABELS.get(e.action, e.action))),
            Column(N_("By"), lambda e: e.user_name),
            Column(N_("Notes"), lambda e: ngettext(
                "Past the deadline by {days} day", "Past the deadline by {days} days", e.days_late(),
            ).format(days=fmt.number(p, e.days_late())) if e.days_late() is not None else e.note),
        ], self)
        self.table = record_table(self.history, "complaintHistory")
        self.table.setMinimumHeight(100)
        self.table.setMaximumHeight(160)
        history_title = QLabel()
        history_title.setObjectName("historyTitle")
        t.add(history_title.setText, N_("History"))
        self.boxes: dict[str, FieldBox] = {}
        # Assign (managers)
        self.assign_group = QGroupBox()
        t.add(self.assign_group.setTitle, N_("Assign to an employee"))
        self.assignee = CodeCombo(self._colleagues())
        self.assign_note = QLineEdit()
        self.assign_button = named_button(t, N_("Assign"), "assignButton")
        self.boxes["assigned_to"] = FieldBox(t, N_("Employee"), self.assignee)
        self.boxes["note"] = FieldBox(t, N_("Note (optional)"), self.assign_note)
        row = QHBoxLayout(self.assign_group)
        row.addWidget(self.boxes["assigned_to"], 2)
        row.addWidget(self.boxes["note"], 2)
        row.addWidget(self.assign_button, 0, Qt.AlignmentFlag.AlignVCenter)
        # Resolve (managers and the assignee)
        self.resolve_group = QGroupBox()
        t.add(self.resolve_group.setTitle, N_("Resolve"))
        self.resolution = multi_line(56)
        # An anonymous complainant can only be "anonymous"; a named one anything else.
        anonymous = self.complaint.anonymous
        # the words about the complainant agree with her gender («تعذر الوصول إليها», «راضية»)
        she = self.complaint.complainant_gender
        self.informed = CodeCombo([(code, gendered.for_person(text, she)) for code, text in
                                   complaints.INFORMED.items() if (code == "anonymous") == anonymous],
                                  placeholder=not anonymous)
        satisfaction: list[tuple[str, Text]] = [
            (str(n), partial(score_text, p, n, she)) for n in feedback.SCALE_LABELS
        ]
        self.satisfaction = CodeCombo([("", N_("Not said"))] + satisfaction, placeholder=False)
        self.resolved_on = QLineEdit()
        t.add(self.resolved_on.setPlaceholderText, DATE_HINT)
        echo = date_echo(ctx, self.resolved_on, "resolved_on", allow_future=False)
        self.resolve_button = named_button(t, N_("Resolve"), "resolveButton")
        self.boxes.update({
            "resolution": FieldBox(t, N_("What was done"), self.resolution),
            "informed_how": FieldBox(t, gendered.for_person(N_("How the complainant was told"), she),
                                     self.informed),
            "satisfaction": FieldBox(t, N_("Satisfaction with the outcome"), self.satisfaction),
            "resolved_on": FieldBox(t, N_("Resolution date (empty: today)"), self.resolved_on, note=echo),
        })
        grid = QGridLayout(self.resolve_group)
        grid.addWidget(self.boxes["resolution"], 0, 0, 1, 2)
        grid.addWidget(self.boxes["informed_how"], 1, 0)
        grid.addWidget(self.boxes["satisfaction"], 1, 1)
        grid.addWidget(self.boxes["resolved_on"], 2, 0)
        grid.addWidget(self.resolve_button, 2, 1, Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignBottom)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        t.add(self.close_button.setText, N_("Close"))
        buttons.rejected.connect(self.reject)
        # What happened on the leading side, what to do next beside it (no screen is too short).
        record = QVBoxLayout()
        record.addLayout(self.details)
        record.addStretch(1)
        self.actions_pane = QWidget()  # (``actions`` is QWidget's own method)
        actions = QVBoxLayout(self.actions_pane)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.assign_group)
        actions.addWidget(self.resolve_group)
        actions.addStretch(1)
        panes = QHBoxLayout()
        panes.addLayout(record, 1)
        panes.addWidget(self.actions_pane, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.done_banner)
        layout.addLayout(panes)
        layout.addWidget(history_title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        screen.scroll_middle(self, keep_top=2, keep_bottom=2)  # the buttons stay on the screen
        screen.at_least_wide(self, 960)  # the record beside the actions, neither squeezed
        self.assign_button.clicked.connect(self.assign)
        self.resolve_button.clicked.connect(self.resolve)
        self._show()

    def _colleagues(self) -> list:
        if not self.ctx.may(permissions.MANAGE_COMPLAINTS):
            return []
        return [(str(u.id), lambda u=u: _("{name} ({role})").format(
            name=u.full_name, role=u.title)) for u in users.colleagues(self.ctx)]

    def _day(self) -> dt.date:
        return self.today or dt.date.today()

    def _show(self) -> None:
        c, p = self.complaint, self.ctx.profile
        she = c.complainant_gender

        def said(msgid: str) -> str:  # a label about the complainant, in her gender
            return gendered.for_person(msgid, she)

        self.title.setText(_("{kind} {number}").format(
            kind=_(complaints.KINDS.get(c.kind, c.kind)), number=fmt.ident(p, c.number)))
        lines = [
            (N_("Status"), status_text(c, self._day())),
            (N_("Received"), fmt.date_both(p, c.received_on)),
            (N_("Answer due by"), fmt.date_both(p, c.due_on)),
            (N_("Received through"), channel_name(self.ctx, c.channel)),
            (N_("Category"), category_label(p.complaints, c.category, current_language())),
            (said(N_("Complainant")), _("Anonymous") if c.anonymous else c.contact_name),
            (N_("Phone"), fmt.phone(p, c.contact_phone)),
            (N_("Request reference"), fmt.ident(p, c.request_reference)),
            (N_("Subject"), c.subject),
            (said(N_("What the complainant says")), c.text),
            (N_("Assigned to"), c.assigned_name or _("Nobody yet")),
        ]
        if c.status == complaints.RESOLVED:
            informed = complaints.INFORMED.get(c.informed_how, c.informed_how)
            lines += [
                (N_("Resolution"), c.resolution),
                (N_("Resolved on"), fmt.date_both(p, c.resolved_on)),
                (said(N_("How the complainant was told")), _(said(informed))),
                (said(N_("Complainant's satisfaction")),
                 score_text(p, c.complainant_satisfaction, she) or _("Not said")),
            ]
        self._fill_details(lines)
        self.history.set_rows(c.events)
        open_ = c.status != complaints.RESOLVED
        manager = self.ctx.may(permissions.MANAGE_COMPLAINTS)
        mine = self.ctx.user_id is not None and c.assigned_to == self.ctx.user_id
        self.assign_group.setVisible(open_ and manager)
        self.resolve_group.setVisible(open_ and (manager or mine))
        self.actions_pane.setVisible(open_ and (manager or mine))
        if c.assigned_to is not None:
            self.assignee.set_code(str(c.assigned_to))

    def _fill_details(self, lines) -> None:
        grid = self.details
        while grid.count():
            item = grid.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        row = 0
        for number, (label, value) in enumerate(lines):
            if not value:
                continue
            name = QLabel(_(label) + ":")
            name.setStyleSheet("font-weight: bold;")
            shown = QLabel(fmt.para(value))
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if number == 0:
                self.status_label = shown
                shown.setObjectName("complaintStatus")
                if "⚠" in value:
                    shown.setStyleSheet(f"color: {ERROR_COLOR}; font-weight: bold;")
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(shown, row, 1, Qt.AlignmentFlag.AlignTop)
            row += 1

    def _clear_errors(self) -> None:
        self.error.clear_message()
        self.done_banner.hide()
        for box in self.boxes.values():
            box.set_error(None)

    def _run(self, action, done_text: str) -> bool:
        self._clear_errors()
        result = attempt(self, self.boxes, self.error, action)
        if result is FAILED:
            return False
        self.complaint = result
        self._show()
        self.done_banner.show_message(done_text)
        self.mark_clean()  # saved: closing now loses nothing
        self.changed.emit(self.complaint)
        return True

    def enter_button(self, focus):
        """Enter assigns in the assignment box and resolves in the resolution box (it is a new
        line in the multi-line box: Ctrl+Enter resolves there)."""
        for group, button in ((self.assign_group, self.assign_button), (self.resolve_group, self.resolve_button)):
            if focus is not None and group.isVisible() and group.isAncestorOf(focus):
                return button
        return None

    def assign(self) -> None:
        code = self.assignee.code()
        if not code:
            self._clear_errors()
            self.boxes["assigned_to"].set_error(_("Choose an active user"))
            return
        name = self.assignee.currentText()
        if self._run(lambda: complaints.assign(self.ctx, self.complaint_id, uuid.UUID(code),
                                               self.assign_note.text()),
                     _("Assigned to {name}.").format(name=name)):
            self.assign_note.clear()

    def resolve(self) -> None:
        score = self.satisfaction.code()
        self._run(lambda: complaints.resolve(
            self.ctx, self.complaint_id, self.resolution.toPlainText(), self.informed.code(),
            int(score) if score else None, self.resolved_on.text(), today=self.today),
            _("The complaint is resolved."))

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.history.retranslate()
        self.assignee.retranslate()
        self.satisfaction.retranslate()
        self.informed.retranslate()
        self._show()
