"""What the researcher and the committee learn from the study service: the inbox says why the
desk referred each case (its latest referral's reason), and a study says who wrote it (trial 13:
neither was said anywhere on the researcher's or the committee's screens)."""

from __future__ import annotations

import pytest

from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.committee import study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.requests import casework
from ajfar_desk.services.users import setup, users
from printing.scenario import submitted_request

PASSWORD = "password123"
NOURA = "نورة عبدالله القحطاني"


@pytest.fixture
def office(store):  # SQLite, and PostgreSQL when AJFAR_TEST_PG_URL is set
    ctx = setup.init_store(store, "ajfar", None, "admin", PASSWORD, "سارة العتيبي")
    users.create_user(ctx, "desk", "سلمان الحربي", "front_desk", PASSWORD)
    users.create_user(ctx, "noura", NOURA, "researcher", PASSWORD, gender="female")
    users.create_user(ctx, "member", "سعد الدوسري", "committee", PASSWORD)

    def as_(username):
        setup.sign_in(ctx, username, PASSWORD)
        return ctx

    return ctx, as_


def test_the_inbox_says_why_each_case_was_referred(office):
    ctx, as_ = office
    _a, first = submitted_request(ctx, nid_body="30000001")
    _b, second = submitted_request(ctx, nid_body="30000019")
    as_("desk")
    casework.act(ctx, first.id, wf.REFER_TO_RESEARCHER, "الحالة غير واضحة: دخل الأسرة غير مبيّن")
    casework.act(ctx, second.id, wf.REFER_TO_RESEARCHER, "طلب زيارة منزلية")
    # sent back to the desk and referred again: the latest reason is the one that counts
    as_("noura")
    casework.act(ctx, second.id, wf.RETURN_TO_DESK, "ينقص عقد الإيجار")
    as_("desk")
    casework.act(ctx, second.id, wf.REFER_TO_RESEARCHER, "أحضرت عقد الإيجار، يلزم بحث")
    reasons = {i.request_id: i.referral_reason for i in study.inbox(as_("noura"))}
    assert reasons == {first.id: "الحالة غير واضحة: دخل الأسرة غير مبيّن",
                       second.id: "أحضرت عقد الإيجار، يلزم بحث"}


def test_a_study_says_who_wrote_it(office):
    ctx, as_ = office
    _a, request = submitted_request(ctx, nid_body="30000027")
    as_("desk")
    casework.act(ctx, request.id, wf.REFER_TO_RESEARCHER, "الحالة غير واضحة")
    saved = study.save_study(as_("noura"), request.id, StudyInput(household="أم وثلاثة أبناء",
                                                                   recommendation="support"))
    assert saved.researcher_name == NOURA and saved.researcher_gender == "female"
    read = study.get_study(as_("member"), request.id)
    assert read is not None and read.researcher_name == NOURA and read.researcher_gender == "female"
