"""Correct a recorded document: its number, issue date and expiry date (the kind is shown, not
changed: another kind is another document).  Opens on the first date wrong at the desk most often
(the expiry), with the stored values as people type them; Enter saves, a wrong date is said under
its field, and another desk's correction meanwhile is shown beside this one to choose from."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import cast

from PySide6.QtWidgets import QLabel, QLineEdit

from ...domain.dates import format_date
from ...i18n import N_, _
from ...services.applicants.document_edit import DocumentEdit, edit_document
from ...services.applicants.edit_conflict import EditConflict
from ...services.applicants.views import DocumentView
from ...services.store.context import AppContext
from ..common.widgets import FAILED
from ..shell.operations import Operation
from . import conflict_dialog
from .record_dialogs import RecordDialog


def typed_date(value: dt.date | None) -> str:
    return format_date(value) if value is not None else ""  # day/month/year, as people write it


class EditDocumentDialog(RecordDialog):
    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID, document: DocumentView,
                 kind_name: str, parent=None):
        super().__init__(ctx, applicant_id, N_("Correct a document"), parent)
        self.setObjectName("editDocumentDialog")
        self.base = document  # as read: only what is typed differently from it is saved
        self.conflict_dialog: conflict_dialog.ConflictDialog | None = None
        self.ok_button.setText(_("Save"))
        self.kind = QLabel(kind_name)
        self.kind.setObjectName("documentKind")
        self.number = QLineEdit(document.number)
        self.issue_date = QLineEdit(typed_date(document.issue_date))
        self.expiry_date = QLineEdit(typed_date(document.expiry_date))
        self.document_fields(self.kind, self.number, self.issue_date, self.expiry_date,
                             lambda: document.kind)
        self.expiry_date.setFocus()
        self.expiry_date.selectAll()

    def save(self):
        return edit_document(self.ctx, self.base.id, DocumentEdit(
            number=self.number.text(), issue_date=self.issue_date.text(),
            expiry_date=self.expiry_date.text()), base=self.base)

    def submit(self) -> None:
        result = Operation(self, self.save).fields(self.boxes, self.error, False) \
            .on(EditConflict, self._conflict).run()
        if result is FAILED:
            return
        self.accept()
        self.added.emit(result)

    def _conflict(self, exc: EditConflict) -> None:
        """Another desk corrected the same field meanwhile: both values shown, the user chooses."""
        self.conflict_dialog = conflict_dialog.ask(self, exc, lambda kept: self._resolve(exc, kept))

    def _resolve(self, exc: EditConflict, kept_stored: set[str]) -> None:
        stored = cast(DocumentView, exc.stored)
        put = {"number": lambda: self.number.setText(stored.number),
               "issue_date": lambda: self.issue_date.setText(typed_date(stored.issue_date)),
               "expiry_date": lambda: self.expiry_date.setText(typed_date(stored.expiry_date))}
        for name in kept_stored:
            put[name]()
        self.base = stored  # saved again from the document as it is now
        self.submit()

