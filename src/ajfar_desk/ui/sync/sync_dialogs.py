"""The review half of the exchange page: values that lost to a concurrent edit (conflicts) and
files registered twice at two branches (duplicates), each settled with one button.

Settling and merging are ordinary changes: they travel to the other nodes with the next bundle."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QPushButton, QVBoxLayout, QWidget

from ...domain import permissions as perm
from ...domain.errors import ValidationError
from ...i18n import N_, _, current_language
from ...services.applicants.applicant_input import APPLICANT_LABELS
from ...services.store.context import AppContext
from ...services.sync import sync_review
from ..common import fmt
from ..common.fit_columns import fit_columns
from ..common.table_model import Column, RowsModel, record_table, select_row
from ..common.widgets import Texts, note_label
from ..shell.operations import Operation
from .merge_dialog import MergeDialog

# the fields a person may meet in a conflict, with the labels the forms already use
FIELD_LABELS = {
    **APPLICANT_LABELS,
    "full_name": N_("Name"),
    "status": N_("Status"),
    "program": N_("Program"),
    "channel": N_("Channel"),
    "username": N_("User name"),  # an account renamed: one user name taken on two laptops
    "applicant_id": N_("Applicant"),  # a row removed with a file deleted elsewhere
    "number": N_("Number"),  # a paper or a meeting renumbered: one number taken on two laptops
    # two studies of one request merged: the other study's value of a field
    "visit_date": N_("Date of the home visit"),
    "household": N_("The household"),
    "monthly_expenses": N_("Household monthly expenses (SAR)"),
    "housing": N_("Housing"),
    "housing_notes": N_("Notes on the housing"),
    "health": N_("Health"),
    "recommendation": N_("The researcher's recommendation"),
    "recommendation_notes": N_("Grounds for the recommendation"),
    "request_id": N_("Request"),
    # an applicant's or a member's income said or not (Yes / No): ``income_given``
    "income_given": N_("Monthly income said"),
    "expenses_given": N_("Monthly expenses said"),  # a study's, merged from two laptops
    "relation": N_("Relation"),  # a household member's
    "kind": N_("Document"),  # a document's, as its form names them
    "issue_date": N_("Issue date"),
    "expiry_date": N_("Expiry date"),
    "scan_name": N_("Scanned file"),
}


def branch_name(ctx: AppContext, code: str) -> str:
    try:
        return ctx.profile.branch(code).name(current_language())
    except ValidationError:  # a branch no longer in the profile: its code
        return code


def shown_value(profile, value: object) -> str:
    """A stored value as a person reads it: profile digits, "—" for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    text = str(value)
    if text.isascii():  # a code, a date, a number: read left to right
        return fmt.ident(profile, text)
    return fmt.number(profile, text)


def selected(table, model):
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    return model.row_at(rows[0]) if rows else None


class ReviewPanel(QWidget):
    """A note, a table of things to review and the buttons that settle the selected one."""

    acted = Signal()

    def __init__(self, ctx: AppContext, note, columns, name: str, title, buttons: list[QPushButton],
                 parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        self.note = note_label(t, note)
        self.model = RowsModel(columns, self)
        self.table = record_table(self.model, name)
        fit_columns(self.table, stretch=len(columns) - 1)  # the last column takes the width left
        t.add(self.table.setAccessibleName, title)
        row = QHBoxLayout()
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())

    def rows(self) -> list:
        raise NotImplementedError

    def reload(self) -> int:
        current = self.selected()
        rows = self.rows()
        self.model.set_rows(rows)
        if rows:
            select_row(self.table, next((i for i, r in enumerate(rows) if current and r.id == current.id), 0))
        self._update_buttons()
        return len(rows)

    def selected(self):
        return selected(self.table, self.model)

    def _update_buttons(self) -> None:
        raise NotImplementedError

    def act(self, title, action) -> None:
        """Settle or merge; a refusal (e.g. settled meanwhile at another desk) in a box."""
        Operation(self, action, title).run()
        self.acted.emit()

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()


class ConflictsPanel(ReviewPanel):
    """Open conflicts; keep the value that won, or bring back the one that lost."""

    def __init__(self, ctx: AppContext, parent=None):
        p = ctx.profile
        self.keep_button, self.restore_button = QPushButton(), QPushButton()
        super().__init__(ctx, N_("Two places changed the same field before exchanging. The later "
                                 "change was kept; the other value waits here until you choose."), [
            Column(N_("Record changed"), lambda c: shown_value(p, c.label)),
            Column(N_("Kind"), lambda c: _(sync_review.TABLE_LABELS.get(c.table, c.table))),
            Column(N_("Field"), lambda c: _(FIELD_LABELS[c.field]) if c.field in FIELD_LABELS else c.field),
            Column(N_("Value kept"), lambda c: shown_value(p, c.winner)),
            Column(N_("Value that lost"), lambda c: shown_value(p, c.loser)),
            Column(N_("Kept value written"), lambda c: fmt.timestamp(p, c.winner_at)),
            Column(N_("Other value written"), lambda c: fmt.timestamp(p, c.loser_at)),
        ], "syncConflicts", N_("Conflicts to review"), [self.keep_button, self.restore_button], parent)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for button, name, text in ((self.keep_button, "keepWinner", N_("Keep the kept value")),
                                   (self.restore_button, "restoreLoser", N_("Bring back the other value"))):
            button.setObjectName(name)
            self.texts.add(button.setText, text)
        self.keep_button.clicked.connect(lambda: self.settle(sync_review.WINNER))
        self.restore_button.clicked.connect(lambda: self.settle(sync_review.LOSER))
        self._update_buttons()

    def rows(self) -> list:
        return sync_review.conflicts(self.ctx)

    def _update_buttons(self) -> None:
        enabled = self.selected() is not None
        self.keep_button.setEnabled(enabled)
        self.restore_button.setEnabled(enabled)

    def settle(self, keep: str) -> None:
        conflict = self.selected()
        if conflict is not None:
            self.act(N_("Conflicts to review"), lambda: sync_review.settle(self.ctx, conflict.id, keep))


class DuplicatesPanel(ReviewPanel):
    """Open cross-branch duplicates; merge the second file into the first."""

    def __init__(self, ctx: AppContext, parent=None):
        p = ctx.profile
        self.merge_button = QPushButton()
        self.dialog: MergeDialog | None = None
        super().__init__(ctx, N_("One national ID was registered at two branches before they exchanged. "
                                 "Merging moves the second file's household, documents, requests and "
                                 "complaints to the first file and removes the second."), [
            Column(N_("National ID"), lambda d: fmt.ident(p, d.national_id)),
            Column(N_("First file"), lambda d: self._file(d.kept_name, d.kept_branch)),
            Column(N_("Second file"), lambda d: self._file(d.other_name, d.other_branch)),
        ], "syncDuplicates", N_("Files registered twice"), [self.merge_button], parent)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.merge_button.setObjectName("mergeFiles")
        self.texts.add(self.merge_button.setText, N_("Merge the two files"))
        self.may_merge = ctx.may(perm.EDIT_APPLICANT)
        if not self.may_merge:
            self.texts.add(self.merge_button.setToolTip, N_("Only a role that registers applicants may merge files"))
        self.merge_button.clicked.connect(self.merge)
        self._update_buttons()

    def _file(self, name: str, branch: str) -> str:
        return _("{name} — {branch}").format(name=name or "—", branch=branch_name(self.ctx, branch))

    def rows(self) -> list:
        return sync_review.duplicates(self.ctx)

    def _update_buttons(self) -> None:
        self.merge_button.setEnabled(self.may_merge and self.selected() is not None)

    def merge(self) -> None:
        """The merge dialog (what the second file says otherwise, to take or leave); its Enter
        merges."""
        dup = self.selected()
        if dup is None:
            return
        self.dialog = dialog = MergeDialog(self.ctx, dup, branch_name(self.ctx, dup.kept_branch),
                                           branch_name(self.ctx, dup.other_branch), self)
        dialog.accepted.connect(lambda: self.act(
            N_("Merge the two files"), lambda: sync_review.merge(self.ctx, dup.id, dialog.taken())))
        dialog.open()
