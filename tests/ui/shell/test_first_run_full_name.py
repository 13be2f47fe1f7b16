"""The first run asks for the administrator's full name: the papers print it, not «admin»."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from ajfar_desk.services.store.store import Store
from ajfar_desk.ui.shell.first_run import FirstRunDialog

from ..conftest import type_text


def test_the_full_name_is_required_at_the_first_run(qtbot, app, tmp_path):
    store = Store.open(tmp_path / "new")
    try:
        first = FirstRunDialog(store)
        qtbot.addWidget(first)
        first.show()
        qtbot.waitExposed(first)
        qtbot.keyClick(first.full_name, Qt.Key.Key_Tab)
        type_text(qtbot, first.password, "password123")
        type_text(qtbot, first.password2, "password123")
        qtbot.keyClick(first.password2, Qt.Key.Key_Return)
        assert first.result() != QDialog.DialogCode.Accepted and first.isVisible()
        assert first.boxes["full_name"].error.isVisible()
        assert first.focusWidget() is first.full_name
        type_text(qtbot, first.full_name, "سعاد الحربي")
        qtbot.keyClick(first.full_name, Qt.Key.Key_Return)
        assert first.result() == QDialog.DialogCode.Accepted
        assert first.context.user.full_name == "سعاد الحربي"
    finally:
        store.close()
