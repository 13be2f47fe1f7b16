"""Tab and Shift+Tab in the applicant's file: round its own stops in the order they are seen —
the buttons at the top (right to left in Arabic), the coordination banner's when it shows, the
tab bar, the current tab's buttons and its table — and never out into the window's bottom bar
(language, help, sign out: they have their own keys)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

if TYPE_CHECKING:
    from .applicant_view import ApplicantFileView


def chain(view: ApplicantFileView, root: QWidget) -> list[QWidget]:
    """The file's stops a keyboard user can reach now, in the order seen."""
    tab_stops: list[list[QWidget]] = [
        [view.open_request_button, view.requests_table],
        [view.add_document_button, view.edit_document_button, view.remove_document_button,
         view.documents_table],
        [view.add_member_button, view.remove_member_button, view.members_table],
    ]
    stops = [view.edit_button, view.request_button, view.appointment_button,
             *view.coordination.findChildren(QPushButton), view.tabs.tabBar(),
             *tab_stops[view.tabs.currentIndex()]]
    return [w for w in stops if w.isVisibleTo(root) and w.isEnabled()
            and w.focusPolicy() & Qt.FocusPolicy.TabFocus]


def step(view: ApplicantFileView, root: QWidget, forward: bool) -> bool:
    """Focus the next (or previous) stop, round; False when the focus is not on one of them
    (Qt then moves it as it would)."""
    stops = chain(view, root)
    current = root.focusWidget()
    if current not in stops:
        return False
    target = stops[(stops.index(current) + (1 if forward else -1)) % len(stops)]
    target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
    return True
