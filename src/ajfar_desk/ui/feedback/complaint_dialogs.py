"""Receiving a complaint or a suggestion, and the labels the complaint pages share (following one
up is in ``complaint_detail``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit

from ...domain import feedback
from ...domain.errors import AppError
from ...domain.people import GENDERS
from ...i18n import N_, _, current_language
from ...services.feedback import complaints
from ...services.feedback.complaints import ComplaintInput, ComplaintView
from ...services.store.context import AppContext
from ..common import digit_input, fmt, screen
from ..common.form_dialog import FormDialog, field_grid, form_frame
from ..common.form_fields import LOCAL_STYLE, ContactForm, applicant_echo, multi_line
from ..common.widgets import (
    FAILED,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    named_items,
    show_errors,
    titled,
    vocabulary,
)
from ..shell.operations import Operation

EVENT_LABELS = {
    complaints.RECEIVED: N_("Received"),
    complaints.ASSIGNED: N_("Assigned"),
    complaints.ESCALATE: N_("Escalated to the manager"),
    complaints.RESOLVE: N_("Resolved"),
}


def channel_name(ctx: AppContext, code: str) -> str:
    try:
        return ctx.profile.channel(code).name(current_language())
    except Exception:  # a channel removed from the profile since: show its code
        return code


def status_text(c: ComplaintView, today: dt.date) -> str:
    """The status in words, with a warning sign when escalated or past its deadline."""
    text = _(complaints.STATUSES.get(c.status, c.status))
    if c.status == complaints.ESCALATED:
        return "⚠ " + text
    if c.overdue(today):
        return "⚠ " + _("{status}, past the deadline").format(status=text)
    return text


def score_text(profile, score: int | None, gender: str | None = None) -> str:
    """A satisfaction score and what it means, said of a person of ``gender`` («راضية»)."""
    if score is None:
        return ""
    meaning = feedback.scale_meaning(score, gender)
    return _("{score} — {meaning}").format(score=fmt.number(profile, score), meaning=_(meaning))


class NewComplaintDialog(FormDialog, ContactForm):
    """Receive a complaint or a suggestion from any channel; anonymous ones keep no contact."""

    recorded = Signal(object)  # ComplaintView

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.complaint: ComplaintView | None = None
        p = ctx.profile
        self.texts = t = Texts()
        self.setStyleSheet(LOCAL_STYLE)
        t.add(self.setWindowTitle, N_("New complaint or suggestion"))
        title = titled(t, N_("New complaint or suggestion"), size=14)
        self.kind = CodeCombo(vocabulary(complaints.KINDS), placeholder=False)
        self.category = CodeCombo(named_items(p.complaints.categories))
        self.anonymous = QCheckBox()
        self.anonymous.setObjectName("anonymous")
        t.add(self.anonymous.setText, N_("Anonymous: the complainant gives no name, phone or ID"))
        self.national_id = QLineEdit()
        digit_input.follow_profile_digits(ctx.profile, self.national_id)
        t.add(self.national_id.setPlaceholderText, N_("Links a registered applicant"))
        self.request_reference = QLineEdit()
        # said by a complainant linked to no file, so the words about her agree («إليها»)
        self.contact_gender = CodeCombo([("", N_("Not said")), *vocabulary(GENDERS)], placeholder=False)
        self.contact_gender.setObjectName("contactGender")
        t.add(self.contact_gender.setToolTip, N_("A linked applicant's file says the gender"))
        self.subject = QLineEdit()
        self.text = multi_line(70)
        self.boxes = {
            **self.contact_fields(ctx, t, N_("Complainant's name")),
            "kind": FieldBox(t, N_("Kind"), self.kind),
            "category": FieldBox(t, N_("Category"), self.category),
            "national_id": FieldBox(t, N_("National ID (optional)"), self.national_id,
                                    note=applicant_echo(ctx, self.national_id)),  # whom it links
            "contact_gender": FieldBox(t, N_("Complainant's gender"), self.contact_gender),
            "request_reference": FieldBox(t, N_("Request reference (optional)"), self.request_reference),
            "subject": FieldBox(t, N_("Subject"), self.subject),
            "text": FieldBox(t, N_("What the complainant says"), self.text),
        }
        self.anonymous_error = ErrorLabel()
        grid = field_grid(self.boxes, (
            ("kind", 0, 0, 1), ("channel", 0, 1, 1), ("category", 0, 2, 1),
            ("received_on", 1, 0, 1), ("request_reference", 1, 1, 1), ("national_id", 1, 2, 1),
            (self.anonymous, 2, 0, 3), (self.anonymous_error, 3, 0, 3),
            ("contact_name", 4, 0, 1), ("contact_phone", 4, 1, 1), ("contact_gender", 4, 2, 1),
            ("subject", 5, 0, 3), ("text", 6, 0, 3)))
        self.error, self.ok_button = form_frame(self, t, [title, grid], self.submit, N_("Record"),
                                                "complaintOk", wide=780, scroll=True)
        self.anonymous.toggled.connect(self._anonymous_toggled)
        self.kind.setFocus()

    def _anonymous_toggled(self, checked: bool) -> None:
        for name in ("contact_name", "contact_phone", "national_id"):
            editor = self.boxes[name].inputs[0]
            assert isinstance(editor, QLineEdit)  # each a typed line
            if checked:
                editor.clear()
                self.boxes[name].set_error(None)
            editor.setEnabled(not checked)
        if checked:  # an anonymous complaint keeps no gender either
            self.contact_gender.set_code("")
            self.boxes["contact_gender"].set_error(None)
        self.contact_gender.setEnabled(not checked)

    def data(self) -> ComplaintInput:
        return ComplaintInput(
            kind=self.kind.code(), channel=self.channel.code(), category=self.category.code(),
            subject=self.subject.text(), text=self.text.toPlainText(),
            anonymous=self.anonymous.isChecked(), contact_name=self.contact_name.text(),
            contact_phone=self.contact_phone.text(), national_id=self.national_id.text(),
            contact_gender=self.contact_gender.code(),
            request_reference=self.request_reference.text(), received_on=self.received_on.text(),
        )

    def submit(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)
        self.error.clear_message()
        self.anonymous_error.clear_message()
        recorded = Operation(self, lambda: complaints.record_complaint(self.ctx, self.data(), today=self.today)) \
            .failure(self._refused).run()
        if recorded is FAILED:
            return
        self.complaint = recorded
        self.accept()
        self.recorded.emit(self.complaint)

    def _refused(self, exc: AppError) -> None:
        errors = []
        for field, message in self.contact_refusals(exc.errors):
            if field == "anonymous":
                self.anonymous_error.show_message(message)
            else:
                errors.append((field, message))
        show_errors(self.boxes, errors, self.error)
        screen.fit_height(self)

    def retranslate(self) -> None:
        self.texts.retranslate()
        for combo in (self.kind, self.channel, self.category, self.contact_gender):
            combo.retranslate()

