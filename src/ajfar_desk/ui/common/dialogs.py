"""Message boxes in one place (so tests can answer them, and every box is translated)."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from ...domain.digits import said
from ...i18n import _
from .hand_back import hand_back

log = logging.getLogger(__name__)


def ask(parent: QWidget | None, title: str, text: str, default_yes: bool = True) -> bool:
    """A yes/no question; True when the user answers yes.  ``default_yes=False`` where "yes"
    throws work away: Enter (or a second Esc) then keeps it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes = box.addButton(_("Yes"), QMessageBox.ButtonRole.YesRole)
    no = box.addButton(_("No"), QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(yes if default_yes else no)
    box.setEscapeButton(no)
    box.exec()
    hand_back(box)
    return box.clickedButton() is yes


def _input_box(parent: QWidget | None, title: str, text: str) -> QInputDialog:
    box = QInputDialog(parent)
    box.setWindowTitle(title)
    box.setLabelText(text)
    # the program's words, not Qt's («ألغِ» beside every other dialog's «إلغاء»; trial 11)
    box.setOkButtonText(_("OK"))
    box.setCancelButtonText(_("Cancel"))
    return box


def choose(parent: QWidget | None, title: str, text: str, items: list[str]) -> str | None:
    """One of ``items`` or a name typed (the box is editable); "" for none; None when cancelled."""
    box = _input_box(parent, title, text)
    box.setComboBoxItems(items)
    box.setComboBoxEditable(True)
    ok = box.exec() == QInputDialog.DialogCode.Accepted
    chosen = box.textValue()
    hand_back(box)
    return " ".join(chosen.split()) if ok else None


def secret(parent: QWidget | None, title: str, text: str) -> str | None:
    """A passphrase typed (shown as dots); None when cancelled or left empty."""
    box = _input_box(parent, title, text)
    box.setTextEchoMode(QLineEdit.EchoMode.Password)
    box.setObjectName("secretBox")
    ok = box.exec() == QInputDialog.DialogCode.Accepted
    typed = box.textValue()
    hand_back(box)
    return typed if ok and typed else None


def inform(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    hand_back(box)


def error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    """A refusal in a box: its digits as the profile writes them (``said``)."""
    box = QMessageBox(QMessageBox.Icon.Critical, title, said(text), parent=parent)
    if details:
        box.setDetailedText(details)
    box.addButton(_("OK"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    hand_back(box)


def unexpected(parent: QWidget | None, exc: BaseException) -> None:
    """Something went wrong that is not the user's fault: log it and say so, never crash.  The
    box says where the log is and copies the details (crash_dialog)."""
    from .crash_dialog import CrashDialog

    log.error("unexpected error", exc_info=exc)
    CrashDialog(parent, exc).exec()
