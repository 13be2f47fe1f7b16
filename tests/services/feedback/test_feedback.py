"""Satisfaction surveys and complaints through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from accounts import staff_accounts
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.profile import ProfileError, get_profile, load_profile
from ajfar_desk.domain.report import YearMonth
from ajfar_desk.services.feedback import complaints as cs
from ajfar_desk.services.feedback import surveys
from ajfar_desk.services.feedback.surveys import SurveyInput
from ajfar_desk.services.reports import report
from ajfar_desk.services.users import users
from printing.scenario import submitted_request

TODAY = dt.date(2026, 11, 19)
STAFF = {
    "desk": ("front_desk", "سارة الموظفة"),
    "boss": ("manager", "خالد المدير"),
    "researcher": ("researcher", "نورة الباحثة"),
}


@pytest.fixture
def staff(ctx):
    return staff_accounts(ctx, STAFF)


@pytest.fixture
def delivered(ctx):
    """A submitted request, registered by the administrator."""
    return submitted_request(ctx, first="فاطمة", nid_body="02345678")[1]


def answers(*scores, comments=""):
    codes = ["reception", "clarity", "speed", "access", "overall"]
    out = dict(zip(codes, scores, strict=False))
    if comments:
        out["comments"] = comments
    return out


def test_every_profile_has_a_survey_and_complaint_categories():
    for ident in ("ajfar", "baraa", "alhuda", "aman", "najran"):
        p = get_profile(ident)
        assert len(p.survey().scale_questions) == 5
        assert {c.code for c in p.complaints.categories} >= {"staff_conduct", "other"}
        assert p.complaints.response_days == 7


def test_a_survey_on_paper_is_linked_to_the_request(ctx, delivered):
    view = surveys.record_survey(
        ctx, SurveyInput(delivered.id, "paper", answers("٥", 4, 3, 4, 5, comments=" شكرا "),
                         taken_on="2026-11-10"), today=TODAY)
    assert view.taken_on == dt.date(2026, 11, 10)
    assert view.answers["reception"] == 5 and view.answers["comments"] == "شكرا"
    assert view.index == Decimal("84.0")
    assert (view.program, view.channel) == (delivered.program, delivered.channel)
    assert view.employee_id == ctx.user_id  # the admin registered the request
    assert [v.id for v in surveys.surveys_of(ctx, delivered.id)] == [view.id]


@pytest.mark.parametrize(("data", "field"), [
    (SurveyInput(None, "desk", answers(6)), "answers.reception"),
    (SurveyInput(None, "desk", {"comments": "لا شيء"}), "answers"),
    (SurveyInput(None, "desk", {"nonsense": 3, "overall": 4}), "answers.nonsense"),
    (SurveyInput(None, "fax", answers(4)), "mode"),
    (SurveyInput(None, "paper", answers(4)), "taken_on"),
    (SurveyInput(None, "paper", answers(4), taken_on="2027-01-01"), "taken_on"),
])
def test_bad_survey_answers_name_the_field(ctx, data, field):
    with pytest.raises(ValidationError) as info:
        surveys.record_survey(ctx, data, today=TODAY)
    assert field in [f for f, _m in info.value.errors]


def test_complaint_lifecycle(ctx, staff, delivered):
    researcher_id = next(u.id for u in users.list_users(ctx) if u.username == "researcher")
    desk = staff("desk")
    c = cs.record_complaint(desk, cs.ComplaintInput(
        "complaint", "phone", "delay", "تأخر الرد", "لم يصلني رد", contact_name="فاطمة علي",
        contact_phone="0551234567", request_reference=delivered.reference.lower(),
    ), today=TODAY)
    assert c.number.startswith("AJF-C-") and c.due_on == TODAY + dt.timedelta(days=7)
    assert c.contact_phone == "+966551234567" and c.request_reference == delivered.reference
    with pytest.raises(ValidationError):  # the desk may not assign
        cs.assign(desk, c.id, desk.user_id)
    boss = staff("boss")
    cs.assign(boss, c.id, researcher_id, "للمتابعة")
    # nothing escalates before the deadline, then it does, once
    assert cs.escalate_overdue(boss, TODAY + dt.timedelta(days=7)) == []
    assert cs.escalate_overdue(boss, TODAY + dt.timedelta(days=8)) == [c.number]
    assert cs.escalate_overdue(boss, TODAY + dt.timedelta(days=9)) == []
    r = staff("researcher")
    assert [x.number for x in cs.list_complaints(r)] == [c.number]  # assigned to them
    done = cs.resolve(r, c.id, "تم الرد على الطلب", "phone", 4, today=TODAY + dt.timedelta(days=9))
    assert done.status == cs.RESOLVED and done.days_to_resolve() == 9
    assert done.complainant_satisfaction == 4
    assert [e.action for e in done.events] == ["received", "assigned", "escalated", "resolved"]
    assert done.events[2].days_late() == 1  # a number, worded in whoever reads it's language
    with pytest.raises(ValidationError):
        cs.resolve(boss, c.id, "مرة أخرى", "phone")


def test_someone_not_assigned_cannot_resolve(ctx, staff):
    c = cs.record_complaint(staff("desk"), cs.ComplaintInput(
        "complaint", "interview", "other", "موضوع", anonymous=True), today=TODAY)
    with pytest.raises(ValidationError) as info:
        cs.resolve(staff("desk"), c.id, "حل", "anonymous", today=TODAY)
    assert info.value.field == "permission"


def test_anonymous_complaints(ctx, staff):
    with pytest.raises(ValidationError) as info:
        cs.record_complaint(ctx, cs.ComplaintInput(
            "complaint", "website", "staff_conduct", "موضوع", anonymous=True, contact_name="x"))
    assert info.value.field == "anonymous"
    c = cs.record_complaint(ctx, cs.ComplaintInput(
        "suggestion", "website", "improvement", "فكرة", anonymous=True), today=TODAY)
    with pytest.raises(ValidationError) as info:
        cs.resolve(ctx, c.id, "نفذت", "phone", today=TODAY)
    assert info.value.field == "informed_how"
    assert cs.resolve(ctx, c.id, "نفذت", "anonymous", today=TODAY).status == cs.RESOLVED


@pytest.mark.parametrize(("data", "field"), [
    (cs.ComplaintInput("rant", "phone", "delay", "x", contact_name="a"), "kind"),
    (cs.ComplaintInput("complaint", "fax", "delay", "x", contact_name="a"), "channel"),
    (cs.ComplaintInput("complaint", "phone", "weather", "x", contact_name="a"), "category"),
    (cs.ComplaintInput("complaint", "phone", "delay", " ", contact_name="a"), "subject"),
    (cs.ComplaintInput("complaint", "phone", "delay", "x"), "contact_name"),
    (cs.ComplaintInput("complaint", "phone", "delay", "x", contact_name="a", contact_phone="12"),
     "contact_phone"),
    (cs.ComplaintInput("complaint", "phone", "delay", "x", national_id="1234567890"), "national_id"),
    (cs.ComplaintInput("complaint", "phone", "delay", "x", contact_name="a",
                       request_reference="AJF-1400-000001"), "request_reference"),
])
def test_bad_complaints_name_the_field(ctx, data, field):
    with pytest.raises(ValidationError) as info:
        cs.record_complaint(ctx, data, today=TODAY)
    assert field in [f for f, _m in info.value.errors]


def test_the_report_counts_what_the_services_recorded(ctx, delivered):
    today = dt.date.today()
    surveys.record_survey(ctx, SurveyInput(delivered.id, "desk", answers(5, 5, 4, 4, 2)), today=today)
    c = cs.record_complaint(ctx, cs.ComplaintInput(
        "complaint", "phone", "delay", "x", contact_name="a"), today=today)
    cs.resolve(ctx, c.id, "حل", "phone", today=today)
    rep = report.monthly(ctx, YearMonth.of(today))
    assert rep.figure("satisfaction_index").current == Decimal("80.0")
    assert rep.figure("complaints_resolved").current == 1
    assert rep.figure("median_days_to_resolve").current == Decimal("0.0")
    assert rep.figure("requests_received").current == 1
    assert rep.breakdown("satisfaction_by_employee").current == {str(ctx.user_id): Decimal("80.0")}
    assert rep.names == {str(ctx.user_id): ctx.user.full_name}


def test_profile_survey_errors_name_the_key(tmp_path):
    source = get_profile("ajfar").policy_file
    text = (source.parent.parent / "ajfar.toml").read_text(encoding="utf-8")
    bad = tmp_path / "ajfar.toml"
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / source.name).write_text("x", encoding="utf-8")
    bad.write_text(text.replace('kind = "text"', 'kind = "essay"'), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"surveys\[1\]\.questions\[6\]\.kind"):
        load_profile(bad)
    bad.write_text(text.replace("response_days = 7", "response_days = 0"), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"complaints\.response_days"):
        load_profile(bad)
