"""Tools at the employee's hand (Guides): the association's own policy (Markdown rendered, plain
text kept as it is) under the board's approval line and the next review, the beneficiary's
rights and duties (printable on a sheet of their own), and the employee's library with the blank
support-request form (``library_panel``). Alt+1/2/3 show the three tabs."""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextOption
from PySide6.QtWidgets import (
    QCheckBox,
    QLabel,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...domain.digits import digit_style
from ...domain.profile_policy import (
    approval_line,
    looks_like_markdown,
    review_line,
    rights_markdown,
)
from ...i18n import N_, _, current_language
from ...services.store.context import AppContext
from ..common import files
from ..common.widgets import Texts, button_row, named_button, note_label, titled
from ..shell.shortcuts_sheet import key_tip
from .library_panel import LibraryPanel, preview_sheet

READING_POINT_SIZE = 14
POLICY_TAB, RIGHTS_TAB, LIBRARY_TAB = 0, 1, 2


def reading_browser(name: str, rtl: bool = True) -> QTextBrowser:
    browser = QTextBrowser()
    browser.setObjectName(name)
    browser.setOpenExternalLinks(False)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    browser.setLayoutDirection(direction)
    option = QTextOption()
    option.setTextDirection(direction)
    align = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
    option.setAlignment(align | Qt.AlignmentFlag.AlignAbsolute)
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    browser.document().setDefaultTextOption(option)
    font = browser.font()
    font.setPointSize(READING_POINT_SIZE)
    browser.setFont(font)
    return browser


class GuidesView(QWidget):
    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.texts = t = Texts()
        self.title = titled(t, N_("The association's policy for its relationship with beneficiaries"), size=18)
        self.note = note_label(t, N_("Read it with the applicant when a procedure is unclear. It is the association's own text, shown as approved."))
        self.approval = QLabel()
        self.approval.setObjectName("approvalLine")
        self.approval.setWordWrap(True)
        self.review = QLabel()
        self.review.setObjectName("reviewLine")
        self.review.setWordWrap(True)
        self.browser = reading_browser("policy")  # the policy is in Arabic
        text = ctx.profile.policy_text()
        self.markdown = looks_like_markdown(text)
        if self.markdown:
            self.browser.setMarkdown(text)
        else:
            self.browser.setPlainText(text)
        policy = QWidget()
        box = QVBoxLayout(policy)
        box.addWidget(self.note)
        box.addWidget(self.approval)
        box.addWidget(self.review)
        box.addWidget(self.browser, 1)

        self.rights = reading_browser("rights", rtl=current_language() == "ar")
        self.print_rights = named_button(t, N_("Print the rights and duties…"), "printRights")
        t.add(self.print_rights.setToolTip, lambda: key_tip(_("Print the rights and duties…"), "Alt+P"))
        self.print_rights.clicked.connect(self.preview_rights)
        # the rights said to a woman applicant («أن تُستقبَلي…، فأنتِ مسؤولة»): Alt+W
        self.for_woman = QCheckBox()
        self.for_woman.setObjectName("rightsForWoman")
        t.add(self.for_woman.setText, N_("Said to a woman applicant (Alt+W)"))
        self.for_woman.toggled.connect(lambda _checked: self._fill())
        rights = QWidget()
        box = QVBoxLayout(rights)
        box.addWidget(self.rights, 1)
        row = button_row(self.for_woman, self.print_rights)
        box.addLayout(row)

        self.library = LibraryPanel(ctx, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("guideTabs")
        self.tabs.addTab(policy, "")
        self.tabs.addTab(rights, "")
        self.tabs.addTab(self.library, "")
        for index, label in ((POLICY_TAB, N_("The policy")), (RIGHTS_TAB, N_("Rights and duties")),
                             (LIBRARY_TAB, N_("The employee's tools"))):
            t.add(partial(self.tabs.setTabText, index), label)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.tabs, 1)
        for number, index in (("Alt+1", POLICY_TAB), ("Alt+2", RIGHTS_TAB), ("Alt+3", LIBRARY_TAB)):
            shortcut = QShortcut(QKeySequence(number), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda i=index: self.show_tab(i))
        shortcut = QShortcut(QKeySequence("Alt+P"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.preview_rights)
        shortcut = QShortcut(QKeySequence("Alt+W"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.for_woman.toggle)
        self.sheet = None
        self._fill()

    def show_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        if index == LIBRARY_TAB:
            self.library.search.setFocus()
        else:
            browser = self.tabs.currentWidget().findChild(QTextBrowser)
            assert browser is not None  # the policy's tab and the rights' tab each show one
            browser.setFocus()

    def _fill(self) -> None:
        p, lang = self.ctx.profile, current_language()
        digits = digit_style(p.digits, lang)
        self.approval.setText(approval_line(p, lang, digits))
        today = self.today or dt.date.today()
        self.review.setText(review_line(p, today, lang, digits))
        self.review.setVisible(p.review is not None)
        self.rights.setMarkdown(rights_markdown(p, lang, (_("Your rights"), _("Your duties")), self._gender()))

    def _gender(self) -> str | None:
        return "female" if self.for_woman.isChecked() else None

    def preview_rights(self):
        """The rights and duties as a printed sheet, previewed (print or save from there)."""
        from ...printing.rights_sheet import rights_pdf

        lang = current_language()
        self.sheet = preview_sheet(self, _("The beneficiary's rights and duties"),
                                   partial(rights_pdf, self.ctx.profile, lang, gender=self._gender()),
                                   files.file_name(_("The beneficiary's rights and duties")))
        return self.sheet

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.library.retranslate()
        self._fill()
