"""A tiny change bus: services announce what they changed, open views refresh themselves."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

Listener = Callable[[str, object], None]


class Events:
    def __init__(self) -> None:
        self._listeners: dict[str, list[Listener]] = defaultdict(list)

    def subscribe(self, topic: str, listener: Listener) -> None:
        self._listeners[topic].append(listener)

    def unsubscribe(self, topic: str, listener: Listener) -> None:
        if listener in self._listeners.get(topic, []):
            self._listeners[topic].remove(listener)

    def emit(self, topic: str, payload: object = None) -> None:
        for listener in list(self._listeners.get(topic, ())) + list(self._listeners.get("*", ())):
            listener(topic, payload)


APPLICANT_CHANGED = "applicant"
REQUEST_CHANGED = "request"
FEEDBACK_CHANGED = "feedback"  # surveys, complaints
SYNC_CHANGED = "sync"  # bundles imported, conflicts and duplicates settled
