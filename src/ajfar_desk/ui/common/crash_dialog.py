"""The box for an unexpected error (a bug, not the user's fault): what happened, where the log
is, and the details, with a button that copies them for the administrator or the developers."""

from __future__ import annotations

import traceback

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
)

from ...domain.text import LRI, PDI
from ...i18n import _
from ...logs import log_file
from ...services.help.about import version_line
from .widgets import heading


def crash_details(exc: BaseException) -> str:
    """What a developer needs: the program's version, the log's place, the traceback."""
    path = log_file()
    lines = [version_line(), f"log: {path}" if path else "log: -", ""]
    lines += traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "\n".join(line.rstrip("\n") for line in lines)


class CrashDialog(QDialog):
    def __init__(self, parent, exc: BaseException):
        super().__init__(parent)
        self.setWindowTitle(_("Unexpected error"))
        self.details_text = crash_details(exc)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(
            QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(32, 32))
        message = QLabel(_("Something went wrong. Your data is safe; please try again or tell "
                           "the administrator."))
        message.setWordWrap(True)
        path = log_file()
        self.log_label = QLabel(
            _("The program's log, for the administrator: {path}").format(path=f"{LRI}{path}{PDI}")
            if path else _("The program keeps no log file on this computer."))
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self.details_text)
        self.details.setReadOnly(True)
        self.details.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a traceback is English
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        buttons = QDialogButtonBox()
        self.copy_button = buttons.addButton(_("Copy the details"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(icon)
        layout.addWidget(heading(_("Unexpected error"), 13))
        layout.addWidget(message)
        layout.addWidget(self.log_label)
        layout.addWidget(self.details, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)  # within a 1280×720 screen
        self.close_button.setFocus()

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text)
        self.copy_button.setText(_("Copied"))
