"""The papers of one request: issue the declaration, the referral letter, the applicant's
receipt or the letter of the committee's decision, preview, print, reprint (marked as a copy), and record a signature made by
hand on paper. A role that may not issue papers (researcher, committee) only previews them.
The list is the panel; its buttons are a row of their own (``action_row``) for the page to place."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import documents as paper
from ...domain import permissions
from ...domain import requests as rules
from ...domain.digits import said
from ...domain.documents import IssuedView
from ...i18n import N_, _, ngettext
from ...services.committee import committee
from ...services.papers import committee_papers, documents, documents_ready, paper_language
from ...services.requests.requests import RequestView
from ...services.store.context import AppContext
from ..committee.decision_dialog import OUTCOME_LABELS, describe_decision
from ..common import fmt
from ..common.list_lines import Line, show_lines
from ..common.widgets import FAILED, Texts, named_button
from ..shell.operations import Operation
from . import needed_paper as needed
from .paper_dialogs import (
    DecisionLetterDialog,
    DeclarationDialog,
    ReceiptDialog,
    ReferralDialog,
    record_paper_signature,
)
from .paper_files import kind_label
from .paper_preview import PaperPreview, preview_paper
from .print_first import PrintFirstHint

LANGUAGE_LABELS = {"ar": N_("in Arabic"), "en": N_("in English")}
OTHER_LANGUAGE = {"ar": "en", "en": "ar"}
SIGNATORY_LABELS = {
    documents.CHAIR: N_("signed by the chair"),
    documents.MANAGER: N_("signed by the manager"),
}


class PapersPanel(QWidget):
    documents_missing = Signal(str)  # the declaration refused: why (the page shows its documents)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.request: RequestView | None = None
        self.papers: list[IssuedView] = []
        self.letter_blocked = ""  # why no decision letter can be issued ("" when one can)
        self.letter_decision = ""  # the decision the letter would state, in words
        self.letter_chair = ""
        self.dialog: QDialog | None = None
        self.preview: PaperPreview | None = None
        self.texts = t = Texts()
        self.title = QLabel()
        t.add(self.title.setText, N_("Papers"))
        self.list = QListWidget()
        self.list.setObjectName("papers")
        self.list.setWordWrap(True)  # a decision letter's line is long: wrap, never scroll
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.declaration_button = named_button(t, N_("Declaration…"), "declarationButton")
        self.referral_button = named_button(t, N_("Referral letter…"), "referralButton")
        self.receipt_button = named_button(t, N_("Receipt…"), "paperReceiptButton")
        self.decision_button = named_button(t, N_("Decision letter…"), "decisionLetterButton")
        # a draft's: what the applicant still has to bring, on a paper to take home
        self.needed_button = named_button(t, N_("Documents needed…"), "neededButton")
        self.preview_button = QPushButton()
        self.preview_button.setObjectName("previewButton")
        t.add(  # a role that may not print only previews
            self.preview_button.setText,
            lambda: _("Preview and print") if self.may_issue() else _("Preview the paper"),
        )
        self.other_language_button = named_button(t, self._other_language_text, "otherLanguageButton")  # the selected paper in the other language
        self.signed_button = named_button(t, N_("Signed on paper…"), "signedButton")
        self.print_first = PrintFirstHint()  # why it waits, under it, while it waits
        self.print_first.print_asked.connect(self.preview_selected)
        self.read_only_note = QLabel()  # for the roles that only read the papers
        self.read_only_note.setObjectName("papersReadOnly")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet("color: #555;")
        t.add(self.read_only_note.setText, N_("The desk issues and prints the papers; you may preview them."))
        # The buttons are one row of their own (``action_row``), which the request page puts outside
        # its scrolled content: on a 1366×768 laptop they sat below the fold, unseen.
        self.action_row = QWidget()
        self.action_row.setObjectName("paperActions")
        self.actions_title = QLabel()
        t.add(self.actions_title.setText, N_("Papers:"))
        rows = QVBoxLayout(self.action_row)
        rows.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        rows.addLayout(row)
        # under the buttons, the whole width (beside them, at 1280 in English, no room was left)
        rows.addWidget(self.print_first)
        row.addWidget(self.actions_title)
        for button in (
            self.declaration_button,
            self.referral_button,
            self.receipt_button,
            self.decision_button,
            self.needed_button,
        ):
            row.addWidget(button)
        row.addSpacing(16)  # issuing a paper, then using the one selected
        for button in (self.preview_button, self.other_language_button, self.signed_button):
            row.addWidget(button)
        row.addWidget(self.read_only_note, 1)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.list, 1)
        self.declaration_button.clicked.connect(self.new_declaration)
        self.referral_button.clicked.connect(self.new_referral)
        self.receipt_button.clicked.connect(self.new_receipt)
        self.decision_button.clicked.connect(self.new_decision_letter)
        self.needed_button.clicked.connect(self.print_needed)
        self.preview_button.clicked.connect(self.preview_selected)
        self.signed_button.clicked.connect(self.record_signed)
        self.other_language_button.clicked.connect(self.in_other_language)
        self.list.itemActivated.connect(lambda _item: self.preview_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())

    def set_request(self, request: RequestView | None) -> None:
        self.request = request
        self.setVisible(request is not None)
        self.action_row.setVisible(request is not None)
        self.reload()

    def reload(self) -> None:
        """The request's papers again, the selected one kept selected (the list's items are
        updated in place: ``common.list_lines``)."""
        selected = self.selected()
        self.papers = documents.list_documents(self.ctx, self.request.id) if self.request else []
        self._load_decision()
        described = [self._describe(doc) for doc in self.papers]
        show_lines(self.list, [Line(text, data=doc.number, tooltip=text)
                               for doc, text in zip(self.papers, described, strict=True)])
        rows = [row for row, doc in enumerate(self.papers) if selected and doc.number == selected.number]
        if rows:
            self.list.setCurrentRow(rows[0])
        elif self.papers:  # none selected, or the selected one is gone: the newest
            self.list.setCurrentRow(self.list.count() - 1)
        self._update_buttons()

    def _load_decision(self) -> None:
        """The committee's latest decision on the request: what a letter would say, or why
        there is no letter to write (no decision yet, or the decision was postponed)."""
        self.letter_decision = self.letter_chair = ""
        if self.request is None:
            self.letter_blocked = ""
            return
        request_id = self.request.id
        decided = Operation(self, lambda: committee.decisions_of(self.ctx, request_id)) \
            .failure(lambda exc: setattr(self, "letter_blocked", said(exc.message))).run()
        if decided is FAILED:
            return
        if not decided:
            self.letter_blocked = _("The committee has not decided this request yet")
            return
        meeting, item = decided[-1]
        if item.outcome not in paper.LETTER_OUTCOMES:
            self.letter_blocked = _(
                "The committee postponed its decision on this request; there is no answer yet"
            )
            return
        self.letter_blocked = ""
        self.letter_decision = describe_decision(self.ctx, item)
        self.letter_chair = meeting.chair  # as recorded ("" none: a line to sign by hand)

    def _describe(self, doc: IssuedView) -> str:
        parts = [kind_label(doc.kind), fmt.ltr_code(doc.number)]
        if doc.lang in LANGUAGE_LABELS:
            parts.append(_(LANGUAGE_LABELS[doc.lang]))
        if doc.kind == paper.DECISION:
            decision = doc.content.get("decision", {})
            outcome = decision.get("outcome", "")
            parts.append(_(OUTCOME_LABELS[outcome]) if outcome in OUTCOME_LABELS else outcome)
            who = doc.content.get("signatory", {}).get("role", "")
            if who in SIGNATORY_LABELS:
                parts.append(_(SIGNATORY_LABELS[who]))
            if not committee_papers.is_current(self.ctx, doc):
                parts.append(_("out of date: the committee decided again"))
        if doc.kind == paper.DECLARATION:
            if doc.signature_mode == paper.SIGNATURE_PAD:
                parts.append(_("signed on the screen"))
            elif doc.signed:
                parts.append(_("signed on paper"))
            else:
                parts.append(_("waiting for the signature on paper"))
        signed_by_hand = doc.signature_mode == paper.SIGNATURE_WET and doc.signed
        if doc.print_count:
            parts.append(ngettext("printed {n} time", "printed {n} times", doc.print_count).format(
                n=fmt.number(self.ctx.profile, doc.print_count)))
        elif not (doc.kind == paper.DECLARATION and signed_by_hand):  # signed: printed elsewhere
            parts.append(_("not printed yet"))
        return " — ".join(parts)

    def selected(self) -> IssuedView | None:
        row = self.list.currentRow()
        return self.papers[row] if 0 <= row < len(self.papers) else None

    def may_issue(self) -> bool:
        return self.ctx.may(permissions.ISSUE_PAPER)

    def _update_buttons(self) -> None:
        r, doc = self.request, self.selected()
        issuer = self.may_issue()
        for button in (
            self.declaration_button,
            self.referral_button,
            self.receipt_button,
            self.decision_button,
            self.other_language_button,
            self.signed_button,
        ):
            button.setVisible(issuer)
        self.other_language_button.setEnabled(doc is not None and doc.lang in OTHER_LANGUAGE)
        self.other_language_button.setText(self._other_language_text())
        self.read_only_note.setVisible(not issuer)
        for button in (self.referral_button, self.receipt_button):  # a submitted request's
            button.setEnabled(r is not None and r.status != rules.DRAFT)
            button.setToolTip(
                "" if r is None or r.status != rules.DRAFT else _("Submit the request first")
            )
        self.decision_button.setEnabled(r is not None and not self.letter_blocked)
        self.decision_button.setToolTip(self.letter_blocked)
        needed.update_button(self.needed_button, r, issuer)
        self.preview_button.setEnabled(doc is not None)
        waiting = (doc is not None and doc.kind == paper.DECLARATION
                   and doc.signature_mode == paper.SIGNATURE_WET and not doc.signed)
        # signed by hand on the printed paper: printed first (trial 9 recorded a signature on
        # a paper never printed: «موقّع على الورق — لم يُطبع بعد»)
        unprinted = self._waits_for_print(doc)
        self.signed_button.setEnabled(waiting and not unprinted)
        self.signed_button.setToolTip(
            _("Print the declaration first: it is signed on the printed paper") if unprinted else "")
        if issuer and unprinted:
            self.print_first.retranslate()
        self.print_first.setVisible(issuer and unprinted)

    @staticmethod
    def _waits_for_print(doc: IssuedView | None) -> bool:
        """A declaration to be signed by hand, not printed yet: its signature waits."""
        return (doc is not None and doc.kind == paper.DECLARATION and not doc.signed
                and doc.signature_mode == paper.SIGNATURE_WET and doc.print_count == 0)

    # -- actions ----------------------------------------------------------------------------
    def new_declaration(self) -> None:
        if self.request is None:
            return
        # the applicant declares the documents complete: not while one is missing (trial 12)
        request_id = self.request.id
        if why := Operation(self, lambda: documents_ready.declaration_waits(self.ctx, request_id)).run():
            if why is not FAILED:  # and the paper for the applicant offered with it
                self.documents_missing.emit(needed.offered(why, self.needed_button,
                                                           self.print_first.gender))
            return
        self._open(DeclarationDialog(self.ctx, self.request.id, self))

    def print_needed(self) -> None:
        """The documents the draft still needs, on a paper for the applicant: its preview."""
        view = needed.paper_for(self, self.ctx, self.request)
        if view is not None:
            self.reload()
            self._select(view.number)
            self.show_preview(view.number)

    def new_referral(self) -> None:
        if self.request is None:
            return
        self._open(ReferralDialog(self.ctx, self.request.id, self))

    def new_receipt(self) -> None:
        if self.request is None:
            return
        self._open(ReceiptDialog(self.ctx, self.request.id, self))

    def new_decision_letter(self) -> None:
        if self.request is None or self.letter_blocked:
            return
        self._open(
            DecisionLetterDialog(
                self.ctx, self.request.id, self.letter_decision, self.letter_chair, self
            )
        )

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.issued.connect(self._issued)
        dialog.open()

    def _issued(self, view: IssuedView) -> None:
        self.reload()
        self._select(view.number)  # the paper just issued is the one to print (and sign)
        self.show_preview(view.number)

    def _select(self, number: str) -> None:
        for row, issued in enumerate(self.papers):
            if issued.number == number:
                self.list.setCurrentRow(row)

    def preview_selected(self) -> None:
        doc = self.selected()
        if doc is not None:
            self.show_preview(doc.number)

    def set_gender(self, gender: str | None, print_key: str = "") -> None:
        """The applicant's gender: the line saying why the signature waits names her or him,
        and the page's key that previews and prints (said after its link)."""
        self.print_first.gender, self.print_first.key = gender, print_key
        self.print_first.retranslate()

    def show_preview(self, number: str) -> None:
        unprinted = any(doc.number == number and self._waits_for_print(doc) for doc in self.papers)
        self.preview = preview_paper(self.ctx, number, self)
        self.preview.finished.connect(lambda _code: self._previewed(number, unprinted))
        if not self.may_issue():  # printing is counted and audited: a desk's work
            why = permissions.PermissionDenied(self.ctx.role, permissions.ISSUE_PAPER).message
            for button in (self.preview.print_button, self.preview.save_button):
                button.setEnabled(False)
                button.setToolTip(why)
        self.preview.open()

    def _previewed(self, number: str, unprinted: bool) -> None:
        """The preview closed: the papers again; a declaration printed for its signature just
        now leaves the keyboard on «Signed on paper…», the next thing to do."""
        self.reload()
        doc = self.selected()
        if unprinted and doc is not None and doc.number == number and self.signed_button.isEnabled():
            self.signed_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _other_language_text(self) -> str:
        doc = self.selected()
        if doc is not None and doc.lang == "en":
            return _("The same paper in Arabic")
        return _("The same paper in English")

    def in_other_language(self) -> None:
        """The selected paper in the other language: the revision already issued in it, else a
        new revision (a manager wants the English copy of a declaration for a donor)."""
        doc = self.selected()
        if doc is None or doc.lang not in OTHER_LANGUAGE:
            return
        lang = OTHER_LANGUAGE[doc.lang]
        view = Operation(self, lambda: paper_language.in_language(self.ctx, doc.number, lang),
                         N_("Papers")).run()
        if view is FAILED:
            return
        self.reload()
        self._select(view.number)
        self.show_preview(view.number)

    def record_signed(self) -> None:
        doc = self.selected()
        if doc is not None and record_paper_signature(self.ctx, doc.number, self):
            self.reload()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.reload()
