"""No widget is left for Python's garbage collector to delete at an arbitrary moment.

CI crashed (a segmentation fault) in ``QApplication.setLayoutDirection`` when the language was
switched under ``-n 2`` after other UI tests: Qt copies the list of open windows, then sends each
an event that runs Python code, and any allocation there may start a collection.  Each closed
main window had left its signed-out page behind, a hidden window of its own owned by Python and
kept only by reference cycles: the collector deleted it in the middle of the walk and Qt sent
the next event to freed memory.

``CollectorInTheWalk`` stands for the collector arriving at such a moment (Python starts it at any
allocation once enough objects were made): an application-wide event filter that collects at
the first window the walk reaches, as the automatic collector would — only while it is enabled
(``automatic=True``), or in any case (an explicit ``gc.collect()``).  Without the fixes each
of the two tests that switch the language ends the run in a segmentation fault."""

from __future__ import annotations

import gc

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog

from ajfar_desk.ui.shell.app import build_main_window
from ajfar_desk.ui.shell.language import apply_language


class CollectorInTheWalk(QObject):
    def __init__(self, automatic: bool = False):
        super().__init__()
        self.automatic = automatic
        self.collected: int | None = None  # what it freed; -1: it was off

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt API
        if self.collected is None and event.type() == QEvent.Type.ApplicationLayoutDirectionChange:
            self.collected = gc.collect() if gc.isenabled() or not self.automatic else -1
        return False


def collecting(app, automatic: bool = False) -> CollectorInTheWalk:
    collector = CollectorInTheWalk(automatic)
    app.installEventFilter(collector)
    return collector


def windows() -> set[int]:
    return {shiboken6.getCppPointer(w)[0] for w in QApplication.topLevelWidgets()}


def closed_main_windows(ctx, count: int) -> None:
    """Main windows built, closed and deleted as the program does after a restored backup
    (``app.run``), or a test's fixtures after each test."""
    for _ in range(count):
        window = build_main_window(ctx)
        window.close()
        window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_closed_main_window_leaves_no_window_behind(qtbot, app, ctx):
    before = windows()
    closed_main_windows(ctx, 1)
    assert windows() - before == set()  # its signed-out page stayed, a hidden window of its own


def test_the_language_switched_while_the_collector_runs_inside_qts_walk(qtbot, window, ctx, app):
    closed_main_windows(ctx, 12)
    collector = collecting(app)
    try:
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    finally:
        app.removeEventFilter(collector)
    assert collector.collected is not None  # it did run in the walk (and nothing was freed under it)
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert window.home.title.text() == "Find an applicant"


def test_switching_the_language_holds_the_collector_off_while_qt_walks_the_windows(qtbot, window, app):
    """Whatever else a program leaves to the collector, it is not deleted inside the walk."""
    for _ in range(12):  # windows of no one, each kept only by a cycle: garbage
        forgotten = QDialog()
        forgotten.itself = forgotten
    del forgotten
    collector = collecting(app, automatic=True)
    try:
        apply_language("en", app)
    finally:
        app.removeEventFilter(collector)
    assert collector.collected == -1  # the collector was off in the walk
    assert app.layoutDirection() == Qt.LayoutDirection.LeftToRight
    before = len(QApplication.topLevelWidgets())
    gc.collect()  # its next turn, outside the walk: the forgotten windows go
    assert len(QApplication.topLevelWidgets()) == before - 12

