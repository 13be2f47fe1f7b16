"""Import applicants from a spreadsheet (as ``ajfar-desk applicants import``): the file typed or
chosen, the administrator's statement that each applicant's consent is kept on paper, then the
rows read, checked and saved off the GUI thread (``services.transfer.importer``), all or none.

The summary stays in the dialog: how many rows were imported (or checked, for "check only"),
the file's encoding as recognised (UTF-8, Windows-1256 from Excel's Arabic "CSV", UTF-16), the
columns ignored, and when something is wrong, every refused row with its column and reason, in
a table the keyboard can walk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from ...domain import permissions
from ...domain.errors import AppError, FieldErrors
from ...domain.text import isolate
from ...i18n import N_, _, ngettext
from ...services.transfer.importer import ImportFailed, ImportResult, RowError, import_applicants
from ...services.transfer.tabular import file_kind
from ..common import files, fmt, screen
from ..common.table_model import Column, RowsModel, rows_table
from ..common.widgets import (
    ErrorLabel,
    FieldBox,
    Texts,
    named_button,
    note_label,
    titled,
)
from ..shell.background_dialog import BackgroundDialog
from ..shell.operations import Operation

SHOWN_ERRORS = 500  # rows of the problems table; the summary counts them all


class ImportDialog(BackgroundDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        self.setObjectName("importDialog")
        t.add(self.setWindowTitle, N_("Import applicants from a file"))
        self.title = titled(t, N_("Import applicants from a file"), size=14)
        self.note = note_label(t, N_(
            "A CSV or Excel (XLSX) file with English or Arabic headers. Every row is checked as the "
            "registration form checks it; all rows are imported, or none."))
        self.path = QLineEdit()
        self.path.setObjectName("importFile")
        self.choose = named_button(t, N_("Choose…"), "importChoose")
        self.consent = QCheckBox()
        self.consent.setObjectName("importConsent")
        t.add(self.consent.setText, N_(
            "Each applicant's consent to the processing of personal data was collected and is "
            "kept on paper"))
        self.check_only = QCheckBox()
        self.check_only.setObjectName("importCheckOnly")
        t.add(self.check_only.setText, N_("Check the rows only (import nothing)"))
        self.boxes = {
            "file": FieldBox(t, N_("File"), self.path, self.choose),
            "consent": FieldBox(t, N_("Consent"), self.consent),
        }
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.hide()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.hide()
        self.encoding = QLabel()
        self.encoding.setObjectName("importEncoding")
        self.encoding.hide()
        self.problems_model = RowsModel([
            Column(N_("Row"), lambda e: fmt.number(ctx.profile, e.row)),
            Column(N_("Column"), lambda e: isolate(e.column)),
            Column(N_("Problem"), lambda e: e.message),
        ], self)
        self.problems = rows_table(self.problems_model, 2)
        self.problems.setObjectName("importProblems")
        self.problems.setWordWrap(True)
        self.problems.setMinimumHeight(160)
        self.problems.hide()
        self.error = ErrorLabel()
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("importStart")
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        t.add(self.close_button.setText, N_("Close"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.choose.clicked.connect(self.choose_file)
        t.add(self.ok.setText, self._start_text)
        self.check_only.toggled.connect(lambda _on: self.ok.setText(self._start_text()))

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        for box in self.boxes.values():
            layout.addWidget(box)
        layout.addWidget(self.check_only)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.encoding)
        layout.addWidget(self.problems, 1)
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.buttons)
        layout.addLayout(row)
        screen.scroll_middle(self, keep_top=1, keep_bottom=2)  # the buttons stay on the screen
        screen.at_least_wide(self, 640)
        self.last: ImportResult | ImportFailed | None = None  # what the last run said
        self.may_import = ctx.may(permissions.BULK_DATA)
        if not self.may_import:
            self.error.show_message(permissions.PermissionDenied(ctx.role, permissions.BULK_DATA).message)
        # Import waits for a file: with the path empty, Enter chooses one (never a refusal)
        self.path.textChanged.connect(lambda _text: self._follow_path())
        self._follow_path()
        self.path.setFocus()

    def _follow_path(self) -> None:
        """Import (or Check) is enabled and the default once a path is typed or chosen; before
        that «Choose…» is the default, so Enter in the empty field opens the file chooser."""
        typed = bool(self.path.text().strip())
        self.ok.setEnabled(typed and self.may_import)
        self.ok.setDefault(typed)
        self.choose.setDefault(not typed)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        screen.fit_height(self)

    def _start_text(self) -> str:
        return _("Check") if self.check_only.isChecked() else _("Import")

    # -- the file ------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = files.open_file_name(
            self, _("Import applicants from a file"),
            _("Spreadsheets (*.csv *.xlsx)") + ";;" + _("All files (*)"), self.path.text().strip())
        if path:
            self.path.setText(path)
            self.path.setFocus()

    def checked(self) -> tuple[Path, bool]:
        """What the form says, or every mistake at once (by field)."""
        errors = FieldErrors()
        typed = self.path.text().strip()
        dry_run = self.check_only.isChecked()
        path = Path(typed)
        if not typed:
            errors.add("file", _("Choose the file to import"))
        elif not path.is_file():
            errors.add("file", _("File not found: {path}").format(path=typed))
        else:
            try:
                file_kind(path)
            except AppError as exc:
                errors.add("file", exc.message)
        if not dry_run and not self.consent.isChecked():
            errors.add("consent", _("Confirm that each applicant's consent is kept on paper"))
        errors.raise_if_any()
        return path, dry_run

    # -- running -------------------------------------------------------------------------------
    def start(self, checked: tuple[Path, bool]) -> None:
        path, dry_run = checked
        ctx = self.ctx
        self._show_summary(None)
        self.progress.setRange(0, 0)  # busy until the first figure arrives
        self.progress.setFormat("")
        self.progress.show()

        def work(progress):
            return import_applicants(ctx, path, dry_run=dry_run,
                                     progress=lambda _phase, done, total: progress(done, total))

        self.operation = Operation(self, work, with_progress=True) \
            .progress(self._progressed).always(self._ended) \
            .success(self._show_summary).failure(self._refused).on(OSError, self._unreadable) \
            .busy(self.ok, self.close_button, self.path, self.choose, self.consent, self.check_only)
        self.operation.run_in_background(initiator=self)

    def _progressed(self, done: int, total: int) -> None:
        n = lambda v: fmt.number(self.ctx.profile, v)  # noqa: E731
        if total > 0:  # saving: a known number of rows
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
            self.progress.setFormat(ngettext("Saved {done} of {total} row", "Saved {done} of {total} rows",
                                             total).format(done=n(done), total=n(total)))
        else:  # reading: rows checked so far
            self.progress.setRange(0, 0)
            self.progress.setFormat(ngettext("Checked {done} row", "Checked {done} rows", done)
                                    .format(done=n(done)))

    def _ended(self) -> None:
        self.progress.hide()
        self._follow_path()  # the busy buttons came back enabled: Import as the path says
        self.mark_clean()  # the file was used: Esc closes without asking

    def _refused(self, exc: AppError) -> None:
        if isinstance(exc, ImportFailed):
            self._show_summary(exc)
        else:  # the file itself (empty, too large, an unknown encoding…)
            self.error.show_message(exc.message)
            self.path.setFocus()

    def _unreadable(self, exc: OSError) -> None:
        self.error.show_message(_("The file cannot be used: {reason}").format(reason=exc.strerror or exc))
        self.path.setFocus()

    # -- the summary -------------------------------------------------------------------------
    def _show_summary(self, outcome: ImportResult | ImportFailed | None) -> None:
        self.last = outcome
        self.error.clear_message()
        errors: list[RowError] = outcome.row_errors if isinstance(outcome, ImportFailed) else []
        self.summary.setVisible(outcome is not None)
        self.summary.setText(self.summary_text(outcome) if outcome is not None else "")
        encoding = getattr(outcome, "encoding", "")
        self.encoding.setVisible(bool(encoding))
        self.encoding.setText(_("File encoding: {name}").format(name=isolate(encoding)) if encoding else "")
        self.problems_model.set_rows(errors[:SHOWN_ERRORS])
        self.problems.setVisible(bool(errors))
        self.problems.resizeRowsToContents()
        if errors:
            self.problems.setFocus()
            self.problems.setCurrentIndex(self.problems_model.index(0, 0))
        elif outcome is not None:
            self.close_button.setFocus()
        screen.fit_height(self)

    def summary_text(self, outcome: ImportResult | ImportFailed) -> str:
        n = lambda v: fmt.number(self.ctx.profile, v)  # noqa: E731
        if isinstance(outcome, ImportFailed):
            lines = [ngettext("Nothing was imported: {n} problem {in_rows}",
                              "Nothing was imported: {n} problems {in_rows}", len(outcome.row_errors)).format(
                n=n(len(outcome.row_errors)),
                in_rows=ngettext("in {n} row", "in {n} rows", outcome.rows).format(n=n(outcome.rows)))]
            if len(outcome.row_errors) > SHOWN_ERRORS:
                lines.append(_("The table shows the first {n}.").format(n=n(SHOWN_ERRORS)))
            return "\n".join(lines)
        if outcome.dry_run:
            lines = [ngettext("{n} row checked: it is valid; nothing was imported.",
                              "{n} rows checked: all are valid; nothing was imported.",
                              outcome.rows).format(n=n(outcome.rows))]
        else:
            lines = [ngettext("{n} applicant imported.", "{n} applicants imported.",
                              outcome.imported).format(n=n(outcome.imported))]
        if outcome.ignored_columns:
            lines.append(_("Ignored columns: {names}").format(
                names=_(", ").join(isolate(c) for c in outcome.ignored_columns)))
        return "\n".join(lines)

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.problems_model.retranslate()
        if self.last is not None:
            self._show_summary(self.last)
