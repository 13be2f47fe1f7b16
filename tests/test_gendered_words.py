"""The applicant's words by gender (``domain.gendered``): Arabic agrees them with the person,
English has one form (its catalog drops the "(woman)"/"(man)" marker), an unknown gender reads
in the neutral label."""

from __future__ import annotations

import pytest

from ajfar_desk.domain import gendered
from ajfar_desk.domain.people import MARITAL_STATUSES
from ajfar_desk.i18n import gettext


@pytest.mark.parametrize("code", sorted(MARITAL_STATUSES))
def test_a_marital_status_in_each_gender(code):
    she, he = gendered.marital_msgid(code, "female"), gendered.marital_msgid(code, "male")
    neutral = gendered.marital_msgid(code, None)
    assert neutral == MARITAL_STATUSES[code]
    ar = {gettext(m, "ar") for m in (she, he, neutral)}
    assert len(ar) == 3 and not any("(" in w for w in ar)
    assert "/" in gettext(neutral, "ar") and "/" not in gettext(she, "ar") + gettext(he, "ar")
    assert gettext(she, "en") == gettext(he, "en") == gettext(neutral, "en")


@pytest.mark.parametrize("pair", [gendered.REQUEST_TITLE, gendered.SIGNS_ON_SCREEN, gendered.SIGNS_ON_PAPER])
def test_a_sentence_naming_the_applicant(pair):
    he, she = (gettext(gendered.for_gender(pair, g), "ar") for g in ("male", "female"))
    assert he != she and "(" not in she
    assert gettext(gendered.for_gender(pair, None), "ar") == he
    assert gettext(pair[1], "en") == gettext(pair[0], "en") and "woman" not in gettext(pair[1], "en")


def test_an_unknown_code_or_none():
    assert gendered.marital_msgid("", "female") == ""
    assert gendered.marital_msgid("engaged", "female") == "engaged"


@pytest.mark.parametrize("association", ["ajfar", "alhuda", "aman", "baraa", "najran"])
def test_a_category_names_a_woman_in_the_feminine_and_a_man_in_the_masculine(association):
    from ajfar_desk.domain.profile import get_profile

    for category in get_profile(association).categories:
        she, he = (gendered.category_name(category, g, "ar") for g in ("female", "male"))
        assert gendered.category_name(category, None, "ar") == category.name_ar  # not known
        assert "(" not in she + he
        assert gendered.category_name(category, "female", "en") == category.name_en  # one word
        if category.name_en != "Widow":  # … but for a widower
            assert gendered.category_name(category, "male", "en") == category.name_en
        if category.name_en in gendered.CATEGORIES.feminine:
            assert she != category.name_ar, category.code
        if category.name_en in gendered.CATEGORIES.masculine:
            assert he != category.name_ar, category.code
    words = {c.code: c for c in get_profile("ajfar").categories}
    assert gendered.category_name(words["orphan"], "female", "ar") == "يتيمة"
    assert gendered.category_name(words["widow"], "female", "ar") == "أرملة"
    assert gendered.category_name(words["widow"], "male", "ar") == "أرمل"
    assert gendered.category_name(words["disability"], "female", "ar") == "ذات إعاقة"
    assert gendered.category_name(words["widow"], "male", "en") == "Widower"


def test_the_eligibility_line_names_her_category_in_the_feminine():
    import datetime as dt

    from ajfar_desk.domain.eligibility import EligibilityFacts, evaluate
    from ajfar_desk.domain.profile import get_profile

    profile = get_profile("ajfar")
    program = next(p for p in profile.programs if "orphan" in p.categories)
    facts = EligibilityFacts(category="orphan", birth_date=dt.date(2012, 1, 1), city="الأجفر",
                             gender="female")
    lines = evaluate(program, facts, dt.date(2026, 12, 1), "ar", profile=profile).lines
    assert "«يتيمة»" in lines[0].text
