"""Between two people at the desk: the main window once its user signed out.

Signing out clears the window at once (nothing of the last session stays on the screen: its
pages, their banners and lists, the search) and puts this page in its place, which takes the
keyboard.  The sign-in window takes a moment to appear (the store is read again, the window
manager maps and focuses the new window; longer on a busy laptop), and the next person types
straight on: the keys typed meanwhile are kept here and handed, in order, to the sign-in window
(``hand_over``), and the keys typed until that window has the keyboard go on to it.  The main
window closes once the sign-in window is active."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QVBoxLayout, QWidget

from ...i18n import N_
from ..common.widgets import Texts


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                     event.isAutoRepeat(), event.count())


class SignedOutPage(QWidget):
    """The page shown from sign-out until the sign-in window is up: it keeps what is typed."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("signedOut")
        self.texts = Texts()
        self.note = QLabel()
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.texts.add(self.note.setText, N_("Signed out. The sign-in window is opening…"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.note, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.typed: list[QKeyEvent] = []  # kept until the sign-in window is there
        self.target: QDialog | None = None

    def focusNextPrevChild(self, _next: bool) -> bool:  # noqa: N802 - Qt API
        return False  # Tab is typed for the sign-in window (user name, then password)

    def event(self, event) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            assert isinstance(event, QKeyEvent)
            if self.target is not None and self.target.isVisible():
                QApplication.sendEvent(self.target.focusWidget() or self.target, _copy(event))
            elif event.type() == QEvent.Type.KeyPress:
                self.typed.append(_copy(event))
            return True
        return super().event(event)

    def hand_over(self, dialog: QDialog, window: QWidget) -> None:
        """``dialog`` (the sign-in window, about to be shown) receives the keys typed so far as
        soon as it is shown, and those typed until it is active; ``window`` closes then.  The
        dialog blocks no window (modal to none): its own modality would block this page."""
        dialog.setWindowModality(Qt.WindowModality.WindowModal)  # it has no parent
        dialog.installEventFilter(_Handover(self, dialog, window))


class _Handover(QObject):
    def __init__(self, page: SignedOutPage, dialog: QDialog, window: QWidget):
        super().__init__(dialog)
        self.page, self.dialog, self.window = page, dialog, window

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Show and self.page.target is None:
            QTimer.singleShot(0, self, self.replay)  # once shown: its first field has the keyboard
        elif event.type() == QEvent.Type.WindowActivate:
            self.replay()
            self.dialog.removeEventFilter(self)
            self.window.close()
        return False

    def replay(self) -> None:
        """The keys typed so far, in order, into the sign-in window; the next ones follow."""
        if self.page.target is not None:
            return
        self.page.target = self.dialog
        typed, self.page.typed = self.page.typed, []
        for key in typed:
            QApplication.sendEvent(self.dialog.focusWidget() or self.dialog, key)
            release = QKeyEvent(QEvent.Type.KeyRelease, key.key(), key.modifiers(), key.text())
            QApplication.sendEvent(self.dialog.focusWidget() or self.dialog, release)
