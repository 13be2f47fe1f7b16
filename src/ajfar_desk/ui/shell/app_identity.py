"""The application's identity in Qt (names for QSettings, version, icon) and what its log learns
from Qt: Qt's own messages, and when the first window appears (the start is done)."""

from __future__ import annotations

import logging
import time

from PySide6.QtCore import QEvent, QObject, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

from ... import identity
from ...paths import resources_dir

log = logging.getLogger(__name__)
ICON_SIZES = (16, 32, 48, 64, 128, 256)
FIRST_WINDOW = "first window shown"  # the log's line when the start is done (a test looks for it)


def app_icon() -> QIcon:
    """The program's icon, from its PNG sizes (resources/icons; made by tools/icons.py)."""
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in ICON_SIZES:
        path = folder / f"ajfar-desk-{size}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def apply_identity(app: QApplication) -> None:
    """Names (QSettings and platformdirs agree on them) and the icon of every window.  The
    version follows the first window (``FirstWindowLog``): in an installed program it is read
    from the distribution's metadata, whose imports are not on the way to the sign-in window."""
    app.setApplicationName(identity.APPLICATION_NAME)
    app.setOrganizationName(identity.ORGANIZATION_NAME)
    app.setOrganizationDomain(identity.ORGANIZATION_DOMAIN)
    app.setDesktopFileName(identity.DESKTOP_FILE)
    app.setWindowIcon(app_icon())


def apply_version(app: QApplication) -> str:
    version = identity.version()
    app.setApplicationVersion(version)
    return version


_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_qt_log = logging.getLogger("qt")


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    _qt_log.log(_LEVELS.get(kind, logging.WARNING), "%s", message)


def log_qt_messages() -> None:
    """Qt's warnings into the log (without a console they would be lost)."""
    qInstallMessageHandler(_qt_message)


class FirstWindowLog(QObject):
    """Logs the first top-level window shown, with the seconds since ``started`` (a
    ``time.perf_counter()`` reading), and the program's version; then leaves the application's
    events alone."""

    def __init__(self, app: QApplication, started: float):
        super().__init__(app)
        self.app, self.started = app, started
        app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.isWindow()):
            log.info("%s: %s after %.3f s", FIRST_WINDOW, type(watched).__name__,
                     time.perf_counter() - self.started)
            self.app.removeEventFilter(self)
            log.info("%s %s", identity.APPLICATION_NAME, apply_version(self.app))
            self.deleteLater()
        return False
