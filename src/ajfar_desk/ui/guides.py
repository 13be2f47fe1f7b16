"""Tools at the employee's hand: the association's own policy, readable, right to left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QLabel, QTextBrowser, QVBoxLayout, QWidget

from ..i18n import N_
from ..services.context import AppContext
from .widgets import Texts, heading

READING_POINT_SIZE = 14


class GuidesView(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        self.title = heading(size=18)
        t.add(self.title.setText, N_("The association's policy for its relationship with beneficiaries"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        t.add(self.note.setText, N_("Read it with the applicant when a procedure is unclear. It is the association's own text, shown as approved."))
        self.browser = QTextBrowser()
        self.browser.setObjectName("policy")
        self.browser.setOpenExternalLinks(False)
        self.browser.setLayoutDirection(Qt.LayoutDirection.RightToLeft)  # the policy is in Arabic
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.browser.document().setDefaultTextOption(option)
        font = self.browser.font()
        font.setPointSize(READING_POINT_SIZE)
        self.browser.setFont(font)
        self.browser.setPlainText(ctx.profile.policy_text())
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addWidget(self.browser, 1)

    def retranslate(self) -> None:
        self.texts.retranslate()
