"""The manager's dashboard: this month's figures beside last month's, three charts, and the
monthly report (preview, print, save as PDF or spreadsheet).  Everything is computed off the GUI
thread; the page recomputes when data change while it is shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import cast

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...domain import report as rp
from ...domain.errors import ValidationError
from ...i18n import N_, _, current_language, ngettext
from ...services.reports import report
from ...services.store.context import AppContext
from ...services.store.output_files import safe_output, write_atomic
from ..common import dialogs, files, fmt, screen
from ..common.table_model import Column, RowsModel, record_table
from ..common.widgets import Banner, Texts, heading, named_button
from ..shell.worker import Job
from .annual_bar import AnnualBar, fill_review_banner, review_banner
from .charts import BarChart, Series

REFRESH_DELAY_MS = 400  # several changes in a row cost one recomputation
HISTORY_MONTHS = 24  # months offered for the printed report


def value_text(profile, kind: str, value: rp.Number | None, signed: bool = False) -> str:
    """A figure as shown: profile digits, one decimal for days and percents, "—" for none."""
    if value is None:
        return "—"
    sign = ("+" if value > 0 else "−" if value < 0 else "") if signed else ""
    amount = cast(rp.Number, abs(value)) if signed else value  # abs keeps int or Decimal
    if kind == "money":
        text = _("{amount} SAR").format(amount=fmt.money(profile, amount))
    elif kind == "count":
        text = fmt.number(profile, amount)
    else:  # days and percents: one decimal
        text = fmt.decimal(profile, amount, 1)
        if kind == "percent":
            text += "٪" if current_language() == "ar" else "%"
    return "\u2068" + sign + text + "\u2069"


def month_title(profile, month: rp.YearMonth) -> str:
    from babel.dates import format_date

    text = format_date(month.first_day, "MMMM y", locale=current_language())
    return fmt.number(profile, text)


def report_month_title(profile, month: rp.YearMonth, current: rp.YearMonth) -> str:
    """A month offered for the printed report: «ديسمبر 2026 (الشهر الجاري)» for the month in
    progress, the month alone for a closed one."""
    title = month_title(profile, month)
    return _("{month} (in progress)").format(month=title) if month == current else title


class DashboardView(QWidget):
    def __init__(self, ctx: AppContext, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.report: rp.MonthlyReport | None = None
        self.job: Job | None = None
        self.print_job: Job | None = None
        self.dirty = False
        p = ctx.profile
        self.texts = t = Texts()
        self.title = heading(size=18)
        self.branch = QComboBox()
        self.branch.setObjectName("dashboardBranch")
        # as wide as its longest choice, in either language ("All branche" was cut)
        self.branch.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.refresh_button = QPushButton()
        t.add(self.refresh_button.setText, N_("Refresh"))
        self.status = QLabel()
        self.banner = Banner("error")
        self.model = RowsModel([
            Column(N_("Figure"), lambda f: rp.figure_title(f.key, to_date=self._to_date())),
            Column(N_("This month"), lambda f: value_text(p, f.kind, f.current)),
            Column(N_("Last month"), lambda f: value_text(p, f.kind, f.previous)),
            Column(N_("Change"), lambda f: value_text(p, f.kind, f.change, signed=True),
                   foreground=self._change_color),
        ], self)
        self.table = record_table(self.model, "dashboardFigures")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.programs_chart, self.trend_chart, self.outcomes_chart = BarChart(), BarChart(), BarChart()
        charts = QWidget()
        grid = QGridLayout(charts)
        grid.addWidget(self.programs_chart, 0, 0)
        grid.addWidget(self.outcomes_chart, 1, 0)
        grid.addWidget(self.trend_chart, 2, 0)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(screen.scrolling(charts))  # three charts are taller than a laptop's page
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        screen.remember_splitter(split, "dashboard")

        # the printed report
        self.month = QComboBox()
        self.month.setObjectName("reportMonth")
        self.month.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.report_lang = QComboBox()
        self.report_lang.addItem("العربية", "ar")
        self.report_lang.addItem("English", "en")
        self.preview_button = named_button(t, N_("Monthly report…"), "reportPreview")
        self.xlsx_button = named_button(t, N_("Save as spreadsheet…"), "reportSpreadsheet")
        self.report_label = QLabel()
        t.add(self.report_label.setText, N_("Monthly report for the board:"))
        self.report_lang_label = QLabel()
        t.add(self.report_lang_label.setText, N_("Language"))
        bottom = QHBoxLayout()
        for w in (self.report_label, self.month, self.report_lang_label, self.report_lang,
                  self.preview_button, self.xlsx_button):
            bottom.addWidget(w)
        bottom.addStretch(1)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.branch)
        top.addWidget(self.refresh_button)
        self.review_banner = review_banner(ctx, today)  # the policy's review, due or past
        self.annual = AnnualBar(ctx, self.branch, self.report_lang, self, today)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.review_banner)
        layout.addWidget(self.banner)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        layout.addWidget(self.annual)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(REFRESH_DELAY_MS)
        self.timer.timeout.connect(self.reload)
        self.refresh_button.clicked.connect(self.reload)
        self.branch.currentIndexChanged.connect(lambda _i: self.reload())
        self.preview_button.clicked.connect(lambda: self.make_report("pdf"))
        self.xlsx_button.clicked.connect(lambda: self.make_report("xlsx"))
        self._fill_choices()
        self.retranslate()
        self.reload()

    # -- computing -------------------------------------------------------------------------
    @property
    def current_month(self) -> rp.YearMonth:
        return rp.YearMonth.of(self.today or dt.date.today())

    def reload(self) -> None:
        """Recompute this month's figures on a worker thread (one at a time)."""
        if self.job is not None:
            self.dirty = True  # recompute once the running job is done
            return
        self.dirty = False
        self.status.setText(_("Computing the figures…"))
        month, branch = self.current_month, self.branch.currentData() or None
        self.job = Job(lambda progress: report.monthly(self.ctx, month, branch=branch))
        self.job.signals.finished.connect(self._computed)
        self.job.signals.failed.connect(self._failed)
        self.job.start()

    def _computed(self, result: rp.MonthlyReport) -> None:
        self.job = None
        self.report = result
        self.banner.hide()
        self.model.set_rows(result.figures)
        self._draw()
        text = (_("Figures of {month} to date (the month is in progress), beside {previous}; computed at {time}.")
                if result.in_progress else _("Figures of {month}, beside {previous}; computed at {time}."))
        self.status.setText(text.format(
            month=month_title(self.ctx.profile, result.month),
            previous=month_title(self.ctx.profile, result.month.previous()),
            time=fmt.timestamp(self.ctx.profile, result.generated_at)))
        if self.dirty:
            self.reload()

    def _failed(self, exc: Exception, _trace: str) -> None:
        self.job = None
        self.status.setText("")
        self.banner.show_message(getattr(exc, "message", None) or str(exc))

    def on_change(self, _topic: str, _payload: object) -> None:
        if self.isVisible():
            self.timer.start()
        else:
            self.dirty = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.dirty:
            self.reload()

    # -- showing -----------------------------------------------------------------------------
    def _to_date(self) -> bool:
        """The month shown is still in progress: its end-of-month figures read "to date"."""
        return self.report is not None and self.report.in_progress

    def _change_color(self, f: rp.Figure):
        """Green for good news, red for bad, by what the figure means (``rp.BETTER``)."""
        return {1: QColor("#2e7d32"), -1: QColor("#b23b3b")}.get(rp.judged(f))

    def _draw(self) -> None:
        r, p = self.report, self.ctx.profile
        if r is None:
            return
        lang = current_language()
        this, last = month_title(p, r.month), month_title(p, r.month.previous())
        programs = r.breakdown("received_by_program")
        rows = [row for row in programs.rows() if row[1] or row[2]]
        count = lambda v: value_text(p, "count", v)  # noqa: E731
        self.programs_chart.set_data(
            rp.breakdown_title("received_by_program"),
            [rp.label(p, "program", code, lang) for code, *_ in rows],
            [Series(this, [int(c or 0) for _k, c, _p in rows]), Series(last, [int(q or 0) for _k, _c, q in rows])],
            count, empty_text=_("No data this month"))
        outcomes = r.breakdown("decisions_by_outcome")
        rows = [row for row in outcomes.rows() if row[1] or row[2]]
        self.outcomes_chart.set_data(
            rp.breakdown_title("decisions_by_outcome"),
            [rp.label(p, "outcome", code, lang) for code, *_ in rows],
            [Series(this, [int(c or 0) for _k, c, _p in rows]), Series(last, [int(q or 0) for _k, _c, q in rows])],
            count, empty_text=_("No data this month"))
        self.trend_chart.set_data(
            ngettext("Satisfaction index, last {n} month", "Satisfaction index, last {n} months",
                     len(r.trend)).format(n=fmt.number(p, len(r.trend))),
            [fmt.number(p, f"{m.month.month:02d}/{m.month.year}") for m in r.trend],
            [Series(_("Satisfaction index"), [float(m.index) if m.index is not None else None for m in r.trend])],
            lambda v: value_text(p, "percent", Decimal(str(v))), maximum=100,
            empty_text=_("No survey in these months"))

    def _fill_choices(self) -> None:
        self.branch.blockSignals(True)
        self.branch.clear()
        self.branch.addItem(_("All branches"), "")
        for b in self.ctx.profile.branches:
            self.branch.addItem(b.name(current_language()), b.code)
        self.branch.blockSignals(False)
        self.month.clear()
        m = self.current_month
        for _i in range(HISTORY_MONTHS):
            self.month.addItem(report_month_title(self.ctx.profile, m, self.current_month), str(m))
            m = m.previous()
        # The month in progress, as the dashboard above it shows: what the manager sees is what
        # the report prints, marked "in progress" here, in the preview's title and on the paper
        # ("figures to date"); the closed month before it is one key (Down) away.
        self.month.setCurrentIndex(0)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.title.setText(_("Dashboard — {month}").format(month=month_title(self.ctx.profile, self.current_month)))
        branch, month = self.branch.currentIndex(), self.month.currentIndex()
        self._fill_choices()
        self.branch.setCurrentIndex(max(branch, 0))
        self.month.setCurrentIndex(max(month, 0))
        self.annual.retranslate()
        fill_review_banner(self.review_banner, self.ctx, self.today)
        self.model.retranslate()
        self._draw()

    # -- the printed report ----------------------------------------------------------------
    def make_report(self, what: str, path: str | None = None) -> None:
        """Compute the chosen month's report on a worker thread, then preview the PDF (with
        print and save) or save the spreadsheet (``path``: no file dialog, for tests)."""
        if what == "xlsx" and path is None:
            path = files.save_file_name(
                self, _("Save as spreadsheet"),
                files.file_name(_("Monthly report"), self.month.currentData(), "xlsx"),
                _("Spreadsheets (*.xlsx)"), "xlsx")
            if not path:
                return
        month = rp.YearMonth.parse(self.month.currentData())
        branch, lang = self.branch.currentData() or None, self.report_lang.currentData()
        ctx = self.ctx

        def build(progress):
            data = report.monthly(ctx, month, branch=branch)
            if what == "xlsx":
                from ...services.reports.report_xlsx import report_xlsx

                return report_xlsx(data, ctx.profile, lang)
            from ...printing.report import report_pdf

            return report_pdf(data, ctx.profile, lang)

        self.preview_button.setEnabled(False)
        self.xlsx_button.setEnabled(False)
        self.status.setText(_("Preparing the report of {month}…").format(
            month=report_month_title(ctx.profile, month, self.current_month)))
        self.print_job = Job(build)
        self.print_job.signals.finished.connect(lambda data: self._report_ready(what, data, month, path))
        self.print_job.signals.failed.connect(self._report_failed)
        self.print_job.start()

    def _report_ready(self, what: str, data: bytes, month: rp.YearMonth, path: str | None) -> None:
        self.print_job = None
        self.preview_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)
        self.status.setText("")
        if what == "xlsx":
            assert path is not None  # a spreadsheet is made for the file chosen
            try:
                write_atomic(safe_output(path, self.ctx.store), data)
            except ValidationError as exc:
                dialogs.error(self, _("Save as spreadsheet"), exc.message)
                return
            except OSError as exc:
                dialogs.error(self, _("Save as spreadsheet"), str(exc.strerror or exc))
                return
            self.status.setText(_("Spreadsheet written to {path}").format(path=path))
            return
        from ..papers.paper_preview import PaperPreview

        self.preview = PaperPreview(
            _("Monthly report — {month}").format(
                month=report_month_title(self.ctx.profile, month, self.current_month)),
            lambda: data, lambda: None, files.file_name(_("Monthly report"), str(month)), self,
            number=lambda n: fmt.number(self.ctx.profile, n))
        self.preview.open()

    def _report_failed(self, exc: Exception, _trace: str) -> None:
        self.print_job = None
        self.preview_button.setEnabled(True)
        self.xlsx_button.setEnabled(True)
        self.status.setText("")
        dialogs.error(self, _("Monthly report"), getattr(exc, "message", None) or str(exc))
