"""The social study's household expenses start empty, not «0», as its income beside them: left
empty they are saved «not said» and read back as «لم يُذكر», for the committee too; a 0 typed is
an answer, kept; a figure shows in the profile's digits as it is typed and when it is read."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.committee import study
from ajfar_desk.ui.committee.study_dialog import StudyDialog

from ..conftest import pick_code, type_text
from .test_researcher_ui import make_staff, referred, show


def test_expenses_not_said_stay_not_said_and_a_zero_typed_is_kept(qtbot, app, ctx):
    staff = make_staff(ctx)
    request = referred(ctx, staff, "ماجد", "03333344")
    dialog = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    assert dialog.expenses.text() == "" and dialog.expenses.placeholderText() == "لم يُذكر"
    assert dialog.income.text() == ""  # both alike
    pick_code(qtbot, dialog.recommendation, "support")
    qtbot.keyClick(dialog.visit_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    saved = study.get_study(staff("researcher"), request.id)
    assert not saved.expenses_given and saved.monthly_expenses == 0
    reader = show(qtbot, StudyDialog(staff("member"), request.id, "AJF"))
    assert reader.read_only and reader.expenses.text() == "" and reader.expenses.placeholderText() == "لم يُذكر"
    reader.close()

    again = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    assert again.expenses.text() == ""  # still not said, not «٠٫٠٠»
    type_text(qtbot, again.expenses, "0")
    qtbot.keyClick(again.visit_date, Qt.Key.Key_Return)
    saved = study.get_study(staff("researcher"), request.id)
    assert saved.expenses_given and saved.monthly_expenses == 0

    third = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    assert third.expenses.text() == "٠٫٠٠"  # said: the answer «none», in the profile's digits
    third.expenses.selectAll()
    type_text(qtbot, third.expenses, "3200")
    assert third.expenses.text() == "٣٢٠٠"  # typed as it is shown when read: the profile's digits
    qtbot.keyClick(third.visit_date, Qt.Key.Key_Return)
    saved = study.get_study(staff("researcher"), request.id)
    assert saved.expenses_given and saved.monthly_expenses == 3200
