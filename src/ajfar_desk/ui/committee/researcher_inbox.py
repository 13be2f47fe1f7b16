"""The social researcher's inbox: requests referred for a social study, the study itself, and
sending each case on to the committee or back to the front desk."""

from __future__ import annotations

import datetime as dt
import uuid

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import permissions
from ...domain import workflow as wf
from ...domain.digits import said
from ...domain.errors import AppError, ValidationError
from ...domain.text import isolate
from ...i18n import N_, _, ngettext
from ...services.committee import study
from ...services.committee.study import InboxItem
from ...services.requests import casework
from ...services.store.context import AppContext
from ...services.store.events import REQUEST_CHANGED
from ..common import dialogs, fmt
from ..common.table_model import (
    DONE_COLOR,
    LATE_COLOR,
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
    named_button,
    note_label,
    titled,
)
from ..requests.step_dialogs import ReasonDialog, step_reason_dialog
from ..shell.operations import Operation
from .board_keys import bind_keys, tip
from .study_dialog import StudyDialog

# the inbox's keys (F1 lists them under "This page"): button attribute -> (key, what it does)
INBOX_KEYS: dict[str, tuple[str, str]] = {
    "study_button": ("Alt+S", N_("Write the social study…")),
    "forward_button": ("Alt+C", wf.ACTION_LABELS[wf.FORWARD_TO_COMMITTEE]),
    "return_button": ("Alt+D", N_("Return to the front desk…")),
    "request_button": ("Alt+O", N_("Open the request")),
    "file_button": ("Alt+F", N_("Open the applicant's file")),
}


def refusal(ctx: AppContext, state: str, action: str) -> str:
    """Why the signed-in role may not take ``action`` now ("" when it may), for a tooltip."""
    try:
        wf.apply(state, action, role=permissions.workflow_role(ctx.role), reason="-")
    except ValidationError as exc:
        return said(exc.message)
    return ""


class ResearcherInbox(QWidget):
    open_request = Signal(object)  # request id
    open_applicant = Signal(object)  # applicant id

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.study_dialog: StudyDialog | None = None
        self.reason_dialog: ReasonDialog | None = None
        p = ctx.profile
        self.texts = t = Texts()
        title = titled(t, N_("Cases with the social researcher"), size=18)
        hint = note_label(t, N_("Requests referred for a social study, the most urgent first. "
                               "Enter opens the study of the selected request."))
        self.status = QLabel()
        self.model = RowsModel([
            Column(N_("Reference"), lambda r: fmt.ident(p, r.reference)),
            Column(N_("Applicant"), lambda r: r.applicant_name),
            Column(N_("National ID"), lambda r: fmt.ident(p, r.national_id)),
            Column(N_("Program"), lambda r: fmt.program_name(ctx.profile, r.program)),
            Column(N_("Answer due"), self._due, foreground=self._due_color),
            Column(N_("Social study"), self._study_text,
                   foreground=lambda r: DONE_COLOR if r.has_study else PENDING_COLOR),
        ], self)
        self.table = rows_table(self.model)
        self.table.setObjectName("researcherInbox")
        self.referral = QLabel()  # why the desk referred the selected case
        self.referral.setObjectName("referralReason")
        self.referral.setWordWrap(True)
        self.error = ErrorLabel()
        self.result = Banner("success")
        self.study_button = QPushButton()
        self.study_button.setObjectName("studyButton")
        self.forward_button = named_button(t, wf.ACTION_LABELS[wf.FORWARD_TO_COMMITTEE], "forwardButton")
        self.return_button = named_button(t, N_("Return to the front desk…"), "returnButton")
        self.request_button = QPushButton()
        t.add(self.request_button.setText, N_("Open the request"))
        self.file_button = QPushButton()
        t.add(self.file_button.setText, N_("Open the applicant's file"))
        buttons = QHBoxLayout()
        for button in (self.study_button, self.forward_button, self.return_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.request_button)
        buttons.addWidget(self.file_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.referral)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addLayout(buttons)

        self.table.activated.connect(lambda _index: self.open_study())
        self.table.doubleClicked.connect(lambda _index: self.open_study())
        self.study_button.clicked.connect(self.open_study)
        self.forward_button.clicked.connect(self.forward)
        self.return_button.clicked.connect(self.return_to_desk)
        self.request_button.clicked.connect(lambda: self._emit(self.open_request, "request_id"))
        self.file_button.clicked.connect(lambda: self._emit(self.open_applicant, "applicant_id"))
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.key_actions = bind_keys(self, t, {name: getattr(self, name) for name in INBOX_KEYS},
                                     lambda _name: True, INBOX_KEYS, ())
        self.setFocusProxy(self.table)
        self.reload()

    # -- cells --------------------------------------------------------------------------------
    def _late(self, r: InboxItem) -> bool:
        return wf.is_overdue(wf.WITH_RESEARCHER, r.answer_due, dt.date.today())

    def _due(self, r: InboxItem) -> str:
        text = fmt.date_both(self.ctx.profile, r.answer_due)
        return _("⚠ {date} — overdue").format(date=text) if self._late(r) else text

    def _due_color(self, r: InboxItem):
        return LATE_COLOR if self._late(r) else None

    @staticmethod
    def _study_text(r: InboxItem) -> str:
        return _("✓ Written") if r.has_study else _("✗ Not written yet")

    # -- data ---------------------------------------------------------------------------------
    def selected(self) -> InboxItem | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def reload(self, select: uuid.UUID | None = None) -> None:
        current = self.selected()
        select = select or (current.request_id if current else None)
        items = Operation(self, lambda: study.inbox(self.ctx)) \
            .failure(lambda exc: self.error.show_message(exc.message)).run()
        if items is FAILED:
            items = []
        self.model.set_rows(items)
        row = next((i for i, r in enumerate(items) if r.request_id == select), 0)
        if items:
            select_row(self.table, row)
        self.status.setText(
            ngettext("{count} request is waiting", "{count} requests are waiting", len(items)).format(
                count=fmt.number(self.ctx.profile, len(items)))
            if items else _("No requests are waiting for a social study.")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.selected()
        writes = self.ctx.may(permissions.WRITE_STUDY)
        self.study_button.setText(_("Write the social study…") if writes else _("Read the social study…"))
        self.study_button.setEnabled(item is not None and (writes or item.has_study))
        whys = {"forward_button": refusal(self.ctx, wf.WITH_RESEARCHER, wf.FORWARD_TO_COMMITTEE),
                "return_button": refusal(self.ctx, wf.WITH_RESEARCHER, wf.RETURN_TO_DESK)}
        for name in ("forward_button", "return_button"):
            getattr(self, name).setEnabled(item is not None and not whys[name])
        self.request_button.setEnabled(item is not None)
        self.file_button.setEnabled(item is not None)
        for name, (sequence, label) in INBOX_KEYS.items():  # what it does, its key, why not
            getattr(self, name).setToolTip(tip(label, sequence, whys.get(name, "")))
        self.referral.setText(self._referral_text(item))
        self.referral.setVisible(item is not None)

    def _referral_text(self, item: InboxItem | None) -> str:
        if item is None:
            return ""
        if not item.referral_reason:
            return _("Referred with no reason written")
        return _("Why it was referred: {reason}").format(reason=isolate(item.referral_reason))

    def on_change(self, topic: str, payload: object) -> None:
        if topic == REQUEST_CHANGED:
            self.reload()

    # -- actions ------------------------------------------------------------------------------
    def open_study(self) -> None:
        item = self.selected()
        if item is None or (self.study_dialog is not None and self.study_dialog.isVisible()):
            return
        if not self.ctx.may(permissions.WRITE_STUDY) and not item.has_study:
            return
        subject = "\n".join((_("Request {reference} — {applicant}").format(
            reference=fmt.ident(self.ctx.profile, item.reference), applicant=isolate(item.applicant_name)),
            self._referral_text(item)))
        self.study_dialog = StudyDialog(self.ctx, item.request_id, subject, parent=self)
        self.study_dialog.saved.connect(lambda _view, item=item: self._saved(item))
        self.study_dialog.open()

    def _saved(self, item: InboxItem) -> None:
        self.reload(item.request_id)
        self.result.show_message(_("The social study of request {reference} was saved.").format(
            reference=fmt.ident(self.ctx.profile, item.reference)))

    def forward(self) -> None:
        item = self.selected()
        if item is None:
            return
        if not item.has_study and not dialogs.ask(
            self, _("Send to the committee"),
            _("No social study was written for request {reference}. Send it to the committee anyway?")
            .format(reference=fmt.ident(self.ctx.profile, item.reference)),
            default_yes=False,  # Enter keeps the case for its study (trial 13: Enter sent it)
        ):
            return
        if self._act(item, wf.FORWARD_TO_COMMITTEE):
            self.result.show_message(_("Request {reference} was sent to the research committee.").format(
                reference=fmt.ident(self.ctx.profile, item.reference)))

    def return_to_desk(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.error.clear_message()
        self.result.hide()
        # the request page's dialog: a reason is required, its error under the field
        self.reason_dialog = step_reason_dialog(self.ctx, item.request_id, wf.RETURN_TO_DESK, self)
        self.reason_dialog.finished_ok.connect(lambda _result, item=item: self._returned(item))
        self.reason_dialog.refused.connect(self._refused_step)
        self.reason_dialog.open()

    def _returned(self, item: InboxItem) -> None:
        self.reload()
        self.result.show_message(_("Request {reference} was returned to the front desk.").format(
            reference=fmt.ident(self.ctx.profile, item.reference)))

    def _refused_step(self, message: str) -> None:
        self.error.show_message(message)
        self.reload()  # the inbox shows what is true now

    def _act(self, item: InboxItem, action: str, reason: str = "") -> bool:
        self.error.clear_message()
        self.result.hide()
        if Operation(self, lambda: casework.act(self.ctx, item.request_id, action, reason)) \
                .failure(self._refused).run() is FAILED:
            return False
        self.reload()
        return True

    def _refused(self, exc: AppError) -> None:
        self._refused_step(said(exc.message))

    def _emit(self, signal, attribute: str) -> None:
        item = self.selected()
        if item is not None:
            signal.emit(getattr(item, attribute))

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self.reload()
