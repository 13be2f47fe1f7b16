"""The front desk's list of requests (Ctrl+Shift+R): what the desk is working on, a view at a
time (at the desk, waiting for documents, for more information, accepted and waiting for the
service, made today…), narrowed by program, by «made by me» and by a name, ID or reference typed.

The page opens on the box to type in; Down goes to the list, whose arrows move through the rows
and whose Enter opens the request.  Each read runs on a worker thread (``worklist.page`` and
``worklist.count``, cells formatted there too): a page of rows at a time, the next one read when
the list is scrolled to its end (``canFetchMore``) from the last row's place (``after``: a page
far down costs what the first does), the count on its own (the rows show without waiting for
it), and a result of an older read never replaces a newer one."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ...domain import permissions as perm
from ...domain import workflow as wf
from ...i18n import N_, _, current_language, ngettext
from ...services.requests import worklist
from ...services.store.context import AppContext
from ...services.store.events import APPLICANT_CHANGED, REQUEST_CHANGED
from ..common import digit_input, fmt
from ..common.list_page import ListPage, after_typing
from ..common.table_model import LATE_COLOR, Column, Formatted, RowsModel, rows_table, select_row
from ..common.widgets import CodeCombo, named_items
from ..shell.worker import Job

log = logging.getLogger(__name__)
TYPING_DELAY_MS = 250


class PagedModel(RowsModel):
    """Rows read a page at a time: the view asks for more (``fetchMore``) when scrolled to the
    end, and ``more_wanted`` reads the next page (off this thread); ``add_rows`` appends it."""

    def __init__(self, columns, parent=None):
        super().__init__(columns, parent)
        self.more = False
        self.more_wanted: Callable[[], None] = lambda: None

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008,N802 - Qt API
        return not parent.isValid() and self.more

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008,N802 - Qt API
        if self.canFetchMore(parent):
            self.more = False  # one read at a time; the page read says whether more follow
            self.more_wanted()

    def add_rows(self, formatted: Formatted) -> None:
        if formatted.language != current_language():
            formatted = self.format_rows(formatted.rows)
        if not formatted.rows:
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(formatted.rows) - 1)
        self.rows = self.rows + formatted.rows
        self.texts = self.texts + formatted.texts
        self.endInsertRows()


def _answer(profile, line: worklist.WorkLine) -> str:
    due = fmt.date_both(profile, line.answer_due) if line.status in wf.WAITING else ""
    if line.overdue:
        late = ngettext("{date}, {days} day late", "{date}, {days} days late", line.days_late)
        return "⚠ " + late.format(date=due, days=fmt.number(profile, line.days_late))
    return due


class WorklistView(ListPage):
    follows = frozenset({REQUEST_CHANGED, APPLICANT_CHANGED})
    open_request = Signal(object)  # request id
    model: PagedModel
    page_size = worklist.PAGE  # rows read at a time

    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(ctx, parent)
        self.today = today  # None: the real today (tests pass a day)
        p = ctx.profile
        t = self.texts
        self.page_title(N_("Requests"), N_(
            "The requests the desk is working on. Type a name, an ID number or a reference; "
            "Down goes to the list, Enter opens the request."))
        self.search = digit_input.search_line(ctx.profile, "worklistSearch")
        t.add(self.search.setPlaceholderText, N_("Name, ID number or reference"))
        t.add(self.search.setAccessibleName, N_("Name, ID number or reference"))
        self.group = CodeCombo(list(worklist.GROUP_LABELS.items()), placeholder=False)
        self.group.setObjectName("worklistGroup")
        t.add(self.group.setAccessibleName, N_("Which requests"))
        self.program = CodeCombo([("", N_("All programs")), *named_items(p.programs)], placeholder=False)
        self.program.setObjectName("worklistProgram")
        t.add(self.program.setAccessibleName, N_("Program"))
        self.mine = QCheckBox()
        self.mine.setObjectName("worklistMine")
        t.add(self.mine.setText, N_("Made by me"))
        self.late_first = QCheckBox()
        self.late_first.setObjectName("worklistLateFirst")
        t.add(self.late_first.setText, N_("Late first"))
        self.refresh_button = QPushButton()
        t.add(self.refresh_button.setText, N_("Refresh"))
        self.model = PagedModel([
            Column(N_("Reference"), lambda r: fmt.ident(p, r.reference)),
            Column(N_("Applicant"), lambda r: r.applicant_name),
            Column(N_("Program"), lambda r: fmt.program_name(p, r.program)),
            Column(N_("Status"), lambda r: wf.state_label(r.status)),
            Column(N_("Date of the request"), lambda r: fmt.date_both(p, r.created_at.astimezone().date())),
            Column(N_("Answer expected"), lambda r: _answer(p, r),
                   foreground=lambda r: LATE_COLOR if r.overdue else None),
        ], self)
        self.model.more_wanted = self._read_more
        self.table = rows_table(self.model, 1)
        self.table.setObjectName("worklist")
        t.add(self.table.setAccessibleName, N_("Requests"))
        self.status = QLabel()
        self.status.setObjectName("worklistCount")
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setWordWrap(True)
        top = QHBoxLayout()  # the box to type in first: the page opens on it
        top.addWidget(self.search, 1)
        top.addWidget(self.group)
        top.addWidget(self.program)
        top.addWidget(self.mine)
        top.addWidget(self.late_first)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        # once in the page (alone it would be a window); a manager watches the desk's work, not
        # requests of their own
        self.mine.setVisible(ctx.user_id is not None and ctx.role not in (perm.MANAGER, perm.ADMIN))
        self.timer = after_typing(self, self.search, TYPING_DELAY_MS, self.reload)
        self.search.returnPressed.connect(self._to_list)
        self.search.installEventFilter(self)
        for combo in (self.group, self.program):
            combo.currentIndexChanged.connect(lambda _i: self.reload())
        for box in (self.mine, self.late_first):
            box.toggled.connect(lambda _c: self.reload())
        self.refresh_button.clicked.connect(self.reload)
        self.table.activated.connect(self._open)  # Enter, and a double click
        self.table.selectionModel().currentRowChanged.connect(self._near_end)
        self.setFocusProxy(self.search)
        self.generation = 0  # the newest read; an older one's result is dropped
        self.jobs: dict[tuple[int, int], Job] = {}  # reads under way (by generation, rows before; -1: the count) (kept alive until their result is in)
        self.after: worklist.After | None = None  # where the rows read end: the next page starts there
        self.counted: int | None = None
        self.error = ""
        self.reload()

    # -- reading ---------------------------------------------------------------------------
    def work_filter(self) -> worklist.WorkFilter:
        return worklist.WorkFilter(
            group=self.group.code() or worklist.AT_DESK, program=self.program.code() or None,
            mine=self.mine.isChecked(), text=self.search.text(), overdue_first=self.late_first.isChecked())

    @property
    def loading(self) -> bool:
        return any(key[0] == self.generation for key in self.jobs)

    def reload(self) -> None:
        """The list read again from its first page, and its count (the rows shown stay until
        the new ones arrive)."""
        self.timer.stop()
        self.generation += 1
        self.model.more = False  # no next page of the old list is read meanwhile
        self.counted = None
        self.error = ""
        self._start(0, None)
        self._count()
        self._update_status()

    def _read_more(self) -> None:
        self._start(len(self.model.rows), self.after)

    def _run(self, key: int, read: Callable[[], object], arrived: Callable) -> None:
        """``read()`` on a worker thread, its result (or its exception) to ``arrived`` with the
        read's generation and ``key``."""
        generation = self.generation

        def run(progress=None):
            try:
                return generation, key, read()
            except Exception as exc:  # shown in the page, with the read it belongs to
                log.warning("the list of requests could not be read: %s", exc)
                return generation, key, exc

        job = Job(run)
        job.signals.finished.connect(arrived)
        self.jobs[(generation, key)] = job
        job.start()

    def _start(self, before: int, after: worklist.After | None) -> None:
        ctx, today, model, f, size = self.ctx, self.today, self.model, self.work_filter(), self.page_size

        def read():
            found = worklist.page(ctx, f, limit=size, today=today, after=after)
            return model.format_rows(found.lines), found.more, found.after

        self._run(before, read, self._arrived)

    def _count(self) -> None:
        ctx, today, f = self.ctx, self.today, self.work_filter()
        self._run(-1, lambda: worklist.count(ctx, f, today=today), self._counted)

    def _current(self, result) -> Any:
        """A read's result if it is the newest's (None: an older read, finished after a newer
        one was asked for); an error is shown."""
        generation, key, value = result
        self.jobs.pop((generation, key), None)
        if generation != self.generation:
            return None
        if isinstance(value, Exception):
            self.error = getattr(value, "message", None) or str(value)
            self._update_status()
            return None
        return value

    def _counted(self, result) -> None:
        total: int | None = self._current(result)
        if total is not None:
            self.counted = total
            self._update_status()

    def _arrived(self, result) -> None:
        read = self._current(result)
        if read is None:
            return
        formatted: Formatted
        more: bool
        after: worklist.After | None
        formatted, more, after = read
        before = result[1]
        if before == 0:
            selected = self.selected()
            self.model.more = more  # known before a row is selected (``_near_end``)
            self.after = after
            self.model.set_rows(formatted)
            rows = self.model.rows
            if rows:
                select_row(self.table, next((i for i, r in enumerate(rows)
                                             if selected and r.id == selected.id), 0))
        elif before == len(self.model.rows):
            self.model.more = more
            self.after = after
            self.model.add_rows(formatted)
        self._update_status()

    def _update_status(self) -> None:
        p = self.ctx.profile
        if self.error:
            self.status.setText(self.error)
        elif self.counted is None:
            self.status.setText(_("Reading the requests…"))
        elif self.counted == 0:
            self.status.setText(self._empty_text())
        elif self.counted > worklist.COUNT_CAP:
            self.status.setText(ngettext(
                "More than {count} request: type a name or a reference, or choose a program, to "
                "narrow the list", "More than {count} requests: type a name or a reference, or "
                "choose a program, to narrow the list", worklist.COUNT_CAP,
            ).format(count=fmt.number(p, worklist.COUNT_CAP)))
        else:
            group = self.group.code() or worklist.AT_DESK
            self.status.setText(worklist.count_text(group, self.counted).format(
                count=fmt.number(p, self.counted)))

    def _empty_text(self) -> str:
        if self.search.text().strip():
            return _("No request matches what was typed: check the name or the reference, or "
                     "choose “All requests”.")
        if self.group.code() == worklist.TODAY:
            return _("No request was made today. A new request starts from the applicant's file "
                     "(Ctrl+F to find them, Ctrl+N to register them).")
        return _("No request here. Choose another list above, or find an applicant (Ctrl+F) to "
                 "start a request.")

    # -- keys ------------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        """Down in the box to type in goes to the list (arrows then move through its rows)."""
        if (watched is self.search and event.type() == event.Type.KeyPress
                and event.key() == Qt.Key.Key_Down and self.model.rows):
            self._to_list()
            return True
        return super().eventFilter(watched, event)

    def _to_list(self) -> None:
        if self.timer.isActive():  # typed and Enter at once: the list as typed
            self.reload()
        if self.model.rows:
            self.table.setFocus()
            if not self.table.currentIndex().isValid():
                select_row(self.table, 0)

    def _near_end(self, current, _previous) -> None:
        """Arrows near the last row read ask for the next page (the view itself asks only when
        its scroll bar reaches the end, and a short list has none)."""
        if current.isValid() and current.row() >= len(self.model.rows) - 3 and self.model.canFetchMore():
            self.model.fetchMore()

    def _open(self, index) -> None:
        line = self.model.row_at(index)
        if line is not None:
            self.open_request.emit(line.request_id)

    def shown(self) -> None:
        if not self.loading:  # hidden pages do not follow every change
            self.reload()

    def focus_list(self) -> None:
        self.table.setFocus()

    def retranslate(self) -> None:
        self.group.retranslate()
        self.program.retranslate()
        super().retranslate()
