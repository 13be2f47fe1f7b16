"""A household member by keyboard: the relation fills in the gender it implies (a daughter is a
woman, a divorced mother's spouse a man), still changeable; the birth date reads back in both
calendars under the field, as the registration form's does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.digits import to_arabic_digits

from ..conftest import pick_code, register, type_text


def _member_dialog(qtbot, window, ctx, gender: str):
    person = register(ctx, 7301, first_name="نورة", gender=gender, marital_status="divorced")
    window.open_applicant(person.id)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    dialog = window.page.member_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_relation_fills_in_the_gender_still_editable(qtbot, window, ctx):
    dialog = _member_dialog(qtbot, window, ctx, "female")
    type_text(qtbot, dialog.name, "سارة خالد العتيبي")
    pick_code(qtbot, dialog.relation, "daughter")
    assert dialog.gender.code() == "female"
    pick_code(qtbot, dialog.relation, "son")
    assert dialog.gender.code() == "male"
    pick_code(qtbot, dialog.relation, "spouse")  # her husband
    assert dialog.gender.code() == "male" and dialog.relation.currentText() == "زوج"
    pick_code(qtbot, dialog.relation, "daughter")
    pick_code(qtbot, dialog.gender, "male")  # still the employee's to change
    assert dialog.gender.code() == "male"
    pick_code(qtbot, dialog.relation, "other")  # says nothing: the gender stays
    assert dialog.gender.code() == "male"
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)


def test_a_mans_spouse_is_a_woman(qtbot, window, ctx):
    dialog = _member_dialog(qtbot, window, ctx, "male")
    pick_code(qtbot, dialog.relation, "spouse")
    assert dialog.gender.code() == "female" and dialog.relation.currentText() == "زوجة"
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)


def test_the_household_table_names_each_relation_in_the_members_gender(qtbot, window, ctx):
    dialog = _member_dialog(qtbot, window, ctx, "male")
    type_text(qtbot, dialog.name, "هند سعد القحطاني")
    pick_code(qtbot, dialog.relation, "spouse")
    type_text(qtbot, dialog.birth_date, "1/1/1992")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    table = window.page.members_model
    assert [table.index(r, 1).data().strip("\u200f") for r in range(table.rowCount())] == ["زوجة"]


def test_the_members_birth_date_reads_back_in_both_calendars(qtbot, window, ctx):
    dialog = _member_dialog(qtbot, window, ctx, "female")
    assert dialog.birth_preview.text() == ""
    type_text(qtbot, dialog.birth_date, "1/7/1430")
    shown = dialog.birth_preview.text()
    assert to_arabic_digits("1430") in shown and to_arabic_digits("2009") in shown  # Hijri and Gregorian
    dialog.birth_date.clear()
    type_text(qtbot, dialog.birth_date, "45/7/1430")
    assert dialog.birth_preview.text() and to_arabic_digits("2009") not in dialog.birth_preview.text()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)


def test_a_members_income_starts_empty_and_empty_reads_not_said(qtbot, window, ctx):
    """The income field starts empty, never «0» (a member with no income is an answer to type);
    left empty, the household table reads «لم يُذكر»; a 0 typed reads «٠٫٠٠»."""
    dialog = _member_dialog(qtbot, window, ctx, "female")
    for name, relation, income in (("سارة خالد العتيبي", "daughter", ""), ("فهد خالد العتيبي", "son", "0")):
        if dialog is None:  # the next member: Alt+M again from the file
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
            dialog = window.page.member_dialog
        assert dialog.income.text() == ""
        type_text(qtbot, dialog.name, name)
        pick_code(qtbot, dialog.relation, relation)
        type_text(qtbot, dialog.birth_date, "1/1/2010")
        if income:
            type_text(qtbot, dialog.income, income)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        assert not dialog.isVisible()
        dialog = None
    table = window.page.members_model
    column = next(c for c in range(table.columnCount())
                  if table.headerData(c, Qt.Orientation.Horizontal) == "الدخل الشهري (ريال)")
    assert [table.index(r, column).data().strip("\u200f") for r in range(table.rowCount())] == [
        "لم يُذكر", to_arabic_digits("0.00").replace(".", "٫")]


def test_a_spouse_under_eighteen_is_asked_about_and_no_keeps_what_was_typed(qtbot, window, ctx, answers):
    """The branch trial saved an 11-year-old «زوجة» (a birth year mistyped) without a word."""
    import datetime as dt

    dialog = _member_dialog(qtbot, window, ctx, "male")
    type_text(qtbot, dialog.name, "هند سعد القحطاني")
    pick_code(qtbot, dialog.relation, "spouse")
    born = dt.date.today().year - 12
    type_text(qtbot, dialog.birth_date, f"1/1/{born}")
    answers.replies = [False]
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.name.text() == "هند سعد القحطاني"
    (title, text), = answers.asked
    assert answers.defaults == [False]
    assert "زوجة" in text and f"{to_arabic_digits('12')} سنة" in text, text
    answers.replies = [True]
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.page.members_model.rowCount() == 1


def test_a_grown_spouse_and_a_young_daughter_are_not_asked_about(qtbot, window, ctx, answers):
    dialog = _member_dialog(qtbot, window, ctx, "male")
    type_text(qtbot, dialog.name, "ريم سعد القحطاني")
    pick_code(qtbot, dialog.relation, "daughter")
    type_text(qtbot, dialog.birth_date, "1/1/2020")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert not dialog.isVisible() and answers.asked == []
