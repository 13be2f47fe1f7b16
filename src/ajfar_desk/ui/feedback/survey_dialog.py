"""A satisfaction survey (قياس رضا المستفيدين) for one request: taken at the desk, by phone, or
typed in from a printed form; one row of five choices per scale question, free text for the rest."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...domain import feedback
from ...domain.digits import normalize_digits
from ...i18n import N_, _, current_language
from ...services.feedback import surveys
from ...services.feedback.surveys import SurveyInput
from ...services.store.context import AppContext
from ...services.store.output_files import safe_output, write_atomic
from ..common import files, fmt, screen
from ..common.form_dialog import FormDialog
from ..common.form_fields import DATE_HINT, LOCAL_STYLE, date_echo, multi_line
from ..common.widgets import (
    FAILED,
    CodeCombo,
    ErrorLabel,
    FieldBox,
    Texts,
    note_label,
    titled,
    vocabulary,
)
from ..papers.paper_preview import cannot_write
from ..shell.operations import Operation, attempt

SCORES = range(feedback.SCALE_MIN, feedback.SCALE_MAX + 1)
SCORE_GAP = 18  # px between one choice and the next; a circle and its digit sit 4 px apart


def blank_form_maker():
    """``printing.survey_form.blank_survey_pdf`` when it is there (imported only when asked)."""
    try:
        from ...printing import survey_form
    except ImportError:
        return None
    return getattr(survey_form, "blank_survey_pdf", None)


def scale_label(score: int, gender: str | None) -> str:
    """What a point of the scale means, said of the beneficiary («راضية جدًا» of a woman)."""
    return _(feedback.scale_meaning(score, gender))


class ScaleRow(QWidget):
    """Five radio buttons 1..5 (the meaning of each in its tooltip); with the focus on the row,
    a digit key 1–5 (Western or Arabic-Indic) picks the score and says so (``picked``: the
    dialog goes on to the next question), Delete or 0 clears it."""

    picked = Signal()

    def __init__(self, ctx: AppContext, code: str, parent=None, gender: str | None = None):
        super().__init__(parent)
        self.ctx, self.code, self.gender = ctx, code, gender
        self.setObjectName(f"scale_{code}")
        self.group = QButtonGroup(self)
        self.buttons: dict[int, QRadioButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(SCORE_GAP)  # each circle reads with its own digit, not with the next one
        for score in SCORES:
            button = QRadioButton()
            button.setObjectName(f"scale_{code}_{score}")
            self.group.addButton(button, score)
            self.buttons[score] = button
            row.addWidget(button)
        # the chosen score in words: a tooltip is never seen from the keyboard
        self.meaning = QLabel()
        self.meaning.setObjectName(f"meaning_{code}")
        row.addWidget(self.meaning)
        row.addStretch(1)
        self.group.idToggled.connect(lambda _id, _on: self._show_meaning())
        self.retranslate()

    def _show_meaning(self) -> None:
        score = self.score()
        self.meaning.setText("" if score is None else scale_label(score, self.gender))

    def score(self) -> int | None:
        checked = self.group.checkedId()
        return checked if checked in SCORES else None

    def set_score(self, score: int | None) -> None:
        if score is None:
            self.group.setExclusive(False)  # an exclusive group cannot be emptied otherwise
            for button in self.buttons.values():
                button.setChecked(False)
            self.group.setExclusive(True)
            return
        self.buttons[score].setChecked(True)
        self.buttons[score].setFocus()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API (a radio button passes digits on)
        text = normalize_digits(event.text() or "")
        if text.isdigit() and int(text) in SCORES:
            self.set_score(int(text))
            self.picked.emit()
        elif text == "0" or event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_score(None)
        else:
            super().keyPressEvent(event)

    def retranslate(self) -> None:
        widest = max(self.meaning.fontMetrics().horizontalAdvance(label)
                     for label in (scale_label(n, self.gender) for n in SCORES))
        self.meaning.setMinimumWidth(widest + 2 * self.meaning.margin() + 8)  # the row keeps its place
        self._show_meaning()
        for score, button in self.buttons.items():
            button.setText(fmt.number(self.ctx.profile, score))
            button.setToolTip(scale_label(score, self.gender))
            button.setAccessibleName(_("{score} — {meaning}").format(
                score=score, meaning=scale_label(score, self.gender)))


class TabAfterPick(QObject):
    """After a digit moved the focus on to the next question, a Tab (the habit «digit, Tab») is
    that move already made, not a skip of the question: it is taken once and does nothing."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.arrived: QWidget | None = None  # where the last digit moved the focus

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() != QEvent.Type.KeyPress or self.arrived is None:
            return False
        arrived, self.arrived = self.arrived, None
        return (watched is arrived and event.key() == Qt.Key.Key_Tab
                and event.modifiers() == Qt.KeyboardModifier.NoModifier)


class QuestionBox(FieldBox):
    """A scale question on one line (its text, then the five choices), the error line under it."""

    def __init__(self, texts: Texts, label, row: ScaleRow):
        QWidget.__init__(self)
        self.inputs = (row,)
        self.label = note_label(texts, label)
        self.label.setBuddy(row.buttons[feedback.SCALE_MIN])
        self.error = ErrorLabel()
        line = QHBoxLayout()
        line.addWidget(self.label, 1)
        line.addWidget(row)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(line)
        box.addWidget(self.error)


class SurveyDialog(FormDialog):
    saved = Signal(object)  # SurveyView

    def __init__(self, ctx: AppContext, request_id: uuid.UUID | None, parent=None,
                 today: dt.date | None = None, reference: str = "", gender: str | None = None):
        """``gender``: the beneficiary's, whose satisfaction the scale's words say («راضية»)."""
        super().__init__(parent)
        self.ctx, self.request_id, self.today, self.gender = ctx, request_id, today, gender
        self.result_view = None
        self.survey = ctx.profile.survey()
        self.texts = t = Texts()
        self.setStyleSheet(LOCAL_STYLE)
        t.add(self.setWindowTitle, N_("Satisfaction survey"))
        self.title = titled(t, lambda: self.survey.name(current_language()), size=14)
        self.subtitle = QLabel()
        self.subtitle.setVisible(bool(reference))
        t.add(self.subtitle.setText, lambda: _("For request {reference}").format(
            reference=fmt.ident(ctx.profile, reference)))
        self.mode = CodeCombo(vocabulary(feedback.MODES), placeholder=False)
        self.mode.setObjectName("surveyMode")
        self.taken_on = QLineEdit()
        self.taken_on.setObjectName("surveyDate")
        t.add(self.taken_on.setPlaceholderText, DATE_HINT)
        echo = date_echo(ctx, self.taken_on, "taken_on", allow_future=False)
        self.boxes: dict[str, FieldBox] = {
            "mode": FieldBox(t, N_("How the survey was taken"), self.mode),
            "taken_on": FieldBox(t, lambda: self._date_label(), self.taken_on, note=echo),
        }
        top = QHBoxLayout()
        top.addWidget(self.boxes["mode"], 1)
        top.addWidget(self.boxes["taken_on"], 1)
        self.legend = QLabel()
        self.legend.setObjectName("scaleLegend")
        self.legend.setWordWrap(True)
        t.add(self.legend.setText, self._legend)
        self.rows: dict[str, ScaleRow] = {}
        self.text_answers = {}
        questions = QGridLayout()
        questions.setColumnStretch(0, 1)
        order: list[QWidget] = []  # each question's input, in the order they are asked
        for number, q in enumerate(self.survey.questions):
            text = lambda q=q: q.text(current_language())  # noqa: E731
            box: FieldBox
            if q.kind == feedback.SCALE:
                scale = ScaleRow(ctx, q.code, gender=gender)
                box = QuestionBox(t, text, scale)
                self.rows[q.code] = scale
            else:
                self.text_answers[q.code] = multi_line(60)
                box = FieldBox(t, text, self.text_answers[q.code])
            order.append(self.rows.get(q.code) or self.text_answers[q.code])
            self.boxes[f"answers.{q.code}"] = box
            questions.addWidget(box, number, 0)
        self.error = ErrorLabel()
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("surveySave")
        t.add(self.save_button.setText, N_("Save"))
        self.save_button.setDefault(True)
        cancel = buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        t.add(cancel.setText, N_("Cancel"))
        self.print_button = None
        if blank_form_maker() is not None:
            self.print_button = buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
            self.print_button.setObjectName("surveyBlankForm")
            t.add(self.print_button.setText, N_("Print blank form…"))
            self.print_button.clicked.connect(self.save_blank_form)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(top)
        layout.addWidget(self.legend)
        layout.addLayout(questions)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        screen.scroll_middle(self, keep_top=1, keep_bottom=2)  # the buttons stay on the screen
        screen.at_least_wide(self, 720)  # a question on one line beside its choices and their word
        self.mode.currentIndexChanged.connect(lambda _i: self.texts.retranslate())
        # by phone she reads a question, hears «4», presses 4: the next question is the one
        # her next digit answers (it used to stay, and the next digit replaced this answer);
        # a Tab after the digit, as she used to press, does not skip a question
        self.tab_after_pick = TabAfterPick(self)
        self.tab_after_pick.watch(self.save_button, *self.text_answers.values(),
                                  *(b for row in self.rows.values() for b in row.buttons.values()))
        for here, after in zip(order, [*order[1:], self.save_button], strict=True):
            if isinstance(here, ScaleRow):
                here.picked.connect(lambda after=after: self._focus(after))
        self.mode.setFocus()

    def _focus(self, widget: QWidget) -> None:
        if isinstance(widget, ScaleRow):  # its chosen circle, or its first one
            score = widget.score()
            widget = widget.buttons[score if score is not None else feedback.SCALE_MIN]
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        self.tab_after_pick.arrived = widget

    def _date_label(self) -> str:
        if self.mode.code() == feedback.PAPER:
            return _("Date written on the form (required)")
        return _("Date taken (empty: today)")

    def _legend(self) -> str:
        p = self.ctx.profile
        parts = [_("{score} = {meaning}").format(score=fmt.number(p, s), meaning=scale_label(s, self.gender))
                 for s in SCORES]
        return _("Scale: {legend}. A digit key picks the score and goes on to the next question.").format(
            legend=fmt.joined(parts))

    def answers(self) -> dict[str, object]:
        out: dict[str, object] = {code: row.score() for code, row in self.rows.items() if row.score()}
        out.update({code: box.toPlainText() for code, box in self.text_answers.items()
                    if box.toPlainText().strip()})
        return out

    def submit(self) -> None:
        data = SurveyInput(self.request_id, self.mode.code(), self.answers(), self.taken_on.text(),
                           self.survey.code)
        view = attempt(self, self.boxes, self.error,
                       lambda: surveys.record_survey(self.ctx, data, today=self.today))
        if view is FAILED:
            return
        self.result_view = view
        self.accept()
        self.saved.emit(self.result_view)

    def save_blank_form(self) -> None:
        path = files.save_file_name(self, _("Save as PDF"), f"{self.survey.code}.pdf", _("PDF files (*.pdf)"), "pdf")
        if path:
            self.write_blank_form(Path(path))

    def write_blank_form(self, path: Path) -> bool:
        make = blank_form_maker()
        if make is None:
            return False
        written = Operation(self, lambda: write_atomic(
            safe_output(path, self.ctx.store), make(self.ctx.profile, current_language(), self.survey.code)),
            N_("Save as PDF")).on(OSError, lambda exc: cannot_write(self, path, exc)).run()
        return written is not FAILED

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.mode.retranslate()
        for row in self.rows.values():
            row.retranslate()
