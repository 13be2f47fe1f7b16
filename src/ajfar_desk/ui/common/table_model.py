"""One small table model for every list in the GUI: rows of plain service data, columns by function.

Each cell's text is formatted once, when the rows arrive (``set_rows``) or the language changes
(``retranslate``), never in ``data()``: a table repaints often (every scroll, hover and resize
asks for every visible cell again), and phones, Hijri dates and digits cost far more than a
frame when formatted on every paint.  ``format_rows`` is plain Python (no Qt), so a view may call
it on a worker thread and hand the result to ``set_rows``."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView

from ...i18n import current_language
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
    # a row is any plain service data (each table its own frozen view)
    text: Callable[[Any], str]
    foreground: Callable[[Any], object] | None = None
    icon: Callable[[Any], object] | None = None


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

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008,N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008,N802 - Qt API
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
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


# A row's state in colour (a study written or still waiting, a request late).
DONE_COLOR, PENDING_COLOR, LATE_COLOR = QColor("#1b5e20"), QColor("#6d6d6d"), QColor("#b00020")
MIN_COLUMN = 48  # px; Qt's default minimum follows the font's widest glyph: too wide for short columns


class ColumnFitter:
    """Text columns (no icons) as wide as their widest text, as ``ResizeToContents`` makes them, but
    measured from the texts formatted when the rows arrived, each distinct text once (a search
    as you type shows the same people, cities and dates again and again).  Qt's own pass asks
    every cell for eight roles and lays its text out again on every change of rows."""

    CACHE_LIMIT = 20_000

    def __init__(self, view: QTableView, model: RowsModel, columns: Sequence[int]):
        self.view, self.model, self.columns = view, model, list(columns)
        header = view.horizontalHeader()
        for column in self.columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.widths: dict[str, int] = {}
        self.font_key = ""
        self.metrics = QFontMetricsF(view.font())

    def text_width(self, text: str) -> int:
        width = self.widths.get(text)
        if width is None:
            if len(self.widths) >= self.CACHE_LIMIT:
                self.widths.clear()
            width = self.widths[text] = math.ceil(self.metrics.horizontalAdvance(text)) if text else 0
        return width

    def fit(self) -> None:
        view, header = self.view, self.view.horizontalHeader()
        font_key = view.font().key()
        if font_key != self.font_key:  # a new font (or size): every width measured again
            self.font_key, self.widths = font_key, {}
            self.metrics = QFontMetricsF(view.font())
        # QCommonStyle's item size: the text and a margin each side; QTableView adds the grid.
        margin = 2 * (view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1)
        grid = 1 if view.showGrid() else 0
        texts = self.model.texts
        for column in self.columns:
            widest = max((self.text_width(row[column]) for row in texts), default=-1)
            content = widest + margin + grid if widest >= 0 else 0
            size = max(content, header.sectionSizeFromContents(column).width(), header.minimumSectionSize())
            if header.sectionSize(column) != size:
                header.resizeSection(column, min(size, header.maximumSectionSize()))


class RowsView(QTableView):
    """A table of whole rows: Home and End go to the first and last row (a row is what is
    chosen; Qt's Home/End moved across its columns, so End «did nothing» — trial 13)."""

    def moveCursor(self, cursorAction, modifiers):  # noqa: N802, N803 - Qt API
        if cursorAction in (QAbstractItemView.CursorAction.MoveHome, QAbstractItemView.CursorAction.MoveEnd):
            modifiers |= Qt.KeyboardModifier.ControlModifier
        return super().moveCursor(cursorAction, modifiers)


def _read_only_rows(model) -> tuple[QTableView, QHeaderView]:
    """A read-only table: whole rows selected, one at a time, no row numbers, columns fitted to
    their content; Tab leaves the table for its buttons (arrows move inside).  Returns the
    view and its column header."""
    view = RowsView()
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
    return view, header


def record_table(model, name: str = ""):
    """A read-only table of records (``_read_only_rows``), the last column stretched."""
    view, header = _read_only_rows(model)
    if name:
        view.setObjectName(name)
    header.setStretchLastSection(True)
    return view


def rows_table(model: RowsModel, *stretch: int) -> QTableView:
    """A read-only table of whole rows (``_read_only_rows``); the ``stretch`` columns share the
    free width (long texts are elided there, their full text is in the tooltip)."""
    view, header = _read_only_rows(model)
    view.setWordWrap(False)
    for column in stretch or (1,):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view


def select_row(table: QTableView, row: int) -> None:
    """Select a whole row. (QTableView.selectRow picks the column under the view's leading edge,
    which in a right-to-left view not yet laid out is no column at all.)"""
    table.setCurrentIndex(table.model().index(row, 0))


def select_first(table: QTableView, rows: Sequence[Any], found: Callable[[Any], bool]) -> None:
    """Select the first of the table's ``rows`` that ``found`` picks (a record just saved), if
    it is listed."""
    row = next((i for i, r in enumerate(rows) if found(r)), None)
    if row is not None:
        select_row(table, row)


def wrapped_columns(table: QTableView, widths: Mapping[int, int], stretch: Iterable[int]) -> None:
    """A record list whose long texts wrap: rows grow to their text, the ``widths`` columns keep
    their width (the user may drag them) and the ``stretch`` columns share the rest."""
    table.setWordWrap(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
