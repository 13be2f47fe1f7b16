"""Bridge from the services' change bus to a Qt signal, so views refresh on the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..services.events import Events


class EventBridge(QObject):
    changed = Signal(str, object)  # topic, payload (usually the changed record's id)

    def __init__(self, events: Events, parent: QObject | None = None):
        super().__init__(parent)
        self._events = events
        events.subscribe("*", self._relay)

    def _relay(self, topic: str, payload: object) -> None:
        try:
            self.changed.emit(topic, payload)
        except RuntimeError:  # the Qt side is gone (window closed): stop listening
            self.close()

    def close(self) -> None:
        self._events.unsubscribe("*", self._relay)
