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
