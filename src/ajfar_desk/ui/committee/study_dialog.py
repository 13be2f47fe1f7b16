"""The social study of one request: written by the social researcher, read by the committee.

Errors appear under their fields and nothing typed is lost; a role that may read but not write
(committee member, manager) gets the same form read-only.
"""

from __future__ import annotations

import uuid

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialogButtonBox, QGridLayout, QLabel, QLineEdit, QVBoxLayout

from ...domain import permissions
from ...domain.errors import AppError
from ...domain.role_titles import role_title
from ...domain.text import isolate
from ...i18n import N_, _
from ...services.committee import study
from ...services.committee.study import StudyInput, StudyView
from ...services.store.context import AppContext
from ..common import digit_input, fmt, screen
from ..common.form_dialog import FormDialog
from ..common.form_fields import DATE_HINT, LOCAL_STYLE, date_echo, multi_line, typed_date
from ..common.widgets import (
    FAILED,
    Banner,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    titled,
    vocabulary,
)
from ..shell.operations import Operation

NOT_SAID = N_("Not given")  # the household income or expenses the researcher left empty: «لم يُذكر»


class StudyDialog(FormDialog):
    saved = Signal(object)  # StudyView

    def __init__(self, ctx: AppContext, request_id: uuid.UUID, subject: str = "",
                 read_only: bool | None = None, parent=None):
        super().__init__(parent)
        self.ctx, self.request_id = ctx, request_id
        self.read_only = not ctx.may(permissions.WRITE_STUDY) if read_only is None else read_only
        self.study: StudyView | None = None
        self.texts = t = Texts()
        self.setStyleSheet(LOCAL_STYLE)
        t.add(self.setWindowTitle, N_("Social study") if self.read_only else N_("Write the social study"))
        self.title = titled(t, N_("Social study") if self.read_only else N_("Write the social study"), size=14)
        self.subject = QLabel(subject)
        self.subject.setWordWrap(True)
        self.subject.setVisible(bool(subject))
        self.notice = Banner("warning")
        self.state = QLabel()
        self.state.setObjectName("studyState")

        self.visit_date = QLineEdit()
        t.add(self.visit_date.setPlaceholderText, DATE_HINT)
        self.visit_echo = date_echo(ctx, self.visit_date, "visit_date", allow_future=False)
        self.household = multi_line(96)
        t.add(self.household.setPlaceholderText, N_("Who lives in the home: relation, age, work or study"))
        self.income = QLineEdit()  # empty: not said (0 is an answer: no income)
        t.add(self.income.setPlaceholderText, NOT_SAID)
        self.expenses = QLineEdit()  # empty: not said (0 is an answer: no expenses)
        t.add(self.expenses.setPlaceholderText, NOT_SAID)
        digit_input.follow_profile_digits(ctx.profile, self.income, self.expenses)  # as shown when read
        self.housing = CodeCombo(vocabulary(study.HOUSING))
        self.housing_notes = QLineEdit()
        self.health = multi_line(96)
        t.add(self.health.setPlaceholderText, N_("Illnesses, disabilities, treatment"))
        self.recommendation = CodeCombo(vocabulary(study.RECOMMENDATIONS))
        self.recommendation_notes = multi_line()
        self.boxes = {
            "visit_date": FieldBox(t, N_("Date of the home visit"), self.visit_date, note=self.visit_echo),
            "housing": FieldBox(t, N_("Housing"), self.housing),
            "monthly_income": FieldBox(t, N_("Household monthly income (SAR)"), self.income),
            "monthly_expenses": FieldBox(t, N_("Household monthly expenses (SAR)"), self.expenses),
            "housing_notes": FieldBox(t, N_("Notes on the housing"), self.housing_notes),
            "household": FieldBox(t, N_("The household"), self.household),
            "health": FieldBox(t, N_("Health"), self.health),
            "recommendation": FieldBox(t, N_("The researcher's recommendation"), self.recommendation),
            "recommendation_notes": FieldBox(t, N_("Grounds for the recommendation"), self.recommendation_notes),
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for name, row, column, span in (
            ("visit_date", 0, 0, 1), ("housing", 0, 1, 1),
            ("monthly_income", 1, 0, 1), ("monthly_expenses", 1, 1, 1),
            ("housing_notes", 2, 0, 2),
            ("household", 3, 0, 1), ("health", 3, 1, 1),
            ("recommendation", 4, 0, 1),
            ("recommendation_notes", 5, 0, 2),
        ):
            grid.addWidget(self.boxes[name], row, column, 1, span)
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveStudy")
        t.add(self.save_button.setText, N_("Save the study"))
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        t.add(self.close_button.setText, N_("Close") if self.read_only else N_("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.activated.connect(self.submit)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subject)
        layout.addWidget(self.notice)
        layout.addWidget(self.state)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        screen.scroll_middle(self, keep_top=1, keep_bottom=2)  # the buttons stay on the screen
        screen.at_least_wide(self, 720)
        self.load()
        self._apply_mode()

    # -- data ---------------------------------------------------------------------------------
    def load(self) -> None:
        found = Operation(self, lambda: study.get_study(self.ctx, self.request_id)).failure(self._unreadable).run()
        if found is FAILED:
            return
        self.study = found
        self._fill(self.study)

    def _unreadable(self, exc: AppError) -> None:  # e.g. a role that may not read studies
        self.error.show_message(exc.message)
        self.read_only = True

    def _fill(self, s: StudyView | None) -> None:
        p = self.ctx.profile
        if s is None:
            self.state.setText(_("No social study has been written for this request yet."))
            return
        self.visit_date.setText(typed_date(self.ctx, s.visit_date))
        self.household.setPlainText(s.household)
        self.income.setText(fmt.money(p, s.monthly_income) if s.income_given else "")
        self.expenses.setText(fmt.money(p, s.monthly_expenses) if s.expenses_given else "")
        self.housing.set_code(s.housing)
        self.housing_notes.setText(s.housing_notes)
        self.health.setPlainText(s.health)
        self.recommendation.set_code(s.recommendation)
        self.recommendation_notes.setPlainText(s.recommendation_notes)
        when = fmt.timestamp(p, s.updated_at)
        self.state.setText(_("Last saved {time} by {name}, {role}").format(  # who wrote it (trial 13)
            time=when, name=isolate(s.researcher_name),
            role=role_title(permissions.RESEARCHER, s.researcher_gender or None))
            if s.researcher_name else _("Last saved {time}").format(time=when))

    def _apply_mode(self) -> None:
        ro = self.read_only
        for editor in (self.visit_date, self.income, self.expenses, self.housing_notes,
                       self.household, self.health, self.recommendation_notes):
            editor.setReadOnly(ro)
        for combo in (self.housing, self.recommendation):
            combo.setEnabled(not ro)
        if ro:  # read, not greyed out
            self.setStyleSheet(LOCAL_STYLE + " QComboBox:disabled { color: palette(text); }")
        self.save_button.setVisible(not ro)
        self.save_shortcut.setEnabled(not ro)
        (self.close_button if ro else self.save_button).setDefault(True)
        if ro and not self.error.isVisible():
            self.notice.show_message(_("You may read this study; only the social researcher writes it."))
        if not ro:
            self.visit_date.setFocus()

    def data(self) -> StudyInput:
        return StudyInput(
            visit_date=self.visit_date.text(),
            household=self.household.toPlainText(),
            monthly_income=self.income.text(),  # empty: not said
            monthly_expenses=self.expenses.text(),  # empty: not said
            housing=self.housing.code(),
            housing_notes=self.housing_notes.text(),
            health=self.health.toPlainText(),
            recommendation=self.recommendation.code(),
            recommendation_notes=self.recommendation_notes.toPlainText(),
        )

    # -- saving -------------------------------------------------------------------------------
    def submit(self) -> None:
        if self.read_only:
            return
        saved = Operation(self, lambda: study.save_study(self.ctx, self.request_id, self.data())) \
            .fields(self.boxes, self.error, grow=False).run()
        if saved is FAILED:
            return
        self.study = saved
        self.accept()
        self.saved.emit(self.study)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.housing.retranslate()
        self.recommendation.retranslate()
