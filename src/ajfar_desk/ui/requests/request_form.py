"""A support request: program and channel, its reference, the documents checklist, submission."""

from __future__ import annotations

import datetime as dt
import logging
import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import gendered, permissions
from ...domain import requests as rules
from ...domain import workflow as wf
from ...domain.errors import for_log
from ...i18n import N_, _
from ...services.applicants import applicants
from ...services.requests import casework, requests
from ...services.requests.late_note import late_note
from ...services.store.context import AppContext
from ...services.store.events import APPLICANT_CHANGED, REQUEST_CHANGED
from ..applicants.record_dialogs import DocumentDialog
from ..common import screen
from ..common.late_words import caller_line
from ..common.soon import Soon
from ..common.text_align import follow_language
from ..common.widgets import (
    Banner,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    heading,
    named_items,
)
from ..feedback.survey_offer import SurveyOffer
from ..papers.papers_panel import PapersPanel
from ..papers.receipt_offer import ReceiptOffer
from ..shell.operations import Operation
from . import eligibility_refusal, leave_check
from .checklist_lines import fill_checklist
from .declaration_banner import StaleDeclarationBanner
from .eligibility_panel import EligibilityPanel
from .page_focus import ScrollFollower, chain_tabs, wrap
from .request_actions import RequestActions
from .request_keys import PREVIEW_KEY, RequestKeys, key_text
from .request_status import (
    answer_line,
    asked_for,
    overdue_banner,
    overdue_line,
    reference_line,
    standing_line,
    submitted_line,
)
from .tab_height import LinesInView, TabHeight
from .timeline_panel import NextSteps, TimelinePanel

log = logging.getLogger(__name__)


class RequestForm(RequestActions):
    """The page of one request (what its buttons do is ``RequestActions``)."""

    back = Signal(object)  # applicant id: back to the file

    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID, request_id: uuid.UUID | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.applicant_id, self.request_id = ctx, applicant_id, request_id
        self.request: requests.RequestView | None = None
        self.document_dialog: DocumentDialog | None = None
        p = ctx.profile
        self.applicant = applicants.get(ctx, applicant_id, record_open=False)
        self.texts = t = Texts()
        self.title = heading(size=18)
        self.reference = QLabel()
        self.reference.setObjectName("reference")
        self.reference.setWordWrap(True)  # with what the committee asked for, it may be long
        self.answer = QLabel()
        self.answer.setObjectName("answerDate")
        self.overdue = overdue_banner(self.style())
        self.stale = StaleDeclarationBanner(ctx)  # the signed declaration no longer matches
        self.program = CodeCombo(named_items(p.programs))
        self.channel = CodeCombo(named_items(p.channels))
        self.channel.set_code(rules.default_channel(ctx.role, (c.code for c in p.channels)))
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setMaximumHeight(64)
        follow_language(self.description)  # from the right in Arabic
        self.boxes = {
            "program": FieldBox(t, N_("Program"), self.program),
            "channel": FieldBox(t, N_("Contact channel"), self.channel),
            "description": FieldBox(t, lambda: _(gendered.for_gender(gendered.ASKS_FOR, self.applicant.gender)),
                                    self.description),
        }
        grid = QGridLayout()
        grid.addWidget(self.boxes["program"], 0, 0)
        grid.addWidget(self.boxes["channel"], 0, 1)
        grid.addWidget(self.boxes["description"], 1, 0, 1, 2)
        self.checklist_title = QLabel()
        t.add(self.checklist_title.setText, N_("Required documents, checked for today"))
        self.checklist = QListWidget()
        self.checklist.setObjectName("checklist")
        self.checklist.setWordWrap(True)
        self.error = ErrorLabel()
        self.result = Banner("success")  # what an action of this page just did
        # on opening: what comes next (a plain line: nothing just happened)
        self.standing = QLabel()
        self.standing.setObjectName("standing")
        self.standing.setWordWrap(True)
        self.standing.hide()
        self.announced: str | None = None  # the status an action of this page led to
        self._announce = False  # the next showing follows a step taken on the page
        self.create_button = QPushButton()
        t.add(self.create_button.setText, N_("Create request"))
        self.document_button = QPushButton()
        t.add(self.document_button.setText, N_("Add document"))
        self.submit_button = QPushButton()
        # Submitting is the desk's step; sending to the committee is the next one.
        t.add(self.submit_button.setText, wf.ACTION_LABELS[wf.SUBMIT])
        self.survey = SurveyOffer(ctx, gender=self.applicant.gender)  # after the service
        self.back_button = QPushButton()
        t.add(self.back_button.setText, N_("Back to the applicant's file"))
        buttons = QHBoxLayout()
        for button in (self.create_button, self.document_button, self.submit_button, self.survey):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        status_row = QHBoxLayout()
        status_row.addWidget(self.reference, 1)
        status_row.addWidget(self.answer)
        layout.addLayout(status_row)
        # a late request's warning stays on the screen (trial 12: Tab scrolled it away)
        layout.addWidget(self.overdue)
        # What can grow (the documents, the papers, the timeline) scrolls between the title and
        # the actions, so the next steps, the refusal and the buttons stay on a 1366×768 screen.
        middle_page = QWidget()
        middle_layout = QVBoxLayout(middle_page)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.stale)
        middle_layout.addLayout(grid)
        # The checklist and the request's papers side by side (checklist first: on the right
        # in Arabic), the timeline on a tab of its own.
        checks = QVBoxLayout()
        checks.addWidget(self.checklist_title)
        checks.addWidget(self.checklist, 1)
        self.papers = PapersPanel(ctx)
        documents_tab = QWidget()
        middle = QHBoxLayout(documents_tab)
        middle.addLayout(checks, 1)
        middle.addWidget(self.papers, 1)
        self.timeline = TimelinePanel(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("requestTabs")
        self.tabs.addTab(documents_tab, "")
        self.tabs.addTab(self.timeline, "")
        self.eligibility = EligibilityPanel(ctx)
        self.tabs.addTab(self.eligibility, "")
        t.add(lambda text: self.tabs.setTabText(0, text), N_("Documents and papers"))
        t.add(lambda text: self.tabs.setTabText(1, text), N_("Timeline"))
        t.add(lambda text: self.tabs.setTabText(2, text), N_("Eligibility"))
        middle_layout.addWidget(self.tabs, 1)
        # Six documents readable at once (at 220 px only one row showed), a taller tab whole
        # (the confirmations); what is above them scrolls away when the page is short.
        self.tab_height = TabHeight(self.tabs, 300)
        self.eligibility.changed.connect(self.tab_height.fit)
        eligibility_refusal.watch(self)  # a refusal naming a confirmation goes once one is ticked
        self.middle = screen.scrolling(middle_page)
        layout.addWidget(self.middle, 1)
        # the focused control always on the screen; Page Up/Down scroll what it leaves unused
        self.follower = ScrollFollower(self.middle)
        self.documents_seen = LinesInView(  # three lines of the required documents at least
            self.middle, self.tabs, self.checklist,
            lambda: self.request is not None and self.request.status != rules.DRAFT)
        # a tab chosen: its page from its top (at 1366×768 the eligibility list showed one line)
        self.tabs.currentChanged.connect(lambda _index: self.follower.show_widget(self.tabs))
        documents_tab.setFocusProxy(self.checklist)  # Alt+1/2/3 land on the tab's list
        # The paper buttons under the scrolled content, always on the screen; pressed from
        # another tab, they show the papers' list they act on.
        layout.addWidget(self.papers.action_row)
        for button in self.papers.action_row.findChildren(QPushButton):
            button.clicked.connect(lambda: self.tabs.setCurrentWidget(documents_tab))
        self.steps = NextSteps(ctx)
        self.steps.eligibility = lambda: (self.eligibility.confirmed(),
                                          self.eligibility.override_reason())
        self.steps.started.connect(self._clear)
        self.steps.failed.connect(self._refused)
        self.steps.done.connect(self._step_done)
        layout.addWidget(self.steps)
        layout.addWidget(self.error)
        layout.addWidget(self.result)
        layout.addWidget(self.standing)
        # The applicant's receipt, offered once the request is submitted (Ctrl+R).
        self.receipt = ReceiptOffer(ctx)
        self.receipt.set_gender(self.applicant.gender)
        self.papers.set_gender(self.applicant.gender, key_text(PREVIEW_KEY))  # «print first: …»
        self.receipt.printed.connect(self.papers.reload)
        self.papers.documents_missing.connect(self.documents_missing)
        buttons.insertWidget(0, self.receipt)
        layout.addLayout(buttons)

        self.program.activated.connect(self._choice_changed)
        self.channel.activated.connect(self._choice_changed)
        self.create_button.clicked.connect(self.create_request)
        self.document_button.clicked.connect(self.add_document)
        self.submit_button.clicked.connect(self.submit)
        self.back_button.clicked.connect(lambda: self.back.emit(self.applicant_id))
        # A refusal or a field's error goes once what caused it may have been fixed.
        self.description.textChanged.connect(self._description_edited)
        self.keys = RequestKeys(self, self)
        # A change announced by a service (a document added, a paper issued, a step taken)
        # arrives while the action's slot is still running, often one of this page's own: the
        # page is shown again once the event loop runs, once for all the changes of the action.
        self._reload_soon = Soon(self, self._reload_now)
        self.reload()

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt API
        """Tab and Shift+Tab go round the page's own controls, never out to the bottom bar."""
        return wrap(self, next) or super().focusNextPrevChild(next)

    def _description_edited(self) -> None:
        if self.boxes["description"].error.isVisible():
            self.boxes["description"].set_error(None)

    # -- data ------------------------------------------------------------------------------
    def _step_done(self) -> None:
        """A step taken on the page: shown with what it did."""
        self._announce = True
        self.reload()

    def applicant_in_front(self) -> uuid.UUID:
        """Whose request this is: Ctrl+E «Current file» opens her file (``AboutOneApplicant``)."""
        return self.applicant_id

    def reload(self) -> None:
        self._reload_soon.stop()  # shown now: a change announced before is shown with it
        if self.request_id is not None:
            self.request = requests.get_request(self.ctx, self.request_id)
            self.program.set_code(self.request.program)
            self.channel.set_code(self.request.channel)
            if not self.description.toPlainText():
                self.description.setPlainText(self.request.description)
        self._show()

    def _title(self) -> None:
        """«شكوى من المستفيدة …», «طلب دعم للمستفيد …»: what the program's request is."""
        code = self.request.program if self.request is not None else self.program.code()
        kind = next((p.kind.request for p in self.ctx.profile.programs if p.code == code), None)
        self.title.setText(_(gendered.request_title(kind, self.applicant.gender)).format(
            name=self.applicant.full_name))

    def _show(self) -> None:
        p, r = self.ctx.profile, self.request
        self._title()
        self.reference.setText(reference_line(p, r, asked_for(self.ctx, r)))
        self.answer.setText(answer_line(p, r))
        today = dt.date.today()
        late = overdue_line(p, r, today)
        if late:  # and what to tell the caller who asks: where it is, since when, who holds it
            tell = caller_line(p, late_note(self.ctx, r.id, today)) if r is not None else ""
            self.overdue.show_message(f"{late}. {tell}" if tell else late)
        else:
            self.overdue.hide()
        draft = r is None or r.status == rules.DRAFT
        editor = self.ctx.may(permissions.EDIT_REQUEST)
        for widget in (self.program, self.channel, self.description):
            widget.setEnabled(draft and editor)
        # After submission an empty description only takes room from the tabs.
        self.boxes["description"].setVisible(draft or bool(self.description.toPlainText().strip()))
        self.create_button.setVisible(r is None and editor)
        # an immediate service is delivered from the draft (Next steps), never submitted
        kind = casework.program_kind(self.ctx, r.program) if r is not None else None
        served_at_once = kind is not None and kind.immediate
        self.submit_button.setVisible(r is not None and draft and editor and not served_at_once)
        self.stale.show_for(r if draft else None)
        self.document_button.setVisible(draft and self.ctx.may(permissions.EDIT_APPLICANT))
        self._fill_checklist()
        self.papers.set_request(r)
        self.receipt.set_request(r)
        self.tabs.setTabEnabled(1, r is not None)
        self.tabs.setTabEnabled(2, r is not None)
        if not draft:  # what was asked is settled: the documents and papers come first
            QTimer.singleShot(0, self.documents_seen.show_lines)  # once laid out
        self.eligibility.set_request(r)
        self.timeline.set_request(r.id if r is not None else None)
        self.steps.set_request(r, self.applicant.full_name)
        self.survey.set_request(r)
        # a late request's line above says what to tell her now, not an answer date long gone
        if self._announce:
            self.announced, self._announce = (r.status if r is not None else None), False
        waits = r is not None and r.status in (rules.SUBMITTED, wf.AWAITING_COMMITTEE) and not late
        just_done = waits and r is not None and r.status == self.announced
        if just_done:  # the action's own message, as long as the request stays where it led
            self.result.show_message(submitted_line(p, r, self.applicant.gender))
        else:
            self.result.hide()
        self.standing.setText(standing_line(p, r, self.applicant.gender) if waits and not just_done else "")
        self.standing.setVisible(waits and not just_done)
        self.keys.refresh()
        chain_tabs(self)  # the step buttons and the confirmations may have changed

    def _fill_checklist(self) -> None:
        a = self.applicant
        fill_checklist(self.checklist, self.style(), self.ctx.profile, self.request, self.program.code(),
                       rules.identity_kind(a.nationality, a.id_type, (k.code for k in self.ctx.profile.document_kinds)))

    def on_change(self, topic: str, payload: object) -> None:
        if (topic == APPLICANT_CHANGED and payload == self.applicant_id) or (
            topic == REQUEST_CHANGED and payload == self.request_id
        ):
            self.error.clear_message()  # a document added, a paper issued: the refusal may be fixed
            self._reload_soon.start()

    def reload_pending(self) -> bool:
        """A change was announced and the page is not shown again yet."""
        return self._reload_soon.isActive()

    def _reload_now(self) -> None:  # e.g. the request was removed: said when next used
        Operation(self, self.reload).failure(
            lambda exc: log.info("request page not refreshed: %s", for_log(exc))).run()

    def unsaved(self) -> bool:
        """Something typed on the page that no service has stored: the description of a draft
        (or of a request not created yet), or an exception's reason not submitted."""
        return leave_check.unsaved(self.request, self.description.toPlainText(),
                                   self.eligibility.override_reason())

    def confirm_leave(self) -> bool:
        """May the page go?  Asks first when something typed is not saved (Enter keeps it)."""
        return not self.unsaved() or leave_check.ask_to_leave(self)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.papers.texts.retranslate()
        self.receipt.retranslate()
        self.survey.retranslate()
        self.timeline.retranslate()
        self.steps.retranslate()
        self.eligibility.retranslate()
        self.program.retranslate()
        self.channel.retranslate()
        self.reload()
