"""Home: one big search box, results as you type, open a file or register someone new."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain.digits import digits_only
from ..i18n import N_, _
from ..services import search
from ..services.context import AppContext
from . import fmt
from .table_model import Column, RowsModel
from .widgets import Texts, heading

SEARCH_DELAY_MS = 150


class HomeView(QWidget):
    open_applicant = Signal(object)  # applicant id
    register_new = Signal(str)  # national ID to prefill ("" when none)

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        p = ctx.profile
        self.title = heading(size=18)
        t.add(self.title.setText, N_("Find an applicant"))
        self.search_box = QLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setClearButtonEnabled(True)
        t.add(self.search_box.setPlaceholderText, N_("Name, national ID, phone or request reference"))
        self.register_button = QPushButton()
        t.add(self.register_button.setText, N_("Register new applicant"))
        self.model = RowsModel([
            Column(N_("Name"), lambda h: h.full_name),
            Column(N_("National ID"), lambda h: fmt.ident(p, h.national_id)),
            Column(N_("Phone"), lambda h: fmt.phone(p, h.phone)),
            Column(N_("Birth date"), lambda h: fmt.date_both(p, h.birth_date)),
            Column(N_("City"), lambda h: h.city),
            Column(N_("Request"), lambda h: fmt.ident(p, h.matched_reference or "")),
        ], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        t.add(self.hint.setText, N_("Type at least two letters of a name, or the first digits of a national ID or phone. Enter opens the selected file."))

        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.register_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _text: self.timer.start())
        self.search_box.returnPressed.connect(self.open_selected)
        self.search_box.installEventFilter(self)
        self.table.activated.connect(self._open_index)
        self.table.doubleClicked.connect(self._open_index)
        self.register_button.clicked.connect(self._register)
        self._searched = ""
        self._update_status()

    # -- searching -------------------------------------------------------------------------
    def run_search(self) -> None:
        self.timer.stop()
        query = self.search_box.text().strip()
        self._searched = query
        hits = search.search(self.ctx, query) if query else []
        self.model.set_rows(hits)
        if hits:
            self.table.selectRow(0)
        self._update_status()

    def refresh(self) -> None:
        """Something changed in the store: show the current query's results again."""
        if self._searched:
            self.run_search()

    def _update_status(self) -> None:
        count = len(self.model.rows)
        if not self._searched:
            self.status.setText("")
        elif count == 0:
            self.status.setText(_("No results. Check the spelling, or register a new applicant."))
        else:
            self.status.setText(_("{count} results").format(count=fmt.number(self.ctx.profile, count)))

    # -- opening ---------------------------------------------------------------------------
    def open_selected(self) -> None:
        if self.timer.isActive() or self._searched != self.search_box.text().strip():
            self.run_search()
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

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self._update_status()
