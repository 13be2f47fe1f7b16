"""One small table model for every list in the GUI: rows of plain service data, columns by function.

Each cell's text is formatted once, when the rows arrive (``set_rows``) or the language changes
(``retranslate``), never in ``data()``: a table repaints often (every scroll, hover and resize
asks for every visible cell again), and phones, Hijri dates and digits cost far more than a
frame when formatted on every paint.  ``format_rows`` is plain Python (no Qt), so a view may call
it on a worker thread and hand the result to ``set_rows``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from ..i18n import current_language
from .fmt import para
from .widgets import Text, tr

# Roles as plain ints: the view asks seven roles of every cell on every paint, and comparing
# Qt's enum members costs more than the answer.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_DECORATION = Qt.ItemDataRole.DecorationRole.value


@dataclass(frozen=True)
class Column:
    header: Text
    text: Callable[[object], str]
    foreground: Callable[[object], object] | None = None
    icon: Callable[[object], object] | None = None


@dataclass(frozen=True)
class Formatted:
    """The texts of some rows, cell by cell, in the language they were formatted in."""

    rows: list
    texts: list[tuple[str, ...]]
    language: str


def format_rows(columns: Sequence[Column], rows: Sequence) -> Formatted:
    """Every cell's display text (no Qt: safe on a worker thread)."""
    rows = list(rows)
    texts = [tuple(para(column.text(row)) for column in columns) for row in rows]
    return Formatted(rows, texts, current_language())


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list = []
        self.texts: list[tuple[str, ...]] = []

    def format_rows(self, rows: Sequence) -> Formatted:
        return format_rows(self.columns, rows)

    def set_rows(self, rows: Sequence | Formatted) -> None:
        """Show these rows; given as ``Formatted`` (see ``format_rows``) they are not formatted
        again, unless the language changed since."""
        formatted = rows if isinstance(rows, Formatted) else self.format_rows(rows)
        if formatted.language != current_language():
            formatted = self.format_rows(formatted.rows)
        self.beginResetModel()
        self.rows, self.texts = formatted.rows, formatted.texts
        self.endResetModel()

    def row_at(self, index: QModelIndex | int):
        row = index.row() if isinstance(index, QModelIndex) else index
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def text_at(self, row: int, column: int) -> str:
        """The text shown in a cell (as formatted when the rows arrived)."""
        return self.texts[row][column]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008,N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008,N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        role = getattr(role, "value", role)  # an int from the view, an enum member from Python
        if role == _DISPLAY or role == _TOOLTIP:
            return self.texts[index.row()][index.column()] if index.isValid() else None
        if role == _FOREGROUND or role == _DECORATION:
            if not index.isValid():
                return None
            column = self.columns[index.column()]
            make = column.foreground if role == _FOREGROUND else column.icon
            return make(self.rows[index.row()]) if make else None
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return tr(self.columns[section].header)
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))
        self.texts = self.format_rows(self.rows).texts
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))


MIN_COLUMN = 48  # px; Qt's default minimum follows the font's widest glyph: too wide for short columns


def record_table(model, name: str = ""):
    """A read-only table of records: whole rows selected, one at a time, columns fitted to
    their content, the last one stretched, Tab leaving the table (keyboard users)."""
    view = QTableView()
    if name:
        view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setMinimumSectionSize(MIN_COLUMN)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    return view
