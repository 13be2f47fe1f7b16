"""The social study's household income starts empty, not «0»: left empty it is saved «not
said» and read back as «لم يُذكر», for the committee too; a 0 typed is an answer, kept."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.committee import study
from ajfar_desk.ui.committee.study_dialog import StudyDialog

from ..conftest import pick_code, type_text
from .test_researcher_ui import make_staff, referred, show


def test_an_income_not_said_stays_not_said(qtbot, app, ctx):
    staff = make_staff(ctx)
    request = referred(ctx, staff, "ماجد", "03333334")
    dialog = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    assert dialog.income.text() == "" and dialog.income.placeholderText() == "لم يُذكر"
    pick_code(qtbot, dialog.recommendation, "support")
    qtbot.keyClick(dialog.visit_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    saved = study.get_study(staff("researcher"), request.id)
    assert not saved.income_given and saved.monthly_income == 0
    reader = show(qtbot, StudyDialog(staff("member"), request.id, "AJF"))
    assert reader.read_only and reader.income.text() == "" and reader.income.placeholderText() == "لم يُذكر"
    reader.close()
    again = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    type_text(qtbot, again.income, "0")
    qtbot.keyClick(again.visit_date, Qt.Key.Key_Return)
    saved = study.get_study(staff("researcher"), request.id)
    assert saved.income_given and saved.monthly_income == 0
