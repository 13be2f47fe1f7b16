"""The Exchange page by keyboard: one key per action (the shortcuts sheet lists them under
"This page"), each bound to its button and named in its tooltip (trial: a keyboard user had to
Tab through the table to reach «Export…», and a Space meant for Import landed on Enrol).

A key presses its button only when the button is there and enabled."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QTabWidget, QWidget

from ...i18n import N_, _
from ..common.tab_keys import TAB_KEYS, turn_tab
from ..common.widgets import Texts
from ..shell.shortcuts_sheet import key_tip

# button attribute -> (key, what it does (msgid))
EXCHANGE_KEYS: dict[str, tuple[str, str]] = {
    "export_button": ("Alt+E", N_("Export a bundle for the selected peer…")),
    "import_button": ("Alt+I", N_("Import a bundle…")),
    "enrol_button": ("Alt+N", N_("Enrol a branch laptop…")),
    "merge_button": ("Alt+M", N_("Merge the two files…")),  # the selected file registered twice
}


def bind_keys(page: QWidget, texts: Texts, buttons: Mapping[str, QAbstractButton]) -> dict[str, QAction]:
    """One page action per key of ``buttons`` (the ones this page offers at all: no enrolment
    on a laptop, and the sheet does not list it), pressing its button when it is enabled."""
    actions: dict[str, QAction] = {}
    for name, button in buttons.items():
        sequence, label = EXCHANGE_KEYS[name]
        action = QAction(page)
        texts.add(action.setText, label)
        texts.add(button.setToolTip, partial(_tooltip, label, sequence))
        action.setShortcut(QKeySequence(sequence))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False, b=button: b.isEnabled() and b.click())
        page.addAction(action)
        actions[name] = action
    return actions


def bind_tab_keys(page: QWidget, texts: Texts, tabs: QTabWidget) -> list[QAction]:
    """Ctrl+Tab / Ctrl+PgDown the next review tab, Ctrl+Shift+Tab / Ctrl+PgUp the previous, from
    anywhere on the page (trial b: Ctrl+PgDown did nothing; the duplicates were reached only by
    Shift+Tab onto the tab bar and an arrow)."""
    actions = []
    for keys, step, label in TAB_KEYS:
        action = QAction(page)
        texts.add(action.setText, label)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False, step=step: turn_tab(tabs, step))
        page.addAction(action)
        actions.append(action)
    return actions


def _tooltip(label: str, sequence: str) -> str:
    return key_tip(_(label), sequence)
