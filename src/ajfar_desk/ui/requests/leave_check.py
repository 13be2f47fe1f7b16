"""Leaving the request page with something typed that no service has stored."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ...domain import requests as rules
from ...i18n import _
from ..common import dialogs


def unsaved(request, typed: str, override_reason: str) -> bool:
    """The description of a draft (or of a request not created yet) differs from the stored
    one, or an exception's reason was typed and not submitted; nothing on a submitted request."""
    if request is not None and request.status != rules.DRAFT:
        return False
    if typed.strip() != (request.description if request is not None else ""):
        return True
    return bool(override_reason)


def ask_to_leave(page: QWidget) -> bool:
    """Leave and discard what was typed?  (Enter keeps it: «no» is the default.)"""
    return dialogs.ask(page, _("Unsaved changes"),
                       _("What you typed in this request is not saved. Leave the request "
                         "and discard it?"), default_yes=False)
