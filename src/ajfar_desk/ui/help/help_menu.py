"""The Help menu of the main window (a button in the status bar, where the language switch is:
a menu bar would take a line from every page of a 768-pixel screen): the keyboard shortcuts
(F1), the receptionist's day in pictures (Shift+F1) and About (Ctrl+F1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolButton

from ...i18n import N_
from ..common.widgets import Texts

if TYPE_CHECKING:  # built when asked for: nothing of them on the way to the main window
    from .about_dialog import AboutDialog
    from .guide_dialog import GuideDialog


class HelpMenu:
    """The actions (parented to the window: their keys work on every page) and the button."""

    def __init__(self, window: QMainWindow, shortcuts: QAction, texts: Texts):
        self.window = window
        self.about_dialog: AboutDialog | None = None
        self.guide_dialog: GuideDialog | None = None
        self.guide_action = self._action(N_("The receptionist's day (guide)"), "Shift+F1",
                                         self.show_guide, texts)
        self.about_action = self._action(N_("About Ajfar Desk"), "Ctrl+F1", self.show_about,
                                         texts)
        self.menu = QMenu(window)
        self.menu.setObjectName("helpMenu")
        self.menu.addAction(shortcuts)
        self.menu.addAction(self.guide_action)
        self.menu.addSeparator()
        self.menu.addAction(self.about_action)
        self.button = QToolButton()
        self.button.setObjectName("helpButton")
        self.button.setMenu(self.menu)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        texts.add(self.button.setText, N_("Help"))

    def _action(self, label: str, key: str, slot, texts: Texts) -> QAction:
        action = QAction(self.window)
        texts.add(action.setText, label)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def actions(self) -> list[QAction]:
        return [self.guide_action, self.about_action]

    def show_about(self) -> AboutDialog:
        from .about_dialog import AboutDialog

        self.about_dialog = AboutDialog(getattr(self.window, "ctx", None), self.window)
        self.about_dialog.open()
        return self.about_dialog

    def show_guide(self) -> GuideDialog:
        from .guide_dialog import GuideDialog

        self.guide_dialog = GuideDialog(self.window, getattr(self.window, "ctx", None))
        self.guide_dialog.open()
        return self.guide_dialog
