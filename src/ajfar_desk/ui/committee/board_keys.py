"""The committee board (and the researcher's inbox) by keyboard: one table of its keys (the shortcuts sheet lists them under
"This page"), each bound to its button, each button's tooltip naming its key.

A key presses its button only when the button is there and enabled: a key never does what the
board does not offer (why not is said under the decision buttons and in the tooltip)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QHeaderView, QTableView, QWidget

from ...i18n import N_, _
from ..common.key_text import key_text
from ..common.widgets import Texts

# button attribute (or a decision's outcome) -> (key, what it does (msgid))
BOARD_KEYS: dict[str, tuple[str, str]] = {
    "new_button": ("Alt+N", N_("New meeting…")),
    "close_button": ("Alt+C", N_("Close meeting")),
    "minutes_button": ("Alt+P", N_("Print the minutes…")),
    "approve": ("Alt+A", N_("Approve…")),
    "reject": ("Alt+R", N_("Reject…")),
    "more_info": ("Alt+I", N_("More information…")),
    "defer": ("Alt+D", N_("Defer…")),
    "study_button": ("Alt+S", N_("Read the study")),
    "request_button": ("Alt+O", N_("Open the request")),
}
# keys that move the focus: (key, what it does, the widget's attribute)
FOCUS_KEYS = (
    ("Alt+1", N_("Go to the meetings list"), "meeting_table"),
    ("Alt+2", N_("Go to the agenda"), "agenda_table"),
)


def tip(label: str, sequence: str, why: str = "") -> str:
    """A button's tooltip: what it does and its key, then why it is disabled (if it is)."""
    text = _("{action} ({key})").format(action=_(label), key=key_text(sequence))
    return f"{text}\n{why}" if why else text


def bind_keys(page: QWidget, texts: Texts, buttons: Mapping[str, QAbstractButton],
              may: Callable[[str], bool], keys: Mapping[str, tuple[str, str]] = BOARD_KEYS,
              focus_keys: tuple[tuple[str, str, str], ...] = FOCUS_KEYS) -> dict[str, QAction]:
    """One page action per key of ``keys`` (``may(name)``: the signed-in role has that button at
    all; the sheet lists only those), pressing its button when it is visible and enabled."""
    actions: dict[str, QAction] = {}
    for name, (sequence, label) in keys.items():
        button = buttons[name]
        action = QAction(page)
        texts.add(action.setText, label)
        action.setShortcut(QKeySequence(sequence))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)  # on the board
        action.setEnabled(may(name))
        action.triggered.connect(lambda _checked=False, b=button: b.isVisible() and b.isEnabled() and b.click())
        page.addAction(action)
        actions[name] = action
    for sequence, label, attribute in focus_keys:
        action = QAction(page)
        texts.add(action.setText, label)
        action.setShortcut(QKeySequence(sequence))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False, a=attribute: getattr(page, a).setFocus())
        page.addAction(action)
        actions[attribute] = action
    return actions


def fixed_columns(table: QTableView, widths: Mapping[int, int]) -> None:
    """Columns of a set width (the user may drag them); the others keep stretching."""
    header = table.horizontalHeader()
    for column, width in widths.items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
