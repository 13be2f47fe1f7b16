"""The applicant's file by keyboard: its buttons' keys (also read by the shortcuts sheet), as the
request page has its own (``request_keys``)."""

from __future__ import annotations

from ...i18n import N_, _
from ..common.key_text import key_text

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


# the file's tabs, from anywhere in the file (the tab bar need not have the focus):
# (keys, step, what they do); Ctrl+Shift+Tab reaches Qt as Ctrl+Shift+Backtab
TAB_KEYS: tuple[tuple[tuple[str, ...], int, str], ...] = (
    (("Ctrl+Tab", "Ctrl+PgDown"), 1, N_("Next tab")),
    (("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"), -1, N_("Previous tab")),
)


def file_rows() -> list[tuple[str, str]]:
    """(what it does, key) for the shortcuts sheet, in the current language."""
    rows = [(_(label), key_text(sequence)) for sequence, label, _tab in FILE_KEYS.values()]
    for keys, _step, label in TAB_KEYS:
        shown = [key for key in keys if "Backtab" not in key]
        rows.append((_(label), " / ".join(key_text(key) for key in shown)))
    return rows
