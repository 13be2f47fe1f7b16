"""A signature pad: the applicant signs with a mouse, a pen or a finger; the ink exports as a PNG.

The drawing is a picture, never mirrored: in a right-to-left layout the pad still puts the ink
exactly under the pointer, and only the hint text and the button row follow the direction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QBuffer, QEvent, QIODevice, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPainterPath, QPen, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QStyle, QVBoxLayout, QWidget

from ...i18n import N_, _
from ..common.widgets import Texts

INK = QColor("#102a5c")
PEN_WIDTH = 2.5  # px; a pen's pressure varies it between 0.6x and 1.4x
MIN_STEP = 0.75  # px: closer samples add only noise to the curve
PNG_MARGIN = 6.0  # px around the ink's bounding box in to_png() (before scaling)
BASELINE_INSET = 24.0


@dataclass
class _Stroke:
    points: list[QPointF] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)  # pen width at each point


def _pieces(points: list[QPointF]):
    """The smoothed stroke as (start, control or None, end): quadratic curves through midpoints."""
    mids = [(a + b) / 2 for a, b in zip(points, points[1:], strict=False)]
    yield points[0], None, mids[0]
    for i in range(1, len(points) - 1):
        yield mids[i - 1], points[i], mids[i]
    yield mids[-1], None, points[-1]


def _path(pieces) -> QPainterPath:
    path = QPainterPath()
    for start, control, end in pieces:
        if path.isEmpty():
            path.moveTo(start)
        if control is None:
            path.lineTo(end)
        else:
            path.quadTo(control, end)
    return path


def _paint_stroke(painter: QPainter, stroke: _Stroke) -> None:
    def pen(width: float) -> QPen:
        return QPen(INK, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

    points, widths = stroke.points, stroke.widths
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if len(points) == 1:  # a dot
        painter.setPen(pen(widths[0]))
        painter.drawPoint(points[0])
    elif max(widths) - min(widths) < 0.05:
        painter.setPen(pen(widths[0]))
        painter.drawPath(_path(_pieces(points)))
    else:  # pressure varies: each piece with the width at its control point (round caps hide seams)
        for i, piece in enumerate(_pieces(points)):
            painter.setPen(pen(widths[min(i, len(widths) - 1)]))
            painter.drawPath(_path([piece]))


class SignaturePad(QWidget):
    """White drawing area; strokes in widget coordinates; undo/redo; PNG export of the ink only."""

    changed = Signal()  # after every finished stroke, clear, undo and redo

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._strokes: list[_Stroke] = []
        self._undone: list[_Stroke] = []
        self._current: _Stroke | None = None
        self._touch_id: int | None = None
        self.setMinimumSize(480, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.retranslate()
        # shortcuts (not keyPressEvent) so they also work with an Arabic keyboard layout active
        for keys, slot in (("Ctrl+Z", self.undo), ("Ctrl+Shift+Z", self.redo),
                           ("Ctrl+Y", self.redo), ("Delete", self.clear), ("Backspace", self.clear)):
            QShortcut(QKeySequence(keys), self, slot, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Signature pad"))
        self.setAccessibleDescription(_("Sign with the mouse, a pen or a finger"))
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return QSize(560, 180)

    # -- state -----------------------------------------------------------------------------
    def strokes(self) -> list[list[QPointF]]:
        return [[QPointF(p) for p in s.points] for s in self._strokes]

    def is_empty(self) -> bool:
        return not self._strokes

    def can_undo(self) -> bool: return bool(self._strokes)  # noqa: E704

    def can_redo(self) -> bool: return bool(self._undone)  # noqa: E704

    def clear(self) -> None:
        self._strokes.clear()
        self._undone.clear()
        self._current = self._touch_id = None
        self._changed()

    def undo(self) -> None:
        if self._strokes:
            self._undone.append(self._strokes.pop())
            self._changed()

    def redo(self) -> None:
        if self._undone:
            self._strokes.append(self._undone.pop())
            self._changed()

    def _changed(self) -> None:
        self.update()
        self.changed.emit()

    # -- export ----------------------------------------------------------------------------
    def ink_rect(self) -> QRectF:
        """The ink's bounding box in widget coordinates (pen width included); empty when blank."""
        rect = QRectF()
        for stroke in self._strokes:
            half = max(stroke.widths) / 2
            for p in stroke.points:
                rect = rect.united(QRectF(p.x() - half, p.y() - half, 2 * half, 2 * half))
        return rect

    def to_png(self, scale: float = 2) -> bytes:
        """The ink alone on a transparent background, cropped with a small margin, at scale x."""
        if self.is_empty():
            return b""
        rect = self.ink_rect().adjusted(-PNG_MARGIN, -PNG_MARGIN, PNG_MARGIN, PNG_MARGIN)
        image = QImage(QSize(round(rect.width() * scale), round(rect.height() * scale)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        dpm = round(96 * scale / 0.0254)  # viewers then show it at its on-screen size
        image.setDotsPerMeterX(dpm)
        image.setDotsPerMeterY(dpm)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.scale(scale, scale)
        painter.translate(-rect.topLeft())
        for stroke in self._strokes:
            _paint_stroke(painter, stroke)
        painter.end()
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        # the stubs want the format as bytes; PySide6 itself takes only text
        image.save(buffer, "PNG")  # type: ignore[call-overload]
        return bytes(buffer.data().data())

    # -- drawing ---------------------------------------------------------------------------
    def _begin(self, pos: QPointF, width: float = PEN_WIDTH) -> None:
        self._current = _Stroke()
        self._extend(pos, width)

    def _extend(self, pos: QPointF, width: float = PEN_WIDTH) -> None:
        if self._current is None:
            return
        pos = QPointF(min(max(pos.x(), 0.0), self.width() - 1.0), min(max(pos.y(), 0.0), self.height() - 1.0))
        points = self._current.points
        if points and (pos - points[-1]).manhattanLength() < MIN_STEP:
            return
        points.append(pos)
        self._current.widths.append(width)
        self.update()

    def _finish(self) -> None:
        stroke, self._current, self._touch_id = self._current, None, None
        if stroke is not None and stroke.points:
            self._strokes.append(stroke)
            self._undone.clear()
            self._changed()

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt API
        self._extend(event.position())  # only while a stroke is open (press .. release)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.button() == Qt.MouseButton.LeftButton:
            self._extend(event.position())
            self._finish()

    def tabletEvent(self, event) -> None:  # noqa: N802 - Qt API
        width = PEN_WIDTH * (0.6 + 0.8 * min(max(event.pressure(), 0.0), 1.0))
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position(), width)
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position(), width)
        elif kind == QEvent.Type.TabletRelease:
            self._finish()
        event.accept()  # no mouse events synthesized from the pen

    def event(self, event) -> bool:
        kind = event.type()
        if kind not in (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd,
                        QEvent.Type.TouchCancel):
            return super().event(event)
        if kind == QEvent.Type.TouchCancel:
            self._current = self._touch_id = None
            self.update()
        for point in event.points():  # follow the first finger only
            if kind == QEvent.Type.TouchBegin and self._touch_id is None:
                self._touch_id = point.id()
                self._begin(point.position())
            elif point.id() == self._touch_id:
                self._extend(point.position())
                if point.state() == point.State.Released:
                    self._finish()
        event.accept()
        return True

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        baseline = round(self.height() * 0.72) + 0.5
        painter.setPen(QPen(QColor("#d3d9e3"), 1))
        painter.drawLine(QPointF(BASELINE_INSET, baseline), QPointF(self.width() - BASELINE_INSET, baseline))
        if self.is_empty() and self._current is None:
            painter.setPen(QColor("#8c95a5"))
            align = QStyle.visualAlignment(self.layoutDirection(), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom)
            text_rect = QRectF(BASELINE_INSET + 4, 0, self.width() - 2 * BASELINE_INSET - 8, baseline - 6)
            painter.drawText(text_rect, align, _("Sign here"))
        for stroke in [*self._strokes, *([self._current] if self._current else [])]:
            _paint_stroke(painter, stroke)
        focused = self.hasFocus()  # a visible focus frame: the pad is reached with Tab
        painter.setPen(QPen(INK if focused else QColor("#9aa3b0"), 2 if focused else 1))
        inset = 1.0 if focused else 0.5
        painter.drawRect(QRectF(self.rect()).adjusted(inset, inset, -inset, -inset))


class SignaturePadBox(QWidget):
    """The pad with its Undo, Redo and Clear buttons (enabled only when they would do something)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pad = SignaturePad(self)
        self.texts = Texts()
        buttons = QHBoxLayout()
        made: dict[str, QPushButton] = {}
        for attr, name, label, slot in (("undo_button", "undoButton", N_("Undo"), self._pad.undo),
                                        ("redo_button", "redoButton", N_("Redo"), self._pad.redo),
                                        ("clear_button", "clearButton", N_("Clear"), self._pad.clear)):
            button = QPushButton(self)
            button.setObjectName(name)
            button.setAutoDefault(False)  # Enter in the hosting dialog must not wipe the signature
            self.texts.add(button.setText, label)
            button.clicked.connect(slot)
            made[attr] = button
            buttons.addWidget(button)
            if name == "redoButton":
                buttons.addStretch(1)  # Clear stands apart from Undo/Redo
        self.undo_button, self.redo_button = made["undo_button"], made["redo_button"]
        self.clear_button = made["clear_button"]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._pad)
        layout.addLayout(buttons)
        self.setFocusProxy(self._pad)
        self._pad.changed.connect(self._update_buttons)
        self._update_buttons()

    @property
    def pad(self) -> SignaturePad:
        return self._pad

    def retranslate(self) -> None:
        self.texts.retranslate()
        self._pad.retranslate()

    def _update_buttons(self) -> None:
        self.undo_button.setEnabled(self._pad.can_undo())
        self.redo_button.setEnabled(self._pad.can_redo())
        self.clear_button.setEnabled(not self._pad.is_empty())
