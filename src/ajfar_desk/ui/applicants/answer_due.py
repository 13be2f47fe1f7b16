"""The «موعد الرد» (answer due) of a request in the applicant's file, never an empty cell: the
date, or why there is none in words a desk reads at once — the policy sets no number of days
(Aman, Al-Huda), the program does not go to the committee, the request is not submitted yet —
and, above the table, the same said in a sentence for the request the arrows stand on (what to
tell the applicant), for the keyboard user who cannot hover over a cell."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QTableView

from ...domain import workflow as wf
from ...domain.program_kinds import ProgramKind
from ...i18n import N_, _
from ..common import fmt
from ..common.table_model import RowsModel

NO_PERIOD, NO_COMMITTEE, ON_SUBMISSION, NOT_SET = "no_period", "no_committee", "on_submission", "not_set"
CELL = {
    NO_PERIOD: N_("Not set by the policy"),
    NO_COMMITTEE: N_("Not for the committee"),
    ON_SUBMISSION: N_("Set on submission"),
    NOT_SET: "—",
}
NOTE = {
    NO_PERIOD: N_("The association's policy sets no number of days for the committee's answer: "
                  "tell the applicant that the decision will be communicated as soon as it is made."),
    NO_COMMITTEE: N_("This program does not go to the research committee: there is no committee "
                     "answer to wait for."),
    ON_SUBMISSION: N_("The answer's date is set when the request is submitted, and printed on "
                      "the applicant's receipt."),
    NOT_SET: N_("No answer date was set when this request was submitted."),
}


def _kind(profile, program: str) -> ProgramKind | None:
    try:
        return profile.program(program).kind
    except Exception:  # a program of another profile or version: nothing known of its period
        return None


def why_none(profile, r) -> str | None:
    """Why the request has no answer date (a key of ``CELL``), or None when it has one."""
    if r.answer_due is not None:
        return None
    kind = _kind(profile, r.program)
    if kind is not None and (not kind.committee or kind.immediate):
        return NO_COMMITTEE
    if kind is not None and kind.answer_period_days is None:
        return NO_PERIOD
    return ON_SUBMISSION if r.status == wf.DRAFT else NOT_SET


def due_text(profile, r) -> str:
    """The cell: the date in both calendars, or why there is none."""
    why = why_none(profile, r)
    return fmt.date_both(profile, r.answer_due) if why is None else _(CELL[why])


def due_note(profile, r) -> str:
    """The sentence for a request with no answer date ("" when it has one)."""
    why = why_none(profile, r)
    return "" if why is None else _(NOTE[why])


def note_line(profile, table: QTableView, model: RowsModel) -> QLabel:
    """The line beside the requests table's buttons saying ``due_note`` of the current request."""
    label = QLabel()
    label.setObjectName("answerDueNote")
    # one line beside the table's buttons, never widening the window (nor wrapping taller)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    label.setStyleSheet("color: #555;")

    def update(*_args) -> None:
        r = model.row_at(table.currentIndex())
        text = due_note(profile, r) if r is not None else ""
        label.setText(fmt.para(text))
        label.setToolTip(text)
        label.setVisible(bool(text))

    table.selectionModel().currentRowChanged.connect(update)
    model.modelReset.connect(update)
    model.dataChanged.connect(update)  # the language changed
    update()
    return label
