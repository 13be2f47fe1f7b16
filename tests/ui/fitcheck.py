"""Does a window fit a small screen?  Every visible button reachable (inside the window, or in a
scroll area that can scroll to it), no label or choice clipped, the window and its minimum size
inside the free area of the screen (title bar included)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QMainWindow,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QToolButton,
    QWidget,
)

from ajfar_desk.ui.common import screen

SLACK = 1  # rounding of fractional layouts


def room(area: QRect) -> tuple[int, int]:
    return area.width() - screen.FRAME_WIDTH, area.height() - screen.FRAME_HEIGHT


def describe(widget: QWidget) -> str:
    text = ""
    if isinstance(widget, QPushButton | QToolButton | QLabel):
        text = widget.text()
    elif isinstance(widget, QComboBox):
        text = widget.currentText()
    name = widget.objectName()
    return f"{type(widget).__name__}{'#' + name if name else ''} «{text[:40]}»"


def _scroll_area_of(viewport: QWidget | None) -> QAbstractScrollArea | None:
    parent = viewport.parentWidget() if viewport is not None else None
    if isinstance(parent, QAbstractScrollArea) and parent.viewport() is viewport:
        return parent
    return None


def unreachable(widget: QWidget, top: QWidget) -> str | None:
    """Why the user cannot see all of ``widget`` (None: they can, scrolling if need be)."""
    rect = QRect(QPoint(0, 0), widget.size())
    child = widget
    parent = widget.parentWidget()
    while child is not top and parent is not None:
        rect.translate(child.pos())
        area = _scroll_area_of(parent)
        if area is not None:
            # ``child`` is the scrolled content: the widget must lie inside it, and the
            # scroll bars must be allowed where the content is larger than the viewport.
            content = child.rect()
            inner = rect.translated(-child.pos())
            if not content.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(inner):
                return f"outside the scrolled content of {describe(area)}"
            view = parent.size()
            if content.height() > view.height() + SLACK and \
                    area.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                return f"below {describe(area)}, which cannot scroll down"
            if content.width() > view.width() + SLACK and \
                    area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff:
                return f"beside {describe(area)}, which cannot scroll sideways"
            child, parent = area, area.parentWidget()
            rect = QRect(QPoint(0, 0), area.size())
            continue
        if not parent.rect().adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(rect):
            return f"cut off by {describe(parent)} ({rect} not in {parent.rect()})"
        child, parent = parent, parent.parentWidget()
    return None


def clipped_text(widget: QWidget) -> str | None:
    if isinstance(widget, QPushButton) and widget.text():
        # a button narrower than its text and the style's margins around it (Qt's own «ألغِ»
        # was cut so in a dialog); a button is never narrower than what it says
        need = widget.sizeHint().width()
        if widget.width() + SLACK < need:
            return f"text cut ({widget.width()} of {need} px wide)"
        return None
    if isinstance(widget, QLabel):
        if not widget.text() or widget.pixmap() is not None and not widget.pixmap().isNull():
            return None
        if widget.wordWrap():
            need = widget.heightForWidth(widget.width())
            if need > widget.height() + SLACK:
                return f"text cut at the bottom ({widget.height()} of {need} px high)"
        elif widget.sizeHint().width() > widget.width() + SLACK:
            return f"text cut ({widget.width()} of {widget.sizeHint().width()} px wide)"
    elif isinstance(widget, QComboBox) and not widget.isEditable() and widget.count():
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, widget)
        metrics = widget.fontMetrics()
        for index in range(widget.count()):
            text = widget.itemText(index)
            if metrics.horizontalAdvance(text) > field.width() + SLACK:
                return f"choice «{text}» cut ({field.width()} of {metrics.horizontalAdvance(text)} px)"
    return None


def misfits(top: QWidget, area: QRect) -> list[str]:
    """Everything that does not fit ``area`` (the screen's free area) in the shown window."""
    QApplication.processEvents()
    most_w, most_h = room(area)
    name = type(top).__name__
    found = []
    hint = top.minimumSizeHint().expandedTo(top.minimumSize())
    if hint.width() > most_w or hint.height() > most_h:
        found.append(f"{name}: minimum size {hint.width()}×{hint.height()} > {most_w}×{most_h}")
    # (a maximised window is as large as the real screen lets it be, whatever stands in here)
    if not top.isMaximized() and (top.width() > most_w or top.height() > most_h):
        found.append(f"{name}: size {top.width()}×{top.height()} > {most_w}×{most_h}")
    # placed on the screen, its frame inside: the title bar above its content, the borders
    # around it (as the window manager will add them, when it has not yet: offscreen); a page
    # a test shows on its own is placed by nobody: the room for a title bar is all it needs
    if isinstance(top, QDialog | QMainWindow):
        placed = screen.framed(top)
    else:
        frame = top.frameGeometry()
        placed = QRect(frame.x(), frame.y(), frame.width(),
                       max(frame.height(), top.height() + screen.FRAME_HEIGHT))
    if not top.isMaximized() and not area.adjusted(-SLACK, -SLACK, SLACK, SLACK).contains(placed):
        found.append(f"{name}: placed at {placed.x()},{placed.y()} {placed.width()}×{placed.height()}, "
                     f"off the screen's free area {area.width()}×{area.height()}")
    for widget in top.findChildren(QWidget):
        if not widget.isVisible() or widget.window() is not top:
            continue
        if isinstance(widget, QPushButton | QToolButton):
            why = unreachable(widget, top)
            if why:
                found.append(f"{name}: {describe(widget)} {why}")
            elif widget.objectName() == "qt_toolbar_ext_button":
                found.append(f"{name}: the toolbar overflows into its » menu")
        why = clipped_text(widget)
        if why:
            found.append(f"{name}: {describe(widget)} {why}")
    return found


def tallest_parts(widget: QWidget, depth: int = 2) -> str:
    """What makes a page tall: its visible children's minimum heights, tallest first (for the
    failure message)."""
    parts = []
    for child in widget.findChildren(QWidget):
        level, p = 0, child
        while p is not None and p is not widget:
            p, level = p.parentWidget(), level + 1
        if level <= depth and child.isVisible():
            hint = child.minimumSizeHint().expandedTo(child.minimumSize())
            parts.append((hint.height(), f"{describe(child)} {hint.width()}×{hint.height()}"))
    parts.sort(key=lambda p: -p[0])
    return "; ".join(text for _h, text in parts[:6])
