"""The exchange carries whether an income was said: an applicant and a household member
registered with no income at a branch read «not said» at head office (never 0 said), one said
0 reads 0 said, and a later correction from either side travels too."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicant_views import input_from_view
from syncnodes import exchange

pytestmark = pytest.mark.usefixtures("english_messages")


def _register(ctx, body: str, income: str):
    return applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(1, body), first_name="منى", father_name="محمد",
        grandfather_name="علي", family_name="اليامي", birth_date="1/1/1990", nationality="SA",
        gender="female", marital_status="married", phone="0551234567", city="نجران",
        category=ctx.profile.categories[0].code, consent=True, monthly_income=income),
        confirm_similar=True)


def _incomes(ctx, applicant_id):
    v = applicants.get(ctx, applicant_id)
    return (v.income_given, v.monthly_income), [(m.income_given, m.monthly_income) for m in v.members]


def test_an_income_not_said_travels_as_not_said(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    quiet = _register(shr, "31111111", "")
    applicants.add_member(shr, quiet.id, applicants.MemberInput("سارة", "daughter", "female"))
    applicants.add_member(shr, quiet.id, applicants.MemberInput("فهد", "son", "male", monthly_income="0"))
    zero = _register(shr, "32222222", "0")
    exchange(shr, hq)
    assert _incomes(hq, quiet.id) == ((False, Decimal(0)), [(False, Decimal(0)), (True, Decimal(0))])
    assert _incomes(hq, zero.id)[0] == (True, Decimal(0))
    view = applicants.get(hq, quiet.id)  # head office writes her income in: it travels back
    form = input_from_view(view)
    applicants.update(hq, quiet.id, type(form)(**{**form.__dict__, "monthly_income": "1200"}), base=view)
    exchange(hq, shr)
    assert _incomes(shr, quiet.id)[0] == (True, Decimal(1200))
