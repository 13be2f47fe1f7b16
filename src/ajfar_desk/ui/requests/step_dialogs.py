"""Dialogs for the steps of a request that need more than a click: a reason (return to the front
desk, cancel, reopen, appeal) and
the record of a delivered service (what, how much, when, to whom, acknowledged and signed)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from ...domain import workflow as wf
from ...domain.dates import parse_date
from ...domain.digits import localize_digits, said
from ...domain.errors import AppError, ValidationError
from ...i18n import N_, _
from ...services.committee import committee
from ...services.requests import appeals, casework, delivery
from ...services.requests import immediate as immediate_service
from ...services.requests.delivery import DeliveryInput
from ...services.store.context import AppContext
from ..applicants.record_dialogs import DATE_HINT
from ..common import digit_input, fmt, screen
from ..common.form_dialog import FormDialog
from ..common.widgets import FAILED, ErrorLabel, FieldBox, Texts, heading
from ..papers.signature_pad import SignaturePadBox
from ..shell.operations import Operation


class ActionDialog(FormDialog):
    """Common frame: a title, fields with their errors, OK / Cancel.  Errors about a field stay
    in the dialog (nothing typed is lost); a refusal of the step itself (its status changed
    meanwhile, the role may not) closes it and goes to the form as ``refused``."""

    finished_ok = Signal(object)  # what the service returned
    refused = Signal(str)

    def __init__(self, title: str, ok_text: str, parent=None, dismiss_text: str | None = None):
        super().__init__(parent)
        self.texts = Texts()
        self.setWindowTitle(title)
        self.boxes: dict[str, FieldBox] = {}
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("stepOk")
        self.dismiss_button = self.buttons.addButton(
            dismiss_text or _("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(heading(title, 14))
        screen.at_least_wide(self, 560)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        screen.scroll_middle(self, keep_top=1, keep_bottom=2)  # the buttons stay on the screen

    def save(self):  # pragma: no cover - each dialog defines it
        raise NotImplementedError

    def show_field_error(self, field: str, message: str) -> bool:
        box = self.boxes.get(field)
        if box is None:
            return False
        box.set_error(message)
        return True

    def clear_errors(self) -> None:
        self.error.clear_message()
        for box in self.boxes.values():
            box.set_error(None)

    def submit(self) -> None:
        self.clear_errors()
        result = Operation(self, self.save).failure(self._refused).run()
        if result is FAILED:
            return
        self.accept()
        self.finished_ok.emit(result)

    def _refused(self, exc: AppError) -> None:
        """By field; a refusal of the step itself closes the dialog and is said by the caller."""
        shown = [self.show_field_error(field, message) for field, message in exc.errors]
        if not any(shown):
            self.discard()  # the step itself was refused: nothing here can change that
            self.refused.emit(said(exc.message))
        else:
            for (_field, message), done in zip(exc.errors, shown, strict=True):
                if not done:
                    self.error.show_message(message)


class ReasonDialog(ActionDialog):
    """Asks why (required by the rules for cancelling and reopening), then takes the step."""

    def __init__(self, title: str, prompt: str, perform: Callable[[str], object], parent=None,
                 dismiss_text: str | None = None):
        super().__init__(title, title, parent, dismiss_text)
        self.perform = perform
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("reason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(110)
        self.boxes["reason"] = FieldBox(self.texts, N_("Reason"), self.reason)
        note = QLabel(prompt)
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.body.addWidget(self.boxes["reason"])
        self.finish_layout()
        self.reason.setFocus()

    def save(self):
        return self.perform(self.reason.toPlainText())


# What the reason dialog of each step asks (the steps the rules take only with a reason).
REASON_PROMPTS = {
    wf.RETURN_TO_DESK: N_("What should the front desk complete or correct? The reason is kept "
                          "in the request's timeline and shown on the request at the desk."),
    wf.CANCEL: N_("Why is the request cancelled? The reason is kept in the request's timeline."),
    wf.REOPEN: N_("Why is the request reopened? The reason is kept in the request's timeline."),
    wf.APPEAL: N_("The applicant's grounds for appealing the rejection. The appeal goes to the "
                  "committee's next meeting."),
}


def step_reason_dialog(ctx: AppContext, request_id: uuid.UUID, action: str,
                       parent=None) -> ReasonDialog:
    """The one dialog that takes ``action`` (a step of ``REASON_PROMPTS``) on a request with its
    reason, from the request's page as from the researcher's inbox (trial 11: the page's return
    to the front desk asked nothing, the inbox asked in a dialog of its own)."""
    perform = (lambda reason: appeals.lodge(ctx, request_id, reason)) if action == wf.APPEAL \
        else (lambda reason: casework.act(ctx, request_id, action, reason))
    return ReasonDialog(
        _(wf.ACTION_LABELS[action]), _(REASON_PROMPTS[action]), perform, parent,
        # "Cancel" beside "Cancel the request" would read the same in Arabic (إلغاء)
        dismiss_text=_("Keep the request") if action == wf.CANCEL else None)


class DeliveryDialog(ActionDialog):
    """What was delivered to the beneficiary, prefilled from the committee's approval."""

    def __init__(self, ctx: AppContext, request_id: uuid.UUID, recipient: str = "", parent=None,
                 today: dt.date | None = None, immediate: tuple | None = None):
        # immediate: an immediate service delivered from its draft, with the eligibility ticks
        # and override (confirmed, reason) the desk gave
        self.immediate = immediate
        title = _("Deliver the service now") if immediate is not None else \
            _("Record the delivered service")
        super().__init__(title, _("Record the delivery"), parent)
        self.ctx, self.request_id = ctx, request_id
        self.today = today or dt.date.today()
        p = ctx.profile
        self.description = QLineEdit()
        self.description.setObjectName("deliveryDescription")
        self.quantity = QLineEdit()
        self.amount = QLineEdit()
        self.delivered_on = QLineEdit(localize_digits(
            f"{self.today.day}/{self.today.month}/{self.today.year}", fmt.digit_style(p)))
        self.delivered_on.setPlaceholderText(_(DATE_HINT))
        digit_input.follow_profile_digits(p, self.quantity, self.amount, self.delivered_on)
        self.date_note = QLabel()
        self.date_note.setObjectName("dateNote")
        self.recipient = QLineEdit(recipient)
        self.recipient.setCursorPosition(0)  # the name's beginning in view
        self.acknowledged = QCheckBox(_("The recipient acknowledges receiving the service"))
        self.acknowledged.setObjectName("acknowledged")
        self.ack_error = ErrorLabel()
        self.pad_box = SignaturePadBox()
        self._prefill()
        t, grid = self.texts, QGridLayout()
        for name, label, widget, row, column in (
            ("description", N_("What was delivered"), self.description, 0, 0),
            ("recipient_name", N_("Recipient's name"), self.recipient, 0, 1),
            ("quantity", N_("Quantity (optional)"), self.quantity, 1, 0),
            ("amount", N_("Amount in SAR (optional)"), self.amount, 1, 1),
        ):
            self.boxes[name] = FieldBox(t, label, widget)
            grid.addWidget(self.boxes[name], row, column)
        self.boxes["delivered_on"] = FieldBox(t, N_("Delivery date"), self.delivered_on,
                                              note=self.date_note)
        grid.addWidget(self.boxes["delivered_on"], 2, 0)
        self.body.addLayout(grid)
        self.body.addWidget(self.acknowledged)
        self.body.addWidget(self.ack_error)
        signature_label = QLabel(_("The recipient's signature (optional)"))
        signature_label.setBuddy(self.pad_box)
        self.body.addWidget(signature_label)
        self.body.addWidget(self.pad_box)
        self.finish_layout()
        self.delivered_on.textChanged.connect(self._show_date)
        self._show_date()
        self.description.setFocus()

    def extra_state(self) -> object:
        return not self.pad_box.pad.is_empty()  # a drawn signature is input too

    def _prefill(self) -> None:
        """The service and the amount the committee approved, as a starting point."""
        decisions = Operation(self, lambda: committee.decisions_of(self.ctx, self.request_id)) \
            .failure(lambda _exc: None).run()  # nothing to start from: the fields stay empty
        if decisions is FAILED:
            return
        approved = [item for _meeting, item in decisions if item.outcome == "approve"]
        if approved:
            self.description.setText(approved[-1].service)
            self.description.setCursorPosition(0)
            if approved[-1].amount is not None:
                self.amount.setText(fmt.money(self.ctx.profile, approved[-1].amount))

    def _show_date(self, *_args) -> None:
        try:
            day = parse_date(self.delivered_on.text(), field="delivered_on",
                             allow_future=False, today=self.today)
        except ValidationError:
            self.date_note.setText("")
            return
        # a sentence, so the line reads right to left («هـ» beside its year), as under other dates
        self.date_note.setText(_("Understood as {date}").format(date=fmt.date_both(self.ctx.profile, day)))

    def show_field_error(self, field: str, message: str) -> bool:
        if field == "acknowledged":
            self.ack_error.show_message(message)
            self.acknowledged.setProperty("invalid", True)
            self.acknowledged.style().unpolish(self.acknowledged)
            self.acknowledged.style().polish(self.acknowledged)
            return True
        return super().show_field_error(field, message)

    def clear_errors(self) -> None:
        super().clear_errors()
        self.ack_error.clear_message()
        self.acknowledged.setProperty("invalid", False)
        self.acknowledged.style().unpolish(self.acknowledged)
        self.acknowledged.style().polish(self.acknowledged)

    def save(self):
        pad = self.pad_box.pad
        if self.immediate is not None:
            confirmed, override = self.immediate
            return immediate_service.deliver_now(self.ctx, self.request_id, self._typed(pad),
                                                 confirmed=confirmed, override_reason=override,
                                                 today=self.today)
        return delivery.record_delivery(self.ctx, self.request_id, self._typed(pad),
                                        today=self.today)

    def _typed(self, pad) -> DeliveryInput:
        return DeliveryInput(
            description=self.description.text(),
            quantity=self.quantity.text(),
            amount=self.amount.text(),
            delivered_on=self.delivered_on.text(),
            recipient_name=self.recipient.text(),
            acknowledged=self.acknowledged.isChecked(),
            acknowledgment_png=None if pad.is_empty() else pad.to_png(),
        )
