"""A paper saved or printed to a file is proposed as «الإقرار-AJF-1448-000001-D1.pdf» in the
user's Documents folder the first time, then in the folder used last — by «Save as PDF» and by
the print dialog's «Print to File (PDF)» alike (Qt's own proposed «print.pdf» in the folder the
program was started from). No dialog is shown: the print dialog is set up and read."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QLineEdit

from ajfar_desk.i18n import _
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.common import files
from ajfar_desk.ui.papers import paper_preview
from ajfar_desk.ui.shell.language import apply_language
from printing.scenario import submitted_request


@pytest.fixture
def documents_folder(tmp_path, monkeypatch):
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(files, "settings", lambda: QSettings(path, QSettings.Format.IniFormat))
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(
        lambda kind: str(folder) if kind == QStandardPaths.StandardLocation.DocumentsLocation else ""))
    return folder


def _declaration(ctx) -> str:
    _applicant, request = submitted_request(ctx)  # its declaration signed on paper
    return documents.latest(ctx, request.id, "declaration").number


def _proposed_by_print_dialog(preview) -> tuple[str, str]:
    printer, dialog = preview.print_setup()
    try:
        return dialog.findChild(QLineEdit, "filename").text(), printer.docName()
    finally:
        dialog.deleteLater()


def test_a_paper_is_proposed_by_its_kind_and_number_in_documents(qtbot, app, ctx, documents_folder,
                                                                  monkeypatch):
    number = _declaration(ctx)
    assert number.startswith("AJF-") and number.endswith("-D1")
    preview = paper_preview.preview_paper(ctx, number)
    qtbot.addWidget(preview)
    assert preview.suggested_name == f"الإقرار-{number}.pdf"
    path, job = _proposed_by_print_dialog(preview)
    assert Path(path) == documents_folder / f"الإقرار-{number}.pdf"
    assert job == f"الإقرار-{number}"  # the print queue names the paper too
    asked = {}
    monkeypatch.setattr(files, "save_file_name", lambda _parent, _title, suggested, *_args: (
        asked.setdefault("name", suggested), "")[1])
    preview.save_dialog()
    assert asked["name"] == f"الإقرار-{number}.pdf"


def test_printing_to_a_file_writes_the_paper_and_remembers_its_folder(qtbot, app, ctx,
                                                                      documents_folder, tmp_path):
    number = _declaration(ctx)
    preview = paper_preview.preview_paper(ctx, number)
    qtbot.addWidget(preview)
    original = preview.pdf_bytes
    chosen = tmp_path / "desk papers"
    chosen.mkdir()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)  # as the dialog leaves it
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(chosen / "declaration.pdf"))
    assert preview.print_chosen(printer)
    assert (chosen / "declaration.pdf").read_bytes() == original  # the paper itself, not pictures
    assert documents.get_document(ctx, number).print_count == 1
    path, _job = _proposed_by_print_dialog(preview)
    assert Path(path) == chosen / f"الإقرار-{number}.pdf"  # where the last one went


def test_the_name_follows_the_language_and_keeps_out_what_a_folder_refuses(qtbot, app, ctx,
                                                                           documents_folder):
    number = _declaration(ctx)
    apply_language("en", app)
    preview = paper_preview.preview_paper(ctx, number)
    qtbot.addWidget(preview)
    assert preview.suggested_name == f"Declaration-{number}.pdf"
    apply_language("ar", app)
    assert files.file_name(_("Monthly report"), "2026-11") == "التقرير الشهري-2026-11.pdf"
    assert files.file_name("a/b: c?", "X", "xlsx") == "a-b- c-X.xlsx"
    assert files.file_name("\u2068تقرير\u2069") == "تقرير.pdf"
