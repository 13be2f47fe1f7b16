"""A small grouped bar chart painted with QPainter: Qt shapes the Arabic labels, the widget
mirrors itself in a right-to-left layout, numbers come formatted by the caller (profile digits)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

COLORS = (QColor("#1f6f8b"), QColor("#c9a227"), QColor("#7a9e3f"), QColor("#b5523b"))


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]


class BarChart(QWidget):
    """Categories along the bottom (right to left in Arabic), one bar per series in each."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.maximum: float | None = None  # fixed top of the scale (100 for a percent)
        self.format: Callable[[float], str] = lambda v: f"{v:g}"
        self.empty_text = ""
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, categories: Sequence[str], series: Sequence[Series],
                 fmt: Callable[[float], str], maximum: float | None = None, empty_text: str = "") -> None:
        self.title, self.categories, self.series = title, list(categories), list(series)
        self.format, self.maximum, self.empty_text = fmt, maximum, empty_text
        self.update()

    def has_data(self) -> bool:
        return any(v for s in self.series for v in s.values)

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt API
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        fm = QFontMetrics(self.font())
        line = fm.height()
        w, h = self.width(), self.height()
        p.fillRect(self.rect(), self.palette().base())
        p.setPen(self.palette().text().color())
        title_rect = QRectF(8, 4, w - 16, line + 4)
        p.drawText(title_rect, Qt.AlignmentFlag.AlignCenter, self.title)
        legend_y = 8 + line
        x = 8.0
        for i, s in enumerate(self.series if len(self.series) > 1 else []):
            box = fm.horizontalAdvance(s.name) + 26
            left = w - x - box if rtl else x
            p.fillRect(QRectF(left + (box - 14 if rtl else 0), legend_y + 3, 12, line - 6), COLORS[i % 4])
            text_rect = QRectF(left + (0 if rtl else 18), legend_y, box - 18, line)
            p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, s.name)
            x += box + 12
        top = legend_y + (line + 6 if len(self.series) > 1 else 4) + line  # room for bar values
        bottom = h - line * 2 - 10
        axis_w = 8
        plot = QRectF(axis_w + 8, top, w - 2 * (axis_w + 8), max(bottom - top, 10))
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.has_data():
            p.setPen(self.palette().placeholderText().color())
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        values = [v for s in self.series for v in s.values if v is not None]
        top_value = self.maximum or max(values) or 1
        n = max(len(self.categories), 1)
        slot = plot.width() / n
        bar_w = min(42.0, slot * 0.8 / max(len(self.series), 1))
        for c, label in enumerate(self.categories):
            index = n - 1 - c if rtl else c
            x0 = plot.left() + index * slot + (slot - bar_w * len(self.series)) / 2
            for k, s in enumerate(self.series):
                value = s.values[c] if c < len(s.values) else None
                if value is None:
                    continue
                height = plot.height() * value / top_value
                kk = len(self.series) - 1 - k if rtl else k
                bar = QRectF(x0 + kk * bar_w, plot.bottom() - height, bar_w - 2, height)
                p.fillRect(bar, COLORS[k % 4])
                p.setPen(self.palette().text().color())
                p.drawText(QRectF(bar.left() - 20, bar.top() - line, bar.width() + 40, line),
                           Qt.AlignmentFlag.AlignCenter, self.format(value))
            p.setPen(self.palette().text().color())
            text = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(slot * 2) - 4)
            label_rect = QRectF(plot.left() + index * slot, plot.bottom() + 4, slot, line * 2 + 4)
            p.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, text)
