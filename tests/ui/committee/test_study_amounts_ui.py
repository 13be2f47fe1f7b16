"""The social study's household income and expenses start empty, not «0»: left empty each is
saved «not said» and read back as «لم يُذكر», for the committee too; a 0 typed is an answer,
kept; a figure shows in the profile's digits as it is typed and when it is read."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.services.committee import study
from ajfar_desk.ui.committee.study_dialog import StudyDialog

from ..conftest import pick_code, type_text
from .test_researcher_ui import make_staff, referred, show

AMOUNTS = [  # the dialog's box, the study's figure and its flag
    ("income", "monthly_income", "income_given", "03333334"),
    ("expenses", "monthly_expenses", "expenses_given", "03333344"),
]


@pytest.mark.parametrize(("box", "figure", "flag", "nid_body"), AMOUNTS)
def test_an_amount_not_said_stays_not_said_and_a_zero_typed_is_kept(qtbot, app, ctx, box, figure, flag, nid_body):
    staff = make_staff(ctx)
    request = referred(ctx, staff, "ماجد", nid_body)

    def saved():
        view = study.get_study(staff("researcher"), request.id)
        return getattr(view, flag), getattr(view, figure)

    def editor(dialog):
        return getattr(dialog, box)

    dialog = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    assert editor(dialog).text() == "" and editor(dialog).placeholderText() == "لم يُذكر"
    pick_code(qtbot, dialog.recommendation, "support")
    qtbot.keyClick(dialog.visit_date, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert saved() == (False, 0)
    reader = show(qtbot, StudyDialog(staff("member"), request.id, "AJF"))
    assert reader.read_only and editor(reader).text() == "" and editor(reader).placeholderText() == "لم يُذكر"
    reader.close()

    again = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    assert editor(again).text() == ""  # still not said, not «٠٫٠٠»
    type_text(qtbot, editor(again), "0")
    qtbot.keyClick(again.visit_date, Qt.Key.Key_Return)
    assert saved() == (True, 0)

    third = show(qtbot, StudyDialog(staff("researcher"), request.id, "AJF"))
    assert editor(third).text() == "٠٫٠٠"  # said: the answer «none», in the profile's digits
    editor(third).selectAll()
    type_text(qtbot, editor(third), "3200")
    assert editor(third).text() == "٣٢٠٠"  # typed as it is shown when read
    qtbot.keyClick(third.visit_date, Qt.Key.Key_Return)
    assert saved() == (True, 3200)
