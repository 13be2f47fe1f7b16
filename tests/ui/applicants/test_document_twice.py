"""A document of a kind and number already in the file is added again only when the employee says
so (trial 10: a second national ID card with the same number went in without a word; a renewed
card keeps its number, so it is asked, not refused); «No» keeps the dialog and what was typed."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.domain.digits import localize_digits
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.ui.applicants.record_dialogs import DocumentDialog

from ..conftest import register, type_text


def _dialog(qtbot, ctx, person_id) -> DocumentDialog:
    dialog = DocumentDialog(ctx, person_id, kind="lease")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.expiry_date.setFocus()
    qtbot.keyClicks(dialog.expiry_date, "01/01/2031")
    dialog.number.setFocus()
    return dialog


def test_the_same_number_twice_is_asked_and_no_keeps_the_dialog(qtbot, app, ctx, answers):
    person = register(ctx, 94)
    applicants.add_document(ctx, person.id, DocumentInput("lease", "L-7781", "", "2030-01-01"))
    dialog = _dialog(qtbot, ctx, person.id)
    type_text(qtbot, dialog.number, localize_digits("L-7781", "arabic"))  # typed in other digits
    answers.replies = [False]
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    (title, text), = answers.asked
    assert "7781" in text and "عقد الإيجار" in text and "تصحيح المستند" in text
    assert answers.defaults == [False]  # Enter on the question does not add it
    # kept as typed; a code with a Latin letter shows its digits Western, as every field does
    assert dialog.isVisible() and dialog.number.text() == "L-7781"
    assert len(applicants.get(ctx, person.id).documents) == 1
    answers.replies = [True]  # a renewed card: added again on purpose
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    assert not dialog.isVisible() and len(applicants.get(ctx, person.id).documents) == 2


def test_another_number_asks_nothing(qtbot, app, ctx, answers):
    person = register(ctx, 95)
    applicants.add_document(ctx, person.id, DocumentInput("lease", "L-7781", "", "2030-01-01"))
    dialog = _dialog(qtbot, ctx, person.id)
    qtbot.keyClicks(dialog.number, "L-7782")
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    assert answers.asked == [] and not dialog.isVisible()
