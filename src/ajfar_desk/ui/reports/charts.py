"""A small grouped bar chart painted with QPainter: Qt shapes the Arabic labels, the widget
mirrors itself in a right-to-left layout, numbers come formatted by the caller (profile digits)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

COLORS = (QColor("#1f6f8b"), QColor("#c9a227"), QColor("#7a9e3f"), QColor("#b5523b"))


def label_lines(labels: Sequence[str], fm: QFontMetrics, width: int, lines: int = 2) -> list[list[str]]:
    """Each category's label as at most ``lines`` lines of ``width`` pixels, told apart.

    Words are wrapped; a label still too long loses the leading words every label shares (four
    programs named «البرامج المجتمعية للأسر», «… للأيتام», … differ only at their end), then is
    elided in the middle of its last line, so what tells the labels apart stays on screen."""
    def wrap(words: list[str]) -> list[str]:
        out: list[str] = []
        for word in words:
            if out and fm.horizontalAdvance(out[-1] + " " + word) <= width:
                out[-1] += " " + word
            else:
                out.append(word)
        return out

    def fits(shown: list[str]) -> bool:
        return len(shown) <= lines and all(fm.horizontalAdvance(t) <= width for t in shown)

    split = [label.split() for label in labels]
    if all(fits(wrap(words)) for words in split):
        return [wrap(words) for words in split]
    common = 0  # leading words every label shares (one label keeps at least its last word)
    while len(split) > 1 and all(len(w) > common + 1 and w[common] == split[0][common] for w in split):
        common += 1
    result = []
    for words in split:
        shown = wrap(words[common:])
        if not fits(shown):  # the first lines as wrapped, the rest elided in its middle
            rest = " ".join(shown[lines - 1:])
            shown = [fm.elidedText(t, Qt.TextElideMode.ElideMiddle, width) for t in shown[:lines - 1]]
            shown.append(fm.elidedText(rest, Qt.TextElideMode.ElideMiddle, width))
        result.append(shown)
    return result


def label_rows(labels: Sequence[str], fm: QFontMetrics, width: int) -> tuple[int, list[list[str]]]:
    """Two lines for the labels, or three when two would cut one («التدريب…تأهيلية», trial 10)."""
    two = label_lines(labels, fm, width, 2)
    if not any("…" in text for lines in two for text in lines):
        return 2, two
    return 3, label_lines(labels, fm, width, 3)


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
        self._label_rects: list[tuple[QRectF, str]] = []
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, title: str, categories: Sequence[str], series: Sequence[Series],
                 fmt: Callable[[float], str], maximum: float | None = None, empty_text: str = "") -> None:
        self.title, self.categories, self.series = title, list(categories), list(series)
        self.format, self.maximum, self.empty_text = fmt, maximum, empty_text
        self.update()

    def has_data(self) -> bool:
        return any(v for s in self.series for v in s.values)

    def event(self, e) -> bool:  # noqa: D102 - the full category name under the pointer
        if e.type() == QEvent.Type.ToolTip:
            name = next((text for rect, text in self._label_rects if rect.contains(e.pos())), "")
            if name:
                QToolTip.showText(e.globalPos(), name, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(e)

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
        axis_w = 8
        n = max(len(self.categories), 1)
        slot = (w - 2 * (axis_w + 8)) / n
        rows, shown = label_rows(self.categories, fm, max(int(slot) - 4, 8))
        bottom = h - line * rows - 10
        plot = QRectF(axis_w + 8, top, w - 2 * (axis_w + 8), max(bottom - top, 10))
        p.setPen(QPen(self.palette().mid().color(), 1))
        p.drawLine(plot.bottomLeft(), plot.bottomRight())
        if not self.has_data():
            p.setPen(self.palette().placeholderText().color())
            p.drawText(plot, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            return
        values = [v for s in self.series for v in s.values if v is not None]
        top_value = self.maximum or max(values) or 1
        bar_w = min(42.0, slot * 0.8 / max(len(self.series), 1))
        self._label_rects = []
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
            label_rect = QRectF(plot.left() + index * slot, plot.bottom() + 4, slot, line * rows + 4)
            self._label_rects.append((QRectF(plot.left() + index * slot, plot.top(), slot, h - plot.top()), label))
            p.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "\n".join(shown[c]))
