"""Issuing papers at the desk: the declaration (signed on the pad or on paper), the committee
referral letter (with the researcher's note), the applicant's receipt, the letter telling the
applicant the committee's decision (signed by the chair or the manager), and recording a paper
signature afterwards."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
)

from ...domain import documents as paper
from ...domain import gendered
from ...domain.errors import ValidationError
from ...domain.text import isolate
from ...i18n import N_, _, current_language, ngettext
from ...services.applicants import applicants
from ...services.papers import documents, receipts
from ...services.requests import requests
from ...services.store.context import AppContext
from ..common import dialogs, files, screen
from ..common.form_dialog import FormDialog
from ..common.key_text import key_text
from ..common.widgets import FAILED, ErrorLabel, heading
from ..shell.operations import Operation
from ..shell.shortcuts_sheet import key_tip
from .signature_pad import SignaturePadBox

MAX_NOTE = 2000
BY_HAND_KEY = "Alt+H"  # the declaration signed by hand on the printed paper


class IssueDialog(FormDialog):
    """Common frame: language of the paper, errors, "Issue and preview"."""

    issued = Signal(object)  # IssuedView

    def __init__(self, ctx: AppContext, request_id: uuid.UUID, kind: str, title: str, parent=None):
        super().__init__(parent)
        self.ctx, self.request_id, self.kind = ctx, request_id, kind
        self.setWindowTitle(title)
        self.language = QComboBox()
        self.language.setObjectName("paperLanguage")
        self.language.addItem(_("Arabic"), "ar")
        self.language.addItem(_("English"), "en")
        self.language.setCurrentIndex(0 if current_language() == "ar" else 1)
        language_label = QLabel(_("Language of the paper"))
        language_label.setBuddy(self.language)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton(
            _("Issue and preview"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("issueButton")
        self.buttons.addButton(_("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(heading(title, 14))
        self.body.addWidget(language_label)
        self.body.addWidget(self.language)
        screen.at_least_wide(self, 600)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def issue_kwargs(self) -> dict:
        raise NotImplementedError

    def issue(self, lang: str, **kwargs):
        return documents.issue(self.ctx, self.request_id, self.kind, lang=lang, **kwargs)

    def submit(self) -> None:
        self.error.clear_message()
        view = Operation(self, lambda: self.issue(self.language.currentData(), **self.issue_kwargs())).failure(
            lambda exc: self.error.show_message(" ".join(message for _f, message in exc.errors))).run()
        if view is FAILED:
            return
        self.issued.emit(view)
        self.accept()


def applicant_gender(ctx: AppContext, request_id: uuid.UUID) -> str | None:
    """The gender of the request's applicant, for the words that name her or him."""
    request = requests.get_request(ctx, request_id)
    return applicants.get(ctx, request.applicant_id, record_open=False).gender


class DeclarationDialog(IssueDialog):
    def __init__(self, ctx: AppContext, request_id: uuid.UUID, parent=None):
        super().__init__(
            ctx, request_id, paper.DECLARATION, _("Declaration of accuracy of data"), parent
        )
        self.gender = gender = applicant_gender(ctx, request_id)
        self.on_pad = QRadioButton(_(gendered.for_gender(gendered.SIGNS_ON_SCREEN, gender)))
        # the keyboard's way: the paper printed and signed by hand (a drawn signature needs a
        # mouse, a pen or a finger), Alt+H from anywhere in the dialog
        self.on_paper = QRadioButton(key_tip(_(gendered.for_gender(gendered.SIGNS_ON_PAPER, gender)),
                                             BY_HAND_KEY))
        self.on_pad.setObjectName("signOnPad")
        self.on_paper.setObjectName("signOnPaper")
        group = QButtonGroup(self)
        group.addButton(self.on_pad)
        group.addButton(self.on_paper)
        self.on_pad.setChecked(True)
        self.pad_box = SignaturePadBox()
        self.body.addWidget(self.on_pad)
        self.body.addWidget(self.pad_box)
        self.body.addWidget(self.on_paper)
        self.on_pad.toggled.connect(self.pad_box.setVisible)
        # the pad gone (signed on paper), the dialog shrinks to what is left; back, it grows
        self.on_pad.toggled.connect(lambda _checked: QTimer.singleShot(0, self, self.fit_content))
        QShortcut(QKeySequence(BY_HAND_KEY), self, self.choose_paper,
                  Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # read it before choosing how to sign (nothing is issued by reading it)
        self.read_button = self.buttons.addButton(
            _("Read it first…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.read_button.setObjectName("readDraftButton")
        read_key = QShortcut(QKeySequence("Alt+V"), self)
        read_key.activated.connect(self.read_button.click)
        self.read_button.setToolTip(_("Preview the declaration before it is issued (Alt+V)"))
        self.read_button.clicked.connect(self.read_draft)
        self.draft_preview = None
        self.finish_layout()

    def fit_content(self) -> None:
        """The dialog's height is its content's (the trial saw the paper's choice keep the
        pad's height, its lines spread with big gaps): ``adjustSize`` cannot shrink a dialog
        whose size the program fixed (``screen.fix_size``)."""
        layout = self.body
        layout.activate()
        wants = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                 else layout.totalSizeHint().height())
        height = min(max(wants, layout.totalMinimumSize().height()), screen.room(self)[1])
        if height != self.height():
            screen.size_window(self, self.width(), height)
            screen.keep_on_screen(self)

    def read_draft(self) -> None:
        from .paper_preview import preview_draft

        shown = Operation(self, lambda: preview_draft(
            self.ctx, self.request_id, paper.DECLARATION, self.language.currentData(), self)).run()
        if shown is not FAILED:
            self.draft_preview = shown
            shown.open()

    def choose_paper(self) -> None:
        """Signed by hand on the printed paper, chosen with the keyboard: Enter then issues it."""
        self.on_paper.setChecked(True)
        self.on_paper.setFocus()
        self.error.clear_message()

    def issue_kwargs(self) -> dict:
        if self.on_pad.isChecked():
            if self.pad_box.pad.is_empty():
                raise ValidationError(
                    "signature", _(gendered.for_gender(gendered.NOT_SIGNED_ON_PAD, self.gender)).format(
                        key=key_text(BY_HAND_KEY)),
                )
            return {"signature_png": self.pad_box.pad.to_png()}
        return {}


class ReferralDialog(IssueDialog):
    def __init__(self, ctx: AppContext, request_id: uuid.UUID, parent=None):
        super().__init__(
            ctx, request_id, paper.REFERRAL, _("Referral to the research committee"), parent
        )
        self.note = QPlainTextEdit()
        self.note.setObjectName("researcherNote")
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(120)
        label = QLabel(_("The social researcher's note (optional)"))
        label.setBuddy(self.note)
        self.body.addWidget(label)
        self.body.addWidget(self.note)
        self.finish_layout()

    def issue_kwargs(self) -> dict:
        note = self.note.toPlainText().strip()
        if len(note) > MAX_NOTE:
            raise ValidationError(
                "note", ngettext("The note is longer than {n} character",
                                 "The note is longer than {n} characters", MAX_NOTE).format(n=MAX_NOTE)
            )
        return {"note": note}


class ReceiptDialog(IssueDialog):
    """The applicant's receipt in the language they read: the one issued in that language is
    shown again (a copy once printed), unless the request was submitted again since."""

    def __init__(self, ctx: AppContext, request_id: uuid.UUID, parent=None):
        super().__init__(ctx, request_id, paper.RECEIPT, _("Receipt for the applicant"), parent)
        note = QLabel(
            _("The reference, the documents received, the date of the committee's answer, how "
              "to follow up, and the applicant's rights and duties as the policy states them.")
        )
        note.setWordWrap(True)
        self.body.addWidget(note)
        self.finish_layout()
        self.language.setFocus()

    def issue_kwargs(self) -> dict:
        return {}

    def issue(self, lang: str, **kwargs):
        return receipts.receipt_for(self.ctx, self.request_id, lang=lang)


class DecisionLetterDialog(IssueDialog):
    """The committee's latest decision on the request, as a letter to the applicant."""

    def __init__(
        self, ctx: AppContext, request_id: uuid.UUID, decision: str, chair: str = "", parent=None
    ):
        super().__init__(
            ctx, request_id, paper.DECISION, _("Letter of the committee's decision"), parent
        )
        summary = QLabel(_("The decision: {decision}").format(decision=decision))
        summary.setObjectName("letterDecision")
        summary.setWordWrap(True)
        self.body.addWidget(summary)
        self.body.addWidget(QLabel(_("Signed by")))
        chair_text = _("The chair of the committee")
        if chair.strip():
            chair_text = _("The chair of the committee: {name}").format(name=isolate(chair))
        self.by_chair = QRadioButton(chair_text)
        self.by_manager = QRadioButton(_("The manager of the association"))
        self.by_chair.setObjectName("signedByChair")
        self.by_manager.setObjectName("signedByManager")
        group = QButtonGroup(self)
        group.addButton(self.by_chair)
        group.addButton(self.by_manager)
        self.by_chair.setChecked(True)
        self.body.addWidget(self.by_chair)
        self.body.addWidget(self.by_manager)
        self.finish_layout()

    def issue_kwargs(self) -> dict:
        return {"signatory": documents.CHAIR if self.by_chair.isChecked() else documents.MANAGER}


def record_paper_signature(ctx: AppContext, number: str, parent=None) -> bool:
    """Ask whether to attach a scan of the signed paper, then record the signature."""
    scan = scan_name = None
    if dialogs.ask(parent, _("Paper signature"), _("Attach a scan of the signed paper?")):
        path = files.open_file_name(
            parent, _("Scan of the signed paper"), _("Scans (*.pdf *.png *.jpg *.jpeg)")
        )
        if path:
            scan, scan_name = Path(path).read_bytes(), Path(path).name
    return Operation(parent, lambda: documents.record_wet_signature(ctx, number, scan, scan_name),
                     N_("Paper signature")).run() is not FAILED
