"""A page's tabs by keyboard from anywhere on the page (the tab bar need not have the focus):
Ctrl+Tab / Ctrl+PgDown the next tab, Ctrl+Shift+Tab / Ctrl+PgUp the previous, round, passing
over a tab that is not offered now. One table for the applicant's file, the request page and
the shortcuts sheet (F1), so the sheet lists only keys a page has."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from ...i18n import N_, _
from .key_text import key_text

# (keys, step, what they do); Ctrl+Shift+Tab reaches Qt as Ctrl+Shift+Backtab
TAB_KEYS: tuple[tuple[tuple[str, ...], int, str], ...] = (
    (("Ctrl+Tab", "Ctrl+PgDown"), 1, N_("Next tab")),
    (("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"), -1, N_("Previous tab")),
)


def turn_tab(tabs: QTabWidget, step: int) -> bool:
    """The next (``step`` 1) or previous (-1) enabled tab, round; False when there is none."""
    count, index = tabs.count(), tabs.currentIndex()
    for offset in range(1, count):
        candidate = (index + step * offset) % count
        if tabs.isTabEnabled(candidate) and tabs.isTabVisible(candidate):
            tabs.setCurrentIndex(candidate)
            return True
    return False


def tab_rows() -> list[tuple[str, str]]:
    """(what it does, keys) for the shortcuts sheet, in the current language."""
    rows = []
    for keys, _step, label in TAB_KEYS:
        shown = [key for key in keys if "Backtab" not in key]
        rows.append((_(label), " / ".join(key_text(key) for key in shown)))
    return rows
