"""Where a paper goes when it is saved or printed to a file: a name a person recognises in a
folder — the paper's kind and its number, «الإقرار-AJF-1447-000012-D1.pdf», the month of a
report — in the folder used last (else the user's Documents folder, ``files.start_folder``),
proposed by «Save as PDF» and by the print dialog's «Print to File (PDF)» alike (Qt's own print
dialog proposed «print.pdf» in the folder the program was started from)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QLineEdit

from ...domain import documents as paper
from ...i18n import N_, _
from ..common import files

KIND_LABELS = {
    paper.DECLARATION: N_("Declaration"),
    paper.REFERRAL: N_("Referral letter"),
    paper.RECEIPT: N_("Applicant's receipt"),
    paper.DECISION: N_("Decision letter"),
    paper.NEEDED: N_("Documents needed"),
    paper.MINUTES: N_("Meeting minutes"),
}


def kind_label(kind: str) -> str:
    return _(KIND_LABELS[kind]) if kind in KIND_LABELS else kind


def paper_file_name(kind: str, number: str) -> str:
    """An issued paper's file: its kind in the interface's language and its number."""
    return files.file_name(kind_label(kind), number)


def proposed_path(name: str) -> Path:
    """``name`` in the folder a file dialog opens in (the one used last, else Documents)."""
    return files.start_folder() / name


def propose_in_print_dialog(printer: QPrinter, dialog: QPrintDialog, name: str) -> None:
    """The print dialog's file (for «Print to File (PDF)») proposed as ``proposed_path(name)``;
    the printer chosen stays the system's, and the print job is named after the paper."""
    printer.setDocName(Path(name).stem)
    box = dialog.findChild(QLineEdit, "filename")  # Qt's own dialog (Linux); Windows' has none
    if box is not None:
        box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)  # a path reads left to right
        box.setText(str(proposed_path(name)))  # the cursor at its end: the file's name shown


def file_printed_to(printer: QPrinter) -> Path | None:
    """The PDF file the print dialog was told to write, or None when it prints on paper."""
    if printer.outputFormat() != QPrinter.OutputFormat.PdfFormat or not printer.outputFileName():
        return None
    return Path(printer.outputFileName())
