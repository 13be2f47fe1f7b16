"""The signature pad: mouse, pen, touch and keyboard input, undo/redo/clear, PNG export, RTL."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QInputDevice, QMouseEvent, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from ajfar_desk.ui.papers.signature_pad import SignaturePad, SignaturePadBox

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def box(qtbot, app):
    widget = SignaturePadBox()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def draw(qtbot, pad: SignaturePad, points: list[tuple[int, int]]) -> None:
    """One stroke with the real mouse: press, moves with the left button held, release."""
    first, *rest = [QPoint(x, y) for x, y in points]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=first)
    for point in rest:
        move = QMouseEvent(QEvent.Type.MouseMove, QPointF(point), pad.mapToGlobal(QPointF(point)),
                           Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
        QApplication.sendEvent(pad, move)
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=rest[-1] if rest else first)


def wave(x0: int, x1: int, y: int) -> list[tuple[int, int]]:
    return [(x, y + (12 if (x // 15) % 2 else -12)) for x in range(x0, x1 + 1, 15)]


def ink_columns(image: QImage) -> list[int]:
    """x of every column holding ink (dark, opaque pixels), inside the pad's frame."""
    ink = QColor("#102a5c")
    columns = []
    for x in range(3, image.width() - 3):
        for y in range(3, image.height() - 3):
            c = image.pixelColor(x, y)
            if c.alpha() > 128 and abs(c.red() - ink.red()) + abs(c.green() - ink.green()) + abs(c.blue() - ink.blue()) < 90:
                columns.append(x)
                break
    return columns


def marked_columns(image: QImage, above: int) -> list[int]:
    """x of every column with anything but white between the frame and the y given."""
    white = QColor("white")
    return [x for x in range(4, image.width() - 4) if any(image.pixelColor(x, y) != white for y in range(4, above))]


def opaque_pixels(image: QImage) -> int:
    return sum(image.pixelColor(x, y).alpha() > 0 for x in range(image.width()) for y in range(image.height()))


def test_two_mouse_strokes_make_a_cropped_transparent_png(qtbot, box):
    pad = box.pad
    assert pad.is_empty() and pad.to_png() == b""
    with qtbot.waitSignal(pad.changed):
        draw(qtbot, pad, wave(40, 160, 60))
    draw(qtbot, pad, [(60, 110), (120, 112), (180, 108)])
    assert len(pad.strokes()) == 2
    assert not pad.is_empty()
    assert all(isinstance(p, QPointF) for p in pad.strokes()[0])
    assert pad.strokes()[1][0] == QPointF(60, 110) and pad.strokes()[1][-1] == QPointF(180, 108)

    data = pad.to_png()
    assert data.startswith(PNG_SIGNATURE)
    image = QImage.fromData(data, "PNG")
    assert image.hasAlphaChannel()
    assert opaque_pixels(image) > 200
    assert image.pixelColor(0, 0).alpha() == 0  # transparent background, margin around the ink
    assert 0 < image.width() < pad.width() * 2 and 0 < image.height() < pad.height() * 2
    # cropped to the ink (x 40..180, y ~48..112) plus a small margin, at 2x
    assert abs(image.width() - 2 * (180 - 40)) < 40 and abs(image.height() - 2 * (112 - 48)) < 40
    big = QImage.fromData(pad.to_png(scale=4), "PNG")
    assert abs(big.width() - 2 * image.width()) <= 2


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight])
def test_ink_lands_under_the_pointer_in_either_direction(qtbot, box, direction):
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft  # the app runs in Arabic
    box.setLayoutDirection(direction)
    pad = box.pad
    assert pad.layoutDirection() == direction
    draw(qtbot, pad, wave(30, pad.width() // 2 - 60, 60))
    columns = ink_columns(pad.grab().toImage())  # the whole pad as the applicant sees it
    assert columns, "no ink drawn"
    assert min(columns) >= 25 and max(columns) < pad.width() // 2  # left stays left: no mirroring
    assert all(p.x() < pad.width() / 2 for p in pad.strokes()[0])


def test_buttons_undo_redo_clear_and_follow_the_state(qtbot, box):
    pad = box.pad
    undo, redo, clear = (box.findChild(QWidget, name) for name in ("undoButton", "redoButton", "clearButton"))
    assert not undo.isEnabled() and not redo.isEnabled() and not clear.isEnabled()
    draw(qtbot, pad, wave(40, 200, 60))
    draw(qtbot, pad, wave(220, 400, 90))
    assert undo.isEnabled() and clear.isEnabled() and not redo.isEnabled()

    with qtbot.waitSignal(pad.changed):
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    assert len(pad.strokes()) == 1 and redo.isEnabled()
    with qtbot.waitSignal(pad.changed):
        qtbot.mouseClick(redo, Qt.MouseButton.LeftButton)
    assert len(pad.strokes()) == 2 and not redo.isEnabled()

    qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
    draw(qtbot, pad, [(50, 130), (150, 130)])  # new drawing drops what was undone
    assert len(pad.strokes()) == 2 and not redo.isEnabled()
    pad.redo()  # nothing to redo
    assert len(pad.strokes()) == 2

    with qtbot.waitSignal(pad.changed):
        qtbot.mouseClick(clear, Qt.MouseButton.LeftButton)
    assert pad.is_empty() and pad.strokes() == [] and pad.to_png() == b""
    assert not undo.isEnabled() and not redo.isEnabled() and not clear.isEnabled()


def test_keyboard_reaches_the_pad_with_tab_and_drives_it(qtbot, app):
    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    before = QLineEdit()
    layout.addWidget(before)
    box = SignaturePadBox()
    layout.addWidget(box)
    with qtbot.waitActive(host):
        host.show()
        host.activateWindow()
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    pad = box.pad
    assert pad.hasFocus()

    draw(qtbot, pad, wave(40, 200, 60))
    draw(qtbot, pad, wave(220, 400, 90))
    with qtbot.waitSignal(pad.changed):
        qtbot.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(pad.strokes()) == 1 and box.findChild(QWidget, "redoButton").isEnabled()
    with qtbot.waitSignal(pad.changed):
        qtbot.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(pad.strokes()) == 2
    qtbot.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(pad, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(pad.strokes()) == 2
    with qtbot.waitSignal(pad.changed):
        qtbot.keyClick(pad, Qt.Key.Key_Delete)
    assert pad.is_empty()
    draw(qtbot, pad, wave(40, 200, 60))
    qtbot.keyClick(pad, Qt.Key.Key_Backspace)
    assert pad.is_empty()

    draw(qtbot, pad, wave(40, 200, 60))
    before.setFocus()  # the shortcuts belong to the pad: Delete in another field leaves the ink
    qtbot.keyClick(before, Qt.Key.Key_Delete)
    assert not pad.is_empty()


def test_a_finger_draws_on_the_touchscreen(qtbot, box):
    pad = box.pad
    # PySide6 hands back the base QTouchEventSequence, whose press/move/release without a widget take
    # the point as screen coordinates: pass the pad each time so the point is mapped from the pad
    device = QPointingDevice("test touch", 1, QInputDevice.DeviceType.TouchScreen, QPointingDevice.PointerType.Finger,
                             QInputDevice.Capability.Position, 10, 0)
    QTest.touchEvent(pad, device).press(0, QPoint(40, 50), pad).commit()
    for x in range(55, 250, 15):
        QTest.touchEvent(pad, device).move(0, QPoint(x, 50 + x % 20), pad).commit()
    with qtbot.waitSignal(pad.changed):
        QTest.touchEvent(pad, device).release(0, QPoint(250, 60), pad).commit()
    strokes = pad.strokes()
    assert len(strokes) == 1 and len(strokes[0]) > 10
    assert strokes[0][0] == QPointF(40, 50) and strokes[0][-1] == QPointF(250, 60)

    # a second finger landing mid-stroke is ignored; only the first one draws
    QTest.touchEvent(pad, device).press(0, QPoint(300, 100), pad).commit()
    QTest.touchEvent(pad, device).move(0, QPoint(340, 100), pad).press(1, QPoint(100, 20), pad).commit()
    QTest.touchEvent(pad, device).move(0, QPoint(380, 100), pad).move(1, QPoint(120, 20), pad).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(400, 100), pad).release(1, QPoint(140, 20), pad).commit()
    assert len(pad.strokes()) == 2
    assert all(p.y() == 100 for p in pad.strokes()[1])


def test_the_hint_shows_only_on_an_empty_pad_and_screenshot(qtbot, box, tmp_path):
    pad = box.pad
    hint = marked_columns(pad.grab().toImage(), above=int(pad.height() * 0.72) - 2)
    assert hint and min(hint) > pad.width() // 2  # "Sign here" starts the line: on the right in Arabic
    draw(qtbot, pad, wave(40, 250, 60))
    draw(qtbot, pad, [(60, 120), (150, 118), (260, 122), (300, 110)])
    assert not marked_columns(pad.grab().toImage(), above=40)  # the hint is gone (ink starts at y 48)
    target = os.environ.get("SIGPAD_SCREENSHOT") or str(tmp_path / "sigpad.png")
    assert box.grab().save(target)
    assert QImage(target).width() == box.width()


def pen_stroke(pad: SignaturePad, pressure: float, y: int) -> None:
    device = QPointingDevice("test pen", 2, QInputDevice.DeviceType.Stylus, QPointingDevice.PointerType.Pen,
                             QInputDevice.Capability.Position | QInputDevice.Capability.Pressure, 1, 2)
    kinds = [QEvent.Type.TabletPress] + [QEvent.Type.TabletMove] * 8 + [QEvent.Type.TabletRelease]
    for i, kind in enumerate(kinds):
        pos = QPointF(40 + 20 * i, y + (i % 2) * 6)
        held = Qt.MouseButton.NoButton if kind == QEvent.Type.TabletRelease else Qt.MouseButton.LeftButton
        event = QTabletEvent(kind, device, pos, pad.mapToGlobal(pos), pressure, 0.0, 0.0, 0.0, 0.0, 0.0,
                             Qt.KeyboardModifier.NoModifier, Qt.MouseButton.LeftButton, held)
        QApplication.sendEvent(pad, event)
        assert event.isAccepted()  # taken as a pen stroke: no mouse events synthesized from it


def test_pen_pressure_varies_the_width_slightly(qtbot, box):
    pad = box.pad
    pen_stroke(pad, 0.1, 40)
    light = opaque_pixels(QImage.fromData(pad.to_png(), "PNG"))
    pad.clear()
    pen_stroke(pad, 1.0, 40)
    heavy = opaque_pixels(QImage.fromData(pad.to_png(), "PNG"))
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) == 9  # a pen's release (pressure 0) adds none
    assert 1.3 < heavy / light < 4
