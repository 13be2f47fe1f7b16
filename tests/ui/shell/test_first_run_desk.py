"""First run to the first applicant, with the keyboard: the administrator set up at first run
works at the desk (as the README says), so «مستفيد جديد» and Ctrl+N are there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from ajfar_desk.domain import permissions as perm
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.store.store import Store
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.shell.app import build_main_window
from ajfar_desk.ui.shell.first_run import FirstRunDialog

from ..conftest import national_id, type_text


def _type(qtbot, widget, step) -> None:
    if isinstance(step, str):
        type_text(qtbot, widget.focusWidget(), step)
    else:
        qtbot.keyClick(widget.focusWidget(), step)


def test_first_run_then_the_administrator_registers_an_applicant_with_ctrl_n(qtbot, app, tmp_path):
    store = Store.open(tmp_path / "new")
    try:
        first = FirstRunDialog(store)
        qtbot.addWidget(first)
        first.show()
        qtbot.waitExposed(first)
        assert first.focusWidget() is first.full_name
        for step in ("عبدالرحمن الشهري", Qt.Key.Key_Tab, Qt.Key.Key_Down, Qt.Key.Key_Tab,  # gender: male
                     "password123", Qt.Key.Key_Tab, "password123", Qt.Key.Key_Return):
            _type(qtbot, first, step)
        assert first.result() == QDialog.DialogCode.Accepted
        ctx = first.context
        assert ctx.role == perm.ADMIN

        window = build_main_window(ctx)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        assert {"new", "search", "users"} <= window.visible_actions()
        assert not window.home.register_button.isHidden()  # the search's «سجّل مستفيدًا جديدًا» leads somewhere
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        form = window.page
        assert isinstance(form, ApplicantForm)
        assert window.focusWidget() is form.fields.inputs["national_id"]
        nid = national_id(5151)
        for step in (
            nid, Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab,  # ID type (told by the number), nationality: Saudi
            Qt.Key.Key_Down, Qt.Key.Key_Tab,  # gender: the first
            Qt.Key.Key_Down, Qt.Key.Key_Tab,  # marital status: the first
            "نورة", Qt.Key.Key_Tab, "سعد", Qt.Key.Key_Tab, "فهد", Qt.Key.Key_Tab, "القحطاني", Qt.Key.Key_Tab,
            Qt.Key.Key_Tab,  # no name in Latin letters
            "١/٢/١٩٨٥", Qt.Key.Key_Tab, Qt.Key.Key_Tab,
            "0501234567", Qt.Key.Key_Tab, Qt.Key.Key_Tab, Qt.Key.Key_Tab,  # no second phone, no e-mail
            "الأجفر", Qt.Key.Key_Tab, Qt.Key.Key_Tab, "0", Qt.Key.Key_Tab,
            Qt.Key.Key_Down, Qt.Key.Key_Tab,  # category
            Qt.Key.Key_Space,  # consent
            Qt.Key.Key_Return,
        ):
            _type(qtbot, window, step)
        assert isinstance(window.page, ApplicantFileView)
        saved = applicants.by_national_id(ctx, nid)
        assert saved.full_name == "نورة سعد فهد القحطاني"
    finally:
        store.close()
