"""0027_study_income_given and 0029_study_expenses_given: social studies written before them read
as having said the household's income and expenses (their figures as before), each column is
added in place (no table made again), a study then saved with the figure left empty reads «not
said», and the downgrade takes it away again."""

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
FLAGS = [  # the revision before the flag, the flag, the figure it says was said, two IDs' bodies
    ("0026_profile_versions", "income_given", "monthly_income", "03333332", "03333333"),
    ("0028_peer_clock_skew", "expenses_given", "monthly_expenses", "03333342", "03333343"),
]


def _referred(ctx, first: str, nid_body: str):
    """A request the desk referred to the researcher; ``ctx`` then signed in as the researcher."""
    setup.sign_in(ctx, "desk", "password123")
    _applicant, request = submitted_request(ctx, first=first, nid_body=nid_body)
    casework.act(ctx, request.id, wf.REFER_TO_RESEARCHER, "الحالة غير واضحة")
    setup.sign_in(ctx, "researcher", "password123")
    return ctx, request


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("before", "flag", "figure", "old_id", "new_id"), FLAGS)
def test_studies_before_the_flag_said_the_figure_and_an_empty_one_is_not_said(
        tmp_path, backend, before, flag, figure, old_id, new_id):
    def fill(ctx):
        staff_accounts(ctx, STAFF, "password123")
        researcher, request = _referred(ctx, "ماجد", old_id)
        study.save_study(researcher, request.id, StudyInput(**{figure: "0"}, recommendation="support"))

    with migrated(tmp_path, backend, fill, before, "social_study", flag) as (given, ctx):
        assert given == [True]
        researcher, request = _referred(ctx, "ناصر", new_id)
        saved = study.save_study(researcher, request.id, StudyInput(recommendation="support"))
        assert not getattr(saved, flag) and getattr(saved, figure) == 0
        assert not getattr(study.get_study(researcher, request.id), flag)
