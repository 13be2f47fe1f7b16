"""Qt's own words on a dialog's buttons («ألغِ», cut in some dialogs) give way to the program's
(«إلغاء», «موافق») wherever the program makes the dialog: the file dialogs, the backup's passphrase,
the chair question; every button of them fits its text.  No module asks Qt for a standard button
or one of its ready-made dialogs (``QInputDialog.getText``, ``QFileDialog.getOpenFileName``…),
whose buttons would speak Qt's words again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton, QWidget

import ajfar_desk.ui
from ajfar_desk.ui.common import dialogs, files
from ajfar_desk.ui.shell.language import apply_language

from .test_files_language import documents, settings  # noqa: F401 - fixtures

QT_READY_MADE = {  # Qt's static dialogs: their buttons carry Qt's words
    ("QInputDialog", "getText"), ("QInputDialog", "getItem"), ("QInputDialog", "getInt"),
    ("QInputDialog", "getDouble"), ("QInputDialog", "getMultiLineText"),
    ("QFileDialog", "getOpenFileName"), ("QFileDialog", "getSaveFileName"),
    ("QFileDialog", "getExistingDirectory"), ("QFileDialog", "getOpenFileNames"),
    ("QMessageBox", "question"), ("QMessageBox", "warning"), ("QMessageBox", "information"),
    ("QMessageBox", "critical"),
}


def _buttons_when_shown(qtbot, seen: dict) -> None:
    """When a dialog shows: its visible buttons' texts and whether each fits, then Esc."""
    def act():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QDialog):
            QTimer.singleShot(20, act)
            return
        try:
            qtbot.waitExposed(box)
            shown = [b for b in box.findChildren(QPushButton) if b.isVisible() and b.text()]
            seen["texts"] = [b.text().replace("&", "") for b in shown]
            seen["cut"] = [(b.text(), b.width(), b.sizeHint().width()) for b in shown
                           if b.width() + 1 < b.sizeHint().width()]
            qtbot.keyClick(box, Qt.Key.Key_Escape)
        finally:
            if box.isVisible():
                box.reject()

    QTimer.singleShot(20, act)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_file_dialogs_cancel_in_the_programs_word_and_fit(qtbot, app, settings, documents, lang):  # noqa: F811
    apply_language(lang, app)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    _buttons_when_shown(qtbot, seen)
    assert files.save_file_name(parent, "حفظ", "a.pdf", "PDF (*.pdf)") == ""
    cancel = "إلغاء" if lang == "ar" else "Cancel"
    assert cancel in seen["texts"] and "ألغِ" not in seen["texts"], seen["texts"]
    assert seen["cut"] == []
    _buttons_when_shown(qtbot, seen)
    assert files.folder_name(parent, "مجلد") == ""
    assert cancel in seen["texts"] and seen["cut"] == []


def test_the_passphrase_question_says_ok_and_cancel_as_every_dialog(qtbot, app):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict = {}
    _buttons_when_shown(qtbot, seen)
    assert dialogs.secret(parent, "نسخة احتياطية مشفرة", "عبارة مرور النسخة الاحتياطية:") is None
    assert sorted(seen["texts"]) == sorted(["موافق", "إلغاء"]) and seen["cut"] == []


def test_no_module_asks_qt_for_its_own_buttons_or_ready_made_dialogs():
    root = Path(ajfar_desk.ui.__file__).parent
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
                if (node.value.id, node.attr) in QT_READY_MADE:
                    found.append(f"{path.relative_to(root)}:{node.lineno} {node.value.id}.{node.attr}")
            if isinstance(node, ast.Attribute) and node.attr == "StandardButton":
                found.append(f"{path.relative_to(root)}:{node.lineno} a standard button")
    assert found == []
