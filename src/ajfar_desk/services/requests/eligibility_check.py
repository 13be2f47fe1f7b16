"""Eligibility per program (policy 003) for a request's applicant, checked at submission."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.models import Applicant, HouseholdMember
from ...domain import requests as rules
from ...domain.eligibility import EligibilityFacts, EligibilityResult, evaluate, explain
from ...domain.errors import ValidationError
from ...i18n import current_language


class NotEligible(ValidationError):
    """The program's conditions are not met; ``result`` says which, in plain language."""

    def __init__(self, result: EligibilityResult):
        super().__init__("eligibility", explain(result))
        self.result = result


def said_incomes(members) -> tuple[Decimal | None, ...]:
    """The household members' incomes for ``EligibilityFacts``: None for one not said (never 0)."""
    return tuple(m.monthly_income if m.income_given else None for m in members)


def evaluate_request(ctx, s: Session, row, lines, confirmed, today: dt.date,
                     *, member_incomes: tuple | None = None,
                     lang: str | None = None) -> EligibilityResult:
    """``member_incomes``: the household's incomes as the caller just read them with the file;
    else they are read here.  ``lang``: the lines' language (default: the user's)."""
    applicant = s.get_one(Applicant, row.applicant_id)
    incomes = member_incomes if member_incomes is not None else said_incomes(
        s.execute(select(HouseholdMember.monthly_income, HouseholdMember.income_given)
                  .where(HouseholdMember.applicant_id == applicant.id)))
    facts = EligibilityFacts(
        category=applicant.category,
        birth_date=applicant.birth_date,
        city=applicant.city,
        monthly_income=applicant.monthly_income,
        income_given=applicant.income_given,
        member_incomes=incomes,
        documents_ok=all(line.state == rules.OK for line in lines),
        confirmed=frozenset(confirmed),
        gender=applicant.gender,
    )
    program = ctx.profile.program(row.program)
    return evaluate(program, facts, today, lang or current_language(), profile=ctx.profile)


def excepted_conditions(ctx, s: Session, row, lines, confirmed, today: dt.date,
                        member_incomes: tuple | None = None) -> dict[str, list[str]]:
    """The conditions a submission by exception did not meet, as they read that day in each
    language (the timeline and the referral letter say what was excepted, in theirs)."""
    return {lang: [line.text for line in evaluate_request(
        ctx, s, row, lines, confirmed, today, member_incomes=member_incomes, lang=lang).failed]
        for lang in ("ar", "en")}


