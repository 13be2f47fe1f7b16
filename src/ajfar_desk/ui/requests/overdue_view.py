"""Requests whose applicants still wait after the promised answer date, the longest late first.

On a large store the query takes half a second: the list is loaded (and its cells formatted) on a
worker thread, the result comes back by signal, and a result of an older load never replaces a
newer one."""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
)

from ...domain import workflow as wf
from ...domain.errors import for_log
from ...i18n import N_, _, ngettext
from ...services.requests import lookup
from ...services.store.context import AppContext
from ..common import fmt
from ..common.list_page import ListPage
from ..common.table_model import Column, Formatted, RowsModel, record_table, select_row
from ..shell.worker import Job

log = logging.getLogger(__name__)


class OverdueView(ListPage):
    open_request = Signal(object)  # request id

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.today = today  # None: the real today (tests pass a day)
        p = ctx.profile
        t = self.texts
        self.page_title(N_("Overdue requests"), N_("Applicants still waiting after the answer date they were given, "
                                    "the longest late first. Enter or a double click opens the request."))
        self.refresh_button = QPushButton()
        t.add(self.refresh_button.setText, N_("Refresh"))
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.model = RowsModel([
            Column(N_("Reference"), lambda r: fmt.ident(p, r.reference)),
            Column(N_("Applicant"), lambda r: r.applicant_name),
            Column(N_("National ID"), lambda r: fmt.ident(p, r.national_id)),
            Column(N_("Program"), lambda r: fmt.program_name(ctx.profile, r.program)),
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
        # the page opens on its list (Enter opens the longest late): «Refresh», first in the
        # focus chain, had taken the keyboard, and Enter refreshed instead (trial 12)
        self.setFocusProxy(self.table)
        self.table.activated.connect(self._open)  # Enter, and a double click (Fusion style)
        self.refresh_button.clicked.connect(self.reload)
        self.generation = 0  # the newest load; the result of an older one is dropped
        self.jobs: dict[int, Job] = {}  # loads under way (kept alive until their result is in)
        self.error = ""
        self.reload()

    @property
    def loading(self) -> bool:
        return self.generation in self.jobs

    def reload(self) -> None:
        """Load the list again on a worker thread; the rows shown stay until the new ones arrive."""
        self.generation += 1
        generation, ctx, today, model = self.generation, self.ctx, self.today, self.model

        def load(progress=None) -> tuple[int, Formatted | Exception]:
            try:
                return generation, model.format_rows(lookup.overdue(ctx, today=today))
            except Exception as exc:  # shown in the page, with the load it belongs to
                log.warning("overdue requests could not be loaded: %s", for_log(exc))
                return generation, exc

        job = Job(load)
        job.signals.finished.connect(self._loaded)
        self.jobs[generation] = job
        self.error = ""
        self._update_status()
        job.start()

    def _loaded(self, result: tuple[int, Formatted | Exception]) -> None:
        generation, formatted = result
        self.jobs.pop(generation, None)
        if generation != self.generation:
            return  # an older load, finished after a newer one was asked for
        if isinstance(formatted, Exception):
            self.error = getattr(formatted, "message", None) or str(formatted)
            self._update_status()
            return
        selected = self.selected()
        rows = formatted.rows
        self.model.set_rows(formatted)
        index = next((i for i, r in enumerate(rows) if selected and r.request_id == selected.request_id), 0)
        if rows:
            select_row(self.table, index)
        self._update_status()

    def _update_status(self) -> None:
        count = len(self.model.rows)
        if self.loading:
            self.status.setText(_("Loading the overdue requests…"))
        elif self.error:
            self.status.setText(self.error)
        else:
            self.status.setText(
                _("No request is overdue.") if count == 0
                else "⚠ " + ngettext("{count} overdue request", "{count} overdue requests", count).format(
                    count=fmt.number(self.ctx.profile, count)))

    def _open(self, index) -> None:
        line = self.model.row_at(index)
        if line is not None:
            self.open_request.emit(line.request_id)

    def shown(self) -> None:
        if not self.loading:  # the day may have changed, and hidden pages do not follow every change
            self.reload()

    def focus_list(self) -> None:
        self.table.setFocus()

