"""Logging an enquiry (استفسار) and linking it to the request it became; the list is
``enquiries_view``."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit

from ...domain.errors import AppError
from ...i18n import N_
from ...services.enquiries import enquiries
from ...services.enquiries.enquiries import EnquiryInput, EnquiryView
from ...services.store.context import AppContext
from ..common import digit_input, screen
from ..common.form_dialog import FormDialog, field_grid, form_frame
from ..common.form_fields import LOCAL_STYLE, ContactForm, applicant_echo, multi_line
from ..common.widgets import (
    FAILED,
    CodeCombo,
    FieldBox,
    Texts,
    show_errors,
    titled,
)
from ..shell.operations import Operation

ANY_RESEARCHER = ""


class NewEnquiryDialog(FormDialog, ContactForm):
    """Who asked (a registered applicant's ID, or a name and a phone), the channel, the subject,
    the answer given, referred to the researcher or not, and the request it became (if any)."""

    recorded = Signal(object)  # EnquiryView

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.enquiry: EnquiryView | None = None
        self.texts = t = Texts()
        self.setStyleSheet(LOCAL_STYLE)
        t.add(self.setWindowTitle, N_("New enquiry"))
        title = titled(t, N_("New enquiry"), size=14)
        self.applicant = QLineEdit()
        t.add(self.applicant.setPlaceholderText, N_("Links a registered applicant"))
        digit_input.follow_profile_digits(ctx.profile, self.applicant)
        self.subject = QLineEdit()
        self.answer = multi_line(60)
        self.referred = QCheckBox()
        self.referred.setObjectName("referred")
        t.add(self.referred.setText, N_("Referred to the social researcher (the procedure is unclear to them)"))
        people = [(r.username, r.full_name) for r in enquiries.researchers(ctx)]
        self.researcher = CodeCombo([(ANY_RESEARCHER, N_("Whichever researcher takes it")), *people],
                                    placeholder=False)
        self.researcher.setEnabled(False)
        self.request_reference = QLineEdit()
        self.boxes = {
            **self.contact_fields(ctx, t, N_("Name of who asked")),
            "applicant": FieldBox(t, N_("ID number (optional)"), self.applicant,
                                  note=applicant_echo(ctx, self.applicant)),  # whom it links
            "subject": FieldBox(t, N_("Subject"), self.subject),
            "answer": FieldBox(t, N_("Answer given"), self.answer),
            "researcher": FieldBox(t, N_("Researcher"), self.researcher),
            "request_reference": FieldBox(t, N_("It became the request (optional)"), self.request_reference),
        }
        grid = field_grid(self.boxes, (
            ("channel", 0, 0, 1), ("received_on", 0, 1, 1), ("applicant", 0, 2, 1),
            ("contact_name", 1, 0, 1), ("contact_phone", 1, 1, 1), ("request_reference", 1, 2, 1),
            ("subject", 2, 0, 3), ("answer", 3, 0, 3), (self.referred, 4, 0, 2), ("researcher", 4, 2, 1)))
        self.error, self.ok_button = form_frame(self, t, [title, grid], self.submit, N_("Record"),
                                                "enquiryOk", wide=780, scroll=True)
        self.referred.toggled.connect(self.researcher.setEnabled)
        self.channel.setFocus()

    def data(self) -> EnquiryInput:
        return EnquiryInput(
            channel=self.channel.code(), subject=self.subject.text(),
            answer=self.answer.toPlainText(), applicant=self.applicant.text(),
            contact_name=self.contact_name.text(), contact_phone=self.contact_phone.text(),
            referred=self.referred.isChecked(),
            researcher=self.researcher.code() if self.referred.isChecked() else "",
            request_reference=self.request_reference.text(), received_on=self.received_on.text(),
        )

    def submit(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)
        self.error.clear_message()
        done = Operation(self, lambda: enquiries.record_enquiry(self.ctx, self.data(), today=self.today)) \
            .failure(self._refused).run()
        if done is FAILED:
            return
        self.enquiry = done
        self.accept()
        self.recorded.emit(done)

    def _refused(self, exc: AppError) -> None:
        show_errors(self.boxes, self.contact_refusals(exc.errors), self.error)
        screen.fit_height(self)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.channel.retranslate()
        self.researcher.retranslate()


class LinkRequestDialog(FormDialog):
    """The enquiry became a request: its reference."""

    linked = Signal(object)  # EnquiryView

    def __init__(self, ctx: AppContext, enquiry: EnquiryView, parent=None):
        super().__init__(parent)
        self.ctx, self.enquiry = ctx, enquiry
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("The request this enquiry became"))
        self.reference = QLineEdit()
        self.reference.setText(enquiry.request_reference)
        self.boxes = {"request_reference": FieldBox(t, N_("Request reference"), self.reference)}
        self.error, self.ok_button = form_frame(self, t, [self.boxes["request_reference"]], self.submit,
                                                N_("Link"), "linkOk", wide=420)

    def submit(self) -> None:
        self.boxes["request_reference"].set_error(None)
        self.error.clear_message()
        done = Operation(self, lambda: enquiries.link_request(self.ctx, self.enquiry.id, self.reference.text())) \
            .failure(lambda exc: show_errors(self.boxes, exc.errors, self.error)).run()
        if done is FAILED:
            return
        self.accept()
        self.linked.emit(done)

    def retranslate(self) -> None:
        self.texts.retranslate()
