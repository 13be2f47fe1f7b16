"""The request page's tabs as tall as the tab shown needs, and never shorter than a floor.

The tabs had a fixed minimum height (six documents readable at once).  A fixed minimum wins over
what the pages need, so the eligibility tab of a program with confirmations (its lines, three
boxes and the exception's reason: some 420 pixels) was squeezed into 300: at 1366×768 its boxes
were nine pixels tall, below the visible part of the page and unreadable once scrolled to.
Here the minimum follows the tab shown (the page scrolls to the rest of it), so the documents
tab stays as it was and the eligibility tab is whole."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStyle, QTabWidget


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
