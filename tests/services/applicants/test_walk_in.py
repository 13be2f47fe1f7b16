"""A walk-in (identity "none") gives their name, gender, nationality, birth date and consent;
a city, a marital status and a beneficiary category are not asked of them (checked when given).
Nothing is relaxed for a person with an identity document, nor for a walk-in who gets one."""

from __future__ import annotations

import dataclasses

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.form_check import validate

pytestmark = pytest.mark.usefixtures("english_messages")


def walk_in(**fields) -> ApplicantInput:
    data = dict(national_id="", id_type="none", first_name="سالم", father_name="", grandfather_name="",
                family_name="الحربي", birth_date="1/1/1985", nationality="SA", gender="male",
                consent=True)
    data.update(fields)
    return ApplicantInput(**data)


def test_a_walk_in_is_registered_without_city_marital_status_or_category(ctx):
    saved = applicants.register(ctx, walk_in())
    view = applicants.get(ctx, saved.id)
    assert (view.id_type, view.city, view.marital_status, view.category) == ("none", "", "", "")
    assert view.full_name == "سالم الحربي"


def test_what_a_walk_in_gives_is_still_checked(ctx):
    with pytest.raises(ValidationError) as refused:
        validate(walk_in(category="tourists", marital_status="maybe", city="x" * 200), ctx.profile)
    assert {f for f, _m in refused.value.errors} == {"category", "marital_status", "city"}
    kept = validate(walk_in(category="elderly", marital_status="widowed", city="رابغ"), ctx.profile)
    assert (kept.category, kept.marital_status, kept.city) == ("elderly", "widowed", "رابغ")


def test_a_walk_in_still_gives_who_they_are(ctx):
    with pytest.raises(ValidationError) as refused:
        validate(walk_in(first_name="", birth_date="", gender="", consent=False), ctx.profile)
    assert {f for f, _m in refused.value.errors} >= {"first_name", "birth_date", "gender", "consent"}


@pytest.mark.parametrize("id_type", ["national_id", "passport"])
def test_nothing_is_relaxed_for_a_person_with_a_document(ctx, id_type):
    number = make_national_id(1, "00000042") if id_type == "national_id" else "A7654321"
    data = walk_in(id_type=id_type, national_id=number, id_country="EG" if id_type == "passport" else "",
                   father_name="محمد", grandfather_name="علي", phone="0501234567")
    with pytest.raises(ValidationError) as refused:
        validate(data, ctx.profile)
    assert {f for f, _m in refused.value.errors} == {"city", "marital_status", "category"}


def test_a_walk_in_who_brings_a_document_gives_the_rest_then(ctx):
    saved = applicants.register(ctx, walk_in())
    base = applicants.get(ctx, saved.id)
    data = dataclasses.replace(
        applicants.input_from_view(base), id_type="national_id",
        national_id=make_national_id(1, "00000043"), father_name="محمد", grandfather_name="علي",
        phone="0501234567")
    with pytest.raises(ValidationError) as refused:
        applicants.update(ctx, saved.id, data, base=base)
    assert {f for f, _m in refused.value.errors} == {"city", "marital_status", "category"}
    data = dataclasses.replace(data, city="الأجفر", marital_status="single", category="family")
    assert applicants.update(ctx, saved.id, data, base=base).category == "family"


def test_a_walk_in_need_give_no_family_name_nor_phone(ctx):
    saved = applicants.register(ctx, walk_in(family_name="", phone=""))
    view = applicants.get(ctx, saved.id)
    assert (view.full_name, view.family_name, view.phone) == ("سالم", "", "")
    with pytest.raises(ValidationError) as refused:  # a passport's holder still gives it
        validate(walk_in(family_name="", id_type="passport", national_id="A7654321", id_country="EG",
                         city="رابغ", marital_status="single", category="family"), ctx.profile)
    assert {f for f, _m in refused.value.errors} == {"family_name"}
