"""The screens speak of a woman applicant in the feminine, as her papers do: the request page's
title «طلب دعم للمستفيدة …», the declaration's options «توقّع المتقدمة …», her file's marital
status «متزوجة» (not «متزوج/متزوجة»); a man's read in the masculine."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.i18n import _
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_views import input_from_view
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.papers.paper_dialogs import DeclarationDialog
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request


def _request(ctx, gender: str):
    applicant, request = submitted_request(ctx, submit=False)
    if gender == "female":
        view = applicants.get(ctx, applicant.id, record_open=False)
        applicants.update(ctx, applicant.id, replace(input_from_view(view), gender="female"), base=view)
    return applicant, request


@pytest.mark.parametrize(("gender", "words", "not_words"), [
    ("female", ["للمستفيدة", "تُوقِّع المتقدمة هنا", "تُوقِّع المتقدمة باليد", "متزوجة"],
     ["للمستفيد ", "يوقّع المتقدم", "متزوج/"]),
    ("male", ["للمستفيد ", "يوقّع المتقدم هنا", "يوقّع المتقدم باليد", "متزوج"],
     ["للمستفيدة", "تُوقِّع المتقدمة", "متزوجة", "متزوج/"]),
])
def test_the_applicant_is_named_in_their_gender(qtbot, window, ctx, gender, words, not_words):
    applicant, request = _request(ctx, gender)
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    panel = form.papers
    panel.declaration_button.setFocus()
    qtbot.keyClick(panel.declaration_button, Qt.Key.Key_Space)
    dialog = panel.dialog
    assert isinstance(dialog, DeclarationDialog) and dialog.isVisible()
    shown = [form.title.text(), dialog.on_pad.text(), dialog.on_paper.text()]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    window.open_applicant(applicant.id)
    file_view = window.page
    assert isinstance(file_view, ApplicantFileView)
    shown.append(_marital(file_view))
    said = " ".join(shown)
    for word in words:
        assert word in said, (word, shown)
    for word in not_words:
        assert word not in said, (word, shown)


def _marital(view: ApplicantFileView) -> str:
    """The text beside «الحالة الاجتماعية» in the file's details."""
    title = _("Marital status")
    return next(value.text() for name, value in view.detail_labels if name.text() == title)


def test_the_search_hint_says_press_enter_with_the_key_left_to_right():
    hint = _("Type at least two letters of a name, or the first digits of a national ID or phone. "
             "Enter opens the selected file, or the request whose whole number you typed.")
    assert "ومفتاح \u2066Enter\u2069 يفتح الملف المحدد" in hint and "زر Enter" not in hint
