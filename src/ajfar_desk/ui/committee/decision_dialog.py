"""The committee's decision on one request of the agenda: approve (the service and an amount),
reject, ask for more information or postpone (each with its reason)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from ...domain.text import isolate
from ...i18n import N_, _
from ...services.committee import committee
from ...services.committee.committee import AgendaItem, MeetingView
from ...services.store.context import AppContext
from ..common import digit_input, fmt
from ..common.form_dialog import FormDialog, form_frame
from ..common.form_fields import LOCAL_STYLE, multi_line
from ..common.widgets import FAILED, FieldBox, Texts, note_label, titled
from ..shell.operations import attempt

APPROVE, REJECT, MORE_INFO, DEFER = "approve", "reject", "more_info", "defer"
OUTCOME_LABELS = {  # what the decision is called in the agenda
    APPROVE: N_("Approved"),
    REJECT: N_("Rejected"),
    MORE_INFO: N_("More information requested"),
    DEFER: N_("Postponed"),
}
TITLES = {
    APPROVE: N_("Approve request {reference}"),
    REJECT: N_("Reject request {reference}"),
    MORE_INFO: N_("Ask for more information on request {reference}"),
    DEFER: N_("Postpone the decision on request {reference}"),
}
REASON_LABELS = {
    REJECT: N_("Reason for rejecting"),
    MORE_INFO: N_("Information the committee needs"),
    DEFER: N_("Reason for postponing"),
}
OK_LABELS = {
    APPROVE: N_("Approve"),
    REJECT: N_("Reject"),
    MORE_INFO: N_("Ask for the information"),
    DEFER: N_("Postpone"),
}


def meeting_name(ctx: AppContext, meeting: MeetingView) -> str:
    """"3/1448": the meeting's number within its Hijri year."""
    return fmt.ident(ctx.profile, f"{meeting.number}/{meeting.hijri_year}")


class DecisionDialog(FormDialog):
    decided = Signal(object)  # AgendaItem

    def __init__(self, ctx: AppContext, meeting: MeetingView, item: AgendaItem, outcome: str, parent=None):
        super().__init__(parent)
        if outcome not in OUTCOME_LABELS:
            raise ValueError(f"unknown outcome {outcome!r}")
        self.ctx, self.meeting, self.item, self.outcome = ctx, meeting, item, outcome
        self.result_item: AgendaItem | None = None
        p = ctx.profile
        self.texts = t = Texts()
        self.setStyleSheet(LOCAL_STYLE)
        title_text = lambda: _(TITLES[outcome]).format(reference=fmt.ident(p, item.reference))  # noqa: E731
        t.add(self.setWindowTitle, title_text)
        title = titled(t, title_text, size=14)
        about = note_label(t, lambda: _("{applicant} — {program} — meeting {meeting}").format(
            applicant=isolate(item.applicant_name), program=fmt.program_name(ctx.profile, item.program),
            meeting=meeting_name(ctx, meeting)))
        self.service = QLineEdit()
        t.add(self.service.setPlaceholderText, N_("e.g. a food basket, rent for three months"))
        self.amount = QLineEdit()
        digit_input.follow_profile_digits(ctx.profile, self.amount)
        t.add(self.amount.setPlaceholderText, N_("Optional"))
        self.reason = multi_line(90)
        self.boxes: dict[str, FieldBox] = {}
        if outcome == APPROVE:
            self.boxes["service"] = FieldBox(t, N_("The service approved"), self.service)
            self.boxes["amount"] = FieldBox(t, N_("Amount (SAR)"), self.amount)
        else:
            self.boxes["reason"] = FieldBox(t, REASON_LABELS[outcome], self.reason)
        # The other outcome's fields are never shown (read empty); the dialog's all the same: with
        # no parent each was a window of its own, left behind the dialog for the garbage collector.
        for unused in (self.reason,) if outcome == APPROVE else (self.service, self.amount):
            unused.setParent(self)
            unused.hide()
        self.error, self.ok_button = form_frame(self, t, [title, about, *self.boxes.values()], self.submit,
                                                OK_LABELS[outcome], "decideButton", wide=580, scroll=True)
        (self.service if outcome == APPROVE else self.reason).setFocus()

    def submit(self) -> None:
        item = attempt(self, self.boxes, self.error, lambda: committee.decide(
            self.ctx, self.meeting.id, self.item.request_id, self.outcome,
            service=self.service.text(), amount=self.amount.text(),
            reason=self.reason.toPlainText(),
        ), grow=False)
        if item is FAILED:
            return
        self.result_item = item
        self.accept()
        self.decided.emit(self.result_item)


def describe_decision(ctx: AppContext, item: AgendaItem) -> str:
    """The decision taken on an agenda row, in words: "Approved: food basket — 1,500 SAR"."""
    if not item.outcome:
        return _("Awaiting a decision")
    label = _(OUTCOME_LABELS.get(item.outcome, item.outcome))
    if item.outcome == APPROVE:
        detail = isolate(item.service)
        if item.amount is not None:
            money = _("{amount} SAR").format(amount=isolate(fmt.money(ctx.profile, item.amount)))
            detail = f"{detail} — {money}" if detail else money
    else:
        detail = isolate(item.reason)
    return f"{label}: {detail}" if detail else label


def decision_in_short(ctx: AppContext, item: AgendaItem) -> str:
    """An agenda cell: an approval by its amount («Approved — 2,500.00 SAR», never cut: the
    service is in the line under the agenda), else the decision and its reason."""
    if item.outcome == APPROVE and item.amount is not None:
        money = _("{amount} SAR").format(amount=isolate(fmt.money(ctx.profile, item.amount)))
        return f"{_(OUTCOME_LABELS[APPROVE])} — {money}"
    return describe_decision(ctx, item)
