"""A refresh asked for from inside a running slot, done once the event loop runs again: however
many times it was asked for meanwhile, once (a view's lists are never rebuilt under a slot of
one of their own widgets, or of the action that announced the change)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Soon(QTimer):
    """``start()`` (or ``ask()``) asks for ``action``; ``stop()`` forgets the request (the view
    was refreshed anyway); ``isActive()``: asked for and not done yet.  Owned by ``parent``: it
    goes with the view."""

    def __init__(self, parent: QObject, action: Callable[[], object]):
        super().__init__(parent)
        self.setSingleShot(True)
        self.setInterval(0)
        self.timeout.connect(action)

    def ask(self, *_signal_args) -> None:
        """Connectable to any signal: its arguments are dropped."""
        self.start()
