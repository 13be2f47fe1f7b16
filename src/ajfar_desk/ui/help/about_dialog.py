"""About Ajfar Desk: the versions it runs on, its licence and the third-party packages' licences
(read from the installed distributions' metadata on a worker thread: a tenth of a second)."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import identity
from ...domain.text import LRI, PDI
from ...i18n import _
from ...services.help import about
from ..common.widgets import heading
from ..shell.app_identity import app_icon
from ..shell.worker import Job


def _ltr(text: str) -> str:
    return f"{LRI}{text}{PDI}"


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)  # 6 rows seen
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
    return table


def _add_row(table: QTableWidget, cells: list[str]) -> None:
    row = table.rowCount()
    table.insertRow(row)
    for column, text in enumerate(cells):
        table.setItem(row, column, QTableWidgetItem(text))


def _third_party(progress=None) -> list[about.ThirdParty]:
    return about.third_party()


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("About Ajfar Desk"))
        logo = QLabel()
        logo.setPixmap(app_icon().pixmap(64, 64))
        title = QVBoxLayout()
        title.addWidget(heading(_("Ajfar Desk"), 16))
        self.version_label = QLabel(_("Version {version}").format(
            version=_ltr(identity.version())))
        title.addWidget(self.version_label)
        title.addWidget(QLabel(_("The front office of a non-profit association, offline and "
                                 "Arabic first.")))
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(title, 1)

        self.versions = _table([_("Component"), _("Version")], "versions")
        rows = about.component_versions()
        rows.insert(2, ("Qt", qVersion()))  # the Qt libraries loaded, as Qt says
        for name, version in rows:
            _add_row(self.versions, [name, version])
        stated = identity.licence()
        self.licence_label = QLabel(_("Licence of the program: {licence}").format(
            licence=_ltr(stated) if stated else _("not stated")))
        self.licence_label.setWordWrap(True)
        self.third_party = _table([_("Package"), _("Version"), _("Licence")], "thirdParty")
        self.third_party_note = QLabel(_("Reading the installed packages…"))
        self.third_party_note.setWordWrap(True)
        packages_tab = QTabWidget()
        program, others = QWidget(), QWidget()
        first = QVBoxLayout(program)
        first.addWidget(self.versions, 1)
        first.addWidget(self.licence_label)
        packages = QVBoxLayout(others)
        packages.addWidget(self.third_party_note)
        packages.addWidget(self.third_party, 1)
        packages_tab.addTab(program, _("Versions"))
        packages_tab.addTab(others, _("Third-party licences"))
        self.tabs = packages_tab

        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 580)  # within a 1280×720 screen
        self.job = Job(_third_party)
        self.job.signals.finished.connect(self._show_third_party)
        self.job.signals.failed.connect(lambda exc, _tb: self.third_party_note.setText(
            _("The installed packages could not be read: {error}").format(error=exc)))
        self.job.start()
        self.tabs.setFocus()

    def _show_third_party(self, entries: list[about.ThirdParty]) -> None:
        for entry in entries:
            _add_row(self.third_party, [entry.name, entry.version, entry.licence or "—"])
        self.third_party_note.setText(_(
            "The program uses these packages, each under its own licence (as its installed "
            "metadata states it); their licence texts come with the program."))

    @staticmethod
    def rows(table: QTableWidget) -> list[tuple[str, ...]]:
        """Every line as shown (for tests and screen readers)."""
        return [tuple(item.text() if (item := table.item(r, c)) else ""
                      for c in range(table.columnCount())) for r in range(table.rowCount())]
