"""On an applicant's file: what the other members of the consortium revealed about the person
(«مسجّل لدى جمعية …، آخر خدمة: …»), never blocking, and the person's consent to coordination.
Nothing shows while the association is in no consortium (coordination is off)."""

from __future__ import annotations

import datetime as dt
import uuid
from functools import partial

from babel.dates import format_date
from PySide6.QtWidgets import QCheckBox, QVBoxLayout, QWidget

from ...domain import permissions
from ...domain.digits import localize_digits
from ...domain.errors import AppError
from ...domain.text import isolate
from ...i18n import N_, current_language
from ...services.coordination import membership, reveals
from ...services.store.context import AppContext
from ..common import fmt
from ..common.widgets import Banner, Texts
from ..shell.operations import Operation


def known_elsewhere_text(ctx: AppContext, applicant_id: uuid.UUID) -> str:
    """One line per member that knows the person, or "" (also when coordination is off or the
    role may not ask): for the banner here and the duplicate check of the form."""
    if not ctx.may(permissions.COORDINATION_LOOKUP):
        return ""
    try:
        found = reveals.for_applicant(ctx, applicant_id)
    except AppError:
        return ""
    return "\n".join(reveals.describe(r, partial(month_text, ctx.profile)) for r in found.reveals)


def month_text(profile, month: str) -> str:
    """"2026-10" as «أكتوبر ٢٠٢٦» (the profile's digits, isolated in the line)."""
    year, number = (int(part) for part in month.split("-"))
    text = format_date(dt.date(year, number, 1), "MMMM y", locale=current_language())
    return isolate(localize_digits(text, fmt.digit_style(profile)))


class CoordinationBanner(QWidget):
    def __init__(self, ctx: AppContext, applicant_id: uuid.UUID, parent=None):
        super().__init__(parent)
        self.ctx, self.applicant_id = ctx, applicant_id
        self.texts = Texts()
        self.banner = Banner("warning")
        self.banner.setObjectName("coordinationBanner")
        self.consent = QCheckBox()
        self.consent.setObjectName("coordinationConsent")
        self.texts.add(self.consent.setText, N_("Agrees to the coordination between associations "
                                                "(what other members know of them is shown here)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.consent)
        self.consent.toggled.connect(self._toggled)
        self.refresh()

    def refresh(self) -> None:
        on = membership.coordinating(self.ctx)
        self.setVisible(on)
        if not on:
            return
        self.consent.blockSignals(True)
        self.consent.setChecked(reveals.consent(self.ctx, self.applicant_id))
        self.consent.blockSignals(False)
        self.consent.setEnabled(self.ctx.may(permissions.EDIT_APPLICANT))
        text = known_elsewhere_text(self.ctx, self.applicant_id)
        if text:
            self.banner.show_message(text)
        else:
            self.banner.hide()

    def _toggled(self, checked: bool) -> None:
        Operation(self, lambda: reveals.set_consent(self.ctx, self.applicant_id, checked)) \
            .always(self.refresh).run(initiator=self)

    def retranslate(self) -> None:
        self.texts.retranslate()
        if self.isVisible():
            self.refresh()


