"""A submission refused for the declaration: the refusal says what its paper still needs, by
its state (issue it, print it, record the signature on paper), with the key that does it, and
the keyboard goes to that button, the declaration selected and the documents tab shown.

The new employee of the trial had printed the declaration; the refusal still said «issue it,
have it signed on the screen or on paper», and nothing pointed to «Signed on paper…» (eleven
Tabs away)."""

from __future__ import annotations

from typing import Protocol, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QTabWidget, QWidget

from ...domain import documents as paper
from ...domain import gendered
from ...domain.digits import said
from ...i18n import N_, _
from ...services.requests import declaration_check as check
from ..common.key_text import key_text
from ..common.widgets import ErrorLabel
from ..papers.papers_panel import PapersPanel
from .eligibility_refusal import point_at
from .page_focus import ScrollFollower
from .request_keys import DOCUMENTS_TAB, REQUEST_KEYS

# (a man or not known, a woman): what to do, then the button and its key
RECORD_IT = (N_("Record the applicant's signature on paper: «{button}» ({key})."),
             N_("Record the applicant's signature on paper: «{button}» ({key}). (woman)"))
ISSUE_IT = N_("Issue it: «{button}» ({key}).")
PRINT_IT = N_("Print it: «{button}» ({key}).")
# the request page's key of each code's button (``request_keys.REQUEST_KEYS``)
KEY_OF = {check.ISSUE: "declaration", check.REISSUE: "declaration", check.PRINT: "preview",
          check.RECORD_SIGNATURE: "signed"}


class RequestPage(Protocol):
    """What a declaration's refusal uses of the request page."""

    tabs: QTabWidget
    error: ErrorLabel
    follower: ScrollFollower
    papers: PapersPanel

    def layout(self): ...


def button_of(page: RequestPage, code: str) -> QAbstractButton:
    papers = page.papers
    return {check.ISSUE: papers.declaration_button, check.REISSUE: papers.declaration_button,
            check.PRINT: papers.preview_button,
            check.RECORD_SIGNATURE: papers.signed_button}[code]


def message(page: RequestPage, exc: check.DeclarationRefused) -> str:
    """The service's refusal, then what to press, by the button's words and key."""
    button = button_of(page, exc.code)
    sequence = next(k.sequence for k in REQUEST_KEYS if k.name == KEY_OF[exc.code])
    if exc.code == check.RECORD_SIGNATURE:
        what = _(gendered.for_gender(RECORD_IT, exc.gender))
    else:
        what = _(PRINT_IT if exc.code == check.PRINT else ISSUE_IT)
    hint = what.format(button=button.text().replace("&", ""), key=key_text(sequence))
    return _("{refusal}. {what_to_do}").format(refusal=said(exc.message), what_to_do=hint)


def refused(page: RequestPage, exc: check.DeclarationRefused) -> None:
    """The documents tab, the declaration selected, the refusal saying what to press, and the
    keyboard on that button (brought into view) when the page offers it now."""
    page.tabs.setCurrentIndex(DOCUMENTS_TAB)
    papers = page.papers
    declarations = [row for row, doc in enumerate(papers.papers) if doc.kind == paper.DECLARATION]
    if declarations and exc.code in (check.PRINT, check.RECORD_SIGNATURE):
        papers.list.setCurrentRow(declarations[-1])  # the newest: the one the refusal is about
    page.error.show_message(message(page, exc))
    button = button_of(page, exc.code)
    if not (button.isVisible() and button.isEnabled()):
        return
    content = page.follower.area.widget()
    if content is not None and content.isAncestorOf(button):  # scrolled: brought into view
        point_at(cast(QWidget, page), page.follower, button)  # the page is a widget
    else:  # the buttons' row stays on the screen, outside the scrolled middle
        button.setFocus(Qt.FocusReason.OtherFocusReason)
