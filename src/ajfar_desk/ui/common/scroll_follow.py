"""A scrolled area that keeps its focused control on the screen, however it got the focus, and
lets Page Up/Down and the arrows a control leaves unused scroll it: the request page and the
applicant form use it (``ScrollFollower``)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

SCROLL_KEYS = {Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Up, Qt.Key.Key_Down}


class ScrollFollower(QObject):
    """Keeps the focused control of ``area``'s content on the screen, however it got the focus
    (Tab from outside the area, Shift+Tab, a shortcut, a click), and lets Page Up/Down and the
    up and down arrows scroll the area when the focused control does not use them."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        follow = self._focus_changed  # bound now: disconnected by this very object below

        def focus_changed(old: QWidget | None, new: QWidget | None) -> None:
            if shiboken6.isValid(area):
                follow(old, new)

        app.focusChanged.connect(focus_changed)
        area.destroyed.connect(lambda: app.focusChanged.disconnect(focus_changed))
        content = area.widget()
        assert content is not None
        content.installEventFilter(self)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        content = self.area.widget()
        if new is None or content is None or not content.isAncestorOf(new):
            return
        self.show_widget(new)

    def show_widget(self, widget: QWidget) -> None:
        """Scroll so that ``widget`` is seen whole (its top, when it is taller than the area)."""
        content = self.area.widget()
        viewport = self.area.viewport()
        if content is None:
            return
        top = widget.mapTo(content, widget.rect().topLeft()).y()
        bottom = top + widget.height()
        bar = self.area.verticalScrollBar()
        seen = bar.value(), bar.value() + viewport.height()
        if widget.height() >= viewport.height() or top < seen[0]:
            bar.setValue(top - 4)
        elif bottom > seen[1]:
            bar.setValue(bottom - viewport.height() + 4)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # a key no control used climbs to the content: Page Up/Down and the arrows scroll it
        if event.type() == QEvent.Type.KeyPress and event.key() in SCROLL_KEYS \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            bar = self.area.verticalScrollBar()
            step = {Qt.Key.Key_PageUp: -bar.pageStep(), Qt.Key.Key_PageDown: bar.pageStep(),
                    Qt.Key.Key_Up: -bar.singleStep() * 3, Qt.Key.Key_Down: bar.singleStep() * 3}
            bar.setValue(bar.value() + step[event.key()])
            return True
        return False
