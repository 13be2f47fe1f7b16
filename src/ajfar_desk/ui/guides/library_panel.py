"""The employee's library on the Guides page: the association's documents listed and searched as
one types, opened with the system's viewer (Enter or a double click), a manager adding one
(a chosen file copied in), and the blank support-request form previewed for printing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from ...domain import permissions
from ...domain.errors import ValidationError
from ...i18n import N_, _, current_language, ngettext
from ...services.guides import library
from ...services.guides.library import LibraryItem
from ...services.store.context import AppContext
from ..common import dialogs, digit_input, files, fmt
from ..common.form_dialog import FormDialog, form_frame
from ..common.key_text import key_text
from ..common.table_model import Column, RowsModel, record_table, select_first, select_row
from ..common.widgets import (
    FAILED,
    CodeCombo,
    FieldBox,
    Texts,
    named_button,
    note_label,
    show_errors,
    vocabulary,
)
from ..shell.operations import Operation
from ..shell.shortcuts_sheet import key_tip

FILE_FILTER = N_("Documents (*.pdf *.doc *.docx *.odt *.rtf *.png *.jpg *.jpeg *.tif *.tiff)")


def open_with_system(path: Path) -> bool:
    """The system's own viewer (PDF reader, word processor, image viewer)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def preview_sheet(parent: QWidget, title: str, render, name: str):
    """A printed sheet in the preview (print or save it from there)."""
    from ..papers.paper_preview import PaperPreview

    dialog = PaperPreview(title, render, lambda: None, name, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class LibraryPanel(QWidget):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.dialog: AddDocumentDialog | None = None
        self.texts = t = Texts()
        note = note_label(t, N_("The association's regulation, guides and forms. Type to search; Enter opens "
                               "the document in the computer's own viewer."))
        self.search = digit_input.search_line(ctx.profile, "librarySearch")
        t.add(self.search.setPlaceholderText, N_("Title, kind or file name"))
        self.model = RowsModel([
            Column(N_("Title"), lambda i: i.title),
            Column(N_("Kind"), lambda i: i.kind_label(current_language())),
            Column(N_("File"), lambda i: i.file if i.present else _("{file} (missing)").format(file=i.file)),
            Column(N_("Added on"), lambda i: fmt.date_both(ctx.profile, _day(i.added))),
        ], self)
        self.table = record_table(self.model, "library")
        self.status = QLabel()
        self.open_button = named_button(t, N_("Open the document"), "openLibrary")
        self.add_button = named_button(t, N_("Add a document…"), "addLibrary")
        t.add(self.add_button.setToolTip, lambda: key_tip(_("Add a document…"), "Alt+A"))
        self.add_button.setVisible(ctx.may(permissions.MANAGE_LIBRARY))
        self.form_button = named_button(t, N_("Blank support-request form…"), "blankSupportForm")
        t.add(self.form_button.setToolTip, lambda: key_tip(_("Blank support-request form…"), "Alt+F"))
        buttons = QHBoxLayout()
        for button in (self.open_button, self.add_button, self.form_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.search)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.search.textChanged.connect(lambda _t: self.reload())
        self.search.returnPressed.connect(self._to_list)
        self.table.activated.connect(lambda index: self.open_item(self.model.row_at(index)))
        self.open_button.clicked.connect(lambda: self.open_item(self.selected()))
        self.add_button.clicked.connect(self.add_document)
        self.form_button.clicked.connect(self.preview_form)
        for keys, slot in (("Alt+A", self.add_document), ("Alt+F", self.preview_form)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.reload()

    def reload(self) -> None:
        rows = Operation(self, lambda: library.list_documents(self.ctx, self.search.text()),
                         N_("Cannot read the library")).run()
        rows = [] if rows is FAILED else rows
        self.model.set_rows(rows)
        if rows:
            select_row(self.table, 0)
        self.open_button.setEnabled(bool(rows))
        self.status.setText(self._status_text(len(rows)))

    def _status_text(self, count: int) -> str:
        """How many documents; with none, why, and what to do (trial 10: «لا يوجد ما يُعرض»
        on a new association's library read as a broken tab)."""
        if count:
            return ngettext("{count} document", "{count} documents", count).format(
                count=fmt.number(self.ctx.profile, count))
        if self.search.text().strip():
            return _("No document matches «{text}».").format(text=self.search.text().strip())
        if self.ctx.may(permissions.MANAGE_LIBRARY):
            return _("No document has been added yet: add the association's regulation, guides and "
                     "forms with «Add a document…» ({key}).").format(key=key_text("Alt+A"))
        return _("No document has been added yet: the association's administrator adds its "
                 "regulation, guides and forms here.")

    def _to_list(self) -> None:
        if self.model.rows:
            self.table.setFocus()

    def selected(self) -> LibraryItem | None:
        model = self.table.selectionModel()
        rows = model.selectedRows() if model else []
        return self.model.row_at(rows[0]) if rows else None

    def open_item(self, item: LibraryItem | None) -> bool:
        if item is None:
            return False
        if not item.present:
            dialogs.error(self, _("Open"), _("The file {file} is not in the library folder {folder}").format(
                file=item.file, folder=library.folder(self.ctx)))
            return False
        if not open_with_system(item.path):
            dialogs.error(self, _("Open"), _("No program on this computer opens {file}").format(file=item.file))
            return False
        return True

    def add_document(self):
        if not self.ctx.may(permissions.MANAGE_LIBRARY):
            return None
        self.dialog = AddDocumentDialog(self.ctx, self)
        self.dialog.added.connect(self._added)
        self.dialog.open()
        return self.dialog

    def _added(self, item: LibraryItem) -> None:
        self.search.clear()
        self.reload()
        select_first(self.table, self.model.rows, lambda r: r.file == item.file)
        self.table.setFocus()

    def preview_form(self):
        from ...printing.support_form import blank_support_request_pdf

        lang = current_language()
        return preview_sheet(self, _("Beneficiary support request"),
                             lambda: blank_support_request_pdf(self.ctx.profile, lang),
                             files.file_name(_("Beneficiary support request")))

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.model.retranslate()
        self.reload()


def _day(iso: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(iso) if iso else None
    except ValueError:
        return None


class AddDocumentDialog(FormDialog):
    """A file chosen on this computer, copied into the library with its title and kind."""

    added = Signal(object)  # LibraryItem

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.texts = t = Texts()
        t.add(self.setWindowTitle, N_("Add a document to the library"))
        self.file = QLineEdit()
        self.file.setObjectName("libraryFile")
        self.choose = QPushButton()
        t.add(self.choose.setText, N_("Choose…"))
        self.choose.clicked.connect(self.choose_file)
        self.title = QLineEdit()
        self.kind = CodeCombo(vocabulary(library.KINDS))
        self.boxes = {
            "file": FieldBox(t, N_("File (PDF, Word or image)"), self.file, self.choose),
            "title": FieldBox(t, N_("Title"), self.title),
            "kind": FieldBox(t, N_("Kind"), self.kind),
        }
        self.error, self.ok_button = form_frame(self, t, list(self.boxes.values()), self.submit, N_("Add"),
                                                "libraryOk", wide=560)
        self.file.editingFinished.connect(self._suggest_title)

    def choose_file(self) -> None:
        path = files.open_file_name(self, _("Add a document to the library"), _(FILE_FILTER))
        if path:
            self.file.setText(path)
            self._suggest_title()
            self.title.setFocus()

    def _suggest_title(self) -> None:
        if self.file.text().strip() and not self.title.text().strip():
            self.title.setText(Path(self.file.text().strip()).stem.replace("_", " ").replace("-", " "))

    def submit(self) -> None:
        for box in self.boxes.values():
            box.set_error(None)
        self.error.clear_message()
        done = Operation(self, lambda: library.add_document(
            self.ctx, Path(self.file.text().strip()), self.title.text(), self.kind.code())) \
            .failure(self._refused).run()
        if done is FAILED:
            return
        self.accept()
        self.added.emit(done)

    def _refused(self, exc: Exception) -> None:
        if isinstance(exc, ValidationError):
            show_errors(self.boxes, exc.errors, self.error)
        else:
            self.error.show_message(str(exc))

    def retranslate(self) -> None:
        self.texts.retranslate()
        self.kind.retranslate()
