"""The main window: navigation, one page at a time for the applicant in front of the desk,
language switch, status bar.  Each page is its own module; this one only routes."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QStyle, QToolBar, QWidget

from ..domain.errors import ValidationError
from ..i18n import N_, _, current_language
from ..services import drafts, requests
from ..services.applicant_input import ApplicantInput
from ..services.context import AppContext
from . import dialogs, fmt
from .applicant_form import DRAFT_KIND, ApplicantForm
from .applicant_view import ApplicantFileView
from .guides import GuidesView
from .home import HomeView
from .language import apply_language
from .qt_events import EventBridge
from .request_form import RequestForm
from .verify_dialog import VerifyDialog
from .widgets import Texts

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        self.page: QWidget | None = None  # the applicant page: form, file or request
        self._offered_drafts = False
        self.bridge = EventBridge(ctx.events, self)
        self.bridge.changed.connect(self._on_change)

        self.stack = QStackedWidget()
        self.setCentralWidget(self.stack)
        self.home = HomeView(ctx)
        self.guides = GuidesView(ctx)
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.guides)
        self.home.open_applicant.connect(self.open_applicant)
        self.home.register_new.connect(self.new_applicant)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("navigation")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(self.toolbar)
        icon = self.style().standardIcon
        self.home_action = self._action(N_("Search"), icon(QStyle.StandardPixmap.SP_FileDialogContentsView), "Ctrl+F", self.show_home)
        self.new_action = self._action(N_("New applicant"), icon(QStyle.StandardPixmap.SP_FileDialogNewFolder), "Ctrl+N", lambda: self.new_applicant(""))
        self.current_action = self._action(N_("Current file"), icon(QStyle.StandardPixmap.SP_FileIcon), "Ctrl+E", self.show_page)
        self.verify_action = self._action(N_("Verify a document"), icon(QStyle.StandardPixmap.SP_DialogYesButton), "Ctrl+Shift+V", self.verify_document)
        self.guides_action = self._action(N_("Guides"), icon(QStyle.StandardPixmap.SP_MessageBoxInformation), "F1", self.show_guides)
        self.toolbar.addSeparator()
        self.language_action = QAction(self)
        self.language_action.triggered.connect(self.toggle_language)
        self.toolbar.addAction(self.language_action)
        self.current_action.setVisible(False)

        self.status_label = QLabel()
        self.statusBar().addPermanentWidget(self.status_label, 1)
        t.add(self.setWindowTitle, lambda: _("Ajfar Desk — {association}").format(association=ctx.profile.name()))
        self.resize(1280, 800)
        self.retranslate()
        self.home.focus_search()

    def _action(self, label: str, icon, shortcut: str, slot) -> QAction:
        action = QAction(icon, "", self)
        self.texts.add(action.setText, label)
        action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        self.toolbar.addAction(action)
        return action

    # -- pages -----------------------------------------------------------------------------
    def show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)
        self.home.focus_search()

    def verify_document(self) -> None:
        self.verify_dialog = VerifyDialog(self.ctx, self)
        self.verify_dialog.open()

    def show_guides(self) -> None:
        self.stack.setCurrentWidget(self.guides)

    def show_page(self) -> None:
        if self.page is not None:
            self.stack.setCurrentWidget(self.page)

    def set_page(self, page: QWidget, ask: bool = True) -> bool:
        """Replace the applicant page (asking first when it holds unsaved work)."""
        old = self.page
        if old is not None and ask and not old.confirm_leave():
            page.deleteLater()
            self.show_page()
            return False
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        self.page = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.current_action.setVisible(True)
        return True

    def _close_page(self) -> None:
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
        self.current_action.setVisible(False)

    def new_applicant(self, national_id: str = "", initial: ApplicantInput | None = None,
                      applicant_id: uuid.UUID | None = None, restored: bool = False) -> ApplicantForm:
        form = ApplicantForm(self.ctx, applicant_id, initial or ApplicantInput(national_id=national_id), restored)
        self._wire_form(form)
        if self.set_page(form):
            form.focus_first()
        return form

    def edit_applicant(self, applicant_id: uuid.UUID) -> None:
        form = ApplicantForm.for_edit(self.ctx, applicant_id)
        self._wire_form(form)
        if self.set_page(form):
            form.focus_first()

    def _wire_form(self, form: ApplicantForm) -> None:
        form.saved.connect(lambda applicant_id: self.open_applicant(applicant_id, ask=False))
        form.open_applicant.connect(lambda applicant_id: self.open_applicant(applicant_id, ask=False))
        form.cancelled.connect(lambda: self._cancel_form(form))

    def _cancel_form(self, form: ApplicantForm) -> None:
        if form is self.page and form.confirm_leave():
            if form.applicant_id:
                self.open_applicant(form.applicant_id, ask=False)
            else:
                self._close_page()
                self.show_home()

    def open_applicant(self, applicant_id: uuid.UUID, ask: bool = True) -> None:
        try:
            view = ApplicantFileView(self.ctx, applicant_id)
        except ValidationError as exc:
            dialogs.error(self, _("Cannot open the file"), exc.message)
            return
        view.edit_requested.connect(self.edit_applicant)
        view.new_request.connect(self.new_request)
        view.open_request.connect(self.open_request)
        self.set_page(view, ask=ask)

    def new_request(self, applicant_id: uuid.UUID) -> None:
        form = RequestForm(self.ctx, applicant_id)
        form.back.connect(lambda applicant_id: self.open_applicant(applicant_id))
        self.set_page(form)

    def open_request(self, request_id: uuid.UUID) -> None:
        request = requests.get_request(self.ctx, request_id)
        form = RequestForm(self.ctx, request.applicant_id, request_id)
        form.back.connect(lambda applicant_id: self.open_applicant(applicant_id))
        self.set_page(form)

    # -- changes, drafts, language -----------------------------------------------------------
    def _on_change(self, topic: str, payload: object) -> None:
        try:
            self.home.refresh()
            if self.page is not None and hasattr(self.page, "on_change"):
                self.page.on_change(topic, payload)
        except ValidationError as exc:  # e.g. the record was removed meanwhile
            log.info("refresh after %s skipped: %s", topic, exc)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._offered_drafts:
            self._offered_drafts = True
            QTimer.singleShot(0, self.offer_drafts)

    def offer_drafts(self) -> None:
        """An interview left unsaved (crash, power cut): offer to restore it into the form."""
        pending = [d for d in drafts.pending(self.ctx) if d.kind == DRAFT_KIND]
        if not pending:
            return
        draft = pending[-1]
        when = fmt.timestamp(self.ctx.profile, draft.updated_at)
        if not dialogs.ask(self, _("Unsaved interview"), _("An unsaved interview was found from {time}. Restore?").format(time=when)):
            drafts.discard(self.ctx, DRAFT_KIND, draft.subject)
            return
        applicant_id = uuid.UUID(draft.subject) if draft.subject else None
        self.new_applicant(initial=ApplicantInput.from_dict(draft.payload), applicant_id=applicant_id, restored=True)

    def toggle_language(self) -> None:
        self.set_language("en" if current_language() == "ar" else "ar")

    def set_language(self, lang: str) -> None:
        apply_language(lang)
        self.retranslate()

    def retranslate(self) -> None:
        self.texts.retranslate()
        # The switch names the other language in that language.
        self.language_action.setText("English" if current_language() == "ar" else "العربية")
        user = self.ctx.user.full_name if self.ctx.user else ""
        self.status_label.setText(_("{association} — {branch} — signed in as {user}").format(
            association=self.ctx.profile.name(), branch=self.ctx.branch.name(), user=user))
        for view in (self.home, self.guides, self.page):
            if view is not None and hasattr(view, "retranslate"):
                view.retranslate()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.page is not None and not self.page.confirm_leave():
            event.ignore()
            return
        self.bridge.close()
        super().closeEvent(event)
