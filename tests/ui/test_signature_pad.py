"""The signature pad: mouse, touch and keyboard; undo, redo, clear; the PNG it hands over."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage, QInputDevice, QPointingDevice
from PySide6.QtTest import QTest

from ajfar_desk.ui.signature_pad import SignaturePadBox

from .test_papers_ui import draw


def make_box(qtbot, rtl: bool = True) -> SignaturePadBox:
    box = SignaturePadBox()
    box.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    qtbot.addWidget(box)
    box.resize(520, 220)
    box.show()
    qtbot.waitExposed(box)
    return box


def test_mouse_strokes_undo_redo_clear_with_buttons(qtbot):
    box = make_box(qtbot)
    pad = box.pad
    assert pad.is_empty() and pad.to_png() == b""
    assert not box.undo_button.isEnabled() and not box.clear_button.isEnabled()
    with qtbot.waitSignal(pad.changed):
        draw(pad, [(40, 100), (80, 60), (120, 110)])
    draw(pad, [(200, 80), (300, 90)])
    assert len(pad.strokes()) == 2 and box.undo_button.isEnabled()
    png = pad.to_png()
    assert png.startswith(b"\x89PNG")
    image = QImage.fromData(png)
    assert 0 < image.width() < pad.width() * 2 and image.height() < pad.height() * 2  # cropped

    qtbot.mouseClick(box.undo_button, Qt.MouseButton.LeftButton)
    assert len(pad.strokes()) == 1 and box.redo_button.isEnabled()
    qtbot.mouseClick(box.redo_button, Qt.MouseButton.LeftButton)
    assert len(pad.strokes()) == 2 and not box.redo_button.isEnabled()
    qtbot.mouseClick(box.clear_button, Qt.MouseButton.LeftButton)
    assert pad.is_empty() and not box.clear_button.isEnabled()


def test_ink_lands_where_the_mouse_went_even_right_to_left(qtbot):
    for rtl in (True, False):
        box = make_box(qtbot, rtl)
        draw(box.pad, [(20, 60), (60, 90)])  # a stroke near the widget's left edge
        left = box.pad.ink_rect().left()
        assert left < 40, (rtl, left)  # not mirrored: a signature is a picture


def test_keyboard_undo_and_redo(qtbot):
    box = make_box(qtbot)
    pad = box.pad
    draw(pad, [(40, 100), (120, 60)])
    box.activateWindow()
    qtbot.waitUntil(box.isActiveWindow)  # shortcuts work in the active window
    pad.setFocus()
    QTest.keyClick(pad, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert pad.is_empty()
    QTest.keyClick(pad, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(pad.strokes()) == 1


def test_a_finger_draws_too(qtbot):
    box = make_box(qtbot)
    pad = box.pad
    device = QPointingDevice(
        "test touch screen", 1, QInputDevice.DeviceType.TouchScreen,
        QPointingDevice.PointerType.Finger, QInputDevice.Capability.Position, 10, 0,
    )
    sequence = QTest.touchEvent(pad, device)
    sequence.press(0, QPoint(50, 80), pad).commit()
    for x in (80, 120, 160):
        QTest.touchEvent(pad, device).move(0, QPoint(x, 70), pad).commit()
    QTest.touchEvent(pad, device).release(0, QPoint(180, 90), pad).commit()
    assert len(pad.strokes()) == 1 and len(pad.strokes()[0]) >= 3
