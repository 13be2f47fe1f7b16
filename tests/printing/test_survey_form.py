"""The printed blank satisfaction survey: every question, the scale, one page, clean fonts."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.feedback import SCALE_LABELS
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.i18n import gettext
from ajfar_desk.printing.survey_form import blank_survey_pdf
from ajfar_desk.printing.textlayout import layout_line

from .pdfcheck import fonts, read, text


def _flat(s: str) -> str:
    return "".join(s.split())


@pytest.mark.parametrize("profile_id", ["ajfar", "baraa", "alhuda", "aman", "najran"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_question_on_one_page(profile_id, lang):
    profile = get_profile(profile_id)
    survey = profile.survey()
    reader = read(blank_survey_pdf(profile, lang))
    assert len(reader.pages) == 1
    used = fonts(reader)
    assert used and all(used.values()) and all("Amiri" in n for n in used), used
    words = _flat(text(reader))
    assert _flat(survey.name(lang)) in words
    assert _flat(profile.name(lang)) in words
    for q in survey.questions:
        assert _flat(q.text(lang)) in words, q.code
        assert not layout_line(q.text(lang), 10.5, rtl=lang == "ar").missing()
    for meaning in SCALE_LABELS.values():
        assert _flat(gettext(meaning, lang)) in words
    for msgid in ("Request reference", "Branch"):
        assert _flat(gettext(msgid, lang)) in words


def test_digits_follow_the_profile():
    ar = text(read(blank_survey_pdf(get_profile("najran"))))
    assert "٥" in ar and "5" not in ar
    en = text(read(blank_survey_pdf(get_profile("najran"), "en")))
    assert "5" in en and "٥" not in en


def test_unknown_survey_is_refused():
    with pytest.raises(ValidationError):
        blank_survey_pdf(get_profile("ajfar"), "ar", survey_code="nope")
    assert read(blank_survey_pdf(get_profile("ajfar"), "ar", survey_code="after_service"))
