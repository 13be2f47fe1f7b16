"""A tiny change bus: services announce what they changed, open views refresh themselves.

A change also says who started it (``initiator``): the GUI's operation runner runs a user
action inside ``initiated_by(view)``, so the view that asked can skip refreshing itself for a
change it already shows (as Anki's ``operation_did_execute(changes, handler)``).  The initiator
is context-local (a ``ContextVar``): an action run on a worker thread names its own initiator."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Listener = Callable[[str, object], None]

_initiator: ContextVar[object | None] = ContextVar("ajfar_change_initiator", default=None)


@contextmanager
def initiated_by(initiator: object | None) -> Iterator[None]:
    """Changes emitted inside the block name ``initiator`` (None: nobody in particular)."""
    token = _initiator.set(initiator)
    try:
        yield
    finally:
        _initiator.reset(token)


def current_initiator() -> object | None:
    """Who started the change being emitted now (read by a listener during ``emit``)."""
    return _initiator.get()


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
COORDINATION_CHANGED = "coordination"  # exchange files with the consortium, consents, settings
USER_CHANGED = "user"  # an account's name, gender, role or state (the status bar names the user)
PROFILE_CHANGED = "profile"  # another version of the association's profile put in force
MESSAGES_CHANGED = "messages"  # the outbox: a message sent, failed or queued again
