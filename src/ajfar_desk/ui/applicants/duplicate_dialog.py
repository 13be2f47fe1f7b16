"""Before saving: people with a similar name born the same day. Open one of them, or save anyway."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from ...i18n import N_, _
from ...services.applicants.views import SimilarApplicant
from ..common import fmt
from ..common.table_model import Column, RowsModel


class DuplicateDialog(QDialog):
    open_requested = Signal(object)  # applicant id
    save_anyway = Signal()

    def __init__(self, profile, similar: list[SimilarApplicant], parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Possible duplicate"))
        self.setModal(True)
        intro = QLabel(_("Applicants with a similar name and the same birth date are already registered. Is the applicant one of them?"))
        intro.setWordWrap(True)
        self.model = RowsModel([
            Column(N_("Name"), lambda s: s.full_name),
            Column(N_("National ID"), lambda s: fmt.ident(profile, s.national_id)),
            Column(N_("Birth date"), lambda s: fmt.birth(profile, s.birth_date, s.birth_approx)),
        ], self)
        self.model.set_rows(similar)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectRow(0)
        self.table.doubleClicked.connect(lambda _index: self._open())
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton(_("Open this file"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button = buttons.addButton(_("Save anyway"), QDialogButtonBox.ButtonRole.ApplyRole)
        self.cancel_button = buttons.addButton(_("Back to the form"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.setDefault(True)
        self.open_button.clicked.connect(self._open)
        self.save_button.clicked.connect(self._save)
        self.cancel_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 320)

    def _open(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        chosen = self.model.row_at(rows[0] if rows else 0)
        self.accept()
        if chosen is not None:
            self.open_requested.emit(chosen.id)

    def _save(self) -> None:
        self.accept()
        self.save_anyway.emit()
