"""The keyboard shortcuts sheet (F1): the keys of the page shown (a new complaint on the
complaints page), every key of the main window the signed-in role has, the request page's keys and the dialogs' keys, in the current language, with a way to the guides.

It reads the main window's actions themselves, so it can never list a key that is not there."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...i18n import N_, _
from ..applicants.file_keys import file_rows
from ..appointments.day_keys import day_rows
from ..common.hand_back import hand_back
from ..common.key_text import key_text
from ..common.widgets import heading
from ..requests.request_keys import shortcut_rows

DIALOG_KEYS = (
    (N_("Move to the next field / the previous field"), "Tab", "Shift+Tab"),
    (N_("Save or confirm (the highlighted button)"), "Return", ""),
    (N_("Save or confirm from a multi-line box"), "Ctrl+Return", ""),
    (N_("Cancel (asks first when something was typed)"), "Esc", ""),
)


def key_tip(text: str, sequence: str) -> str:
    """A toolbar button's tooltip: what it does and its key."""
    return _("{action} ({key})").format(action=text, key=key_text(sequence))


def action_rows(actions: list[QAction]) -> list[tuple[str, str]]:
    """(what it does, key) for the visible actions that have a key."""
    rows = []
    for action in actions:
        if action.isVisible() and not action.shortcut().isEmpty():
            text = action.text().replace("&", "")
            rows.append((text, key_text(action.shortcut())))
    return rows


class ShortcutsSheet(QDialog):
    open_guides = Signal()

    def __init__(self, window_actions: list[QAction], guides: QAction | None = None, parent=None,
                 page_actions: list[QAction] | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.table = QTableWidget(0, 2)
        self.table.setObjectName("shortcuts")
        self.table.setHorizontalHeaderLabels([_("What it does"), _("Key")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self._section(_("This page"), action_rows([a for a in page_actions or [] if a.isEnabled()]))
        self._section(_("Main window"), action_rows(window_actions))
        self._section(_("Applicant's file"), file_rows())
        self._section(_("Request page"), shortcut_rows())
        self._section(_("Appointments"), day_rows())
        self._section(_("Every dialog"), [
            (_(label), key_text(key) + (" / " + key_text(other) if other else ""))
            for label, key, other in DIALOG_KEYS])
        buttons = QDialogButtonBox()
        self.guides_button = None
        if guides is not None and guides.isVisible():
            label = _("Open the guides")
            if not guides.shortcut().isEmpty():
                label += f" ({key_text(guides.shortcut())})"
            self.guides_button = buttons.addButton(label, QDialogButtonBox.ButtonRole.ActionRole)
            self.guides_button.setAutoDefault(False)
            self.guides_button.clicked.connect(self._guides)
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(_("Keyboard shortcuts"), 14))
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)  # within a 1280×720 screen
        self.table.setFocus()

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().hideEvent(event)
        if not event.spontaneous():
            hand_back(self)

    def _section(self, title: str, rows: list[tuple[str, str]]) -> None:
        if not rows:
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(title)
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        self.table.setItem(row, 0, item)
        self.table.setSpan(row, 0, 1, 2)
        for text, key in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(key))

    def rows(self) -> list[tuple[str, str]]:
        """Every line as shown (for tests and screen readers)."""
        out = []
        for row in range(self.table.rowCount()):
            what, key = self.table.item(row, 0), self.table.item(row, 1)
            out.append((what.text() if what else "", key.text() if key else ""))
        return out

    def _guides(self) -> None:
        self.accept()
        self.open_guides.emit()
