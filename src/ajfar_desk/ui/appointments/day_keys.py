"""The day list by keyboard: its buttons' keys (also read by the shortcuts sheet)."""

from __future__ import annotations

from ...i18n import N_, _
from ..common.key_text import key_text

# button attribute -> (key, what it does (msgid))
DAY_KEYS: dict[str, tuple[str, str]] = {
    "book_button": ("Ctrl+B", N_("Book an appointment…")),
    "previous_button": ("Ctrl+PgUp", N_("Previous day")),
    "next_button": ("Ctrl+PgDown", N_("Next day")),
    "today_button": ("Ctrl+Home", N_("Today")),
    "attended_button": ("Alt+A", N_("Attended")),
    "missed_button": ("Alt+M", N_("Did not come")),
    "move_button": ("F2", N_("Move the appointment…")),
    "cancel_button": ("Delete", N_("Cancel the appointment…")),
}
ENTER = N_("Open the applicant's file, or book the free time")
GO_TO_KEY, GO_TO = "Ctrl+G", N_("Go to a day typed (either calendar)")


def day_rows() -> list[tuple[str, str]]:
    """(what it does, key) for the shortcuts sheet, in the current language."""
    return [(_(label), key_text(sequence)) for sequence, label in DAY_KEYS.values()] + [
        (_(GO_TO), key_text(GO_TO_KEY)), (_(ENTER), key_text("Return"))]
