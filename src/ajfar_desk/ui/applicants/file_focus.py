"""Tab and Shift+Tab in the applicant's file: round its own stops in the order they are seen —
the buttons at the top (right to left in Arabic), the coordination banner's when it shows, the
tab bar, the current tab's buttons and its table — and never out into the window's bottom bar
(language, help, sign out: they have their own keys)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTabWidget, QWidget


def chain(root: QWidget, top: Sequence[QWidget], tabs: QTabWidget,
          tab_stops: Sequence[Sequence[QWidget]]) -> list[QWidget]:
    """The stops a keyboard user can reach now, in the order seen: ``top``, the tab bar, then
    the current tab's own stops (``tab_stops[i]`` for tab i)."""
    stops = [*top, tabs.tabBar(), *tab_stops[tabs.currentIndex()]]
    return [w for w in stops if w.isVisibleTo(root) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def step(root: QWidget, stops: list[QWidget], forward: bool) -> bool:
    """Focus the next (or previous) stop, round; False when the focus is not on one of them
    (Qt then moves it as it would)."""
    current = root.focusWidget()
    if current not in stops:
        return False
    target = stops[(stops.index(current) + (1 if forward else -1)) % len(stops)]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True
