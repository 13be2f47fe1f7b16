"""Why «Signed on paper…» waits, said under it while it does: the declaration is signed by
hand on the printed paper, so it is printed first.

The keyboard trial's new employee saw the button greyed out and nothing saying why (a tooltip,
which no keyboard user sees).  The line names the applicant in her or his gender, and says how
to print from there: the link opens the paper's preview, the key (the request page's) does the
same from anywhere on the page."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel

from ...domain import gendered
from ...i18n import N_, _

# (a man or not known, a woman)
PRINT_FIRST = (N_("Print the declaration first for the applicant to sign it"),
               N_("Print the declaration first for the applicant to sign it (woman)"))
PRINT_LINK = N_("Preview and print")


class PrintFirstHint(QLabel):
    """The reason, then the way to print: ``print_asked`` when its link is followed."""

    print_asked = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("printFirstHint")
        self.setWordWrap(True)  # under the paper buttons: wraps, never widens the window
        self.setStyleSheet("color: #7a4b00;")  # a warning's amber, as the banners'
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.linkActivated.connect(lambda _link: self.print_asked.emit())
        self.gender: str | None = None  # the applicant's: «لتوقّع عليه المستفيدة»
        self.key = ""  # the page's key for «Preview and print», said after the link
        self.hide()

    def reason(self) -> str:
        """The reason alone, in plain text (the button's tooltip says it too)."""
        return _(gendered.for_gender(PRINT_FIRST, self.gender))

    def retranslate(self) -> None:
        key = f" ({self.key})" if self.key else ""
        self.setText(f"{html.escape(self.reason())}: "
                     f"<a href=\"print\">{html.escape(_(PRINT_LINK))}</a>{html.escape(key)}")
