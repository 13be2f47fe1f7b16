"""An applicant's file: data in both calendars, household members, documents and requests.
Read-only for the roles that may not change it (researcher, committee): no edit buttons."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain import appointments as appointment_rules
from ...domain import permissions
from ...domain import workflow as wf
from ...domain.gendered import category_name, marital_msgid, relation_msgid
from ...domain.people import GENDERS, nationality_msgid
from ...i18n import N_, _, current_language
from ...services.applicants import applicants
from ...services.applicants.views import ApplicantView
from ...services.appointments import views as appointment_views
from ...services.appointments.views import APPOINTMENT_CHANGED
from ...services.requests import requests
from ...services.store.context import AppContext
from ...services.store.events import APPLICANT_CHANGED, COORDINATION_CHANGED, REQUEST_CHANGED
from ..appointments.book_dialog import BookDialog
from ..common import dialogs, fmt
from ..common.tab_keys import turn_tab
from ..common.table_model import Column, RowsModel, record_table
from ..common.widgets import Texts, heading
from ..coordination.coordination_banner import CoordinationBanner
from ..shell.shortcuts_sheet import key_tip
from . import answer_due, file_focus
from .document_edit_dialog import EditDocumentDialog
from .file_details import (
    MEMBERS_TAB,
    NOT_GIVEN,
    given,
    household_text,
    identity_text,
    messages_text,
    title_text,
)
from .file_keys import FILE_KEYS, TAB_KEYS
from .record_dialogs import DocumentDialog, MemberDialog


def _label(mapping: dict[str, str], code: str) -> str:
    return _(mapping[code]) if code in mapping else code


class ApplicantFileView(QWidget):
    edit_requested = Signal(object)  # applicant id
    new_request = Signal(object)  # applicant id
    open_request = Signal(object)  # request id

    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID, parent=None):
        super().__init__(parent)
        self.ctx, self.applicant_id = ctx, applicant_id
        self.view: ApplicantView | None = None
        self.member_dialog: MemberDialog | None = None
        self.document_dialog: DocumentDialog | EditDocumentDialog | None = None
        p = ctx.profile
        self.texts = t = Texts()
        self.title = heading(size=18)
        self.edit_button = QPushButton()
        t.add(self.edit_button.setText, N_("Edit data"))
        self.request_button = QPushButton()
        t.add(self.request_button.setText, N_("New request"))
        self.appointment_button = QPushButton()
        self.appointment_button.setObjectName("bookAppointment")
        t.add(self.appointment_button.setText, N_("Book an appointment…"))
        self.appointment_dialog: BookDialog | None = None
        self.next_appointment = QLabel()  # the next booked appointment, when there is one
        self.next_appointment.setObjectName("nextAppointment")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.edit_button)
        top.addWidget(self.request_button)
        top.addWidget(self.appointment_button)

        self.details = QGridLayout()
        self.details.setHorizontalSpacing(18)
        self.detail_rows = [
            (N_("Identity document"), lambda v: identity_text(p, v)),
            (N_("Name in Latin letters (passport)"), lambda v: v.latin_name or ""),
            (N_("Birth date"), lambda v: fmt.birth(p, v.birth_date, v.birth_approx)),
            (N_("Nationality"), lambda v: _(nationality_msgid(v.nationality, v.gender))),
            (N_("Gender"), lambda v: _label(GENDERS, v.gender)),
            (N_("Marital status"), given("marital_status", lambda v: _(marital_msgid(v.marital_status, v.gender)))),
            (N_("Mobile phone"), given("phone", lambda v: fmt.phone(p, v.phone))),
            (N_("Second phone"), lambda v: fmt.phone(p, v.phone2)),
            (N_("City"), given("city", lambda v: v.city)),
            (N_("District"), given("district", lambda v: v.district)),
            # the file knows whether it was said (a walk-in's 0 said too): no guess from the 0
            (N_("Monthly income (SAR)"), lambda v: fmt.money(p, v.monthly_income)
                                         if v.income_given else _(NOT_GIVEN)),
            (N_("Category"), given("category", lambda v: self._category(v.category, v.gender))),
            (N_("Household size"), given("members", partial(household_text, p), True)),
            (N_("Consent given"), lambda v: fmt.timestamp(p, v.consent_at)),
            (N_("Messages"), messages_text),
            (N_("Notes"), lambda v: v.notes),
        ]
        self.detail_labels: list[tuple[QLabel, QLabel]] = []
        for index, (msgid, _fn) in enumerate(self.detail_rows):
            name, value = QLabel(), QLabel()
            t.add(name.setText, msgid)
            name.setStyleSheet("color: #555;")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            row, column = divmod(index, 3)
            self.details.addWidget(name, row, column * 2)
            self.details.addWidget(value, row, column * 2 + 1)
            self.detail_labels.append((name, value))
        for column in range(3):
            self.details.setColumnStretch(column * 2 + 1, 1)

        self.requests_model = RowsModel([
            Column(N_("Reference"), lambda r: fmt.ident(p, r.reference)),
            Column(N_("Program"), lambda r: self._program(r.program)),
            Column(N_("Channel"), lambda r: self._channel(r.channel)),
            Column(N_("Status"), lambda r: wf.state_label(r.status)),
            Column(N_("Created"), lambda r: fmt.timestamp(p, r.created_at)),
            Column(N_("Answer due"), lambda r: answer_due.due_text(p, r)),  # never an empty cell
        ], self)
        self.documents_model = RowsModel([
            Column(N_("Document"), lambda d: self._kind(d.kind)),
            Column(N_("Number"), lambda d: fmt.ident(p, d.number)),
            Column(N_("Issue date"), lambda d: fmt.date_both(p, d.issue_date)),
            Column(N_("Expiry date"), lambda d: fmt.date_both(p, d.expiry_date)),
            Column(N_("Scanned file"), lambda d: d.scan_name or ""),
        ], self)
        self.members_model = RowsModel([
            Column(N_("Name"), lambda m: m.full_name),
            Column(N_("Relation"), lambda m: _(relation_msgid(m.relation, m.gender))),
            Column(N_("Gender"), lambda m: _label(GENDERS, m.gender)),
            Column(N_("Birth date"), lambda m: fmt.date_both(p, m.birth_date)),
            Column(N_("National ID"), lambda m: fmt.ident(p, m.national_id)),
            Column(N_("Monthly income (SAR)"),
                   lambda m: fmt.money(p, m.monthly_income) if m.income_given else _(NOT_GIVEN)),
        ], self)
        self.requests_table = record_table(self.requests_model)
        self.documents_table = record_table(self.documents_model)
        self.members_table = record_table(self.members_model)
        self.requests_table.activated.connect(self._open_request)
        self.requests_table.doubleClicked.connect(self._open_request)

        self.add_document_button, self.remove_document_button = QPushButton(), QPushButton()
        self.edit_document_button = QPushButton()
        self.edit_document_button.setObjectName("editDocument")
        t.add(self.edit_document_button.setText, N_("Correct document…"))
        self.add_member_button, self.remove_member_button = QPushButton(), QPushButton()
        self.open_request_button = QPushButton()
        t.add(self.add_document_button.setText, N_("Add document"))
        t.add(self.remove_document_button.setText, N_("Remove document"))
        t.add(self.add_member_button.setText, N_("Add member"))
        t.add(self.remove_member_button.setText, N_("Remove member"))
        t.add(self.open_request_button.setText, N_("Open request"))
        self.tabs = QTabWidget()
        self.answer_note = answer_due.note_line(p, self.requests_table, self.requests_model)
        self.tabs.addTab(self._tab(self.requests_table, self.open_request_button,
                                   note=self.answer_note), "")
        self.tabs.addTab(self._tab(self.documents_table, self.add_document_button,
                                     self.edit_document_button, self.remove_document_button), "")
        self.tabs.addTab(self._tab(self.members_table, self.add_member_button, self.remove_member_button), "")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.next_appointment)
        layout.addLayout(self.details)
        self.coordination = CoordinationBanner(ctx, applicant_id)  # hidden while coordination is off
        layout.addWidget(self.coordination)
        layout.addWidget(self.tabs, 1)

        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.applicant_id))
        self.request_button.clicked.connect(lambda: self.new_request.emit(self.applicant_id))
        self.open_request_button.clicked.connect(lambda: self._open_request(self.requests_table.currentIndex()))
        self.appointment_button.clicked.connect(self.book_appointment)
        self.add_document_button.clicked.connect(self.add_document)
        self.remove_document_button.clicked.connect(self.remove_document)
        self.edit_document_button.clicked.connect(self.edit_document)
        # Enter or a double click on a document corrects it (read-only roles: nothing happens)
        self.documents_table.activated.connect(lambda _index: self._press(self.edit_document_button, None))
        self.documents_table.doubleClicked.connect(lambda _index: self._press(self.edit_document_button, None))
        self.add_member_button.clicked.connect(self.add_member)
        self.remove_member_button.clicked.connect(self.remove_member)
        self._show_for_role()
        self._bind_keys()
        self.refresh()

    def _bind_keys(self) -> None:
        for name, (sequence, label, tab) in FILE_KEYS.items():
            button = getattr(self, name)
            self.texts.add(button.setToolTip, partial(_key_tip, label, sequence))
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda button=button, tab=tab: self._press(button, tab))
        for keys, step, _label in TAB_KEYS:
            for sequence in keys:
                shortcut = QShortcut(QKeySequence(sequence), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(partial(self._turn_tab, step))

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002 - Qt API
        """Tab / Shift+Tab go round the file's own stops in the order seen (``file_focus``)."""
        top = [self.edit_button, self.request_button, self.appointment_button,
               *self.coordination.findChildren(QPushButton)]
        tab_stops = [[self.open_request_button, self.requests_table],
                     [self.add_document_button, self.edit_document_button,
                      self.remove_document_button, self.documents_table],
                     [self.add_member_button, self.remove_member_button, self.members_table]]
        stops = file_focus.chain(self, top, self.tabs, tab_stops)
        return file_focus.step(self, stops, next) or super().focusNextPrevChild(next)

    def _turn_tab(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+PgDown the next tab, Ctrl+Shift+Tab / Ctrl+PgUp the previous, round."""
        turn_tab(self.tabs, step)

    def _press(self, button: QPushButton, tab: int | None) -> None:
        """A key's button: on its tab (shown first), when the role has it."""
        if button.isHidden() or not button.isEnabled():
            return
        if tab is not None:
            self.tabs.setCurrentIndex(tab)
        button.click()

    def _show_for_role(self) -> None:
        """Only the roles that may change the file see the buttons that change it."""
        edits_applicant = self.ctx.may(permissions.EDIT_APPLICANT)
        for button in (
            self.edit_button,
            self.add_document_button,
            self.edit_document_button,
            self.remove_document_button,
            self.add_member_button,
            self.remove_member_button,
        ):
            button.setVisible(edits_applicant)
        self.request_button.setVisible(self.ctx.may(permissions.EDIT_REQUEST))
        self.appointment_button.setVisible(self.ctx.may(permissions.BOOK_APPOINTMENT))

    @staticmethod
    def _tab(table: QTableView, *buttons: QPushButton, note: QLabel | None = None) -> QWidget:
        page = QWidget()
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        if note is not None:  # beside the buttons: the tab grows no taller
            row.addWidget(note, 1)
        else:
            row.addStretch(1)
        box = QVBoxLayout(page)
        box.addLayout(row)
        box.addWidget(table)
        return page

    def _named(self, finder, code: str) -> str:
        try:
            return finder(code).name()
        except Exception:  # a code from another profile or version: show it as stored
            return code

    def _category(self, code: str, gender: str | None) -> str:
        """The category as it names this applicant («يتيمة» for a woman)."""
        try:
            return category_name(self.ctx.profile.category(code), gender, current_language())
        except Exception:  # a code from another profile or version: show it as stored
            return code

    def _program(self, code): return self._named(self.ctx.profile.program, code)  # noqa: E704
    def _channel(self, code): return self._named(self.ctx.profile.channel, code)  # noqa: E704
    def _kind(self, code): return self._named(self.ctx.profile.document_kind, code)  # noqa: E704

    # -- data ------------------------------------------------------------------------------
    def refresh(self) -> None:
        first = getattr(self, "view", None) is None
        self.view = view = applicants.get(self.ctx, self.applicant_id, record_open=first)
        self.title.setText(fmt.para(title_text(view)))
        for (_name, value), (_msgid, fn) in zip(self.detail_labels, self.detail_rows, strict=True):
            value.setText(fmt.para(fn(view)))
        self._set_documents(view.documents)
        self.members_model.set_rows(view.members)
        self._set_requests()
        self._set_next_appointment()

    def _set_documents(self, documents) -> None:
        """The documents, the one corrected last (else the first) current: Alt+C corrects it."""
        row = max(self.documents_table.currentIndex().row(), 0)
        self.documents_model.set_rows(documents)
        if documents:
            self.documents_table.setCurrentIndex(self.documents_model.index(min(row, len(documents) - 1), 0))
        self.edit_document_button.setEnabled(bool(documents))

    def _set_next_appointment(self) -> None:
        p = self.ctx.profile
        upcoming = [a for a in reversed(appointment_views.of_applicant(self.ctx, self.applicant_id))
                    if a.state == appointment_rules.BOOKED and a.day >= dt.date.today()]
        self.next_appointment.setVisible(bool(upcoming))
        if upcoming:
            a = upcoming[0]
            self.next_appointment.setText(fmt.para(_("Next appointment: {when} — {purpose}, with {employee}").format(
                when=appointment_rules.when_text(a.day, a.start, current_language(), fmt.digit_style(p)),
                purpose=appointment_rules.purpose_label(a.purpose), employee=a.employee_name)))

    def book_appointment(self) -> BookDialog | None:
        if self.view is None or not self.ctx.may(permissions.BOOK_APPOINTMENT):
            return None
        self.appointment_dialog = BookDialog(self.ctx, applicant_id=self.applicant_id,
                                             applicant_name=self.view.full_name, parent=self)
        self.appointment_dialog.booked.connect(lambda _a: self._set_next_appointment())
        self.appointment_dialog.open()
        return self.appointment_dialog

    def _set_requests(self) -> None:
        """The requests, the first one current: «Open request» (Alt+O, Enter) opens it at once."""
        self.requests_model.set_rows(requests.list_requests(self.ctx, applicant_id=self.applicant_id))
        if self.requests_model.rows and not self.requests_table.currentIndex().isValid():
            self.requests_table.setCurrentIndex(self.requests_model.index(0, 0))
        self._retitle_tabs()

    def _retitle_tabs(self) -> None:
        p = self.ctx.profile
        titles = (
            _("Requests ({count})").format(count=fmt.number(p, len(self.requests_model.rows))),
            _("Documents ({count})").format(count=fmt.number(p, len(self.documents_model.rows))),
            _(MEMBERS_TAB).format(count=fmt.number(p, len(self.members_model.rows))),
        )
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)

    def on_change(self, topic: str, payload: object) -> None:
        if topic == APPOINTMENT_CHANGED:
            self._set_next_appointment()
        elif topic == APPLICANT_CHANGED and payload == self.applicant_id:
            self.refresh()
            self.coordination.refresh()
        elif topic == COORDINATION_CHANGED:
            self.coordination.refresh()
        elif topic == REQUEST_CHANGED:
            self._set_requests()

    def _open_request(self, index) -> None:
        row = self.requests_model.row_at(index)
        if row is not None:
            self.open_request.emit(row.id)

    # -- members and documents -------------------------------------------------------------
    def add_document(self) -> None:
        self.document_dialog = DocumentDialog(self.ctx, self.applicant_id, parent=self)
        self.document_dialog.open()

    def edit_document(self) -> EditDocumentDialog | None:
        doc = self._selected(self.documents_table, self.documents_model)
        if doc is None:
            return None
        self.document_dialog = EditDocumentDialog(self.ctx, self.applicant_id, doc, self._kind(doc.kind), parent=self)
        self.document_dialog.open()
        return self.document_dialog

    def add_member(self) -> None:
        self.member_dialog = MemberDialog(self.ctx, self.applicant_id, parent=self,
                                          applicant_gender=self.view.gender if self.view else None)
        self.member_dialog.open()

    def _selected(self, table: QTableView, model: RowsModel):
        rows = table.selectionModel().selectedRows()
        return model.row_at(rows[0] if rows else table.currentIndex())

    def remove_document(self) -> None:
        doc = self._selected(self.documents_table, self.documents_model)
        if doc is not None and dialogs.ask(self, _("Remove document"), _("Remove the document “{kind}” from the file?").format(kind=self._kind(doc.kind)), default_yes=False):
            applicants.remove_document(self.ctx, doc.id)

    def remove_member(self) -> None:
        member = self._selected(self.members_table, self.members_model)
        if member is not None and dialogs.ask(self, _("Remove member"), _("Remove {name} from the household?").format(name=member.full_name), default_yes=False):
            applicants.remove_member(self.ctx, member.id)

    def confirm_leave(self) -> bool:
        return True

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.coordination.retranslate()
        for model in (self.requests_model, self.documents_model, self.members_model):
            model.retranslate()
        if self.view is not None:
            for (_name, value), (_msgid, fn) in zip(self.detail_labels, self.detail_rows, strict=True):
                value.setText(fmt.para(fn(self.view)))
        self._retitle_tabs()


def _key_tip(label: str, sequence: str) -> str:
    return key_tip(_(label), sequence)
