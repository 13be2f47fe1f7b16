"""Verify a printed paper: its number and the SHA-256 printed on it (or the QR code's text,
pasted or read by a scanner that types) tell genuine and unaltered from altered or unknown."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout

from ...domain import documents as paper
from ...i18n import N_, _, ngettext
from ...services.papers import committee_papers, documents
from ...services.store.context import AppContext
from ..committee.decision_dialog import OUTCOME_LABELS
from ..common import fmt, screen
from ..common.form_dialog import FormDialog
from ..common.widgets import FAILED, Banner, ErrorLabel, heading
from ..shell.operations import Operation
from .paper_files import kind_label

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
SEALS = {  # as ``ajfar-desk verify`` says them
    "valid": N_("Signature: valid, made with the association's key"),
    "invalid": N_("Signature: INVALID"),
    "none": N_("Signature: none (a paper printed before papers were signed, or typed by hand)"),
}
SUPERSEDED = N_(
    "The records changed after this paper was issued: a later revision states what stands now."
)


class VerifyDialog(FormDialog):
    ask_before_discard = False  # a look-up: nothing in it is work to keep

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
        self.reasons = QLabel()  # why a paper is altered
        self.reasons.setObjectName("verifyReasons")
        self.reasons.setWordWrap(True)
        self.seal = QLabel()  # the QR code's signature: valid, invalid or none
        self.seal.setObjectName("verifySeal")
        self.seal.setWordWrap(True)
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
        layout.addWidget(self.reasons)
        layout.addWidget(self.details)
        layout.addWidget(self.seal)
        layout.addWidget(buttons)
        self.reasons.hide()
        self.seal.hide()
        screen.at_least_wide(self, 640)
        self.status: str | None = None

    def _maybe_qr(self, text: str) -> None:
        """A scanner types the QR payload: split it into number and fingerprint.  The signature
        that follows the fingerprint (``hash:signature``) stays in the fingerprint's field."""
        parsed = paper.parse_qr_payload(text)
        if parsed:
            self.number.setText(parsed[0])
            signature = paper.qr_signature(text)
            self.digest.setText(parsed[1] + (":" + signature if signature else ""))

    def _typed(self) -> tuple[str, str | None]:
        """The fingerprint and the QR code's signature, if the scanner gave one."""
        digest, _sep, signature = self.digest.text().strip().partition(":")
        return digest, signature.strip() or None

    @staticmethod
    def seal_text(kind: str) -> str:
        return _(SEALS[kind])

    def verify(self) -> None:
        self.error.clear_message()
        for banner in self.results.values():
            banner.hide()
        self.details.clear()
        self.reasons.hide()
        self.seal.hide()
        digest, signature = self._typed()
        result = Operation(self, lambda: documents.verify(self.ctx, self.number.text(), digest, signature)) \
            .failure(lambda exc: self.error.show_message(exc.message)).run()
        if result is FAILED:
            return
        self.status = result.status
        self.results[result.status].show_message(_(VERDICTS[result.status][1]))
        if result.reasons:
            self.reasons.setText("\n".join("✗ " + reason for reason in result.reasons))
            self.reasons.show()
        if result.document is not None:
            self.seal.setText(self.seal_text(result.signature))
            self.seal.show()
        doc = result.document
        if doc is not None and result.status == paper.GENUINE:
            self.details.setText(self.describe(doc))
        self.adjustSize()  # room for the details, however many lines they take

    def describe(self, doc) -> str:
        """What the genuine paper says, in short, to compare with the paper in hand."""
        c, p = doc.content, self.ctx.profile
        issued_on = fmt.date_both(p, dt.date.fromisoformat(c["issued_on"]))
        if doc.kind == paper.MINUTES:
            m = c.get("meeting", {})
            decisions = len(c.get("decisions", []))
            text = ngettext(
                "{kind} of meeting {meeting} held on {held_on}: {count} decision, "
                "issued on {date}. Compare these with the paper.",
                "{kind} of meeting {meeting} held on {held_on}: {count} decisions, "
                "issued on {date}. Compare these with the paper.",
                decisions,
            ).format(
                kind=kind_label(doc.kind),
                meeting=fmt.ident(p, f"{m.get('number', '')}/{m.get('year', '')}"),
                held_on=fmt.date_both(p, dt.date.fromisoformat(m["held_on"]))
                if m.get("held_on")
                else "",
                count=fmt.number(p, decisions),
                date=issued_on,
            )
        else:
            text = _(
                "{kind} for {name} ({nid}), request {reference}, issued on {date}. "
                "Compare these with the paper."
            ).format(
                kind=kind_label(doc.kind),
                name=fmt.para(c["applicant"]["full_name"]),
                nid=fmt.ident(p, c["applicant"]["national_id"]),
                reference=fmt.ident(p, c["request"]["reference"]),
                date=issued_on,
            )
            outcome = c.get("decision", {}).get("outcome") if doc.kind == paper.DECISION else None
            if outcome:
                text += "\n" + _("The decision it states: {decision}").format(
                    decision=_(OUTCOME_LABELS.get(outcome, outcome))
                )
        if doc.kind in (paper.DECISION, paper.MINUTES) and not committee_papers.is_current(self.ctx, doc):
            text += "\n" + _(SUPERSEDED)
        return text
