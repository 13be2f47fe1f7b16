"""An import keeps the form's answers by typed value (``field_memo``): that is only right while
each check reads its own field, the kind of identity (visitor, walk-in), the birth calendar and
the profile, nothing else; and a form checked with the kept answers reads as one checked afresh,
its refusals included."""

from __future__ import annotations

import dataclasses
import random

import pytest

from ajfar_desk.domain import id_types
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.services.applicants import applicant_input as ai
from ajfar_desk.services.applicants import field_memo, form_check
from ajfar_desk.services.applicants.field_checks import CHECKS

pytestmark = pytest.mark.usefixtures("english_messages")
PROFILE = get_profile("ajfar")
CONTEXT = {"id_type", "birth_calendar", "birth_approx"}  # what the memo keeps answers apart by
# (with the profile)


def form(**changes) -> ai.ApplicantInput:
    values = dict(
        national_id=make_national_id(1, "23456780"), first_name="محمد", father_name="عبدالله",
        grandfather_name="سعد", family_name="الشمري", latin_name="Mohammed Alshammari",
        birth_date="1990-03-04", nationality="SA", gender="male", marital_status="married",
        phone="0551234567", city="حائل", district="النزهة", monthly_income="1500",
        category=PROFILE.categories[0].code, consent=True, email="m@example.org",
        messages_consent=True, preferred_channel="email", preferred_language="en",
    )
    return ai.ApplicantInput(**(values | changes))


def _answer(check, data: ai.ApplicantInput, visitor: bool) -> object:
    try:
        return check(data, PROFILE, visitor)
    except ValidationError as exc:
        return ("refused", tuple(exc.errors))


def _others(value: object) -> list[object]:
    if isinstance(value, bool):
        return [not value]
    return ["", "x", "٣ 9", "married", "female", "SA", "sms", "en", "0551234567", "1990-01-01"]


@pytest.mark.parametrize("id_type", ["", id_types.PASSPORT, id_types.NONE])
@pytest.mark.parametrize("field, check", CHECKS, ids=[f for f, _c in CHECKS])
def test_a_check_reads_its_own_field_only(field, check, id_type):
    base = form(id_type=id_type)
    visitor = id_types.is_visitor(id_type)
    expected = _answer(check, base, visitor)
    for other in dataclasses.fields(ai.ApplicantInput):
        if other.name == field or other.name in CONTEXT:
            continue
        for value in _others(getattr(base, other.name)):
            changed = dataclasses.replace(base, **{other.name: value})
            assert _answer(check, changed, visitor) == expected, (field, other.name, value)


def _clean(data: ai.ApplicantInput, memo: field_memo.FieldMemo | None) -> object:
    try:
        return form_check.clean_values(data, PROFILE, None, memo)
    except ValidationError as exc:
        return ("refused", tuple(exc.errors))


def test_kept_answers_read_as_fresh_ones_refusals_included():
    rng = random.Random(5)
    choices = {
        "first_name": ["محمد", "نورة", "", "محمد 2"], "city": ["حائل", "", "x" * 81, "الرياض"],
        "district": ["", "النزهة", "حي\x00"], "marital_status": ["married", "single", "maybe", ""],
        "category": [PROFILE.categories[0].code, "", "tourists"], "gender": ["male", "x"],
        "birth_date": ["1990-03-04", "1410/01/01", "1990-13-40", "2999-01-01"],
        "birth_calendar": ["auto", "gregorian", "hijri"], "birth_approx": [False, True],
        "monthly_income": ["1500", "", "abc"],
        "phone": ["0551234567", "", "05abc"], "latin_name": ["", "محمد"],
        "id_type": ["", id_types.PASSPORT, id_types.NONE],
        "national_id": [make_national_id(1, "23456780"), "A7654321", ""],
        "id_country": ["", "EG"], "email": ["m@example.org", "", "not an address"],
    }
    memo = form_check.memo_for(PROFILE)
    refused = 0
    for _ in range(600):
        data = form(**{f: rng.choice(values) for f, values in choices.items() if rng.random() < 0.4})
        fresh = _clean(data, None)
        assert _clean(data, memo) == fresh, data
        refused += isinstance(fresh, tuple)
    assert 100 < refused < 590  # both kinds of form were tried


def test_a_refused_value_is_never_kept_and_the_memo_is_bounded(monkeypatch):
    memo = form_check.memo_for(PROFILE)
    for _ in range(2):
        with pytest.raises(ValidationError):
            form_check.clean_values(form(city="x" * 81), PROFILE, None, memo)
    assert form_check.clean_values(form(city="حائل"), PROFILE, None, memo)["city"] == "حائل"
    monkeypatch.setattr(field_memo, "KEPT", 3)
    small = form_check.memo_for(PROFILE)
    for i in range(10):
        assert form_check.clean_values(form(district=f"حي {i}"), PROFILE, None, small)["district"] == f"حي {i}"
    assert [len(a) for a in next(iter(small._kinds.values())).answers if len(a) > 1] == [3]
