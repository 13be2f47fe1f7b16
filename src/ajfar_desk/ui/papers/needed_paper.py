"""The paper a walk-in takes home when documents are missing («المستندات المطلوبة لاستكمال
طلبك»): the papers panel's «Documents needed…» (the request page's Alt+M), shown for a draft to
the desk, pressable while the draft lacks a document; and offered, by its words and key, in the
refusal of the declaration («لا يُصدر الإقرار قبل اكتمال المستندات…»), so the applicant does not go
home with nothing in her hand.

The paper is issued in the desk's language on first use; asking again the same day, with the
same documents missing, shows the same paper (printed once, it is marked as a copy)."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QWidget

from ...domain import gendered
from ...domain import requests as rules
from ...domain.documents import IssuedView
from ...i18n import N_, _, current_language
from ...services.papers import needed_papers
from ...services.store.context import AppContext
from ..common.key_text import key_text
from ..common.widgets import FAILED
from ..shell.operations import Operation

NEEDED_KEY = "Alt+M"  # the request page's key for the paper (``request_keys.REQUEST_KEYS``)

# (a man or not known, a woman): said after the refusal of the declaration
OFFER = (N_("Give the applicant the list of what to bring: «{button}» ({key})."),
         N_("Give the applicant the list of what to bring: «{button}» ({key}). (woman)"))
NOTHING_MISSING = N_("Nothing is missing: print the declaration")


def lacks_documents(request) -> bool:
    """A draft whose checklist finds a required document missing or not valid today."""
    return request is not None and request.status == rules.DRAFT and any(
        line.state != rules.OK for line in request.checklist)


def update_button(button: QAbstractButton, request, issuer: bool) -> None:
    """Shown on a draft to a role that prints papers; pressable while it lacks a document."""
    button.setVisible(issuer and request is not None and request.status == rules.DRAFT)
    missing = lacks_documents(request)
    button.setEnabled(missing)
    button.setToolTip("" if missing else _(NOTHING_MISSING))


def offered(refusal: str, button: QAbstractButton, gender: str | None) -> str:
    """The refusal of the declaration, then the paper for the applicant, by its button's words
    and its key."""
    offer = _(gendered.for_gender(OFFER, gender)).format(
        button=button.text().replace("&", ""), key=key_text(NEEDED_KEY))
    return f"{refusal} {offer}"


def paper_for(parent: QWidget, ctx: AppContext, request) -> IssuedView | None:
    """The paper of what the draft still needs, issued or found (None: refused, said)."""
    if request is None:
        return None
    request_id = request.id
    view = Operation(parent, lambda: needed_papers.needed_paper_for(
        ctx, request_id, lang=current_language()), title=N_("Documents needed…")).run()
    return None if view is FAILED else view
