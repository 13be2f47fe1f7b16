"""The Exchange page by keyboard: one key per action (the shortcuts sheet lists them under
"This page"), each bound to its button and named in its tooltip (trial: a keyboard user had to
Tab through the table to reach «Export…», and a Space meant for Import landed on Enrol).

A key presses its button only when the button is there and enabled."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QWidget

from ...i18n import N_, _
from ..common.widgets import Texts
from ..shell.shortcuts_sheet import key_tip

# button attribute -> (key, what it does (msgid))
EXCHANGE_KEYS: dict[str, tuple[str, str]] = {
    "export_button": ("Alt+E", N_("Export a bundle for the selected peer…")),
    "import_button": ("Alt+I", N_("Import a bundle…")),
    "enrol_button": ("Alt+N", N_("Enrol a branch laptop…")),
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


def _tooltip(label: str, sequence: str) -> str:
    return key_tip(_(label), sequence)
