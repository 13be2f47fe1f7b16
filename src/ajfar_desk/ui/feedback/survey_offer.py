"""The satisfaction survey offered on the request page once the service is delivered (or the
request closed): a button that opens the survey and a note of how many were taken already."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ...domain import permissions
from ...domain import workflow as wf
from ...i18n import N_, _
from ...services.feedback import surveys
from ...services.store.context import AppContext
from ..common import fmt
from ..common.widgets import Texts, named_button
from .survey_dialog import SurveyDialog


class SurveyOffer(QWidget):
    """In the request page's row of buttons: the survey's button (for those who record
    feedback) and its note, both shown only after the service."""

    def __init__(self, ctx: AppContext, parent=None, gender: str | None = None):
        """``gender``: the beneficiary's (the scale's words say her satisfaction: «راضية»)."""
        super().__init__(parent)
        self.ctx, self.gender = ctx, gender
        self.request = None
        self.dialog: SurveyDialog | None = None
        self.texts = t = Texts()
        self.button = named_button(t, N_("Satisfaction survey…"), "surveyButton")
        self.note = QLabel()
        self.note.setObjectName("surveyNote")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.button)
        row.addWidget(self.note)
        self.button.clicked.connect(self.take_survey)

    def set_request(self, request, saved: bool = False) -> None:
        """After the service: take a satisfaction survey, and how many were taken already."""
        self.request = request
        served = request is not None and request.status in (wf.DELIVERED, wf.CLOSED)
        self.button.setVisible(served and self.ctx.may(permissions.RECORD_FEEDBACK))
        count = len(surveys.surveys_of(self.ctx, request.id)) if served else 0
        text = _("Surveys taken for this request: {count}").format(count=fmt.number(self.ctx.profile, count))
        self.note.setText(("✓ " + _("Survey saved.") + " " if saved else "") + text)
        self.note.setVisible(served)

    def take_survey(self) -> None:
        if self.request is None:
            return
        self.dialog = SurveyDialog(self.ctx, self.request.id, parent=self,
                                   reference=self.request.reference, gender=self.gender)
        self.dialog.saved.connect(lambda _view: self.set_request(self.request, saved=True))
        self.dialog.open()

    def retranslate(self) -> None:
        self.texts.retranslate()
