"""Preview of a printed paper (QtPdf), then print through the system dialog or save as PDF.

The first print or save is the original; the paper is then counted as printed and what the
dialog shows (and prints next) is marked as a copy, so a reprint is never mistaken for it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...i18n import N_, _, ngettext
from ...services.store.output_files import safe_output, write_atomic
from ..common import dialogs, files, fmt, screen
from ..common.key_text import key_text
from ..common.widgets import FAILED
from ..shell.operations import Operation
from . import paper_files
from .preview_keys import scroll_keys

PRINT_DPI = 300  # pages are drawn for the printer at most at this resolution (plenty for text)


class PaperPreview(QDialog):
    """``render()`` returns the PDF as it would print now; ``record()`` counts a print."""

    def __init__(
        self,
        title: str,
        render: Callable[[], bytes],
        record: Callable[[], None],
        suggested_name: str = "paper.pdf",
        parent=None,
        number: Callable[[int], str] = str,
        notice: Callable[[], str] = lambda: "",
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.render_pdf, self.record, self.suggested_name = render, record, suggested_name
        self.number = number  # a count in the profile's digits
        self.notice = notice  # said after the pages while it applies (a paper not printed yet)
        self.pdf_bytes = b""
        self.document = QPdfDocument(self)
        self.buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("paperView")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.status = QLabel()
        self.status.setObjectName("paperStatus")
        self.status.setWordWrap(True)  # the pages and, until printed, that a preview prints nothing
        self.print_button = QPushButton(_("Print…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut("Ctrl+P")
        self.save_button = QPushButton(_("Save as PDF…"))
        self.save_button.setObjectName("saveButton")
        self.save_button.setShortcut("Ctrl+S")
        self.close_button = QPushButton(_("Close"))
        self.print_button.setDefault(True)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        for button in (self.print_button, self.save_button, self.close_button):
            row.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.print_button.clicked.connect(self.print_dialog)
        self.save_button.clicked.connect(self.save_dialog)
        self.close_button.clicked.connect(self.accept)
        scroll_keys(self, self.view)  # Page Down reads on after Tab to a button
        # A page of A4 wants the whole screen: opened maximised (buttons on the screen), and
        # no taller than the screen when the window manager restores it.
        screen.fit_window(self, 820, 980)
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self.refresh()

    # -- document ---------------------------------------------------------------------------
    def refresh(self) -> None:
        self.pdf_bytes = self.render_pdf()
        old = self.buffer
        self.buffer = QBuffer(self)
        self.buffer.setData(QByteArray(self.pdf_bytes))
        self.buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self.buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        pages = self.document.pageCount()
        said = ngettext("{pages} page", "{pages} pages", pages).format(pages=self.number(pages))
        self.status.setText(" — ".join(text for text in (said, self.notice()) if text))

    def page_count(self) -> int:
        return self.document.pageCount()

    # -- output -----------------------------------------------------------------------------
    def print_setup(self) -> tuple[QPrinter, QPrintDialog]:
        """The printer and its dialog, not yet shown: printing to a file proposes the paper's
        name in the folder used last (else Documents), as «Save as PDF» does."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print"))
        paper_files.propose_in_print_dialog(printer, dialog, self.suggested_name)
        return printer, dialog

    def print_dialog(self) -> None:
        printer, dialog = self.print_setup()
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_chosen(printer)

    def print_chosen(self, printer: QPrinter) -> bool:
        """Print where the dialog said: on paper, or «Print to File (PDF)» — then the paper's
        own PDF is written (its text, not pictures of its pages) and its folder remembered."""
        path = paper_files.file_printed_to(printer)
        if path is None:
            return self.print_to(printer)
        if not self.save_to(path):
            return False
        files.remember(path)
        return True

    def print_to(self, printer: QPrinter) -> bool:
        """Draw every page on ``printer`` at its resolution; count the print."""
        painter = QPainter()
        if not painter.begin(printer):
            dialogs.error(self, _("Print"), _("The printer could not be started."))
            return False
        try:
            for index in range(self.document.pageCount()):
                if index:
                    printer.newPage()
                target = printer.pageRect(QPrinter.Unit.DevicePixel)
                size = self.document.pagePointSize(index)
                scale = min(target.width() / size.width(), target.height() / size.height())
                # drawn at most at PRINT_DPI and stretched to the printer's: at a 1200 dpi
                # printer's own resolution one A4 page was a 9582×13551 image (520 MB of memory,
                # a 7.6 MB file from a PDF printer)
                drawn = min(scale, PRINT_DPI / 72)
                image = self.document.render(
                    index, QSize(int(size.width() * drawn), int(size.height() * drawn))
                )
                painter.drawImage(QRectF(0, 0, size.width() * scale, size.height() * scale), image)
        finally:
            painter.end()
        self._printed()
        return True

    def save_dialog(self) -> None:
        path = files.save_file_name(self, _("Save as PDF"), self.suggested_name, _("PDF files (*.pdf)"), "pdf")
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        written = Operation(self, lambda: write_atomic(safe_output(path), self.pdf_bytes),
                            N_("Save as PDF")).on(OSError, lambda exc: cannot_write(self, path, exc)).run()
        if written is FAILED:  # refused (an open store's files) or not writable: said in a box
            return False
        self._printed()
        return True

    def _printed(self) -> None:
        self.record()
        self.refresh()  # what is shown now, and printed next, is a copy


def preview_paper(ctx, number: str, parent=None) -> PaperPreview:
    """The preview dialog for an issued paper (not yet shown)."""
    from ...printing.issue import paper_pdf
    from ...services.papers import documents

    kinds: list[str] = []  # the paper's kind, known once it is drawn (for its file's name)
    printed: list[int] = [0]  # its prints so far, as it was drawn

    def render() -> bytes:
        doc, pdf = paper_pdf(ctx, number)
        kinds[:], printed[:] = [doc.kind], [doc.print_count]
        return pdf

    def notice() -> str:
        # the trial's employee closed the preview and took it for printed: a preview prints
        # nothing, the paper stays «not printed yet» until «Print…»
        if printed[0]:
            return ""
        return _("Not printed yet: this preview prints nothing. Press «{button}» ({key}) to "
                 "print it").format(button=_("Print…"), key=key_text("Ctrl+P"))

    def record() -> None:
        doc = documents.get_document(ctx, number)
        documents.record_print(ctx, number, copy=doc.print_count > 0)

    title = _("Preview: {number}").format(number=number)
    dialog = PaperPreview(title, render, record, f"{number}.pdf", parent,
                          number=lambda n: fmt.number(ctx.profile, n), notice=notice)
    dialog.suggested_name = paper_files.paper_file_name(kinds[0], number)  # drawn by now
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def preview_draft(ctx, request_id, kind: str, lang: str, parent=None) -> PaperPreview:
    """The paper read before it is issued (not yet shown): marked a draft, neither printed nor
    saved from here (an unissued paper has no number of its own to verify)."""
    from ...printing.papers import render as render_paper
    from ...services.papers.draft_paper import draft

    def render() -> bytes:
        return render_paper(draft(ctx, request_id, kind, lang), ctx.profile, draft=True,
                            data_dir=ctx.store.data_dir)

    dialog = PaperPreview(_("Draft to read before it is issued"), render, lambda: None,
                          "draft.pdf", parent, number=lambda n: fmt.number(ctx.profile, n))
    why = _("A draft to read: issue the paper to print it")
    for button in (dialog.print_button, dialog.save_button):
        button.setEnabled(False)
        button.setToolTip(why)
    dialog.close_button.setDefault(True)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def cannot_write(parent: QWidget, path: Path, exc: OSError) -> None:
    """A PDF that could not be written where the user chose: which file, and why."""
    message = _("Cannot write {path}: {error}").format(path=path, error=exc.strerror or exc)
    dialogs.error(parent, _("Save as PDF"), message)
