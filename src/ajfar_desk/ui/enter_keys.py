"""Enter presses the focused button on a page too, not only Space.

In a dialog Qt (and ``FormDialog``) already do this; on the main window's pages a push button
ignores Enter, and an employee who learnt «حفظ (Enter)» on the registration form presses Enter
on «إنشاء الطلب» and nothing happens.  One filter on the application fixes every page."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPressesButtons(QObject):
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and event.key() in ENTER_KEYS
                and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                and isinstance(watched, QPushButton) and watched.hasFocus()
                and not isinstance(watched.window(), QDialog)
                and watched.isVisible() and watched.isEnabled()):
            watched.animateClick()
            return True
        return False


def install(app: QApplication) -> None:
    """Once per application (a second call does nothing)."""
    if getattr(app, "_enter_presses_buttons", None) is None:
        app._enter_presses_buttons = EnterPressesButtons(app)
        app.installEventFilter(app._enter_presses_buttons)
