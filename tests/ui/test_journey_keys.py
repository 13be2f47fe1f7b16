"""The journey's checks fail when they should: a button below the screen's edge, one scrolled
away in a scroll area, a window taller than the screen, and a keyboard with nowhere to go."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QVBoxLayout, QWidget

from .journey_keys import MAXIMISED, at_top_left, focused, on_screen, ready


def _window(qtbot, height: int) -> tuple[QWidget, QPushButton]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.addStretch(1)
    button = QPushButton("التالي")
    layout.addWidget(button)
    window.resize(600, height)
    at_top_left(window)
    window.show()
    qtbot.waitExposed(window)
    return window, button


def test_a_button_on_the_screen_passes_and_one_below_its_edge_fails(qtbot, app):
    window, button = _window(qtbot, 400)
    assert on_screen(button) is button
    window.resize(600, MAXIMISED.height() + 80)  # the window grew by itself
    with pytest.raises(AssertionError, match="does not fit"):
        on_screen(button)


def test_a_button_scrolled_away_fails(qtbot, app):
    window = QWidget()
    qtbot.addWidget(window)
    content = QWidget()
    inner = QVBoxLayout(content)
    inner.addSpacing(400)  # on the screen, but below the scroll area's 200 pixels
    button = QPushButton("التالي")
    inner.addWidget(button)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(content)
    QVBoxLayout(window).addWidget(area)
    window.resize(600, 200)
    at_top_left(window)
    window.show()
    qtbot.waitExposed(window)
    with pytest.raises(AssertionError, match="scrolled away"):
        on_screen(button)
    area.ensureWidgetVisible(button)
    assert on_screen(button) is button


def test_the_focus_must_be_inside_the_active_window(qtbot, app):
    window, button = _window(qtbot, 400)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    button.setFocus()
    assert ready(qtbot, window, button) is button
    button.hide()  # the focused button went: the keyboard has nowhere to go
    if QApplication.focusWidget() is not None:
        QApplication.focusWidget().clearFocus()
    with pytest.raises(AssertionError, match="focus was lost"):
        focused()
