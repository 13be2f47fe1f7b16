"""Eligibility per program (policy 003) for a request's applicant, checked at submission."""

from __future__ import annotations

import datetime as dt

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


def evaluate_request(ctx, s: Session, row, lines, confirmed, today: dt.date,
                     *, member_incomes: tuple | None = None) -> EligibilityResult:
    """``member_incomes``: the household's incomes as the caller just read them with the file;
    else they are read here."""
    applicant = s.get_one(Applicant, row.applicant_id)
    incomes = member_incomes if member_incomes is not None else tuple(
        s.scalars(
            select(HouseholdMember.monthly_income).where(
                HouseholdMember.applicant_id == applicant.id
            )
        )
    )
    facts = EligibilityFacts(
        category=applicant.category,
        birth_date=applicant.birth_date,
        city=applicant.city,
        monthly_income=applicant.monthly_income,
        member_incomes=incomes,
        documents_ok=all(line.state == rules.OK for line in lines),
        confirmed=frozenset(confirmed),
        gender=applicant.gender,
    )
    program = ctx.profile.program(row.program)
    return evaluate(program, facts, today, current_language(), profile=ctx.profile)


