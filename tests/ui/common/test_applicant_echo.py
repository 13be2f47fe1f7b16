"""An ID number typed to link a registered applicant says whom it links, under the field: in the
booking dialog (she books a man by the number he reads out, and saw no name), in a new enquiry
and in a new complaint.  A whole Saudi number is looked up as it is typed, any other number
when the field is left; nobody registered with it is said too; a half-typed number says
nothing."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from accounts import staff_accounts
from ajfar_desk.ui.appointments.book_dialog import BookDialog
from ajfar_desk.ui.enquiries.enquiry_dialogs import NewEnquiryDialog
from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog

from ..conftest import national_id, register, type_text

STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال")}


@pytest.fixture
def desk(ctx):
    return staff_accounts(ctx, STAFF)("desk")


def _open(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # the field is left as on a desk: its window has the keyboard
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _echo(box) -> QLabel:
    label = box.findChild(QLabel, "applicantEcho")
    assert label is not None
    return label


@pytest.mark.parametrize("which", ["book", "enquiry", "complaint"])
def test_the_id_number_typed_names_the_applicant_it_links(qtbot, app, ctx, desk, which):
    man = register(ctx, 41, first_name="حمود", family_name="الزهراني")
    if which == "book":
        dialog = _open(qtbot, BookDialog(desk))
        field, box = dialog.applicant, dialog.boxes["applicant"]
    elif which == "enquiry":
        dialog = _open(qtbot, NewEnquiryDialog(desk))
        field, box = dialog.applicant, dialog.boxes["applicant"]
    else:
        dialog = _open(qtbot, NewComplaintDialog(desk))
        field, box = dialog.national_id, dialog.boxes["national_id"]
    echo = _echo(box)
    field.setFocus()
    type_text(qtbot, field, man.national_id[:6])
    assert not echo.isVisible()  # half a number: nothing said yet
    type_text(qtbot, field, man.national_id[6:])
    assert echo.isVisible() and echo.text() == "✓ " + man.full_name
    field.selectAll()
    type_text(qtbot, field, national_id(42))  # a whole number nobody holds
    assert echo.isVisible() and echo.text() == "لا يوجد مستفيد مسجل بهذه الهوية"
    field.clear()
    assert not echo.isVisible()
    type_text(qtbot, field, "A1234567")  # a passport's number: looked up when the field is left
    assert not echo.isVisible()
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not field
    assert echo.isVisible() and "لا يوجد" in echo.text()
