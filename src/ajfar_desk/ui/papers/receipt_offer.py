"""The applicant's receipt offered on the request page once the request is submitted: one
keystroke (Ctrl+R, written on the button) opens its preview to print or save as PDF.

The receipt is issued in the desk's language on first use; asking again shows the same receipt
(printed once, it is marked as a copy). Another language: the papers panel's «Receipt…».
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from ...domain import gendered, permissions
from ...domain import requests as rules
from ...i18n import N_, _, current_language
from ...services.papers import receipts
from ...services.store.context import AppContext
from ..common.key_text import key_text
from ..common.widgets import FAILED, Texts
from ..shell.operations import Operation
from .paper_preview import preview_paper

RECEIPT_SHORTCUT = "Ctrl+R"  # the request page's key for the receipt (keep it free elsewhere)


# (a man or not known, a woman)
RECEIPT_FOR = (N_("Receipt for the applicant ({keys})"), N_("Receipt for the applicant ({keys}) (woman)"))
GIVE_RECEIPT = (
    N_("Give the applicant the receipt: the reference, the documents received, the date of the "
       "committee's answer and how to follow up."),
    N_("Give the applicant the receipt: the reference, the documents received, the date of the "
       "committee's answer and how to follow up. (woman)"))


class ReceiptOffer(QWidget):
    """The button that gives the receipt (what it holds in its tooltip), in the request page's
    row of buttons: once submitted, the others there are gone, so it takes no extra height."""

    printed = Signal()  # the preview closed: the request's papers may have changed

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.request = None
        self.preview = None
        self.gender: str | None = None  # the applicant's: «إيصال الاستلام للمتقدمة»
        self.texts = t = Texts()
        self.button = QPushButton()
        self.button.setObjectName("receiptButton")
        t.add(self.button.setText, lambda: _(gendered.for_gender(RECEIPT_FOR, self.gender)).format(
            keys=key_text(RECEIPT_SHORTCUT)))
        t.add(self.button.setToolTip, lambda: _(gendered.for_gender(GIVE_RECEIPT, self.gender)))
        self.button.setShortcut(QKeySequence(RECEIPT_SHORTCUT))
        self.button.setAutoDefault(True)  # Enter on the focused button prints too
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        self.button.clicked.connect(self.show_receipt)
        self.hide()

    def set_gender(self, gender: str | None) -> None:
        """The applicant's gender: the button names her or him."""
        self.gender = gender
        self.retranslate()

    def set_request(self, request) -> None:
        """Shown while the request is submitted (and the role may print papers); the focus goes
        to the button when the request was a draft a moment ago on this same page."""
        before = self.request
        self.request = request
        offered = (
            request is not None
            and request.status == rules.SUBMITTED
            and self.ctx.may(permissions.ISSUE_PAPER)
        )
        self.setVisible(offered)
        just_submitted = (
            offered and before is not None and before.id == request.id
            and before.status == rules.DRAFT
        )
        if just_submitted:
            self.button.setFocus()

    def show_receipt(self) -> None:
        if self.request is None or not self.isVisible():
            return
        request_id = self.request.id
        doc = Operation(self, lambda: receipts.receipt_for(self.ctx, request_id, lang=current_language()),
                        title=N_("Receipt for the applicant")).run()
        if doc is FAILED:
            return
        self.preview = preview_paper(self.ctx, doc.number, self)
        self.preview.finished.connect(lambda _code: self.printed.emit())
        self.preview.open()
        self.printed.emit()  # a receipt issued now is listed with the request's papers at once

    def retranslate(self) -> None:
        self.texts.retranslate()
        # a button's new text resets its shortcut to the text's mnemonic: Ctrl+R again
        self.button.setShortcut(QKeySequence(RECEIPT_SHORTCUT))
