"""A tool page that shows the store as it is: read again each time it is shown and, while it is
visible, after a change of one of the topics it follows (``services.store.events``).  A hidden page
does not follow every change; it catches up when it is shown."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget


class ReloadingPage(QWidget):
    """The page names the topics it follows in ``reload_topics`` and defines ``reload()``."""

    reload_topics: tuple[str, ...] = ()
    reload: Callable[[], None]

    def on_change(self, topic: str, _payload: object) -> None:
        if topic in self.reload_topics and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload()


def title_row(title: QWidget, *end: QWidget) -> QHBoxLayout:
    """A page's top row: its title at the start, ``end`` (say a filter and its label) at the end."""
    row = QHBoxLayout()
    row.addWidget(title)
    row.addStretch(1)
    for widget in end:
        row.addWidget(widget)
    return row
