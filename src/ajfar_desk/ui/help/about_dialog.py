"""About Ajfar Desk, as a front-desk employee reads it: the program and its version, the
association, where the work is kept, whom to ask; behind «Technical details» the versions, paths
and licences (the third-party packages' read from their metadata on a worker thread: a tenth of
a second), copied with one button."""

from __future__ import annotations

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ... import identity
from ...domain.text import LRI, PDI
from ...i18n import _
from ...services.help import about, about_store
from ...services.store.context import AppContext
from ..common import fmt, screen
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


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setVisible(bool(text))
    return label


def _third_party(progress=None) -> list[about.ThirdParty]:
    return about.third_party()


class AboutDialog(QDialog):
    """What a front-desk employee looks for first: the program and its version, the association
    it serves (name and licence number, from its profile), where the work is kept and whom to
    ask; the technical details (versions, paths, licences) behind «Technical details», with a
    button that copies them for the one who helps."""

    def __init__(self, ctx: AppContext | None = None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
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

        self.association_label = _wrapped(self._association_text())
        self.association_label.setObjectName("aboutAssociation")
        self.data_label = _wrapped(self._data_text())
        self.data_label.setObjectName("aboutData")
        self.data_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.support_label = _wrapped(_(
            "For help with the program, ask your association's system administrator and give "
            "them the technical details: press «Technical details», then «Copy the details» to "
            "put them on the clipboard."))
        self.support_label.setObjectName("aboutSupport")

        self.details_button = QPushButton(_("Technical details"))
        self.details_button.setObjectName("aboutDetails")
        self.details_button.setCheckable(True)
        # Enter on a focused button presses it (trial 10: with auto-default off, Enter went on to
        # the dialog's default button, «Close», and the details never opened)
        self.details_button.setAutoDefault(True)
        self.details = self._details_panel()
        self.details.setVisible(False)
        self.details_button.toggled.connect(self._show_details)

        buttons = QDialogButtonBox()
        self.close_button = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setDefault(True)
        buttons.rejected.connect(self.reject)
        footer = QHBoxLayout()
        footer.addWidget(self.details_button)
        footer.addStretch(1)
        footer.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        for label in (self.association_label, self.data_label, self.support_label):
            layout.addWidget(label)
        layout.addWidget(self.details, 1)
        layout.addStretch(0)
        layout.addLayout(footer)
        self.resize(660, 640)  # within a 1280×720 screen, the details shown or not
        screen.stay_on_screen(self)  # its title bar too
        # the keyboard's way: «Technical details», then «Copy the details» and the text, then «Close»
        QWidget.setTabOrder(self.details_button, self.copy_button)
        QWidget.setTabOrder(self.copy_button, self.details_text)
        QWidget.setTabOrder(self.details_text, self.tabs)
        QWidget.setTabOrder(self.tabs, self.close_button)
        self.job = Job(_third_party)
        self.job.signals.finished.connect(self._show_third_party)
        self.job.signals.failed.connect(lambda exc, _tb: self.third_party_note.setText(
            _("The installed packages could not be read: {error}").format(error=exc)))
        self.job.start()
        self.details_button.setFocus()

    # -- what the desk reads ---------------------------------------------------------------
    def _association_text(self) -> str:
        if self.ctx is None:
            return ""
        p = self.ctx.profile
        lines = [_("This copy works for {association}, {branch}.").format(
            association=p.name(), branch=self.ctx.branch.name())]
        if p.license_number:
            lines.append(_("Licence no. {number}").format(number=fmt.number(p, p.license_number)))
        return "\n".join(lines)

    def _data_text(self) -> str:
        if self.ctx is None:
            return ""
        place = about_store.data_place(self.ctx)
        if place.file is None:
            text = _("Your work is kept on the association's database server {server}.").format(
                server=_ltr(place.server))
        else:
            # each path on a line of its own, left to right: inside an Arabic sentence its
            # parts were wrapped apart («/work/» at one line's end, the rest on the next)
            text = "\n".join((_("Your work is kept on this computer, in the folder:"),
                               _ltr(str(place.folder)),
                               _("Its daily backups are in the folder:"),
                               _ltr(str(place.backups))))
        if place.encrypted:
            text += "\n" + _("The store is encrypted: it opens only with its passphrase.")
        return text

    # -- what support asks for ---------------------------------------------------------------
    def _details_panel(self) -> QWidget:
        rows = about_store.technical_details(self.ctx, qVersion())
        self.details_text = QPlainTextEdit(about_store.details_text(rows))
        self.details_text.setObjectName("aboutDetailsText")
        self.details_text.setReadOnly(True)
        self.details_text.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # paths, versions
        self.copy_button = QPushButton(_("Copy the details"))
        self.copy_button.setObjectName("aboutCopy")
        self.copy_button.setAutoDefault(True)  # Enter on it copies (not «Close»)
        self.copy_button.clicked.connect(self.copy_details)
        self.copied = QLabel()

        self.versions = _table([_("Component"), _("Version")], "versions")
        for name, version in about_store.versions(qVersion()):
            _add_row(self.versions, [name, version])
        stated = identity.licence()
        self.licence_label = QLabel(_("Licence of the program: {licence}").format(
            licence=_ltr(stated) if stated else _("not stated")))
        self.licence_label.setWordWrap(True)
        self.third_party = _table([_("Package"), _("Version"), _("Licence")], "thirdParty")
        self.third_party_note = QLabel(_("Reading the installed packages…"))
        self.third_party_note.setWordWrap(True)

        tabs = QTabWidget()
        support, program, others = QWidget(), QWidget(), QWidget()
        copy_row = QHBoxLayout()
        copy_row.addWidget(self.copy_button)
        copy_row.addWidget(self.copied, 1)
        first = QVBoxLayout(support)
        first.addWidget(self.details_text, 1)
        first.addLayout(copy_row)
        second = QVBoxLayout(program)
        second.addWidget(self.versions, 1)
        second.addWidget(self.licence_label)
        third = QVBoxLayout(others)
        third.addWidget(self.third_party_note)
        third.addWidget(self.third_party, 1)
        tabs.addTab(support, _("For support"))
        tabs.addTab(program, _("Versions"))
        tabs.addTab(others, _("Third-party licences"))
        self.tabs = tabs
        return tabs

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        if shown:  # the button the box speaks of is where the keyboard goes next
            self.tabs.setCurrentIndex(0)
            self.copy_button.setFocus(Qt.FocusReason.TabFocusReason)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text.toPlainText())
        self.copied.setText(_("Copied."))

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
