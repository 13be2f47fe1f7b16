"""A page listing records that follows the changes made elsewhere: it reloads each time it is
shown (a hidden page does not follow every change) and, while it shows, after a change of one of
the topics it follows (``services.store.events``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, SignalInstance
from PySide6.QtWidgets import QDialog, QLineEdit, QTableView, QWidget

from ...services.store.context import AppContext
from .table_model import RowsModel, select_row
from .widgets import Text, Texts, note_label, titled

D = TypeVar("D", bound=QDialog)


class ListPage(QWidget):
    follows: frozenset[str] | None = None  # the topics that reload it; None: every change
    reload: Callable[[], None]  # the page's own: reads its records again
    table: QTableView  # the list, showing ``model``
    model: RowsModel
    texts: Texts
    _update_status: Callable[[], None]  # the line over the list: how many, what stands out
    dialog: Any = None  # the last dialog the page opened (tests reach it here)

    def selected(self) -> Any:
        """The record of the selected row, if any."""
        chosen = self.table.selectionModel()
        rows = chosen.selectedRows() if chosen else []
        return self.model.row_at(rows[0]) if rows else None

    def show_rows(self, rows: Sequence[Any]) -> None:
        """The records read again: the one selected before stays selected (by its id) if it is
        still listed, else the first row is."""
        was = self.selected()
        self.model.set_rows(rows)
        if rows:
            select_row(self.table, next((i for i, r in enumerate(rows) if was and r.id == was.id), 0))

    def on_change(self, topic: str, _payload: object) -> None:
        if (self.follows is None or topic in self.follows) and self.isVisible():
            self.reload()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = Texts()

    def page_title(self, title: Text, note: Text) -> None:
        """The page's heading (``self.title``) and the note under it (``self.note``)."""
        self.title = titled(self.texts, title, size=18)
        self.note = note_label(self.texts, note)

    def open_dialog(self, dialog: D, done: SignalInstance, then: Callable) -> D:
        """``dialog`` opened over the page (window-modal, the page goes on), ``then`` following
        its ``done`` signal (a record saved)."""
        self.dialog = dialog
        done.connect(then)
        dialog.open()
        return dialog

    def retranslate(self) -> None:
        """The page in the language just chosen: its texts, its columns, its status line, and
        the dialog it shows."""
        self.texts.retranslate()
        self.model.retranslate()
        self._update_status()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.retranslate()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.shown()

    def shown(self) -> None:
        """Each time the page is shown: its records again (it may have missed changes)."""
        self.reload()


class _TypeToSearch(QObject):
    def __init__(self, table: QTableView, search: QLineEdit):
        super().__init__(table)
        self.search = search

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or event.modifiers() & ~(
                Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier):
            return False
        text = event.text()
        if not text or not text.isprintable() or text.isspace():
            return False
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.insert(text)
        return True


def type_to_search(table: QTableView, search: QLineEdit) -> None:
    """A letter or digit typed on the list goes on in the page's search box (a list that opens
    with the focus on itself, Enter opening its row); the arrows, Enter and Space stay the list's."""
    table.installEventFilter(_TypeToSearch(table, search))


def after_typing(owner: QWidget, editor: QLineEdit, delay_ms: int, action: Callable[[], object]) -> QTimer:
    """``action`` once the user has paused typing in ``editor`` for ``delay_ms`` (a search as
    you type, not a query per key).  Returns the timer: stop it when acting sooner."""
    timer = QTimer(owner)
    timer.setSingleShot(True)
    timer.setInterval(delay_ms)
    timer.timeout.connect(action)
    editor.textChanged.connect(lambda _text: timer.start())
    return timer
