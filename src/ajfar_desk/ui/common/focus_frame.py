"""A frame around the control that has the keyboard focus, in every window and dialog.

Fusion's own focus signs are faint or missing: a combo box and a push button looked the same
with and without the focus, and a field in error showed its red frame only (trial 12, shots
09a and 29: in the add-document dialog, after Tab, no control showed the focus, and typing
went on into a field no one saw was focused). One ``QFocusFrame`` follows the focus, drawn
over the control by the style sheet's ``QFocusFrame`` rule; lists and tables draw their own."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

FRAMED = (QLineEdit, QComboBox, QAbstractButton, QAbstractSpinBox, QPlainTextEdit, QTextEdit)


class FocusMarker(QObject):
    """Moves the focus frame to each newly focused control (of the kinds in ``FRAMED``)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.frame: QFocusFrame | None = None
        app.focusChanged.connect(self._moved)

    def _moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.frame is not None and not shiboken6.isValid(self.frame):
            self.frame = None  # it went with the window it was drawn in
        if new is None or not isinstance(new, FRAMED) or new.parentWidget() is None:
            if self.frame is not None:
                self.frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes none: hidden
            return
        if self.frame is None:
            self.frame = QFocusFrame()
        self.frame.setWidget(new)


def mark_focus(app: QApplication) -> None:
    """Install the focus frame once for ``app``."""
    if app.property("ajfar_focus_frame"):
        return
    app.setProperty("ajfar_focus_frame", True)
    FocusMarker(app)
