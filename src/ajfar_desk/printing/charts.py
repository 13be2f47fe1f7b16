"""Charts for printed reports: ReportLab graphics for the bars and lines, our own text layout for
every word and number on them.

ReportLab's ``String`` neither shapes Arabic nor knows the association's digits, so the charts'
own labels are switched off and each label (categories, axis numbers, values, legend) is drawn
with :mod:`textlayout` at a position computed from the chart's geometry.  In Arabic the category
axis runs right to left (first category on the right), the value axis sits on the right and
horizontal bars grow leftwards from it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.colors import Color, HexColor

from .fonts import BOLD, REGULAR
from .page import ACCENT, INK, RULE, Composer
from .textlayout import draw_line, layout_line, wrap

CURRENT = ACCENT
PREVIOUS = HexColor("#9cb8cf")
GRID = HexColor("#d5dee6")
MUTED = Color(0.35, 0.35, 0.35)
LABEL_SIZE = 8.0
VALUE_SIZE = 7.5
LEGEND_HEIGHT = 18.0
EMPTY_HEIGHT = 46.0

Fmt = Callable[[float], str]


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    color: Color = CURRENT


def nice_scale(top: float, integers: bool = True, ticks: int = 4) -> tuple[float, float]:
    """A round axis maximum and step covering ``top`` in about ``ticks`` steps."""
    if top <= 0:
        return (float(ticks), 1.0) if integers else (1.0, 0.25)
    raw = top / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    if integers:
        step = max(1.0, float(math.ceil(step)))
    return math.ceil(top / step - 1e-9) * step, step


def has_data(series: Sequence[Series]) -> bool:
    return any(v for s in series for v in s.values if v is not None)


def _text(
    c: Composer,
    text: str,
    x: float,
    y: float,
    size: float,
    align: str,
    color: Color = INK,
    bold: bool = False,
) -> None:
    """One line at ``x``: its left edge ("left"), right edge ("right") or centre ("center")."""
    line = layout_line(text, size, BOLD if bold else REGULAR, c.rtl)
    if align == "center":
        x -= line.width / 2
    elif align == "right":
        x -= line.width
    c.canvas.setFillColor(color)
    draw_line(c.canvas, line, x, y)


def _centred_lines(
    c: Composer, text: str, cx: float, top: float, width: float, max_lines: int = 3
) -> None:
    lines = wrap(text, width, LABEL_SIZE, REGULAR, c.rtl)[:max_lines]
    c.canvas.setFillColor(INK)
    y = top - LABEL_SIZE
    for line in lines:
        draw_line(c.canvas, line, cx - line.width / 2, y)
        y -= LABEL_SIZE * 1.35


def empty_note(c: Composer, note: str) -> None:
    """A framed "no data" note where a chart would have been."""
    c.need(EMPTY_HEIGHT + 8)
    canvas = c.canvas
    canvas.setStrokeColor(RULE)
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.6)
    canvas.rect(c.left, c.y - EMPTY_HEIGHT, c.content_width, EMPTY_HEIGHT, stroke=1, fill=0)
    canvas.setDash()
    _text(c, note, c.left + c.content_width / 2, c.y - EMPTY_HEIGHT / 2 - 3, 10, "center", MUTED)
    c.y -= EMPTY_HEIGHT + 8


def legend(c: Composer, series: Sequence[Series], y: float) -> None:
    """Swatches and names in reading order from the start side."""
    canvas = c.canvas
    x = c.right if c.rtl else c.left
    for s in series:
        line = layout_line(s.name, LABEL_SIZE + 0.5, REGULAR, c.rtl)
        canvas.setFillColor(s.color)
        box = x - 9 if c.rtl else x
        canvas.rect(box, y, 9, 9, stroke=0, fill=1)
        canvas.setFillColor(INK)
        text_x = box - 4 - line.width if c.rtl else box + 13
        draw_line(canvas, line, text_x, y + 1)
        x = text_x - 16 if c.rtl else text_x + line.width + 16


def _value_axis_labels(
    c: Composer,
    vmax: float,
    step: float,
    fmt: Fmt,
    at: Callable[[float], tuple[float, float]],
    align: str,
) -> None:
    value = 0.0
    while value <= vmax + 1e-9:
        x, y = at(value)
        _text(c, fmt(value), x, y, LABEL_SIZE, align, MUTED)
        value += step


AXIS_WIDTH = 26.0  # the value axis of a vertical chart: its labels' room


def _beside_value_axis(chart, c: Composer, label_h: float, height: float):
    """A vertical chart's plot area: beside the value axis (on the start side: the right in
    Arabic), above ``label_h`` of category labels, ``height`` high."""
    chart.x = 0 if c.rtl else AXIS_WIDTH
    chart.y = label_h
    chart.width = c.content_width - AXIS_WIDTH
    chart.height = height
    return chart


def _vertical_axis_labels(c: Composer, chart, ox: float, oy: float, axis_w: float, vmax: float,
                          step: float, fmt: Fmt) -> None:
    """The value axis of a chart drawn upwards: on the right in Arabic, on the left in English."""
    axis_x = ox + chart.width + 4 if c.rtl else ox + axis_w - 4
    _value_axis_labels(c, vmax, step, fmt, lambda v: (axis_x, oy + chart.valueAxis.scale(v) - 3),
                       "left" if c.rtl else "right")


def column_chart(
    c: Composer,
    categories: Sequence[str],
    series: Sequence[Series],
    fmt: Fmt,
    *,
    height: float = 190.0,
    integers: bool = True,
    note: str = "",
) -> None:
    """Grouped vertical bars, one group per category, a legend above, value over each bar."""
    if not categories or not has_data(series):
        empty_note(c, note)
        return
    c.need(height + 6)
    top = c.y
    legend(c, series, top - 12)
    vmax, step = nice_scale(max(v or 0 for s in series for v in s.values), integers)
    axis_w = AXIS_WIDTH
    label_h = LABEL_SIZE * 1.35 * 3 + 4
    chart = _beside_value_axis(VerticalBarChart(), c, label_h, height - LEGEND_HEIGHT - label_h - 12)
    ordered = list(series)[::-1] if c.rtl else list(series)  # the first series on the start side
    chart.data = [[v or 0 for v in s.values] for s in ordered]
    for i, s in enumerate(ordered):
        chart.bars[i].fillColor = s.color
        chart.bars[i].strokeColor = None
    chart.groupSpacing = max(6.0, chart.width / len(categories) * 0.25)
    chart.barSpacing = 1
    ox, oy, slot = _draw_over_categories(c, chart, len(categories), vmax, step, height)
    for i, name in enumerate(categories):
        start = chart.categoryAxis.scale(i)
        cx = ox + start[0] + start[1] / 2 if isinstance(start, tuple) else ox + start + slot / 2
        _centred_lines(c, name, cx, oy + label_h - 3, slot - 4)
    for row, s in zip(chart._barPositions, ordered, strict=True):
        for (x, y, w, h), value in zip(row, s.values, strict=True):
            if value is not None:
                _text(c, fmt(value), ox + x + w / 2, oy + y + max(h, 0) + 2.5, VALUE_SIZE, "center")
    _vertical_axis_labels(c, chart, ox, oy, axis_w, vmax, step, fmt)
    c.y -= height + 6


def bar_chart(
    c: Composer,
    categories: Sequence[str],
    series: Sequence[Series],
    fmt: Fmt,
    *,
    integers: bool = True,
    note: str = "",
    bar_height: float = 9.0,
) -> None:
    """Horizontal bars, first category at the top, labels on the start side; in Arabic the
    bars grow from right to left."""
    if not categories or not has_data(series):
        empty_note(c, note)
        return
    label_w = c.content_width * 0.28
    plot_h = (bar_height * len(series) + 10) * len(categories)
    axis_h = 16.0
    height = bar_chart_height(len(categories), len(series), bar_height)
    c.need(height + 6)
    legend(c, series, c.y - 12)
    vmax, step = nice_scale(max(v or 0 for s in series for v in s.values), integers)
    chart = HorizontalBarChart()
    room = 22.0  # for the value printed beyond the longest bar
    chart.x = room if c.rtl else label_w
    chart.y = axis_h
    chart.width = c.content_width - label_w - room
    chart.height = plot_h
    ordered = list(series)[::-1]  # reversed category axis: the first series ends up on top
    chart.data = [[v or 0 for v in s.values] for s in ordered]
    for i, s in enumerate(ordered):
        chart.bars[i].fillColor = s.color
        chart.bars[i].strokeColor = None
    chart.groupSpacing = 10
    chart.barSpacing = 0
    chart.categoryAxis.categoryNames = [str(i) for i in range(len(categories))]
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.visibleLabels = 0
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.strokeColor = INK
    if c.rtl:
        chart.categoryAxis.joinAxisMode = "right"
    _value_axis(chart.valueAxis, vmax, step)
    chart.valueAxis.reverseDirection = 1 if c.rtl else 0
    drawing = Drawing(c.content_width, height - LEGEND_HEIGHT, initialFontName=REGULAR)
    drawing.add(chart)
    chart.draw()
    ox, oy = c.left, c.y - height
    renderPDF.draw(drawing, c.canvas, ox, oy)
    if c.rtl:  # the baseline the bars grow from, on the right
        c.canvas.setStrokeColor(INK)
        c.canvas.setLineWidth(1)
        c.canvas.line(
            ox + chart.x + chart.width,
            oy + chart.y,
            ox + chart.x + chart.width,
            oy + chart.y + plot_h,
        )
    slot = plot_h / len(categories)
    for i, name in enumerate(categories):
        cy = oy + chart.y + plot_h - (i + 0.5) * slot
        lines = wrap(name, label_w - 14, LABEL_SIZE, REGULAR, c.rtl)[:2]
        y = cy + (len(lines) * LABEL_SIZE * 1.3) / 2 - LABEL_SIZE
        for line in lines:
            x = c.right - line.width if c.rtl else ox + label_w - 6 - line.width
            c.canvas.setFillColor(INK)
            draw_line(c.canvas, line, x, y)
            y -= LABEL_SIZE * 1.3
    for row, s in zip(chart._barPositions, ordered, strict=True):
        for (x, y, w, h), value in zip(row, s.values, strict=True):
            if value is None:
                continue
            left, right = min(x, x + w), max(x, x + w)  # reversed axis: negative widths
            if c.rtl:
                _text(c, fmt(value), ox + left - 3, oy + y + h / 2 - 2.5, VALUE_SIZE, "right")
            else:
                _text(c, fmt(value), ox + right + 3, oy + y + h / 2 - 2.5, VALUE_SIZE, "left")
    _value_axis_labels(
        c,
        vmax,
        step,
        fmt,
        lambda v: (ox + chart.valueAxis.scale(v), oy + chart.y - LABEL_SIZE - 3),
        "center",
    )
    c.y -= height + 6


def bar_chart_height(categories: int, series: int, bar_height: float = 9.0) -> float:
    """The height :func:`bar_chart` takes (legend, bars and axis numbers)."""
    if not categories:
        return EMPTY_HEIGHT + 8
    return LEGEND_HEIGHT + (bar_height * series + 10) * categories + 16 + 6


def line_chart(
    c: Composer,
    categories: Sequence[str],
    values: Sequence[float | None],
    fmt: Fmt,
    axis_fmt: Fmt,
    *,
    vmax: float = 100.0,
    step: float = 20.0,
    height: float = 170.0,
    note: str = "",
    color: Color = CURRENT,
) -> None:
    """A line over the categories on a fixed 0..vmax axis; a category without a value breaks
    the line (no line is drawn across a month with no answers)."""
    if not categories or all(v is None for v in values):
        empty_note(c, note)
        return
    c.need(height + 6)
    axis_w = AXIS_WIDTH
    label_h = LABEL_SIZE * 1.35 * 2 + 4
    chart = _beside_value_axis(HorizontalLineChart(), c, label_h, height - label_h - 14)
    runs: list[list[float | None]] = []  # one series per unbroken run of values
    for i, v in enumerate(values):
        if v is None:
            continue
        if not runs or values[i - 1] is None:
            runs.append([None] * len(values))
        runs[-1][i] = v
    chart.data = runs
    for i in range(len(runs)):
        chart.lines[i].strokeColor = color
        chart.lines[i].strokeWidth = 1.8
        chart.lines[i].symbol = makeMarker(
            "FilledCircle", size=5, fillColor=color, strokeColor=color
        )
    chart.joinedLines = 1
    ox, oy, slot = _draw_over_categories(c, chart, len(categories), vmax, step, height)
    for i, name in enumerate(categories):
        start = chart.categoryAxis.scale(i)
        x0 = start[0] if isinstance(start, tuple) else start
        cx = ox + x0 + slot / 2
        _centred_lines(c, name, cx, oy + label_h - 3, slot - 4, max_lines=2)
        v = values[i]
        y = oy + chart.valueAxis.scale(v if v is not None else 0)
        _text(
            c,
            fmt(v) if v is not None else "—",
            cx,
            y + 6,
            VALUE_SIZE,
            "center",
            INK if v is not None else MUTED,
        )
    _vertical_axis_labels(c, chart, ox, oy, axis_w, vmax, step, axis_fmt)
    c.y -= height + 6


def _draw_over_categories(c: Composer, chart, count: int, vmax: float, step: float,
                          height: float) -> tuple[float, float, float]:
    """A column or line chart's axes (the categories' names are drawn apart, as shaped text),
    then the chart on the page: where it stands (x, y) and each category's width."""
    chart.categoryAxis.categoryNames = [str(i) for i in range(count)]
    chart.categoryAxis.reverseDirection = 1 if c.rtl else 0
    chart.categoryAxis.visibleLabels = 0
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.strokeColor = INK
    _value_axis(chart.valueAxis, vmax, step)
    drawing = Drawing(c.content_width, height, initialFontName=REGULAR)
    drawing.add(chart)
    chart.draw()  # lays out the bars or points (``_barPositions``) and the axes' scales
    ox, oy = c.left, c.y - height
    renderPDF.draw(drawing, c.canvas, ox, oy)
    return ox, oy, chart.width / count


def _value_axis(axis, vmax: float, step: float) -> None:
    axis.valueMin = 0
    axis.valueMax = vmax
    axis.valueStep = step
    axis.visibleLabels = 0
    axis.visibleAxis = 0
    axis.visibleTicks = 0
    axis.visibleGrid = 1
    axis.gridStrokeColor = GRID
    axis.gridStrokeWidth = 0.5
