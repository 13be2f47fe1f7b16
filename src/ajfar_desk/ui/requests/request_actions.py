"""What the request page's actions do: create the request, store a changed program, channel or
description (a conflict with another desk settled by the user), add a document, submit it, and
show a refusal under its field or in the page's line.  The page (``request_form.RequestForm``)
derives from it and lays the fields out; this is its behaviour, apart from its layout."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import cast

from PySide6.QtWidgets import QListWidget, QPlainTextEdit, QTabWidget, QWidget

from ...domain import requests as rules
from ...domain.errors import AppError
from ...services.applicants.edit_conflict import EditConflict
from ...services.requests import requests
from ...services.requests.declaration_check import DeclarationRefused
from ...services.requests.eligibility_check import NotEligible
from ...services.store.context import AppContext
from ..applicants import conflict_dialog
from ..applicants.record_dialogs import DocumentDialog
from ..common.widgets import FAILED, CodeCombo, ErrorLabel, FieldBox
from ..shell.operations import Operation
from . import declaration_refusal, eligibility_refusal
from .eligibility_panel import EligibilityPanel
from .page_focus import ScrollFollower


class RequestActions(QWidget):
    """The request page's behaviour: ``RequestForm`` derives from it and makes these fields."""

    ctx: AppContext
    applicant_id: uuid.UUID
    request_id: uuid.UUID | None
    request: requests.RequestView | None
    document_dialog: DocumentDialog | None
    program: CodeCombo
    channel: CodeCombo
    description: QPlainTextEdit
    boxes: dict[str, FieldBox]
    error: ErrorLabel
    eligibility: EligibilityPanel
    tabs: QTabWidget
    announced: str | None  # the status an action of this page led to (its message shown)
    checklist: QListWidget
    follower: ScrollFollower
    reload: Callable[[], None]  # the page's own: the request read again and shown
    _show: Callable[[], None]  # the page's own: the request shown as it is
    _fill_checklist: Callable[[], None]  # the page's own: the documents checked for today
    _title: Callable[[], None]  # the page's own: its title, by what the program's request is

    def _errors(self, exc: AppError) -> None:
        for field, message in exc.errors:
            box = self.boxes.get(field)
            if box is not None:
                box.set_error(message)
            else:
                self.error.show_message(message)

    def _refused(self, message: str) -> None:
        self.error.show_message(message)
        self.reload()  # the request may have moved on meanwhile: show where it is now

    def _clear(self) -> None:
        self.error.clear_message()
        for box in self.boxes.values():
            box.set_error(None)

    def _choice_changed(self, *_args) -> None:
        self._clear()
        if self.request is None:
            self._fill_checklist()
            self._title()
            return
        current = self.request
        updated = Operation(self, lambda: requests.update_request(
            self.ctx, current.id, self.program.code(), self.channel.code(),
            self.description.toPlainText(), base=current)).failure(self._errors) \
            .on(EditConflict, lambda exc: conflict_dialog.ask(self, exc, lambda kept: self._resolve(exc, kept))) \
            .run(initiator=self)  # shown below
        if updated is not FAILED:
            self.request = updated
        self._show()

    def _resolve(self, exc: EditConflict, kept_stored: set[str]) -> None:
        """Another desk changed the same fields meanwhile; the user chose: save again from it."""
        self.request = cast(requests.RequestView, exc.stored)  # first: a choice below may save at once
        put = {"program": self.program.set_code, "channel": self.channel.set_code,
               "description": self.description.setPlainText}
        for name in kept_stored:
            put[name](getattr(exc.stored, name))
        self._choice_changed()

    def create_request(self) -> None:
        self._clear()
        created = Operation(self, lambda: requests.create_request(
            self.ctx, self.applicant_id, self.program.code(), self.channel.code(),
            self.description.toPlainText())).failure(self._errors).run()
        if created is FAILED:
            return
        self.request = created
        self.request_id = self.request.id
        self._show()

    def add_document(self) -> None:
        missing = next((line.kind for line in (self.request.checklist if self.request else ()) if line.state != rules.OK), None)
        self.document_dialog = DocumentDialog(self.ctx, self.applicant_id, kind=missing, parent=self)
        self.document_dialog.open()

    def submit(self) -> None:
        self._clear()
        if self.request is None:
            return
        if self.description.toPlainText().strip() != self.request.description:
            self._choice_changed()
        request_id = self.request.id
        submitted = Operation(self, lambda: requests.submit(
            self.ctx,
            request_id,
            confirmed=self.eligibility.confirmed(),
            override_reason=self.eligibility.override_reason(),
        )).on(NotEligible, lambda exc: eligibility_refusal.refused(self, exc)) \
            .on(DeclarationRefused, self._declaration_refused) \
            .failure(self._submit_refused).run(initiator=self)
        if submitted is FAILED:
            return
        self.request = submitted
        self.announced = submitted.status  # the page says what submitting did
        self._show()

    def save_draft(self) -> bool:
        """Ctrl+S on a draft: store its program, channel and description now."""
        if self.request is None or self.request.status != rules.DRAFT or not self.program.isEnabled():
            return False
        self._choice_changed()
        return True

    def key_unavailable(self, message: str) -> None:
        """A shortcut of the page pressed when the page does not offer it: say so."""
        self.error.show_message(message)

    def documents_missing(self, message: str) -> None:
        """The declaration waits for the documents: why, and the keyboard on the documents list
        at the first line missing (Enter there adds it)."""
        self._clear()
        self.reload()  # first: the checklist as it stands now
        self.error.show_message(message)
        self.tabs.setCurrentIndex(0)
        states = [line.state for line in (self.request.checklist if self.request else ())]
        first = next((i for i, state in enumerate(states) if state != rules.OK), 0)
        if self.checklist.count():
            self.checklist.setCurrentRow(min(first, self.checklist.count() - 1))
        self.checklist.setFocus()

    def _declaration_refused(self, exc: DeclarationRefused) -> None:
        self.reload()  # first: the papers as they are now (the refusal selects one of them)
        declaration_refusal.refused(cast(declaration_refusal.RequestPage, self), exc)

    def _submit_refused(self, exc: AppError) -> None:
        self._errors(exc)
        self.reload()
