"""0027_study_income_given: social studies written before it read as having said the household's
income (their figure as before), the column is added in place (no table made again), a study
then saved with the income left empty reads «not said», and the downgrade takes it away again."""

from __future__ import annotations

import pytest

from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.requests import casework
from ajfar_desk.services.users import setup
from conftest import BACKENDS
from printing.scenario import submitted_request
from test_migration_0023_income_given import migrated

STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال"), "researcher": ("researcher", "خالد الباحث")}


def _referred(ctx, first: str, nid_body: str):
    """A request the desk referred to the researcher; ``ctx`` then signed in as the researcher."""
    setup.sign_in(ctx, "desk", "password123")
    _applicant, request = submitted_request(ctx, first=first, nid_body=nid_body)
    casework.act(ctx, request.id, wf.REFER_TO_RESEARCHER, "الحالة غير واضحة")
    setup.sign_in(ctx, "researcher", "password123")
    return ctx, request


@pytest.mark.parametrize("backend", BACKENDS)
def test_studies_before_0027_said_the_income_and_an_empty_one_is_not_said(tmp_path, backend):
    def fill(ctx):
        staff_accounts(ctx, STAFF, "password123")
        researcher, request = _referred(ctx, "ماجد", "03333332")
        study.save_study(researcher, request.id, StudyInput(monthly_income="0", recommendation="support"))

    with migrated(tmp_path, backend, fill, "0026_profile_versions", "social_study",
                  "income_given") as (given, ctx):
        assert given == [True]
        researcher, request = _referred(ctx, "ناصر", "03333333")
        saved = study.save_study(researcher, request.id, StudyInput(recommendation="support"))
        assert not saved.income_given and not study.get_study(researcher, request.id).income_given
