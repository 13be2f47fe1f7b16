"""One interview day at a real desk (1366×768 less the taskbar), keyboard only, every role
through one main window: first run, registration, request, refusal and fix, declaration,
submission, researcher, committee, delivery, survey, complaint, dashboard.

Only the signature is drawn (the applicant signs on the pad with a pen or the mouse); every
other step is a key.  After each step the focus must be inside the active window and the next
step's button on the screen (``journey_keys.ready``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from ajfar_desk.domain import permissions as perm
from ajfar_desk.services import applicants
from ajfar_desk.services.store import Store
from ajfar_desk.ui.app import build_main_window
from ajfar_desk.ui.applicant_form import ApplicantForm
from ajfar_desk.ui.applicant_view import ApplicantFileView
from ajfar_desk.ui.first_run import FirstRunDialog

from .conftest import national_id
from .journey_keys import ALT, CTRL, SCREEN, keys, press, ready, shot

K = Qt.Key
PASSWORD = "password123"


def first_run(qtbot, store):
    dialog = FirstRunDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    ready(qtbot, dialog, dialog.create_button)
    keys(qtbot, "عبدالرحمن الشهري", K.Key_Tab, PASSWORD, K.Key_Tab, PASSWORD, K.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    return dialog.context


def main_window(qtbot, ctx):
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.setGeometry(SCREEN)  # the window manager's maximised window on the real desk
    window.show()
    qtbot.waitExposed(window)
    frame, inner = window.frameGeometry(), window.geometry()  # the frame fits in the screen too
    window.setGeometry(SCREEN.adjusted(inner.left() - frame.left(), inner.top() - frame.top(),
                                       inner.right() - frame.right(), inner.bottom() - frame.bottom()))
    window.activateWindow()
    return window


def register_applicant(qtbot, window, ctx, nid):
    ready(qtbot, window)
    press(qtbot, K.Key_N, CTRL)
    form = window.page
    assert isinstance(form, ApplicantForm)
    assert QApplication.focusWidget() is form.fields.inputs["national_id"]
    keys(qtbot,
         nid, K.Key_Tab, K.Key_Tab,  # nationality: Saudi
         K.Key_Down, K.Key_Tab,  # gender: the first
         K.Key_Down, K.Key_Tab,  # marital status: the first
         "نورة", K.Key_Tab, "سعد", K.Key_Tab, "فهد", K.Key_Tab, "القحطاني", K.Key_Tab,
         "١/٢/١٩٨٥", K.Key_Tab, K.Key_Tab,
         "0501234567", K.Key_Tab, K.Key_Tab,
         "الأجفر", K.Key_Tab, K.Key_Tab, "1500", K.Key_Tab,
         K.Key_Down, K.Key_Tab,  # category
         K.Key_Space)  # consent
    shot(window, "01-registration")
    press(qtbot, K.Key_Return)
    view = window.page
    assert isinstance(view, ApplicantFileView)
    assert applicants.by_national_id(ctx, nid).full_name == "نورة سعد فهد القحطاني"
    return view


def _date(days: int) -> str:
    day = dt.date.today() + dt.timedelta(days=days)
    return f"{day.day}/{day.month}/{day.year}"


def add_member(qtbot, window, view):
    press(qtbot, K.Key_M, ALT)
    dialog = view.member_dialog
    assert dialog is not None and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.name
    keys(qtbot, "سلمان", K.Key_Tab, (K.Key_Down, 2), K.Key_Tab, K.Key_Down, K.Key_Tab, _date(-9 * 365),
         K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    assert [(m.full_name, m.relation) for m in view.view.members] == [("سلمان", "son")]
    ready(qtbot, window, view.add_member_button)  # its tab was shown by the key


def add_document(qtbot, window, view, downs: int, kind: str, expiry: str):
    press(qtbot, K.Key_D, ALT)
    dialog = view.document_dialog
    assert dialog is not None and dialog.isVisible()
    ready(qtbot, dialog, dialog.ok_button)
    assert QApplication.focusWidget() is dialog.kind
    keys(qtbot, (K.Key_Down, downs))
    assert dialog.kind.code() == kind
    keys(qtbot, K.Key_Tab, "123", K.Key_Tab, _date(-300), K.Key_Tab, expiry, K.Key_Return)
    assert not dialog.isVisible(), dialog.error.text()
    assert kind in [d.kind for d in view.view.documents]
    ready(qtbot, window, view.request_button)


def test_an_interview_day_at_the_desk_by_keyboard(qtbot, app, tmp_path):
    store = Store.open(tmp_path / "desk", auto_backup=False)
    try:
        ctx = first_run(qtbot, store)
        assert ctx.role == perm.ADMIN
        window = main_window(qtbot, ctx)
        nid = national_id(7321)
        view = register_applicant(qtbot, window, ctx, nid)
        ready(qtbot, window, view.request_button)
        add_member(qtbot, window, view)
        add_document(qtbot, window, view, 1, "national_id", _date(700))
        add_document(qtbot, window, view, 3, "family_record", "")
        add_document(qtbot, window, view, 4, "income_proof", _date(-3))  # expired three days ago
        shot(window, "02-applicant-file")
    finally:
        store.close()
