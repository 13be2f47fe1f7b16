"""The request page's tabs as tall as the tab shown needs, and never shorter than a floor.

The tabs had a fixed minimum height (six documents readable at once).  A fixed minimum wins over
what the pages need, so the eligibility tab of a program with confirmations (its lines, three
boxes and the exception's reason: some 420 pixels) was squeezed into 300: at 1366×768 its boxes
were nine pixels tall, below the visible part of the page and unreadable once scrolled to.
Here the minimum follows the tab shown (the page scrolls to the rest of it), so the documents
tab stays as it was and the eligibility tab is whole."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QListWidget, QScrollArea, QStyle, QTabWidget


class TabHeight(QObject):
    """Call ``fit()`` when the shown tab's content changed (a tab change fits by itself)."""

    def __init__(self, tabs: QTabWidget, floor: int):
        super().__init__(tabs)
        self.tabs, self.floor = tabs, floor
        tabs.currentChanged.connect(lambda _index: self.fit())
        self.fit()

    def fit(self) -> None:
        page = self.tabs.currentWidget()
        need = page.minimumSizeHint().height() if page is not None else 0
        frame = self.tabs.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, None, self.tabs)
        chrome = self.tabs.tabBar().sizeHint().height() + 2 * frame + 2
        self.tabs.setMinimumHeight(max(self.floor, need + chrome))


class LinesInView(QObject):
    """Keeps the first lines of ``items`` (a list on the first tab) seen in the scrolled
    ``area`` while ``wanted()`` says so, scrolling no further than that needs: when the page is
    shown and whenever the area's viewport changes height (an error line shown below it).
    Trial 12 (shots 45, 58): at 1366×768 an old request opened on half a line of its required
    documents, and an error line pushed them down to two of three."""

    LINES = 3

    def __init__(self, area: QScrollArea, tabs: QTabWidget, items: QListWidget,
                 wanted: Callable[[], bool]):
        super().__init__(area)
        self.area, self.tabs, self.items, self.wanted = area, tabs, items, wanted
        area.viewport().installEventFilter(self)

    def show_lines(self) -> None:
        content = self.area.widget()
        if content is None or not self.wanted() or self.tabs.currentIndex() != 0:
            return
        rows = min(self.LINES, max(self.items.count(), 1))
        row = max(self.items.sizeHintForRow(0), self.items.fontMetrics().height())
        inner = self.items.viewport()
        top = inner.mapTo(content, inner.rect().topLeft()).y()
        last = self.items.item(rows - 1)  # its own height: a line may wrap, an icon is taller
        seen = self.items.visualItemRect(last).bottom() + 1 if last is not None else rows * row
        bottom = top + max(seen, rows * row) + self.items.frameWidth()
        tab_top = self.tabs.mapTo(content, self.tabs.rect().topLeft()).y()
        bar, height = self.area.verticalScrollBar(), self.area.viewport().height()
        value = bar.value()
        if bottom > value + height:
            value = bottom - height + 2
        if tab_top < value and bottom - tab_top <= height:  # the tab bar too, when it fits
            value = tab_top
        bar.setValue(value)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Resize and watched is self.area.viewport():
            focused = QApplication.focusWidget()
            content = self.area.widget()
            if focused is None or content is None or not content.isAncestorOf(focused) \
                    or self.tabs.isAncestorOf(focused):
                QTimer.singleShot(0, self.show_lines)  # once the content is laid out again
        return False
