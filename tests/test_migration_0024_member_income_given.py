"""0024_member_income_given: household members recorded before it read as having said their
income (their 0 as before), the column is added in place (no table made again), a member then
added with no income reads «not said», and the downgrade takes the column away again."""

from __future__ import annotations

import pytest

from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from conftest import BACKENDS
from test_migration_0023_income_given import PERSON, migrated


@pytest.mark.parametrize("backend", BACKENDS)
def test_members_before_0024_said_their_income_and_an_empty_one_is_not_said(tmp_path, backend):
    made = []

    def fill(ctx):
        made.append(a := applicants.register(ctx, ApplicantInput(**PERSON, monthly_income="0")))
        applicants.add_member(ctx, a.id, applicants.MemberInput("سارة", "daughter", "female", monthly_income="0"))

    with migrated(tmp_path, backend, fill, "0023_income_given", "household_member",
                  "income_given") as (given, ctx):
        assert given == [True]
        applicants.add_member(ctx, made[0].id, applicants.MemberInput("فهد", "son", "male"))
        assert [m.income_given for m in applicants.get(ctx, made[0].id).members] == [True, False]
