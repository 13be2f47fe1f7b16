"""A household member's income left empty is «not said» (``household_member.income_given``,
0024), not «0»: the file keeps which it was, a program with an income limit does not take the
household as within it (the line says to write the income in the file), and the person's
privacy export says null, never "0"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ajfar_desk.domain.eligibility import EligibilityFacts, evaluate
from ajfar_desk.domain.programs import Eligibility, Program
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.privacy.privacy_export import export_person

from .test_income_not_said import person

pytestmark = pytest.mark.usefixtures("english_messages")


def test_a_members_income_left_empty_is_kept_not_said(ctx):
    a = applicants.register(ctx, person(11, monthly_income="900"))
    quiet = applicants.add_member(ctx, a.id, applicants.MemberInput("سارة سالم", "daughter", "female"))
    zero = applicants.add_member(ctx, a.id, applicants.MemberInput("فهد سالم", "son", "male",
                                                                   monthly_income="0"))
    assert (quiet.income_given, zero.income_given) == (False, True)
    members = applicants.get(ctx, a.id).members
    assert [(m.income_given, m.monthly_income) for m in members] == [(False, 0), (True, 0)]


def test_the_privacy_export_says_null_for_an_income_not_said(ctx):
    a = applicants.register(ctx, person(12))
    applicants.add_member(ctx, a.id, applicants.MemberInput("سارة سالم", "daughter", "female"))
    applicants.add_member(ctx, a.id, applicants.MemberInput("فهد سالم", "son", "male", monthly_income="0"))
    data = export_person(ctx, a.id)
    assert (data["applicant"]["monthly_income"], data["applicant"]["income_given"]) == (None, False)
    assert [(m["monthly_income"], m["income_given"]) for m in data["household_members"]] == [
        (None, False), ("0.00", True)]


def _program(limit: int) -> Program:
    return Program("aid", "إعانة", "Aid", (), (), Eligibility(max_income_per_member=Decimal(limit)))


def _line(**facts):
    base = dict(category="family", birth_date=dt.date(1990, 1, 1), city="الأجفر", monthly_income=600)
    result = evaluate(_program(500), EligibilityFacts(**{**base, **facts}), dt.date(2026, 12, 7), "en")
    return result.lines[0]


def test_a_members_income_not_said_is_not_taken_as_zero_by_an_income_limit():
    said = _line(member_incomes=(Decimal(0), Decimal(0)))  # 600 / 3 = 200: within 500
    assert said.passed
    one = _line(member_incomes=(None, Decimal(0)))
    assert not one.passed and "income of 1 household member is not recorded" in one.text
    two = _line(member_incomes=(None, None))
    assert not two.passed and "incomes of 2 household members are not recorded" in two.text
    assert "500" in two.text


def test_a_requests_eligibility_reads_the_members_unsaid_incomes_from_the_store(ctx):
    """Through the service (the household read from the store): her two children added with no
    income leave the limit unchecked; said as 0, the limit is checked and met."""
    from dataclasses import replace

    from ajfar_desk.services.requests import requests
    from printing.scenario import submitted_request

    a, req = submitted_request(ctx, submit=False)  # two children, no income said
    limit = Eligibility(max_income_per_member=Decimal(5000))
    ctx.profile = replace(ctx.profile, programs=tuple(
        replace(p, eligibility=replace(p.eligibility, max_income_per_member=limit.max_income_per_member))
        for p in ctx.profile.programs))
    line = next(ln for ln in requests.eligibility(ctx, req.id).lines if ln.code == "income")
    assert not line.passed and "incomes of 2 household members are not recorded" in line.text
    for m in applicants.get(ctx, a.id).members:
        applicants.remove_member(ctx, m.id)
        applicants.add_member(ctx, a.id, applicants.MemberInput(m.full_name, m.relation, m.gender,
                                                                monthly_income="0"))
    line = next(ln for ln in requests.eligibility(ctx, req.id).lines if ln.code == "income")
    assert line.passed  # 3,500 / 3
