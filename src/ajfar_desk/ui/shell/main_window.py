"""The main window: navigation, the signed-in role, language switch, status bar.  Each page is
its own module; the pages and the ways between them (one page at a time for the applicant in
front of the desk) are ``window_pages``.

Which pages exist and who sees them is ``page_registry``; the keyboard on the pages is
``enter_keys``."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QToolBar, QToolButton, QWidget

from ...domain import permissions as perm
from ...domain.errors import for_log
from ...domain.people import short_name
from ...domain.role_titles import role_title
from ...domain.text import LRI, PDI
from ...i18n import N_, _, current_language
from ...services.store.context import AppContext
from ...services.store.events import USER_CHANGED
from ...services.users import setup
from ..common import dialogs, files, screen
from ..common.widgets import Texts
from ..help.help_menu import HelpMenu
from ..papers.verify_dialog import VerifyDialog
from .enter_keys import press_focused_button
from .language import apply_language
from .message_sender import MessageSender
from .operations import Operation
from .page_registry import TOOLBAR, ReactsToChanges, Retranslates, Tool
from .qt_events import EventBridge
from .shortcuts_sheet import ShortcutsSheet, key_tip
from .signed_out import SignedOutPage
from .window_pages import WindowPages

log = logging.getLogger(__name__)

TOOLS = {tool.key: tool for tool in TOOLBAR}


class MainWindow(WindowPages):
    signed_out = Signal()
    store_replaced = Signal()  # a backup was restored: the program opens the store again
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
    backups_action: QAction

    def __init__(self, ctx: AppContext, parent=None):
        files.use_store(ctx.store.data_dir)  # the file dialogs open where this store's did last
        super().__init__(ctx, parent)  # the pages: home, guides, tool pages, the applicant's
        self.texts = t = Texts()
        self._role: str | None = None
        self.bridge = EventBridge(ctx.events, self)
        self.bridge.changed_by.connect(self._on_change)
        self.home.import_file.connect(self.import_applicants)
        self.page_replaced_store.connect(self.close_for_restored_store)

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
        # a toolbar tool's twin in the status bar, for the roles whose toolbar has no room
        # (``Tool.status_bar_for``): one of the two is visible, and its key works
        self.status_twins: dict[str, QAction] = {}
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
        # A page of the window from the start, shown from sign-out on (``clear_session``).  Made
        # as a window of its own, it outlived the main window, hidden, until the garbage
        # collector deleted it, at whatever moment it ran: once inside Qt's walk over the open
        # windows while the language was switched, a segmentation fault.
        self.signed_out_page = SignedOutPage()
        self.stack.addWidget(self.signed_out_page)
        self.stack.currentChanged.connect(lambda _index: self.page_keys())
        screen.fit_window(self, 1280, 800)
        screen.stay_on_screen(self)  # not maximised (a large screen): its title bar on the screen
        self.retranslate()
        self.show_start_page()

    def _action(self, tool: Tool) -> QAction:
        action = self._new_action(tool)
        if tool.in_toolbar:
            self.toolbar.addAction(action)
        else:  # a button of the status bar, shown when the role sees the action
            self._status_button(tool.key, action)
        if tool.status_bar_for is not None:
            self.status_twins[tool.key] = twin = self._new_action(tool)
            self._status_button(tool.key, twin)
        return action

    def _status_button(self, key: str, action: QAction) -> None:
        self.addAction(action)
        button = QToolButton()
        button.setObjectName(f"{key}Button")
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setDefaultAction(action)
        action.visibleChanged.connect(lambda: button.setVisible(action.isVisible()))
        self.status_tools.append(button)

    def _new_action(self, tool: Tool) -> QAction:
        action = QAction(self.style().standardIcon(tool.icon), "", self)
        self.texts.add(action.setText, tool.label)
        action.setShortcut(QKeySequence(tool.shortcut))
        self.texts.add(action.setToolTip, lambda: key_tip(_(tool.label), tool.shortcut))
        opens = getattr(self, tool.opens)
        if tool.opens == "show_tool":
            action.triggered.connect(lambda _checked=False: opens(tool.key))
        else:
            action.triggered.connect(lambda _checked=False: opens())
        return action

    # -- the signed-in role --------------------------------------------------------------------
    def may_show(self, key: str) -> bool:
        """Does the signed-in role see this toolbar action (and is its page available)?"""
        if key in self.factories and self.factories[key] is None:
            return False
        who_sees = TOOLS[key].who_sees
        return who_sees is not None and who_sees(self.ctx)

    def visible_actions(self) -> set[str]:
        return {key for key, action in self.actions_by_key.items()
                if action.isVisible() or (key in self.status_twins and self.status_twins[key].isVisible())}

    def apply_role(self) -> None:
        """Show the role's actions; after a change of user, drop the pages built for the last
        one and leave a page the new role does not use."""
        for key, action in self.actions_by_key.items():
            twin, in_status_bar = self.status_twins.get(key), TOOLS[key].status_bar_for
            elsewhere = in_status_bar is not None and in_status_bar(self.ctx)
            action.setVisible(self.may_show(key) and not elsewhere)
            if twin is not None:
                twin.setVisible(self.may_show(key) and elsewhere)
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

    def page_keys(self) -> None:
        """The page shown keeps its own keys: a window's action with the same key (Ctrl+N, a
        new applicant) gives it up while that page is shown (Qt runs neither of two actions on
        one key), and takes it back on the other pages."""
        page = self.stack.currentWidget()
        taken = {a.shortcut().toString() for a in (page.actions() if page is not None else [])
                 if a.isEnabled() and not a.shortcut().isEmpty()}
        for tool in TOOLBAR:
            key = QKeySequence(tool.shortcut)
            getattr(self, f"{tool.key}_action").setShortcut(QKeySequence() if key.toString() in taken else key)

    # -- dialogs ---------------------------------------------------------------------------
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
        page = self.stack.currentWidget()
        self.shortcuts_sheet = ShortcutsSheet(actions, self.guides_action, self,
                                              page.actions() if page is not None else [])
        self.shortcuts_sheet.open_guides.connect(self.show_guides)
        self.shortcuts_sheet.open()
        return self.shortcuts_sheet

    # -- changes, language, signing out -----------------------------------------------------
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
        Operation(self, refresh).failure(lambda exc: log.info("refresh after %s skipped: %s", topic, for_log(exc))).run()

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
        # the first and family names: the status bar also holds a manager's or an administrator's
        # buttons at 1280 px; the whole name is in the tooltip
        said = _("{branch} — signed in as {user} ({role})")
        self.status_label.setText(said.format(
            branch=self.ctx.branch.name(), user=short_name(user), role=role))
        self.status_label.setToolTip("\n".join((
            said.format(branch=self.ctx.branch.name(), user=user, role=role), self.ctx.profile.name())))

    def sign_out(self) -> None:
        """Leave the open page (asking if it has unsaved input), forget the user, clear the
        window of the session, say so."""
        if self.page is not None and not self.page.confirm_leave():
            return
        setup.sign_out(self.ctx)
        self.clear_session()
        self.signed_out.emit()

    def clear_session(self) -> None:
        """Nothing of the session stays: its pages (their banners, lists, dialogs), the search,
        the toolbar and the status bar, every key; the window shows ``SignedOutPage``, which
        keeps what is typed for the sign-in window (``hand_over``)."""
        self.message_sender.timer.stop()
        self.message_sender.first.stop()
        # the signed-out page first: a page closed while shown would show the next one, which
        # reloads for nobody signed in (trial 12: the Overdue page's load refused in the log)
        self.stack.setCurrentWidget(self.signed_out_page)
        for action in self.findChildren(QAction):
            action.setEnabled(False)
        self._close_page()
        for page in self.tool_pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self.tool_pages.clear()
        self.home.search_box.clear()
        self.home.run_search()
        self.toolbar.hide()
        self.statusBar().hide()
        self.signed_out_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_for_restored_store(self, restored: object) -> None:
        """A backup replaced the store under this window: nothing here reads it again (no
        search, no outbox, no page), the administrator is told, and ``store_replaced`` has the
        program open the store anew and ask who signs in (``app.run``)."""
        self.message_sender.timer.stop()
        self.message_sender.first.stop()
        for action in self.findChildren(QAction):
            action.setEnabled(False)
        self._close_page()  # its unsaved input belonged to the replaced store
        self.ctx.user = None
        safety = getattr(restored, "safety", None)
        dialogs.inform(self, _("Backup restored"), _(
            "The store now holds the backup's data. The program opens the store again: sign in. "
            "The replaced store is kept as:") + f"\n{LRI}{safety}{PDI}")
        self.store_replaced.emit()

    def hand_over(self, dialog: QWidget) -> None:
        """The sign-in window for the next person takes what was typed since sign-out; this
        window closes once it is active."""
        assert isinstance(dialog, QDialog)
        self.signed_out_page.hand_over(dialog, self)

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
