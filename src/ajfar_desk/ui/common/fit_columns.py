"""A record list whose columns all read within the view's width, never scrolled sideways.

Each column is as wide as its widest text, or its title, plus a gap (titles read apart); the
``stretch`` column (a name, the details) takes what width is left.  When the texts are wider
than the view (a four-part name, a long audit detail on a 1280-px laptop), the stretched column
gives way first, down to a sixth of the width, then the widest of the others, down to their
title's width: their long cells are elided on one line, and the cell's tooltip holds its whole
text (``RowsModel`` gives every cell's text as its tooltip).
A column may name the texts it is kept wide enough for even while its cells are empty
(``least``: the day list's ID number, mobile and employee on a day with no booking yet), so an
empty list does not hand their width to the stretched column.
The widths follow the view's size, its rows and the language."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

GAP_TEXT = "MM"  # the room between two columns' titles, in the header's font
CELL_GAP_TEXT = "M"  # and after a cell's text (the cell has its own margins)
LEAST_SHARE = 6  # the stretched column keeps a sixth of the width at least, or what it needs
Least = Callable[[], Iterable[str]]  # the texts a column is kept wide enough for, even empty


def shares(wanted: Sequence[int], floors: Sequence[int], width: int) -> list[int]:
    """The widths that fit ``width``: each column its ``wanted`` width when all fit, else the
    widest cut down to one common cap (never below its ``floor``).  Plain arithmetic: the
    caller gives the rest to the stretched column.

    >>> shares([100, 300, 50], [40, 40, 40], 300)
    [100, 150, 50]
    """
    if sum(wanted) <= width:
        return list(wanted)
    low, high = 0, max(wanted)
    while low < high:  # the largest cap under which the columns still fit
        cap = (low + high + 1) // 2
        if sum(max(floor, min(want, cap)) for want, floor in zip(wanted, floors, strict=True)) <= width:
            low = cap
        else:
            high = cap - 1
    return [max(floor, min(want, low)) for want, floor in zip(wanted, floors, strict=True)]


class FitColumns(QObject):
    """Keeps ``view``'s columns within its width (see the module); made by ``fit_columns``."""

    def __init__(self, view: QTableView, stretch: int, least: Mapping[int, Least] | None = None):
        super().__init__(view)
        self.view, self.stretch, self.least = view, stretch, dict(least or {})
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)  # the text's end, in either direction
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.timer = QTimer(self)  # one fit after a burst of changes (rows, titles, size)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (model.modelReset, model.layoutChanged, model.dataChanged,
                       model.headerDataChanged, model.rowsInserted):
            signal.connect(self.timer.start)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        view, header = self.view, self.view.horizontalHeader()
        model = view.model()
        count = model.columnCount()
        if count == 0:
            return
        metrics = header.fontMetrics()
        gap = metrics.horizontalAdvance(GAP_TEXT)
        cell_gap = view.fontMetrics().horizontalAdvance(CELL_GAP_TEXT)
        floors, wanted = [], []
        for column in range(count):
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            floor = max(header.sectionSizeFromContents(column).width(),
                        metrics.horizontalAdvance(title) + gap, header.minimumSectionSize())
            floors.append(floor)
            wanted.append(max(floor, view.sizeHintForColumn(column) + cell_gap, self._least(column) + cell_gap))
        width, stretch = view.viewport().width(), self.stretch
        # the stretched column gives way first (its long cells elided, whole in the tooltip),
        # down to a sixth of the width; then the others share what is left, widest first
        least = max(floors[stretch], min(wanted[stretch], width // LEAST_SHARE))
        others = [c for c in range(count) if c != stretch]
        given = shares([wanted[c] for c in others], [floors[c] for c in others], max(0, width - least))
        widths = dict(zip(others, given, strict=True))
        widths[stretch] = max(least, width - sum(given))
        for column, size in widths.items():
            if header.sectionSize(column) != size:
                header.resizeSection(column, size)

    def _least(self, column: int) -> int:
        """The width of the widest text ``column`` is kept for (0 when it names none); read
        at each fit, so it follows the language and the profile's digits."""
        texts = self.least.get(column)
        advance = self.view.fontMetrics().horizontalAdvance
        return max((advance(text) for text in texts()), default=0) if texts else 0


def fit_columns(view: QTableView, stretch: int, least: Mapping[int, Least] | None = None) -> FitColumns:
    """``view``'s columns kept within its width, ``stretch`` taking the rest; a column of
    ``least`` wide enough for its texts even when empty (module)."""
    fitter = FitColumns(view, stretch, least)
    fitter.fit()
    return fitter
