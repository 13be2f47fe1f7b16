"""The research committee's board: numbered meetings on one side, the selected meeting's agenda
on the other, a decision per request (approve, reject, more information, postpone), and the
meeting's minutes, printed once it has closed (``meeting_actions``).  Its keys: ``board_keys``."""

from __future__ import annotations

import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain import permissions
from ...domain.errors import AppError
from ...domain.text import isolate
from ...i18n import N_, _, current_language
from ...services.committee import committee
from ...services.committee.committee import AgendaItem, MeetingView
from ...services.store.context import AppContext
from ...services.store.events import REQUEST_CHANGED
from ..common import fmt, screen
from ..common.table_model import (
    DONE_COLOR,
    PENDING_COLOR,
    Column,
    RowsModel,
    rows_table,
    select_row,
)
from ..common.widgets import (
    FAILED,
    Banner,
    ErrorLabel,
    Texts,
    button_row,
    heading,
    named_button,
    titled,
)
from ..papers.paper_preview import PaperPreview
from ..shell.operations import Operation
from . import board_state, meeting_actions
from .board_keys import bind_keys, fixed_columns
from .decision_dialog import (
    APPROVE,
    DEFER,
    MORE_INFO,
    REJECT,
    DecisionDialog,
    decision_in_short,
    describe_decision,
    meeting_name,
)
from .meeting_dialog import MeetingDialog
from .study_dialog import StudyDialog

DECISION_BUTTONS = (  # outcome, label, object name
    (APPROVE, N_("Approve…"), "approveButton"),
    (REJECT, N_("Reject…"), "rejectButton"),
    (MORE_INFO, N_("More information…"), "moreInfoButton"),
    (DEFER, N_("Defer…"), "deferButton"),
)
OPEN_COLOR = QColor("#1b5e20")


class CommitteeBoard(QWidget):
    open_request = Signal(object)  # request id
    open_applicant = Signal(object)  # applicant id (unused by the board itself, for symmetry)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: QDialog | None = None  # the open meeting, decision or study dialog
        self.preview: PaperPreview | None = None  # the minutes' preview
        self._keep_request: uuid.UUID | None = None  # the agenda row to select after a reload
        self._after_request: uuid.UUID | None = None  # or the next undecided one below this row
        p = ctx.profile
        self.texts = t = Texts()
        title = titled(t, N_("Research committee"), size=18)

        # Meetings (first: on the right in Arabic).
        meetings_title = titled(t, N_("Meetings"), size=13)
        self.meetings = RowsModel([
            Column(N_("Meeting"), lambda m: meeting_name(ctx, m)),
            Column(N_("Date"), lambda m: fmt.date_both(p, m.held_on)),
            Column(N_("Status"), lambda m: _("In session") if m.status == committee.OPEN else _("Closed"),
                   foreground=lambda m: OPEN_COLOR if m.status == committee.OPEN else PENDING_COLOR),
            Column(N_("Decisions"), lambda m: fmt.number(p, m.decisions)),
        ], self)
        self.meeting_table = rows_table(self.meetings, 1)
        self.meeting_table.setObjectName("meetings")
        self.new_button = named_button(t, N_("New meeting…"), "newMeetingButton")
        self.close_button = named_button(t, N_("Close meeting"), "closeMeetingButton")
        self.minutes_button = named_button(t, N_("Print the minutes…"), "minutesButton")
        meeting_buttons = button_row(self.new_button, self.close_button, self.minutes_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(meetings_title)
        left_box.addWidget(self.meeting_table, 1)
        left_box.addLayout(meeting_buttons)

        # The selected meeting's agenda.
        self.agenda_title = heading(size=13)
        self.agenda_info = QLabel()  # in session or closed, its chair and members
        self.agenda_info.setWordWrap(True)
        self.agenda_counts = QLabel()  # on the agenda, decided, not yet: a line of its own
        self.agenda_counts.setObjectName("agendaCounts")
        self.agenda_title.setWordWrap(True)  # the counts beside it keep one line; the title wraps
        self.agenda = RowsModel([
            Column(N_("Reference"), lambda a: fmt.ident(p, a.reference)),
            Column(N_("Applicant"), lambda a: a.applicant_name),
            Column(N_("Program"), lambda a: fmt.program_name(ctx.profile, a.program)
                   + (" — " + _("appeal of its rejection") if a.appeal else "")),
            Column(N_("Social study"), lambda a: _("✓ Written") if a.has_study else _("✗ None"),
                   foreground=lambda a: DONE_COLOR if a.has_study else PENDING_COLOR),
            Column(N_("Decision"), lambda a: decision_in_short(ctx, a)),
        ], self)
        self.agenda_table = rows_table(self.agenda, 1, 4)
        self.agenda_table.setObjectName("agenda")
        # the reference, program and study keep their widths; the name and the decision (an
        # approval by its amount, never cut) share the rest
        code_width = self.agenda_table.fontMetrics().horizontalAdvance("AMN-1448-000000") + 24
        fixed_columns(self.agenda_table, {0: code_width, 2: 160, 3: 132})
        self.detail = QLabel()  # the selected row in full (the table elides long texts)
        self.detail.setObjectName("agendaDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.why = QLabel()  # why the decision buttons are disabled
        self.why.setObjectName("decisionHint")
        self.why.setWordWrap(True)
        self.study_button = named_button(t, N_("Read the study"), "readStudyButton")
        self.request_button = QPushButton()
        t.add(self.request_button.setText, N_("Open the request"))
        self.decision_buttons: dict[str, QPushButton] = {}
        decide_row = QHBoxLayout()
        for outcome, label, name in DECISION_BUTTONS:
            button = named_button(t, label, name)
            button.clicked.connect(lambda _checked=False, outcome=outcome: self.decide(outcome))
            self.decision_buttons[outcome] = button
            decide_row.addWidget(button)
        decide_row.addStretch(1)  # reading on the same row: the agenda keeps its height (trial 13)
        decide_row.addWidget(self.study_button)
        decide_row.addWidget(self.request_button)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        title_row = QHBoxLayout()  # the counts beside the title: the agenda keeps its height
        title_row.addWidget(self.agenda_title, 1)
        title_row.addWidget(self.agenda_counts)
        right_box.addLayout(title_row)
        right_box.addWidget(self.agenda_info)
        right_box.addWidget(self.agenda_table, 1)
        right_box.addWidget(self.detail)
        right_box.addLayout(decide_row)
        right_box.addWidget(self.why)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([430, 850])
        screen.remember_splitter(self.splitter, "committee")
        self.error = ErrorLabel()
        self.result = Banner("success")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.result)

        self.meeting_table.selectionModel().selectionChanged.connect(lambda *_a: self.reload_agenda())
        self.agenda_table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self.agenda_table.activated.connect(lambda _index: self.read_study())
        self.agenda_table.doubleClicked.connect(lambda _index: self.read_study())
        self.new_button.clicked.connect(self.new_meeting)
        self.close_button.clicked.connect(self.close_meeting)
        self.minutes_button.clicked.connect(self.print_minutes)
        self.study_button.clicked.connect(self.read_study)
        self.request_button.clicked.connect(self._open_request)
        buttons = {"new_button": self.new_button, "close_button": self.close_button,
                   "minutes_button": self.minutes_button, "study_button": self.study_button,
                   "request_button": self.request_button, **self.decision_buttons}
        self.key_actions = bind_keys(self, t, buttons, self._may_press)
        # Tab: the agenda, its decisions, reading the request; then the meetings and theirs
        chain = [self.agenda_table, *self.decision_buttons.values(), self.study_button,
                 self.request_button, self.meeting_table, self.new_button, self.close_button,
                 self.minutes_button]
        for before, after in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        self.setFocusProxy(self.agenda_table)
        self.reload()

    def _may_press(self, name: str) -> bool:
        """Has the signed-in role this button at all (the shortcuts sheet lists only those)?"""
        if name in self.decision_buttons:
            return self.ctx.may(permissions.DECIDE)
        if name == "new_button":
            return self.ctx.may(permissions.MANAGE_MEETINGS)
        if name in ("close_button", "minutes_button"):
            return board_state.may_keep_minutes(self.ctx)
        return True

    # -- selection ----------------------------------------------------------------------------
    def meeting(self) -> MeetingView | None:
        rows = self.meeting_table.selectionModel().selectedRows()
        return self.meetings.row_at(rows[0]) if rows else None

    def item(self) -> AgendaItem | None:
        rows = self.agenda_table.selectionModel().selectedRows()
        return self.agenda.row_at(rows[0]) if rows else None

    def _select(self, table, model: RowsModel, key, wanted) -> None:
        if not model.rows:
            return
        row = next((i for i, r in enumerate(model.rows) if wanted is not None and key(r) == wanted), 0)
        select_row(table, row)

    # -- data ---------------------------------------------------------------------------------
    def reload(self, meeting_id: uuid.UUID | None = None, keep_request: bool = True,
               after: uuid.UUID | None = None) -> None:
        """Meetings, then the agenda of the selected one (keeping the selections, or moving on
        to the first request still awaiting a decision below ``after``, the one just decided)."""
        current, item = self.meeting(), self.item()
        meeting_id = meeting_id or (current.id if current else None)
        self._keep_request = item.request_id if item and keep_request else None
        self._after_request = after
        rows = Operation(self, lambda: committee.list_meetings(self.ctx)).failure(self._say).run()
        if rows is FAILED:
            rows = []
        blocker = self.meeting_table.selectionModel().blockSignals(True)
        self.meetings.set_rows(rows)
        self._select(self.meeting_table, self.meetings, lambda m: m.id, meeting_id)
        self.meeting_table.selectionModel().blockSignals(blocker)
        self.reload_agenda()

    def reload_agenda(self) -> None:
        m, p = self.meeting(), self.ctx.profile
        wanted, self._keep_request = self._keep_request, None
        after, self._after_request = self._after_request, None
        items: list[AgendaItem] = []
        self.agenda_counts.setText("")
        if m is None:
            self.agenda_title.setText(_("No meeting yet"))
            self.agenda_info.setText(_("Open a new meeting: requests awaiting the committee join its agenda by themselves."))
        else:
            self.agenda_title.setText(_("Agenda of meeting {meeting} — {date}").format(
                meeting=meeting_name(self.ctx, m), date=fmt.date_both(p, m.held_on)))
            found = Operation(self, lambda: committee.agenda(self.ctx, m.id)).failure(self._say).run()
            items = [] if found is FAILED else found
            if m.status != committee.OPEN:  # a closed meeting shows only what it decided
                items = [i for i in items if i.outcome]
            decided = sum(1 for i in items if i.outcome)
            waiting = len(items) - decided if m.status == committee.OPEN else len(m.carried_over or ())
            separator = "، " if current_language() == "ar" else ", "
            self.agenda_info.setText(_("{status} — chair: {chair} — members: {members}").format(
                status=_("In session") if m.status == committee.OPEN else _("Closed"),
                chair=isolate(m.chair) if m.chair else _("not recorded"),
                members=isolate(separator.join(m.others)) or _("No other member attended")))
            self.agenda_counts.setText(_("{count} on the agenda, {decided} decided, {waiting} not yet decided").format(
                count=fmt.number(p, decided + waiting), decided=fmt.number(p, decided),
                waiting=fmt.number(p, waiting)))
        self.agenda.set_rows(items)
        if wanted not in {i.request_id for i in items}:
            wanted = board_state.next_undecided(items, after)
        self._select(self.agenda_table, self.agenda, lambda a: a.request_id, wanted)
        self._update_buttons()

    def _update_buttons(self) -> None:
        board_state.update_buttons(self)

    def show_detail(self, item: AgendaItem | None) -> None:
        """The selected request and its decision in this meeting, under the agenda."""
        self.detail.setText("" if item is None else "\n".join((
            self._subject(item), describe_decision(self.ctx, item))))
        self.detail.setVisible(item is not None)

    def on_change(self, topic: str, payload: object) -> None:
        if topic == REQUEST_CHANGED:
            self.reload()

    # -- actions ------------------------------------------------------------------------------
    def new_meeting(self) -> None:
        # the one who opens it is ticked if a committee member; nobody chairs until chosen
        me = (self.ctx.user.full_name,) if self.ctx.user is not None else ()
        self.dialog = MeetingDialog(self.ctx, members=me, parent=self)
        self.dialog.created.connect(self._created)
        self.dialog.open()

    def _created(self, meeting: MeetingView) -> None:
        self.reload(meeting_id=meeting.id)
        self.result.show_message(_("Meeting {meeting} is open; its agenda holds every request awaiting the committee.")
                                 .format(meeting=meeting_name(self.ctx, meeting)))

    def close_meeting(self) -> None:
        meeting_actions.close_meeting(self)

    def print_minutes(self) -> None:
        """Preview the closed meeting's minutes (asking to close it first while in session)."""
        meeting_actions.print_minutes(self)

    def decide(self, outcome: str) -> None:
        m, item = self.meeting(), self.item()
        if m is None or item is None or board_state.decision_blocked(self, outcome):
            return
        self.dialog = DecisionDialog(self.ctx, m, item, outcome, self)
        self.dialog.decided.connect(lambda done, m=m: self._decided(m, done))
        self.dialog.open()

    def _decided(self, meeting: MeetingView, done: AgendaItem) -> None:
        # on down the agenda: the next request awaiting a decision below the one just decided
        self.reload(meeting_id=meeting.id, keep_request=False, after=done.request_id)
        self.agenda_table.setFocus()
        self.result.show_message(_("Request {reference}: {decision}").format(
            reference=fmt.ident(self.ctx.profile, done.reference), decision=describe_decision(self.ctx, done)))

    def read_study(self) -> None:
        item = self.item()
        if item is None or not item.has_study or (self.dialog is not None and self.dialog.isVisible()):
            return
        self.dialog = StudyDialog(self.ctx, item.request_id, self._subject(item), read_only=True, parent=self)
        self.dialog.open()

    def _subject(self, item: AgendaItem) -> str:
        return _("Request {reference} — {applicant}").format(
            reference=fmt.ident(self.ctx.profile, item.reference), applicant=isolate(item.applicant_name))

    def _open_request(self) -> None:
        item = self.item()
        if item is not None:
            self.open_request.emit(item.request_id)

    def _call(self, function, *args):
        self.error.clear_message()
        self.result.hide()
        done = Operation(self, lambda: function(*args)).failure(self._say).run()
        return None if done is FAILED else done

    def _say(self, exc: AppError) -> None:
        self.error.show_message(exc.message)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.meetings.retranslate()
        self.agenda.retranslate()
        self.reload()
