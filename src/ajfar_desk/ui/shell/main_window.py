"""The main window: navigation, one page at a time for the applicant in front of the desk,
language switch, status bar.  Each page is its own module; this one only routes.

Which pages exist and who sees them is ``page_registry``; the keyboard on the pages is
``enter_keys``."""

from __future__ import annotations

import logging
import uuid

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QToolBar,
    QToolButton,
    QWidget,
)

from ...domain import permissions as perm
from ...domain.role_titles import role_title
from ...i18n import N_, _, current_language
from ...services.applicants import drafts
from ...services.applicants.applicant_input import ApplicantInput
from ...services.requests import requests
from ...services.store.context import AppContext
from ...services.store.events import USER_CHANGED
from ...services.users import setup
from ..applicants.applicant_form import DRAFT_KIND, ApplicantForm
from ..applicants.applicant_view import ApplicantFileView
from ..applicants.home import HomeView
from ..common import dialogs, fmt, screen
from ..common.widgets import FAILED, Texts
from ..guides.guides import GuidesView
from ..help.help_menu import HelpMenu
from ..papers.verify_dialog import VerifyDialog
from ..requests.request_form import RequestForm
from .enter_keys import focus_into, press_focused_button
from .language import apply_language
from .message_sender import MessageSender
from .operations import Operation
from .page_registry import (
    TOOLBAR,
    OpensApplicants,
    OpensRequests,
    PageFactory,
    ReactsToChanges,
    Retranslates,
    Tool,
)
from .qt_events import EventBridge
from .shortcuts_sheet import ShortcutsSheet, key_tip

log = logging.getLogger(__name__)
ApplicantPage = ApplicantForm | ApplicantFileView | RequestForm  # each asks before it is left

TOOLS = {tool.key: tool for tool in TOOLBAR}


class MainWindow(QMainWindow):
    signed_out = Signal()
    # one action per tool of ``TOOLBAR``, set in ``__init__`` by its key (``setattr``)
    search_action: QAction
    new_action: QAction
    current_action: QAction
    overdue_action: QAction
    inbox_action: QAction
    committee_action: QAction
    verify_action: QAction
    guides_action: QAction
    enquiries_action: QAction
    appointments_action: QAction
    outbox_action: QAction
    complaints_action: QAction
    dashboard_action: QAction
    audit_action: QAction
    users_action: QAction
    sync_action: QAction

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        self.page: ApplicantPage | None = None  # the applicant page: form, file or request
        self.tool_pages: dict[str, QWidget] = {}  # overdue, inbox, committee, audit, users
        # the tool pages (overdue, inbox, committee, …): None when not installed
        self.factories: dict[str, PageFactory | None] = {
            tool.key: tool.page for tool in TOOLBAR if tool.opens == "show_tool"}
        self._offered_drafts = False
        self._role: str | None = None
        self.bridge = EventBridge(ctx.events, self)
        self.bridge.changed_by.connect(self._on_change)

        # Pages are sized by the one shown; when a page needs more than the screen gives (never
        # meant to happen: tests/ui/test_screen_fit.py), it scrolls, the window does not grow.
        self.stack = screen.PageStack()
        self.setCentralWidget(screen.scrolling(self.stack, horizontal=True))
        self.home = HomeView(ctx)
        self.guides = GuidesView(ctx)
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.guides)
        self.home.open_applicant.connect(self.open_applicant)
        self.home.open_request.connect(self.open_request)
        self.home.register_new.connect(self.new_applicant)
        self.home.import_file.connect(self.import_applicants)

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("navigation")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        # A manager sees twelve actions with "Current file": labels under the icons and narrow
        # padding keep them all in a 1280-pixel screen, in English too (1,280 px with 6 px),
        # none in the toolbar's overflow menu (tests/ui/test_screen_fit.py).
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setStyleSheet("QToolButton { padding: 4px 2px; }")
        self.addToolBar(self.toolbar)
        # the toolbar, from its one table: an action per tool (``overdue_action``…); the actions
        # the role decides are ``actions_by_key``
        self.actions_by_key: dict[str, QAction] = {}
        self.status_tools: list[QToolButton] = []  # the tools shown in the status bar
        for tool in TOOLBAR:
            action = self._action(tool)
            setattr(self, f"{tool.key}_action", action)
            if tool.who_sees is not None:
                self.actions_by_key[tool.key] = action
        self.home_action = self.actions_by_key["search"]
        self.language_action = QAction(self)
        self.language_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.language_action.triggered.connect(self.toggle_language)
        self.current_action.setVisible(False)

        # The language switch lives in the status bar: a full toolbar (a manager's) overflows
        # into its "»" menu, and the switch must never hide there.
        self.status_label = QLabel()
        self.language_button = QToolButton()
        self.language_button.setObjectName("languageButton")
        self.language_button.setDefaultAction(self.language_action)
        # Signing out hands the desk to the next person (the app shows the sign-in dialog again).
        self.sign_out_action = QAction(self)
        self.texts.add(self.sign_out_action.setText, N_("Sign out"))
        self.sign_out_action.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        self.sign_out_action.triggered.connect(self.sign_out)
        self.sign_out_button = QToolButton()
        self.sign_out_button.setObjectName("signOutButton")
        self.sign_out_button.setDefaultAction(self.sign_out_action)
        # importing a spreadsheet: a button on the search page and a key, for those who may
        self.import_action = QAction(self)
        self.texts.add(self.import_action.setText, N_("Import applicants from a file"))
        self.import_action.setShortcut(QKeySequence("Ctrl+I"))
        self.import_action.triggered.connect(self.import_applicants)
        self.addAction(self.import_action)
        self.shortcuts_action = QAction(self)
        self.texts.add(self.shortcuts_action.setText, N_("Keyboard shortcuts"))
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.help = HelpMenu(self, self.shortcuts_action, self.texts)  # F1, the guide, About
        self.statusBar().addPermanentWidget(self.status_label, 1)
        for button in self.status_tools:
            self.statusBar().addPermanentWidget(button)
        self.statusBar().addPermanentWidget(self.help.button)
        self.statusBar().addPermanentWidget(self.language_button)
        self.statusBar().addPermanentWidget(self.sign_out_button)
        t.add(self.setWindowTitle, lambda: _("Ajfar Desk — {association}").format(association=ctx.profile.name()))
        self.message_sender = MessageSender(self, ctx, self.texts)  # the outbox, off this thread
        screen.fit_window(self, 1280, 800)
        self.retranslate()
        self.show_start_page()

    def _action(self, tool: Tool) -> QAction:
        action = QAction(self.style().standardIcon(tool.icon), "", self)
        self.texts.add(action.setText, tool.label)
        action.setShortcut(QKeySequence(tool.shortcut))
        self.texts.add(action.setToolTip, lambda: key_tip(_(tool.label), tool.shortcut))
        opens = getattr(self, tool.opens)
        if tool.opens == "show_tool":
            action.triggered.connect(lambda _checked=False: opens(tool.key))
        else:
            action.triggered.connect(lambda _checked=False: opens())
        if tool.in_toolbar:
            self.toolbar.addAction(action)
        else:  # a button of the status bar, shown when the role sees the action
            self.addAction(action)
            button = QToolButton()
            button.setObjectName(f"{tool.key}Button")
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setDefaultAction(action)
            action.visibleChanged.connect(lambda: button.setVisible(action.isVisible()))
            self.status_tools.append(button)
        return action

    # -- the signed-in role --------------------------------------------------------------------
    def may_show(self, key: str) -> bool:
        """Does the signed-in role see this toolbar action (and is its page available)?"""
        if key in self.factories and self.factories[key] is None:
            return False
        who_sees = TOOLS[key].who_sees
        return who_sees is not None and who_sees(self.ctx)

    def visible_actions(self) -> set[str]:
        return {key for key, action in self.actions_by_key.items() if action.isVisible()}

    def apply_role(self) -> None:
        """Show the role's actions; after a change of user, drop the pages built for the last
        one and leave a page the new role does not use."""
        for key, action in self.actions_by_key.items():
            action.setVisible(self.may_show(key))
        self.home.set_can_register(self.may_show("new"))
        self.import_action.setVisible(self.ctx.may(perm.BULK_DATA))
        self.home.set_can_import(self.import_action.isVisible())
        if self._role == self.ctx.role:
            return
        first, self._role = self._role is None, self.ctx.role
        current = self.stack.currentWidget()
        left = current in self.tool_pages.values() or (
            current is self.home and not self.may_show("search")) or (
            current is self.guides and not self.may_show("guides"))
        for page in self.tool_pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.tool_pages.clear()
        if left and not first:
            self.show_start_page()

    def show_start_page(self) -> None:
        """Where the role's work begins: the researcher's inbox, the committee's board, else
        the search (or the guides)."""
        start = {perm.RESEARCHER: "inbox", perm.COMMITTEE: "committee"}.get(self.ctx.role or "")
        if start and self.may_show(start) and self.show_tool(start) is not None:
            return
        if self.may_show("search"):
            self.show_home()
        else:
            self.show_guides()

    # -- pages -----------------------------------------------------------------------------
    def show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)
        self.home.focus_search()

    def verify_document(self) -> None:
        self.verify_dialog = VerifyDialog(self.ctx, self)
        self.verify_dialog.open()

    def import_applicants(self) -> QWidget:
        """Ctrl+I or the search page's button: the import dialog (administrators, managers);
        its module is loaded when first used (the window starts without the spreadsheet readers)."""
        from ..transfer.import_dialog import ImportDialog

        self.import_dialog = dialog = ImportDialog(self.ctx, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_shortcuts(self) -> ShortcutsSheet:
        """F1: every key the signed-in user has, in the current language."""
        # the keys registered on this window (not a list written here): toolbar, status bar, Help
        actions = [a for a in self.findChildren(QAction) if a.parent() is self]
        self.shortcuts_sheet = ShortcutsSheet(actions, self.guides_action, self)
        self.shortcuts_sheet.open_guides.connect(self.show_guides)
        self.shortcuts_sheet.open()
        return self.shortcuts_sheet

    def show_guides(self) -> None:
        self.stack.setCurrentWidget(self.guides)
        focus_into(self.guides)

    def show_tool(self, key: str) -> QWidget | None:
        """Overdue, researcher inbox, committee, audit log or users: built on first use."""
        page = self.tool_pages.get(key)
        if page is None:
            factory = self.factories.get(key)
            if factory is None:
                return None
            page = Operation(self, lambda: factory(self.ctx), N_("Cannot open the page")).run()
            if page is FAILED:  # e.g. PermissionDenied, said in a box
                return None
            if isinstance(page, OpensRequests):
                page.open_request.connect(self.open_request)
            if isinstance(page, OpensApplicants):
                page.open_applicant.connect(self.open_applicant)
            self.tool_pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        focus_into(page)
        return page

    def show_page(self) -> None:
        if self.page is not None:
            self.stack.setCurrentWidget(self.page)
            focus_into(self.page)

    def set_page(self, page: ApplicantPage, ask: bool = True) -> bool:
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
        focus_into(page)  # the old page's focused widget is going: the keyboard follows the page
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
        view = Operation(self, lambda: ApplicantFileView(self.ctx, applicant_id), N_("Cannot open the file")).run()
        if view is FAILED:
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
    def _on_change(self, topic: str, payload: object, initiator: object = None) -> None:
        """Every open view refreshes itself, but the one that started the change (it shows it
        already: it ran the action with ``Operation(...).run(initiator=self)``)."""
        if topic == USER_CHANGED:  # perhaps the one signed in: her name or title
            self.show_signed_in()

        def refresh() -> None:
            self.home.refresh()
            for page in (self.page, *self.tool_pages.values()):
                if page is not initiator and isinstance(page, ReactsToChanges):
                    page.on_change(topic, payload)

        # e.g. the record was removed meanwhile: that page says so when next used
        Operation(self, refresh).failure(lambda exc: log.info("refresh after %s skipped: %s", topic, exc)).run()

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
        """Texts in the current language, for the signed-in user (also after a change of user)."""
        self.apply_role()
        self.texts.retranslate()
        # The switch names the other language in that language.
        self.language_action.setText("English" if current_language() == "ar" else "العربية")
        self.show_signed_in()
        for view in (self.home, self.guides, self.page, *self.tool_pages.values()):
            if isinstance(view, Retranslates):
                view.retranslate()

    def show_signed_in(self) -> None:
        """Who is at the desk, their role in their gender («موظفة علاقات المستفيدين»)."""
        user = self.ctx.user.full_name if self.ctx.user else ""
        role = role_title(self.ctx.role, self.ctx.user.gender if self.ctx.user else None)
        # The association is in the window's title: the status bar keeps what changes at the desk.
        self.status_label.setText(_("{branch} — signed in as {user} ({role})").format(
            branch=self.ctx.branch.name(), user=user, role=role))
        self.status_label.setToolTip(self.ctx.profile.name())

    def sign_out(self) -> None:
        """Leave the open page (asking if it has unsaved input), forget the user, say so."""
        if self.page is not None and not self.page.confirm_leave():
            return
        setup.sign_out(self.ctx)
        self.signed_out.emit()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if press_focused_button(self, event):  # Enter on a page's button, as in a dialog
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.page is not None and not self.page.confirm_leave():
            event.ignore()
            return
        self.bridge.close()
        super().closeEvent(event)
