"""Qt's own dialogs speak the interface's language, and every file dialog opens in the user's
Documents folder the first time, then where the last file was chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from ajfar_desk.ui.common import files
from ajfar_desk.ui.shell.language import apply_language


@pytest.fixture
def settings(tmp_path, monkeypatch):
    path = str(tmp_path / "settings.ini")
    monkeypatch.setattr(files, "settings", lambda: QSettings(path, QSettings.Format.IniFormat))
    return path


@pytest.fixture
def documents(tmp_path, monkeypatch):
    folder = tmp_path / "Documents"
    folder.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation",
                        staticmethod(lambda kind: str(folder) if kind == QStandardPaths.StandardLocation.DocumentsLocation else ""))
    return folder


def answer_file_dialog(qtbot, seen: dict, name: str | None) -> None:
    """When the file dialog shows, note what it shows, then type ``name`` and press Enter
    (Esc when None)."""
    def act():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QFileDialog):
            QTimer.singleShot(20, act)
            return
        try:
            seen["directory"] = Path(box.directory().absolutePath())
            seen["direction"] = box.layoutDirection()
            seen["texts"] = {w.text() for kind in (QLabel, QAbstractButton) for w in box.findChildren(kind)}
            seen["path_directions"] = {name: box.findChild(QWidget, name).layoutDirection()
                                       for name in ("lookInCombo", "fileNameEdit")}
            types = box.findChild(QComboBox, "fileTypeCombo")
            seen["types"] = [types.itemText(i) for i in range(types.count())]
            if name is not None:
                edit = box.findChild(QLineEdit, "fileNameEdit")
                edit.selectAll()
                qtbot.keyClicks(edit, name)
                qtbot.keyClick(edit, Qt.Key.Key_Return)
            else:
                qtbot.keyClick(box, Qt.Key.Key_Escape)
        finally:
            if box.isVisible():  # never leave the test waiting on the dialog
                seen["left_open"] = True
                box.reject()

    QTimer.singleShot(20, act)


def test_the_first_dialog_opens_in_documents_then_in_the_last_folder(qtbot, app, settings, documents, tmp_path):
    assert files.start_folder() == documents
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    answer_file_dialog(qtbot, seen, "report")
    path = files.save_file_name(parent, "حفظ بصيغة PDF", "monthly.pdf", "PDF (*.pdf)", "pdf")
    assert seen["directory"] == documents and "left_open" not in seen
    assert Path(path) == documents / "report.pdf"  # the suffix added to a bare name
    elsewhere = tmp_path / "usb"
    elsewhere.mkdir()
    files.remember(elsewhere / "bundle.ajfar")
    assert files.start_folder() == elsewhere
    answer_file_dialog(qtbot, seen, None)
    assert files.open_file_name(parent, "استيراد", "") == ""  # Esc: nothing chosen, nothing remembered
    assert seen["directory"] == elsewhere and files.start_folder() == elsewhere
    elsewhere.rmdir()  # the stick was taken out: back to Documents
    assert files.start_folder() == documents


def test_qt_dialogs_speak_arabic_in_arabic_and_english_in_english(qtbot, app, settings, documents):
    apply_language("ar", app)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") != "Cancel"
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "ا&سم الملفّ:"
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    answer_file_dialog(qtbot, seen, None)
    files.save_file_name(parent, "حفظ", "a.pdf")
    assert "ا&سم الملفّ:" in seen["texts"] and "File &name:" not in seen["texts"]
    assert seen["direction"].name == "RightToLeft"
    apply_language("en", app)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    answer_file_dialog(qtbot, seen, None)
    files.save_file_name(parent, "Save", "a.pdf")
    assert "File &name:" in seen["texts"] and seen["direction"].name == "LeftToRight"
    apply_language("ar", app)
    assert len(app._ajfar_translators) == 2  # Qt's catalog and its gaps: switching back and forth does not pile them up


def test_the_import_chooser_speaks_arabic_with_its_paths_left_to_right(qtbot, app, settings, documents):
    """What the desk saw at Ctrl+I: «Look in:» and «Files of type:» in English, the path and the
    patterns jumbled by the right-to-left line."""
    apply_language("ar", app)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    answer_file_dialog(qtbot, seen, None)
    files.open_file_name(parent, "استيراد", "جداول البيانات (*.csv *.xlsx);;كل الملفات (*)")
    assert "Look in:" not in seen["texts"] and "Files of type:" not in seen["texts"]
    assert {"ال&بحث في:", "&نوع الملفات:"} <= seen["texts"]
    assert set(seen["path_directions"].values()) == {Qt.LayoutDirection.LeftToRight}
    assert seen["types"] == ["جداول البيانات", "كل الملفات"]  # the names, without the patterns


def test_qt_translations_are_found_beside_pyside_when_qt_points_elsewhere(app, tmp_path, monkeypatch):
    """A bundle whose Qt translations folder is empty (or not there) still finds qtbase_ar
    where PySide6's files are."""
    from PySide6.QtCore import QLibraryInfo

    real = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda which: str(tmp_path)))
    from ajfar_desk.ui.shell import language

    assert language.translation_folders()[0] == str(tmp_path)
    assert any(Path(f) == Path(real) for f in language.translation_folders())
    apply_language("en", app)
    apply_language("ar", app)
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
