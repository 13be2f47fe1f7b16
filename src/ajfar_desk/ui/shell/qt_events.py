"""Bridge from the services' change bus to Qt signals, so views refresh on the GUI thread.

``changed(topic, payload)`` as before; ``changed_by(topic, payload, initiator)`` also names
the view that started the change (None when nobody in particular: the command line, a
background job, a service called outside the operation runner)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ...services.store.events import Events, current_initiator


class EventBridge(QObject):
    changed = Signal(str, object)  # topic, payload (usually the changed record's id)
    changed_by = Signal(str, object, object)  # topic, payload, who started it (or None)

    def __init__(self, events: Events, parent: QObject | None = None):
        super().__init__(parent)
        self._events = events
        events.subscribe("*", self._relay)

    def _relay(self, topic: str, payload: object) -> None:
        initiator = current_initiator()  # read now: emit runs in the initiator's context
        try:
            self.changed.emit(topic, payload)
            self.changed_by.emit(topic, payload, initiator)
        except RuntimeError:  # the Qt side is gone (window closed): stop listening
            self.close()

    def close(self) -> None:
        self._events.unsubscribe("*", self._relay)
