"""Python's cyclic garbage collector kept away from the windows: held off while Qt walks every
widget of the application, and given no window to delete.

Setting the application's layout direction (the language switch), its font or its style makes
Qt copy the list of open windows (or of all widgets), then send each an event; the events run
Python code (event filters, ``event`` overrides), and any allocation there may start a
collection.  A window owned by Python and kept only by a reference cycle (garbage waiting for
the collector) is then deleted in the middle of the walk, and Qt sends the next event to freed
memory: a segmentation fault (seen in ``QApplication.setLayoutDirection``).  While the walk
runs the collector waits; the garbage is collected at its next turn, outside the walk."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QWidget

from ...services.store.cycles import collector_paused

__all__ = ["collector_paused", "delete_window"]


def delete_window(window: QWidget) -> None:
    """A window made without a parent, deleted as soon as the program is done with it (a modal
    dialog once ``exec`` has returned and its answer was read).  Left to Python, it would wait
    in its reference cycles (its texts, its lambdas) for the collector: a hidden window among
    the open ones, deleted at whatever moment the collector runs next."""
    if shiboken6.isValid(window):
        shiboken6.delete(window)
