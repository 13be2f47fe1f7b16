"""The main window's pages, one shown at a time: the search (home), the guides, the tool pages
(built on first use) and the page for the applicant in front of the desk: the registration
form, the applicant's file or a request, each asking before it is left.  ``MainWindow`` is one,
with its toolbar, the role, the language and the status bar."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QWidget

from ...i18n import N_, _
from ...services.applicants import drafts
from ...services.applicants.applicant_input import ApplicantInput
from ...services.requests import requests
from ...services.store.context import AppContext
from ..applicants.applicant_form import DRAFT_KIND, ApplicantForm
from ..applicants.applicant_view import ApplicantFileView
from ..applicants.home import HomeView
from ..common import dialogs, fmt, screen
from ..common.widgets import FAILED
from ..guides.guides import GuidesView
from ..requests.request_form import RequestForm
from .enter_keys import focus_into
from .operations import Operation
from .page_registry import (
    TOOLBAR,
    AboutOneApplicant,
    OpensApplicants,
    OpensRequests,
    PageFactory,
    ReplacesStore,
)

ApplicantPage = ApplicantForm | ApplicantFileView | RequestForm  # each asks before it is left


class WindowPages(QMainWindow):
    page_replaced_store = Signal(object)  # a restore's result (``page_registry.ReplacesStore``)
    # the toolbar's "Current file" (``MainWindow`` makes it): shown while an applicant page is open
    current_action: QAction

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.page: ApplicantPage | None = None  # the applicant page: form, file or request
        self.tool_pages: dict[str, QWidget] = {}  # overdue, inbox, committee, audit, users
        # the tool pages (overdue, inbox, committee, …): None when not installed
        self.factories: dict[str, PageFactory | None] = {
            tool.key: tool.page for tool in TOOLBAR if tool.opens == "show_tool"}
        self._offered_drafts = False
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
        self.stack.currentChanged.connect(lambda _index: self._offer_current_file())

    # -- the pages -------------------------------------------------------------------------
    def show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)
        self.home.focus_search()

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
            if isinstance(page, ReplacesStore):
                page.store_replaced.connect(self.page_replaced_store)
            self.tool_pages[key] = page
            self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        focus_into(page)
        return page

    def show_page(self) -> None:
        if self.page is not None:
            self.stack.setCurrentWidget(self.page)
            focus_into(self.page)

    def whose_page(self) -> uuid.UUID | None:
        """The applicant the page shown is about: her request's, her selected complaint's or
        appointment's (``AboutOneApplicant``); None on a page about nobody in particular."""
        shown = self.stack.currentWidget()
        return shown.applicant_in_front() if isinstance(shown, AboutOneApplicant) else None

    def show_current_file(self) -> None:
        """Ctrl+E «Current file»: the file of the applicant the page shown is about (from her
        request, her complaint, her appointment), else the applicant page open (her file or
        the form being filled)."""
        whose = self.whose_page()
        open_file = isinstance(self.page, ApplicantFileView) and self.page.applicant_id == whose
        if whose is None or open_file:
            self.show_page()
        else:
            self.open_applicant(whose)

    def _offer_current_file(self) -> None:
        """«Current file» is offered while an applicant page is open or the page shown is
        about one applicant."""
        if hasattr(self, "current_action"):  # (the stack's first pages come before the toolbar)
            self.current_action.setVisible(self.page is not None or isinstance(
                self.stack.currentWidget(), AboutOneApplicant))

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
        self._offer_current_file()
        return True

    def _close_page(self) -> None:
        if self.page is not None:
            self.stack.removeWidget(self.page)
            self.page.deleteLater()
            self.page = None
        self._offer_current_file()

    # -- the applicant in front of the desk: the form, the file, a request -------------------
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

    # -- an interview left unsaved -------------------------------------------------------
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
