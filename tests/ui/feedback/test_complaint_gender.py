"""A complaint's words about its complainant agree with her gender when she is a registered
applicant (linked by her ID number): «تعذر الوصول إليها», «راضية», «صاحبة الشكوى»; an unknown
complainant reads in the usual (masculine) words.  Resolved with the keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from ajfar_desk.domain import gendered
from ajfar_desk.i18n import gettext
from ajfar_desk.services.feedback import complaints
from ajfar_desk.services.feedback.complaints import ComplaintInput
from ajfar_desk.ui.feedback.complaint_detail import ComplaintDialog

from ..conftest import national_id, pick_code, register, type_text

DAY = dt.date(2026, 12, 7)


def _items(combo) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


@pytest.mark.parametrize(("gender", "unreachable", "satisfied", "complainant"), [
    ("female", "تعذر الوصول إليها", "٤ — راضية", "صاحبة الشكوى"),
    ("male", "تعذر الوصول إليه", "٤ — راضٍ", "صاحب الشكوى"),
    (None, "تعذر الوصول إليه", "٤ — راضٍ", "صاحب الشكوى"),  # not registered: not known
])
def test_the_complaint_speaks_of_the_complainant_in_her_gender(qtbot, app, ctx, gender, unreachable,
                                                                satisfied, complainant):
    linked = ""
    if gender is not None:
        register(ctx, 16, first_name="منيرة" if gender == "female" else "محمد", gender=gender)
        linked = national_id(16)
    made = complaints.record_complaint(ctx, ComplaintInput(
        kind="complaint", channel="phone", category="delay", subject="تأخر الرد على الطلب",
        contact_name="" if linked else "منيرة الدوسري", national_id=linked), today=DAY)
    dialog = ComplaintDialog(ctx, made.id, today=DAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.complaint.complainant_gender == gender
    assert unreachable in _items(dialog.informed)
    assert satisfied in _items(dialog.satisfaction)
    assert dialog.boxes["informed_how"].findChild(QLabel).text() == f"طريقة إبلاغ {complainant}"
    type_text(qtbot, dialog.resolution, "تواصلنا معها هاتفيًا")
    pick_code(qtbot, dialog.informed, "phone")
    pick_code(qtbot, dialog.satisfaction, "4")
    dialog.resolution.setFocus()
    qtbot.keyClick(dialog.resolution, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.complaint.status == complaints.RESOLVED
    QApplication.processEvents()  # the details laid out again are shown
    shown = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible()]
    assert f"رضا {complainant}:" in shown and any(satisfied in text for text in shown)
    assert f"{complainant}:" in shown


def test_every_feminine_word_has_its_english_and_its_own_arabic():
    for neutral, feminine in gendered.FEMININE_WORDS.items():
        assert gendered.for_person(neutral, "female") == feminine
        assert gendered.for_person(neutral, "male") == gendered.for_person(neutral, None) == neutral
        assert gettext(feminine, "en") == gettext(neutral, "en")
        arabic = gettext(feminine, "ar")  # its own words, no marker left («بلا وثيقة (مراجعة عابرة)»)
        assert arabic != gettext(neutral, "ar") and "woman" not in arabic


def test_an_unregistered_complainants_gender_is_chosen_in_the_form(qtbot, app, ctx):
    """Nobody linked: her gender chosen with the keyboard beside her name; the complaint then
    speaks of her in the feminine.  Ticking anonymous clears and locks the choice."""
    from ajfar_desk.ui.feedback.complaint_dialogs import NewComplaintDialog

    form = NewComplaintDialog(ctx, today=DAY)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert form.contact_gender.code() == ""  # not said: the usual words
    pick_code(qtbot, form.channel, "phone")
    pick_code(qtbot, form.category, "delay")
    type_text(qtbot, form.contact_name, "منيرة الدوسري")
    pick_code(qtbot, form.contact_gender, "female")
    form.anonymous.setFocus()
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Space)
    assert form.contact_gender.code() == "" and not form.contact_gender.isEnabled()
    qtbot.keyClick(form.anonymous, Qt.Key.Key_Space)
    type_text(qtbot, form.contact_name, "منيرة الدوسري")
    pick_code(qtbot, form.contact_gender, "female")
    type_text(qtbot, form.subject, "تأخر الرد على الطلب")
    qtbot.keyClick(form.subject, Qt.Key.Key_Return)
    assert form.complaint is not None, form.error.text()
    assert form.complaint.complainant_gender == "female"
    dialog = ComplaintDialog(ctx, form.complaint.id, today=DAY)
    qtbot.addWidget(dialog)
    assert "تعذر الوصول إليها" in _items(dialog.informed)
