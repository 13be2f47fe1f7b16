"""On the dashboard (the managers' page): the reminder that the policy's review is due or past,
and the annual report for the board — a Hijri or Gregorian year, computed off the GUI thread,
then previewed (print or save as PDF)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...domain import annual_report as shapes
from ...domain.digits import digit_style
from ...domain.profile_policy import review_line
from ...i18n import N_, _, current_language
from ...services.reports import annual_report
from ...services.store.context import AppContext
from ..common import dialogs, files, fmt
from ..common.widgets import Banner, CodeCombo, Texts, named_button
from ..shell.worker import Job

if TYPE_CHECKING:
    from ..papers.paper_preview import PaperPreview

YEARS_BACK = 5
CALENDAR_CHOICES = [(shapes.HIJRI, N_("Hijri")), (shapes.GREGORIAN, N_("Gregorian"))]


def review_banner(ctx: AppContext, today: dt.date | None = None) -> Banner:
    """A warning when the policy's review is within its reminder or past (hidden otherwise)."""
    banner = Banner("warning")
    banner.setObjectName("reviewBanner")
    fill_review_banner(banner, ctx, today)
    return banner


def fill_review_banner(banner: Banner, ctx: AppContext, today: dt.date | None = None) -> None:
    p, lang = ctx.profile, current_language()
    today = today or dt.date.today()
    if p.review is None or p.review.state(today) == "later":
        banner.hide()
        return
    digits = digit_style(p.digits, lang)
    banner.show_message("⚠ " + review_line(p, today, lang, digits) + " — " +
                        _("the board reviews the policy and records the new approval in the profile."))


class AnnualBar(QWidget):
    def __init__(self, ctx: AppContext, branch, report_lang, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx, self.today = ctx, today
        self.branch, self.report_lang = branch, report_lang  # the dashboard's own choices
        self.job: Job | None = None
        self.preview: PaperPreview | None = None
        self.texts = t = Texts()
        self.label = QLabel()
        t.add(self.label.setText, N_("Annual report for the board:"))
        self.calendar = CodeCombo(CALENDAR_CHOICES, placeholder=False)
        self.calendar.setObjectName("annualCalendar")
        self.year = QComboBox()
        self.year.setObjectName("annualYear")
        self.button = named_button(t, N_("Annual report…"), "annualReport")
        self.status = QLabel()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.label, self.calendar, self.year, self.button, self.status):
            row.addWidget(w)
        row.addStretch(1)
        self.calendar.currentIndexChanged.connect(lambda _i: self._fill_years())
        self.button.clicked.connect(lambda: self.make())
        self._fill_years()

    def _fill_years(self) -> None:
        calendar = self.calendar.code()
        this = shapes.current_year(calendar, self.today)
        self.year.clear()
        for y in range(this, this - YEARS_BACK, -1):
            self.year.addItem(fmt.number(self.ctx.profile, y), y)

    def make(self):
        """Compute the chosen year's report on a worker thread, then preview it."""
        if self.job is not None:
            return None
        ctx, year, calendar = self.ctx, int(self.year.currentData()), self.calendar.code()
        branch, lang = self.branch.currentData() or None, self.report_lang.currentData()

        def build(progress):
            from ...printing.annual_report import annual_pdf

            return annual_pdf(annual_report.annual(ctx, year, calendar, branch=branch), ctx.profile, lang)

        self.button.setEnabled(False)
        self.status.setText(_("Preparing the annual report…"))
        self.job = Job(build)
        self.job.signals.finished.connect(lambda data: self._ready(data, year))
        self.job.signals.failed.connect(self._failed)
        self.job.start()
        return self.job

    def _ready(self, data: bytes, year: int) -> None:
        from ..papers.paper_preview import PaperPreview

        self.job = None
        self.button.setEnabled(True)
        self.status.setText("")
        self.preview = PaperPreview(_("Annual report for the board"), lambda: data, lambda: None,
                                    files.file_name(_("Annual report for the board"), str(year)), self,
                                    number=lambda n: fmt.number(self.ctx.profile, n))
        self.preview.open()

    def _failed(self, exc: Exception, _trace: str) -> None:
        self.job = None
        self.button.setEnabled(True)
        self.status.setText("")
        dialogs.error(self, _("Annual report for the board"), getattr(exc, "message", None) or str(exc))

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.calendar.retranslate()
        self._fill_years()
