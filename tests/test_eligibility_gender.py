"""The eligibility lines and verdict name a woman applicant in the feminine («عمر المتقدمة»,
«المتقدمة غير مستوفية»), a man or an applicant whose gender is not known as before."""

from __future__ import annotations

from datetime import date

import pytest

from ajfar_desk.domain.eligibility import EligibilityFacts, evaluate, explain
from ajfar_desk.domain.programs import City, Eligibility, Program

ON = date(2025, 3, 10)
PROGRAM = Program(code="p", name_ar="البرنامج", name_en="The program", required_documents=(),
                  categories=(), eligibility=Eligibility(min_age=40, cities=(City("نجران", "Najran"),)))


@pytest.mark.parametrize(("gender", "who", "verdict"), [
    ("female", "المتقدمة", "المتقدمة غير مستوفية"),
    ("male", "المتقدم ", "المتقدم غير مستوفٍ"),
    (None, "المتقدم ", "المتقدم غير مستوفٍ"),
])
def test_the_lines_name_the_applicant_in_her_or_his_gender(gender, who, verdict):
    facts = EligibilityFacts(category="", birth_date=date(1990, 5, 1), city="الرياض", gender=gender)
    result = evaluate(PROGRAM, facts, ON, "ar")
    assert [line.passed for line in result.lines] == [False, False]
    for line in result.lines:
        assert who in line.text + " ", line.text
    assert explain(result).startswith(verdict)
