"""A request's journey in the form: its timeline (every step, who took it, when and why) and the
next steps the signed-in role may take now."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import message_words as words
from ...domain import workflow as wf
from ...domain.digits import said
from ...domain.errors import ValidationError
from ...domain.role_titles import role_title
from ...i18n import N_, _, current_language
from ...services.requests import casework
from ...services.requests.casework import TimelineEntry
from ...services.requests.requests import RequestView
from ...services.requests.timeline_messages import MessageEntry, timeline_with_messages
from ...services.store.context import AppContext
from ..common import dialogs, fmt
from ..common.table_model import MIN_COLUMN, Column, RowsModel, select_row
from ..common.widgets import FAILED, Texts, note_label
from ..shell.operations import Operation
from .step_dialogs import REASON_PROMPTS, DeliveryDialog, ReasonDialog, step_reason_dialog

# Steps taken with one click, and the ones that ask for a reason first.
DIRECT = (wf.REFER_TO_RESEARCHER, wf.FORWARD_TO_COMMITTEE, wf.CLOSE, wf.ACCEPT)
WITH_REASON = tuple(REASON_PROMPTS)  # return to the front desk, cancel, reopen, appeal
BUTTON_LABELS = {
    wf.REFER_TO_RESEARCHER: wf.ACTION_LABELS[wf.REFER_TO_RESEARCHER],
    wf.RETURN_TO_DESK: N_("Return to the front desk…"),
    wf.FORWARD_TO_COMMITTEE: wf.ACTION_LABELS[wf.FORWARD_TO_COMMITTEE],
    wf.DELIVER: N_("Record the delivery…"),
    wf.CLOSE: wf.ACTION_LABELS[wf.CLOSE],
    wf.CANCEL: N_("Cancel the request…"),
    wf.REOPEN: N_("Reopen the request…"),
    wf.DELIVER_IMMEDIATELY: N_("Deliver the service now…"),
    wf.ACCEPT: wf.ACTION_LABELS[wf.ACCEPT],
    wf.APPEAL: N_("Record the appeal…"),
}
WIDTHS = {0: 190, 2: 230, 3: 230}  # when, status, by


def action_label(action: str) -> str:
    if action == casework.CREATE:
        return _("Draft created")
    return _(wf.ACTION_LABELS[action]) if action in wf.ACTION_LABELS else action


class TimelinePanel(QWidget):
    """The request's events, oldest first (the newest at the bottom, selected)."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.request_id: uuid.UUID | None = None
        p = ctx.profile
        self.texts = t = Texts()
        self.model = RowsModel([
            Column(N_("When"), lambda e: fmt.timestamp(p, e.at)),
            Column(N_("Step"), self._step),
            Column(N_("Status"), self._states),
            Column(N_("By"), self._who),
            Column(N_("Reason and notes"), self._notes),
        ], self)
        self.table = QTableView()
        self.setFocusProxy(self.table)  # Alt+2: on the events
        self.table.setObjectName("timeline")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(MIN_COLUMN)  # the style's default fits no short column
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for column, width in WIDTHS.items():  # long texts wrap inside these widths
            self.table.setColumnWidth(column, width)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        t.add(self.table.setAccessibleName, N_("The request's timeline"))
        self.note = note_label(t, N_("Every step of the request, oldest first: what was done, "
                                    "by whom, in which role and branch, and why."))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def set_request(self, request_id: uuid.UUID | None) -> None:
        self.request_id = request_id
        self.reload()

    def reload(self) -> None:
        rows = timeline_with_messages(self.ctx, self.request_id) if self.request_id else []
        self.model.set_rows(rows)
        if rows:
            select_row(self.table, len(rows) - 1)
            self.table.scrollToBottom()

    @staticmethod
    def _step(e: TimelineEntry | MessageEntry) -> str:
        if isinstance(e, MessageEntry):  # the applicant told: which message
            return _("Message: {kind}").format(kind=words.kind_label(e.kind))
        return action_label(e.action)

    def _states(self, e: TimelineEntry | MessageEntry) -> str:
        if isinstance(e, MessageEntry):
            if e.sent_at is not None:
                return _("{state} on {time}").format(state=words.state_label(e.state),
                                                     time=fmt.timestamp(self.ctx.profile, e.sent_at))
            return words.state_label(e.state)
        if e.from_state is None:
            return wf.state_label(e.to_state)
        return _("{before} → {after}").format(before=wf.state_label(e.from_state),
                                              after=wf.state_label(e.to_state))

    def _who(self, e: TimelineEntry | MessageEntry) -> str:
        """The person, then their role and branch on a second line (a message: its channel and
        the address it went to)."""
        if isinstance(e, MessageEntry):
            return "\n".join((words.channel_label(e.channel), fmt.recipient(self.ctx.profile, e.channel, e.recipient)))
        role = role_title(e.role, e.gender)
        try:
            branch = self.ctx.profile.branch(e.branch).name()
        except ValidationError:
            branch = e.branch
        second = fmt.joined((role, branch))
        return "\n".join(part for part in (e.user, second) if part)

    def _notes(self, e: TimelineEntry | MessageEntry) -> str:
        if isinstance(e, MessageEntry):
            return e.last_error if e.state != "sent" else ""
        p, d = self.ctx.profile, e.details
        parts = [e.reason] if e.reason else []
        if d.get("override"):  # submitted (or served) by exception: what was excepted, and why
            parts.append(exception_note(d))
        if d.get("meeting"):
            parts.append(_("Meeting {number} of {year}").format(
                number=fmt.number(p, d["meeting"]), year=fmt.number(p, d.get("year", ""))))
        if d.get("description"):
            parts.append(_("Delivered: {what}").format(what=d["description"]))
        if d.get("amount") not in (None, ""):
            parts.append(_("Amount: {amount} SAR").format(amount=fmt.money(p, d["amount"])))
        return " — ".join(parts)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()


def exception_note(details: dict) -> str:
    """«By exception to: …; reason: …» for a step taken despite unmet conditions (a step
    recorded before the conditions were kept with it: the reason alone)."""
    excepted = details.get("excepted", {}).get(current_language(), [])
    if excepted:
        return _("By exception to: {conditions}. Reason: {reason}").format(
            conditions=_("; ").join(excepted), reason=details["override"])
    return _("By exception. Reason: {reason}").format(reason=details["override"])


class NextSteps(QWidget):
    """Buttons for what the signed-in role may do now; the committee's decisions are taken on
    the committee board, so here they are only announced."""

    failed = Signal(str)  # a refusal, for the form's error line
    started = Signal()  # a step was asked for (the form clears its old error)
    done = Signal()  # a step was taken

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.request: RequestView | None = None
        self.applicant_name = ""
        self.buttons: dict[str, QPushButton] = {}
        self.dialog: ReasonDialog | DeliveryDialog | None = None
        # the eligibility ticks and override for an immediate service: (confirmed, reason)
        self.eligibility: Callable[[], tuple[tuple[str, ...], str]] = lambda: ((), "")
        self.texts = t = Texts()
        self.title = QLabel()
        t.add(self.title.setText, N_("Next steps:"))
        self.hint_icon = QLabel()
        self.hint_icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation).pixmap(20, 20))
        self.hint = QLabel()
        self.hint.setObjectName("stepsHint")
        self.hint.setWordWrap(True)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.addWidget(self.title)
        self.button_row = QHBoxLayout()
        self.row.addLayout(self.button_row)
        self.row.addWidget(self.hint_icon)
        self.row.addWidget(self.hint)
        self.row.addStretch(1)

    def set_request(self, request: RequestView | None, applicant_name: str = "") -> None:
        self.request, self.applicant_name = request, applicant_name
        actions = []
        if request is not None:
            actions = [a for a in casework.allowed(self.ctx, request.status, request.program)
                       if a in BUTTON_LABELS]
        # a step still offered keeps its button (the one whose click is being handled, often)
        kept, self.buttons = self.buttons, {}
        for button in kept.values():
            self.button_row.removeWidget(button)
        for action in actions:
            button = kept.pop(action) if action in kept else self._button(action)
            button.setText(_(BUTTON_LABELS[action]))
            self.button_row.addWidget(button)
            button.show()  # at once, not when the event loop next runs
            self.buttons[action] = button
        for button in kept.values():
            button.hide()
            button.deleteLater()  # it may be the one whose click is being handled
        waiting = request is not None and request.status in wf.BEFORE_COMMITTEE
        self.hint.setText(self._waiting_text() if waiting else "")
        self.hint.setToolTip(_("The committee decides on its board, in a numbered meeting")
                             if waiting else "")
        self.hint_icon.setVisible(waiting)
        self.hint.setVisible(waiting)
        self.setVisible(bool(actions) or waiting)

    def _button(self, action: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(f"step_{action}")
        button.clicked.connect(lambda _checked=False, a=action: self.take(a))
        return button

    def _waiting_text(self) -> str:
        """Where the request waits: on the open meeting's agenda, or for the next meeting
        (a request joins an agenda only once a meeting is opened: trial 9 looked for it)."""
        meeting = Operation(self, lambda: casework.open_meeting(self.ctx)).run()
        if meeting is FAILED:
            return _("Awaiting the committee's decision")
        if meeting is None:
            return _("Awaiting the committee's decision: it goes on the agenda of the committee's "
                     "next meeting, once the meeting is opened")
        number, year = meeting
        p = self.ctx.profile
        return _("Awaiting the committee's decision: on the agenda of its open meeting "
                 "{number}/{year}").format(number=fmt.number(p, number), year=fmt.number(p, year))

    def take(self, action: str) -> None:
        self.started.emit()
        request = self.request
        if request is None:
            return
        dialog: ReasonDialog | DeliveryDialog
        if action in WITH_REASON:
            dialog = step_reason_dialog(self.ctx, request.id, action, self)
        elif action == wf.DELIVER:
            dialog = DeliveryDialog(self.ctx, request.id, self.applicant_name, self)
        elif action == wf.DELIVER_IMMEDIATELY:  # the eligibility tab's ticks go with it
            dialog = DeliveryDialog(self.ctx, request.id, self.applicant_name, self,
                                    immediate=self.eligibility())
        else:
            if action == wf.CLOSE and not dialogs.ask(
                    self, _("Close the request"),
                    _("Close request {reference}? Only a manager can reopen it.").format(
                        reference=fmt.ident(self.ctx.profile, request.reference))):
                return
            if Operation(self, lambda: casework.act(self.ctx, request.id, action)) \
                    .failure(lambda exc: self.failed.emit(said(exc.message))).run() is not FAILED:
                self.done.emit()
            return
        self.dialog = dialog
        dialog.finished_ok.connect(lambda _result: self.done.emit())
        dialog.refused.connect(lambda message: self.failed.emit(message))
        dialog.open()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.set_request(self.request, self.applicant_name)
