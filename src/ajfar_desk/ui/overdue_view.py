"""Requests whose applicants still wait after the promised answer date, the longest late first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..domain import workflow as wf
from ..i18n import N_, _, current_language
from ..services import lookup
from ..services.context import AppContext
from ..services.lookup import StatusLine
from . import fmt
from .table_model import Column, RowsModel, record_table
from .widgets import Texts, heading


def select_row(table: QTableView, row: int) -> None:
    """Select a whole row (``selectRow`` picks the column at the view's leading edge, which in a
    right-to-left view not laid out yet is no column at all)."""
    table.setCurrentIndex(table.model().index(row, 0))


def program_name(ctx: AppContext, code: str) -> str:
    try:
        return ctx.profile.program(code).name(current_language())
    except Exception:  # a program removed from the profile since: show its code
        return code


class OverdueView(QWidget):
    open_request = Signal(object)  # request id

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today  # None: the real today (tests pass a day)
        p = ctx.profile
        self.texts = t = Texts()
        self.title = heading(size=18)
        t.add(self.title.setText, N_("Overdue requests"))
        self.note = QLabel()
        self.note.setWordWrap(True)
        t.add(self.note.setText, N_("Applicants still waiting after the answer date they were given, "
                                    "the longest late first. Enter or a double click opens the request."))
        self.refresh_button = QPushButton()
        t.add(self.refresh_button.setText, N_("Refresh"))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.model = RowsModel([
            Column(N_("Reference"), lambda r: fmt.ident(p, r.reference)),
            Column(N_("Applicant"), lambda r: r.applicant_name),
            Column(N_("National ID"), lambda r: fmt.ident(p, r.national_id)),
            Column(N_("Program"), lambda r: program_name(ctx, r.program)),
            Column(N_("Status"), lambda r: wf.state_label(r.status)),
            Column(N_("Answer date"), lambda r: fmt.date_both(p, r.answer_due)),
            Column(N_("Days late"), lambda r: fmt.number(p, r.days_late), icon=lambda _r: warning),
        ], self)
        self.table = record_table(self.model, "overdue")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        t.add(self.table.setAccessibleName, N_("Overdue requests"))
        self.status = QLabel()
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        self.table.activated.connect(self._open)  # Enter, and a double click (Fusion style)
        self.refresh_button.clicked.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        selected = self.selected()
        rows = lookup.overdue(self.ctx, today=self.today)
        self.model.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if selected and r.request_id == selected.request_id), 0)
        if rows:
            select_row(self.table, index)
        self._update_status()

    def _update_status(self) -> None:
        count = len(self.model.rows)
        self.status.setText(
            _("No request is overdue.") if count == 0
            else "⚠ " + _("{count} overdue request(s)").format(count=fmt.number(self.ctx.profile, count)))

    def selected(self) -> StatusLine | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0]) if rows else None

    def _open(self, index) -> None:
        line = self.model.row_at(index)
        if line is not None:
            self.open_request.emit(line.request_id)

    def on_change(self, _topic: str, _payload: object) -> None:
        if self.isVisible():
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.reload()  # the day may have changed, and hidden pages do not follow every change

    def focus_list(self) -> None:
        self.table.setFocus()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self._update_status()
