"""A paper printed as a desk would, to a PDF file standing in for the printer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter


def print_to_pdf(preview, path: Path) -> bool:
    """``preview.print_to`` a high-resolution printer that writes ``path``; its answer."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return preview.print_to(printer)
