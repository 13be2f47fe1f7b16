"""The complaints page with the keyboard only: Ctrl+N receives a complaint there (and registers
an applicant everywhere else), F1 lists it; a complaint window that closes hands the keyboard
back to the main window, repainted, so the next keys (Ctrl+F and a name) are not lost."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.i18n import _
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.ui.applicants.applicant_form import ApplicantForm
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog
from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog

from ..conftest import pick_code, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


def _focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "no widget has the keyboard: the keys typed now are lost"
    return widget


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focused(), key, modifier)


def _settle() -> None:
    """The events the last key set going are handled (nothing more: no window is activated
    here as a window manager would, since the offscreen platform has none)."""
    for _round in range(3):
        QApplication.processEvents()


class Paints(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def _complaints_page(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    _press(qtbot, Qt.Key.Key_K, CTRL | Qt.KeyboardModifier.ShiftModifier)
    page = window.stack.currentWidget()
    assert page is window.tool_pages["complaints"]
    return page


def test_ctrl_n_on_the_complaints_page_receives_a_complaint_and_hands_the_window_back(qtbot, window, ctx):
    page = _complaints_page(qtbot, window)
    _press(qtbot, Qt.Key.Key_N, CTRL)
    dialog = page.dialog
    assert isinstance(dialog, NewComplaintDialog) and dialog.isVisible()
    assert not isinstance(window.page, ApplicantForm)  # not the applicant's registration
    qtbot.waitUntil(dialog.isActiveWindow)
    pick_code(qtbot, dialog.channel, "phone")
    pick_code(qtbot, dialog.category, "delay")
    type_text(qtbot, dialog.contact_name, "منيرة الدوسري")
    type_text(qtbot, dialog.subject, "تأخر الرد على طلبها")
    dialog.text.setFocus()
    type_text(qtbot, dialog.text, "لم يتصل بها أحد")
    paints = Paints(page)
    _press(qtbot, Qt.Key.Key_Return, CTRL)  # recorded from the multi-line box
    assert not dialog.isVisible() and len(page.model.rows) == 1
    _settle()
    assert window.isActiveWindow()  # the keyboard is back on the window
    assert paints.count > 0  # repainted over the dialog's picture
    assert page.isAncestorOf(_focused())
    # the keys land on the list, on the complaint just recorded: Enter opens it, not a new one
    page.new_button.setFocus()  # as when the dialog was opened from the button
    page._recorded(page.model.rows[0])
    assert _focused() is page.table and page.selected().id == page.model.rows[0].id
    # elsewhere Ctrl+N still registers an applicant
    _press(qtbot, Qt.Key.Key_F, CTRL)
    assert window.stack.currentWidget() is window.home
    _press(qtbot, Qt.Key.Key_N, CTRL)
    assert isinstance(window.page, ApplicantForm)


def test_after_the_complaint_window_closes_ctrl_f_and_a_name_reach_the_search(qtbot, window, ctx):
    complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="phone", category="delay", subject="تأخر الرد",
        contact_name="فهد العتيبي"))
    page = _complaints_page(qtbot, window)
    assert _focused() is page.table  # the page opens on its list: Enter opens the complaint
    _press(qtbot, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, ComplaintDialog)
    qtbot.waitUntil(dialog.isActiveWindow)
    _press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    _settle()
    _press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, _focused(), "fahd")
    assert window.stack.currentWidget() is window.home
    assert window.home.search_box.text() == "fahd"


def test_f1_on_the_complaints_page_lists_its_ctrl_n(qtbot, window, ctx):
    _complaints_page(qtbot, window)
    sheet = window.show_shortcuts()
    qtbot.addWidget(sheet)
    rows = sheet.rows()
    assert rows[0][0] == _("This page")
    assert rows[1][0] == _("New complaint or suggestion…") and "Ctrl+N" in rows[1][1]
    assert not any(what == _("New applicant") for what, _key in rows)  # Ctrl+N is the page's here
    sheet.reject()
    _press(qtbot, Qt.Key.Key_F, CTRL)
    sheet = window.show_shortcuts()
    qtbot.addWidget(sheet)
    rows = sheet.rows()
    assert _("This page") not in [what for what, _key in rows]
    assert any(what == _("New applicant") and "Ctrl+N" in key for what, key in rows)
