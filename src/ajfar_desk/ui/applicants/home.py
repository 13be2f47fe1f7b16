"""Home: one big search box, results as you type, open a file or register someone new.

A complete national ID or request reference also shows, under the box, the statuses of that
person's requests: the answer for an applicant who phones in to ask."""

from __future__ import annotations

import re
import uuid

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain import workflow as wf
from ...domain.digits import digits_only, normalize_digits, said
from ...domain.errors import ValidationError
from ...domain.identity import validate_national_id
from ...i18n import N_, _, ngettext
from ...services.applicants import search
from ...services.requests import lookup
from ...services.requests.late_note import LateNote, late_notes
from ...services.requests.lookup import StatusLine
from ...services.store.context import AppContext
from ..common import digit_input, fmt
from ..common.late_words import caller_line
from ..common.list_page import after_typing
from ..common.table_model import MIN_COLUMN, Column, ColumnFitter, RowsModel
from ..common.widgets import FAILED, Texts, heading
from ..shell.operations import Operation

SEARCH_DELAY_MS = 150
STATUS_ROWS = 4  # the lookup list shows this many requests before it scrolls
_REFERENCE = re.compile(r"[A-Z]{2,8}-\d{4}-\d{1,9}")
_NATIONAL_ID = re.compile(r"[12]\d{9}")


def status_query(text: str) -> bool:
    """Is this a complete national ID or request reference (worth a status lookup)?"""
    typed = normalize_digits(text.strip()).upper()
    return bool(_REFERENCE.fullmatch(typed) or _NATIONAL_ID.fullmatch(typed.replace(" ", "")))


def request_cell(profile, hit) -> str:
    """The request the results show, with its state: «AJF-1447-000123 — مسودة» (a draft too)."""
    if not hit.request_reference:
        return ""
    return f"{fmt.ident(profile, hit.request_reference)} — {wf.state_label(hit.request_status or '')}"


class HomeView(QWidget):
    open_applicant = Signal(object)  # applicant id
    open_request = Signal(object)  # request id (from the status lookup)
    register_new = Signal(str)  # national ID to prefill ("" when none)
    import_file = Signal()  # the import dialog (the main window opens it)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        p = ctx.profile
        self.title = heading(size=18)
        t.add(self.title.setText, N_("Find an applicant"))
        self.search_box = digit_input.search_line(ctx.profile, "searchBox")
        t.add(self.search_box.setPlaceholderText, N_("Name, national ID, phone or request reference"))
        self.register_button = QPushButton()
        t.add(self.register_button.setText, N_("Register new applicant"))
        self.import_button = QPushButton()
        self.import_button.setObjectName("importButton")
        t.add(self.import_button.setText, N_("Import from a file…"))
        self.import_button.hide()  # for the roles that import (``set_can_import``)
        self.model = RowsModel([
            Column(N_("Name"), lambda h: h.full_name),
            Column(N_("National ID"), lambda h: fmt.ident(p, h.id_number)),
            Column(N_("Phone"), lambda h: fmt.phone(p, h.phone)),
            Column(N_("Birth date"), lambda h: fmt.birth(p, h.birth_date, h.birth_approx)),
            Column(N_("City"), lambda h: h.city),
            Column(N_("Request"), lambda h: request_cell(p, h)),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # One line per cell: wrapping lays every cell out again on each paint (the names are
        # short enough, and a column is as wide as its longest text; the tooltip has the rest).
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(MIN_COLUMN)  # the style's default fits no short column
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # The other columns as wide as their contents, measured once per distinct text: as you
        # type, Qt's ResizeToContents would lay out every cell's text again for every key.
        self.fitter = ColumnFitter(self.table, self.model, range(1, self.model.columnCount()))
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.lookup_title = QLabel()
        self.lookup_title.setObjectName("statusLookupTitle")
        t.add(self.lookup_title.setText, N_("Request statuses (for applicants who phone in):"))
        self.lookup_list = QListWidget()
        self.lookup_list.setObjectName("statusLookup")
        t.add(self.lookup_list.setAccessibleName, N_("Request statuses"))
        self.lookup_lines: list[StatusLine] = []
        self.late_notes: dict[uuid.UUID, LateNote] = {}  # request id -> LateNote: what to tell a caller of a late request
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        t.add(self.hint.setText, N_("Type at least two letters of a name, or the first digits of a national ID or phone. Enter opens the selected file, or the request whose whole number you typed."))

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.register_button)
        top.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.lookup_title)
        layout.addWidget(self.lookup_list)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        self.timer = after_typing(self, self.search_box, SEARCH_DELAY_MS, self.run_search)
        self.search_box.returnPressed.connect(self.open_selected)
        self.search_box.installEventFilter(self)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.register_button.clicked.connect(self._register)
        self.import_button.clicked.connect(self.import_file)
        self.lookup_list.itemActivated.connect(self._open_status)
        self._searched = ""
        self._update_status()
        self._show_statuses([])

    # -- searching -------------------------------------------------------------------------
    def run_search(self) -> None:
        self.timer.stop()
        query = self.search_box.text().strip()
        self._searched = query
        hits = search.search(self.ctx, query) if query else []
        self.model.set_rows(hits)
        self.fitter.fit()
        if hits:
            self.table.selectRow(0)
        self._update_status()
        self._show_statuses(self._statuses(query))

    # -- status lookup -----------------------------------------------------------------------
    def _statuses(self, query: str) -> list[StatusLine]:
        if not status_query(query):
            return []
        found = Operation(self, lambda: lookup.status_of(self.ctx, query)) \
            .failure(lambda _exc: None).run()  # e.g. ten digits that are no valid national ID
        if found is FAILED:
            return []
        late = [line.request_id for line in found if line.overdue]  # what to tell the caller
        notes = Operation(self, lambda: late_notes(self.ctx, late)).failure(lambda _exc: None).run() \
            if late else {}
        self.late_notes = {} if notes is FAILED else notes
        return found

    def _show_statuses(self, lines: list[StatusLine]) -> None:
        self.lookup_lines = lines
        self.lookup_list.clear()
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for line in lines:
            item = QListWidgetItem(self._status_text(line))
            if line.overdue:
                item.setIcon(warning)
            item.setData(Qt.ItemDataRole.UserRole, line.status)
            self.lookup_list.addItem(item)
        self.lookup_title.setVisible(bool(lines))
        self.lookup_list.setVisible(bool(lines))
        if lines:  # a late request's line has a second one: what to tell the caller
            rows = sum(self.lookup_list.sizeHintForRow(i) for i in range(min(len(lines), STATUS_ROWS)))
            frame = 2 * self.lookup_list.frameWidth()
            self.lookup_list.setFixedHeight(rows + frame + 2)

    def _status_text(self, line: StatusLine) -> str:
        p = self.ctx.profile
        parts = [fmt.ident(p, line.reference), line.applicant_name, fmt.program_name(self.ctx.profile, line.program),
                 wf.state_label(line.status)]
        if line.status in wf.WAITING and line.answer_due:
            parts.append(_("answer expected by {date}").format(date=fmt.date_both(p, line.answer_due)))
        if line.overdue:
            parts.append("⚠ " + ngettext("overdue by {n} day", "overdue by {n} days", line.days_late).format(
                n=fmt.number(p, line.days_late)))
            tell = caller_line(p, self.late_notes.get(line.request_id))
            if tell:  # on a line of its own, read whole without scrolling
                return fmt.para(" — ".join(parts)) + "\n" + fmt.para(tell)
        return fmt.para(" — ".join(parts))

    def _request_asked_for(self) -> StatusLine | None:
        typed = normalize_digits(self._searched).upper()
        if not _REFERENCE.fullmatch(typed):
            return None
        return next((line for line in self.lookup_lines if line.reference.upper() == typed), None)

    def _open_status(self, item: QListWidgetItem) -> None:
        row = self.lookup_list.row(item)
        if 0 <= row < len(self.lookup_lines):
            self.open_request.emit(self.lookup_lines[row].request_id)

    def set_can_register(self, allowed: bool) -> None:
        """Roles that may not register applicants do not see the button."""
        self.register_button.setVisible(allowed)

    def set_can_import(self, allowed: bool) -> None:
        self.import_button.setVisible(allowed)

    def refresh(self) -> None:
        """Something changed in the store: show the current query's results again."""
        if self._searched:
            self.run_search()

    def _update_status(self) -> None:
        count = len(self.model.rows)
        if not self._searched:
            self.status.setText("")
        elif count == 0:
            self.status.setText(self._id_problem() or _("No results. Check the spelling, or register a new applicant."))
        else:
            self.status.setText(ngettext("{count} result", "{count} results", count).format(
                count=fmt.number(self.ctx.profile, count)))

    def _id_problem(self) -> str:
        """For a number typed as a Saudi ID or iqama (ten digits from 1 or 2) that no file holds:
        what is wrong with it, if it cannot be one (trial 12: a mistyped check digit said only
        «لا نتائج», and the desk learned why only on the registration form)."""
        typed = self._searched
        number = digits_only(typed)
        if len(number) != 10 or number[0] not in "12" or re.search(r"[^\d\s\-.٠-٩۰-۹]", typed):
            return ""
        try:
            validate_national_id(number)
        except ValidationError as exc:
            return said(_("No file has this number, and it cannot be an ID: {problem}").format(
                problem=exc.message))
        return ""

    # -- opening ---------------------------------------------------------------------------
    def open_selected(self) -> None:
        if self.timer.isActive() or self._searched != self.search_box.text().strip():
            self.run_search()
        asked = self._request_asked_for()
        if asked is not None:  # a whole request number typed: the request, not its file
            self.open_request.emit(asked.request_id)
            return
        rows = self.table.selectionModel().selectedRows()
        hit = self.model.row_at(rows[0]) if rows else self.model.row_at(0)
        if hit is not None:
            self.open_applicant.emit(hit.id)

    def _open_index(self, index) -> None:
        hit = self.model.row_at(index)
        if hit is not None:
            self.open_applicant.emit(hit.id)

    def _register(self) -> None:
        typed = digits_only(self.search_box.text().strip())
        self.register_new.emit(typed if typed.isdigit() else "")

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # Down arrow in the search box moves into the results.
        if watched is self.search_box and event.type() == event.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down and self.model.rows:
                self.table.setFocus()
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() in (event.Type.FontChange, event.Type.StyleChange) and hasattr(self, "fitter"):
            self.fitter.fit()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self.fitter.fit()
        self._update_status()
        self._show_statuses(self.lookup_lines)
