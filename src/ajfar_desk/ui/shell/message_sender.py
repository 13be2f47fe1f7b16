"""The outbox's sender while the window is open: every few minutes, and at once from the
"Send queued messages" action (Ctrl+Shift+E), the due messages go out on the thread pool
through the operation runner (``services.messages.manage.send_queued``); the status bar says
what happened.  Nothing runs when the data folder has no messaging.toml."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from ...i18n import N_, _
from ...services.messages import manage
from ...services.messages.sender import SendReport
from ...services.store.context import AppContext
from ..common.widgets import Texts
from .operations import Operation

INTERVAL_MS = 5 * 60 * 1000
FIRST_RUN_MS = 30 * 1000  # after the window opens: the sign-in's work first


class MessageSender(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext, texts: Texts):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.running = False
        self.last: SendReport | None = None
        self.action = QAction(window)
        texts.add(self.action.setText, N_("Send queued messages"))
        self.action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.action.triggered.connect(lambda _checked=False: self.send_now(asked=True))
        window.addAction(self.action)
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.send_now)
        self.timer.start()
        self.first = QTimer(self)  # a child: gone with the window, never firing after it
        self.first.setSingleShot(True)
        self.first.timeout.connect(self.send_now)
        self.first.start(FIRST_RUN_MS)

    def send_now(self, asked: bool = False) -> None:
        if self.running:
            return
        if not manage.can_send(self.ctx):
            if asked:
                self._say(_("No channel is configured: write messaging.toml in the data folder"))
            return
        self.running = True
        (Operation(self.window, lambda: manage.send_queued(self.ctx))
         .success(self._done)
         .failure(lambda exc: self._say(_("Messages not sent: {reason}").format(reason=exc.summary())))
         .always(self._ended)
         .run_in_background())

    def _ended(self) -> None:
        self.running = False

    def _done(self, report: SendReport) -> None:
        self.last = report
        if report.sent or not report.all_sent:
            self._say(_("Messages: {sent} sent, {waiting} waiting, {failed} failed").format(
                sent=report.sent, waiting=report.retrying + report.not_configured,
                failed=report.failed + report.unknown))

    def _say(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)
