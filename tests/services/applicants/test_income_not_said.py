"""A monthly income left empty is «not said», not «0» (no income, an answer): the store keeps
which one it was (``income_given``), the edit form gives the empty field back, and a file
corrected either way keeps the answer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicant_views import input_from_view

pytestmark = pytest.mark.usefixtures("english_messages")


def person(seed: int, **fields) -> ApplicantInput:
    data = dict(national_id=make_national_id(1, f"7700{seed:04d}"), first_name="منى", father_name="سالم",
                grandfather_name="علي", family_name="القحطاني", birth_date="1/1/1990", nationality="SA",
                gender="female", marital_status="single", phone="0501234567", city="الأجفر",
                category="family", consent=True)
    data.update(fields)
    return ApplicantInput(**data)


def test_an_income_left_empty_is_kept_not_said(ctx):
    saved = applicants.register(ctx, person(1))
    view = applicants.get(ctx, saved.id)
    assert not view.income_given and view.monthly_income == Decimal(0)
    assert input_from_view(view).monthly_income == ""  # the edit form shows the field empty


def test_an_income_of_zero_is_an_answer(ctx):
    view = applicants.get(ctx, applicants.register(ctx, person(2, monthly_income="0")).id)
    assert view.income_given and view.monthly_income == Decimal(0)
    assert input_from_view(view).monthly_income == "0.00"


def test_a_file_corrected_keeps_whether_the_income_was_said(ctx):
    view = applicants.get(ctx, applicants.register(ctx, person(3)).id)
    said = applicants.update(ctx, view.id, person(3, monthly_income="1500"), base=view)
    assert said.income_given and said.monthly_income == Decimal(1500)
    again = applicants.update(ctx, view.id, person(3, monthly_income=""), base=said)
    assert not again.income_given and again.monthly_income == Decimal(0)
