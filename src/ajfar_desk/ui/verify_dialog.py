"""Verify a printed paper: its number and the SHA-256 printed on it (or the QR code's text,
pasted or read by a scanner that types) tell genuine and unaltered from altered or unknown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout

from ..domain import documents as paper
from ..domain.errors import ValidationError
from ..i18n import N_, _
from ..services import documents
from ..services.context import AppContext
from . import dialogs, fmt
from .papers_panel import KIND_LABELS
from .widgets import Banner, ErrorLabel, heading

VERDICTS = {
    paper.GENUINE: (
        "success",
        N_("Genuine: this paper was issued by the association and its content is unaltered."),
    ),
    paper.ALTERED: (
        "error",
        N_("Altered: the fingerprint does not match the paper issued with this number."),
    ),
    paper.UNKNOWN: ("warning", N_("Unknown: no paper with this number was issued here.")),
}


class VerifyDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(_("Verify a document"))
        self.number = QLineEdit()
        self.number.setObjectName("verifyNumber")
        self.number.setPlaceholderText("AJF-1447-000123-D1")
        self.digest = QLineEdit()
        self.digest.setObjectName("verifyHash")
        self.digest.setPlaceholderText(_("64 letters and digits, or the QR code's text"))
        for field in (self.number, self.digest):
            field.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.digest.textEdited.connect(self._maybe_qr)
        grid = QGridLayout()
        for row, (label, field) in enumerate(
            ((_("Document number"), self.number), (_("Content fingerprint (SHA-256)"), self.digest))
        ):
            caption = QLabel(label)
            caption.setBuddy(field)
            grid.addWidget(caption, row, 0)
            grid.addWidget(field, row, 1)
        self.error = ErrorLabel()
        self.results = {kind: Banner(style) for kind, (style, _text) in VERDICTS.items()}
        self.details = QLabel()
        self.details.setObjectName("verifyDetails")
        self.details.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.verify_button = buttons.addButton(_("Verify"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.verify_button.setObjectName("verifyButton")
        self.verify_button.setAutoDefault(False)  # Enter in a field verifies (scanners send it)
        for field in (self.number, self.digest):
            field.returnPressed.connect(self.verify)
        buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.verify)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Verify a document"), 14))
        layout.addLayout(grid)
        layout.addWidget(self.error)
        for banner in self.results.values():
            layout.addWidget(banner)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.setMinimumWidth(640)
        self.status: str | None = None

    def _maybe_qr(self, text: str) -> None:
        """A scanner types the QR payload: split it into number and fingerprint."""
        parsed = paper.parse_qr_payload(text)
        if parsed:
            self.number.setText(parsed[0])
            self.digest.setText(parsed[1])

    def verify(self) -> None:
        self.error.clear_message()
        for banner in self.results.values():
            banner.hide()
        self.details.clear()
        try:
            result = documents.verify(self.ctx, self.number.text(), self.digest.text())
        except ValidationError as exc:
            self.error.show_message(exc.message)
            return
        except Exception as exc:
            dialogs.unexpected(self, exc)
            return
        self.status = result.status
        self.results[result.status].show_message(_(VERDICTS[result.status][1]))
        doc = result.document
        if doc is not None and result.status == paper.GENUINE:
            c, p = doc.content, self.ctx.profile
            self.details.setText(
                _(
                    "{kind} for {name} ({nid}), request {reference}, issued on {date}. "
                    "Compare these with the paper."
                ).format(
                    kind=_(KIND_LABELS[doc.kind]),
                    name=fmt.para(c["applicant"]["full_name"]),
                    nid=fmt.ident(p, c["applicant"]["national_id"]),
                    reference=fmt.ident(p, c["request"]["reference"]),
                    date=fmt.date_both(p, dt.date.fromisoformat(c["issued_on"])),
                )
            )
