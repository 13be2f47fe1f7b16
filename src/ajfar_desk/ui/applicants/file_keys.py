"""The applicant's file by keyboard: its buttons' keys (also read by the shortcuts sheet), as the
request page has its own (``request_keys``)."""

from __future__ import annotations

from ...i18n import N_, _
from ..common.key_text import key_text
from ..common.tab_keys import TAB_KEYS, tab_rows

__all__ = ["FILE_KEYS", "TAB_KEYS", "file_rows"]

REQUESTS_TAB, DOCUMENTS_TAB, HOUSEHOLD_TAB = 0, 1, 2

# button attribute -> (key, what it does (msgid), the tab the button lives on)
FILE_KEYS: dict[str, tuple[str, str, int | None]] = {
    "request_button": ("Alt+N", N_("New request"), None),
    "edit_button": ("Alt+E", N_("Edit data"), None),
    "add_document_button": ("Alt+D", N_("Add document"), DOCUMENTS_TAB),
    "edit_document_button": ("Alt+C", N_("Correct document…"), DOCUMENTS_TAB),
    "add_member_button": ("Alt+M", N_("Add member"), HOUSEHOLD_TAB),
    "open_request_button": ("Alt+O", N_("Open request"), REQUESTS_TAB),
    "appointment_button": ("Alt+T", N_("Book an appointment…"), None),
}


def file_rows() -> list[tuple[str, str]]:
    """(what it does, key) for the shortcuts sheet, in the current language."""
    rows = [(_(label), key_text(sequence)) for sequence, label, _tab in FILE_KEYS.values()]
    return rows + tab_rows()
