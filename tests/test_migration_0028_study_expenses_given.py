"""0028_study_expenses_given: social studies written before it read as having said the household's
expenses (their figure as before), the column is added in place (no table made again), a study
then saved with the expenses left empty reads «not said», and the downgrade takes it away again."""

from __future__ import annotations

import pytest

from accounts import staff_accounts
from ajfar_desk.services.committee import study
from ajfar_desk.services.committee.study import StudyInput
from conftest import BACKENDS
from test_migration_0023_income_given import migrated
from test_migration_0027_study_income_given import STAFF, _referred


@pytest.mark.parametrize("backend", BACKENDS)
def test_studies_before_0028_said_the_expenses_and_an_empty_one_is_not_said(tmp_path, backend):
    def fill(ctx):
        staff_accounts(ctx, STAFF, "password123")
        researcher, request = _referred(ctx, "ماجد", "03333342")
        study.save_study(researcher, request.id, StudyInput(monthly_expenses="0", recommendation="support"))

    with migrated(tmp_path, backend, fill, "0027_study_income_given", "social_study",
                  "expenses_given") as (given, ctx):
        assert given == [True]
        researcher, request = _referred(ctx, "ناصر", "03333343")
        saved = study.save_study(researcher, request.id, StudyInput(monthly_income="1200",
                                                                    recommendation="support"))
        assert saved.income_given and not saved.expenses_given and saved.monthly_expenses == 0
        assert not study.get_study(researcher, request.id).expenses_given
