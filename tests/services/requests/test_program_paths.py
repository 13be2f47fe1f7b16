"""Each program travels the path its policy sets: immediate services at the desk (Al-Huda, Aman),
programs accepted at the desk without the committee or a declaration (Aman), appeals of a
rejection within the profile's period, and a declaration that no longer matches."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from accounts import staff_accounts
from ajfar_desk.db.models import Applicant
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.committee import committee
from ajfar_desk.services.papers import committee_papers, documents
from ajfar_desk.services.requests import (
    appeals,
    casework,
    declaration_check,
    delivery,
    immediate,
    requests,
)
from ajfar_desk.services.requests.delivery import DeliveryInput
from ajfar_desk.services.users import setup
from printing.scenario import DAY, sign_declaration, submitted_request

STAFF = {"desk": ("front_desk", "نورة موظفة الاستقبال"), "member": ("committee", "سعد عضو اللجنة"),
         "boss": ("manager", "منيرة المديرة")}


def _init(store, profile_id):
    ctx = setup.init_store(store, profile_id, None, "admin", "password123", "مدير النظام")
    return ctx, staff_accounts(ctx, STAFF)


def _draft(ctx, program_code, body="01234567", docs=True):
    program = ctx.profile.program(program_code)
    category = program.categories[0] if program.categories else ctx.profile.categories[0].code
    a = applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(1, body), first_name="فهد", father_name="سعد",
        grandfather_name="محمد", family_name="القحطاني", birth_date="10/4/1406",
        nationality="SA", gender="male", marital_status="married", phone="0551234567",
        city=ctx.profile.city_ar or "الرياض", district="حي النسيم", monthly_income="3500",
        category=category, consent=True), confirm_similar=True)
    for i, kind in enumerate(program.required_documents if docs else ()):
        expiry = (DAY + dt.timedelta(days=400)).isoformat()
        if not ctx.profile.document_kind(kind).has_expiry:
            expiry = ""
        number = "" if kind == "national_id" else f"A{i}-7715"  # the ID's own: filled in
        applicants.add_document(ctx, a.id, DocumentInput(kind, number, "2020-01-01", expiry))
    return a, requests.create_request(ctx, a.id, program_code, ctx.profile.channels[0].code)


def _english():
    from ajfar_desk import i18n

    i18n.set_language("en")


# -- immediate services ------------------------------------------------------------------------


@pytest.mark.parametrize(("profile_id", "program"), [("alhuda", "health_services"),
                                                     ("alhuda", "guidance"), ("aman", "events")])
def test_an_immediate_service_is_delivered_at_the_desk_in_one_step(store, profile_id, program):
    ctx, as_ = _init(store, profile_id)
    desk = as_("desk")
    _a, draft = _draft(desk, program)
    assert casework.allowed(desk, wf.DRAFT, program) == [wf.CANCEL, wf.DELIVER_IMMEDIATELY]
    with pytest.raises(ValidationError) as err:  # no submission, no declaration, no committee
        requests.submit(desk, draft.id, on=DAY)
    assert err.value.field == "program" and err.value.message
    confirmed = ctx.profile.program(program).eligibility.confirmation_codes
    done = immediate.deliver_now(desk, draft.id, DeliveryInput("إسعافات أولية", acknowledged=True),
                                 confirmed=confirmed, today=DAY)
    assert done.delivered_on == DAY and done.description == "إسعافات أولية"
    view = requests.get_request(desk, draft.id)
    assert view.status == wf.DELIVERED and view.answer_due is None and view.submitted_at
    assert [t.action for t in casework.timeline(desk, draft.id)] == [
        casework.CREATE, wf.DELIVER_IMMEDIATELY]
    assert casework.act(desk, draft.id, wf.CLOSE) == wf.CLOSED


def test_only_an_immediate_program_is_delivered_at_once(store):
    ctx, as_ = _init(store, "alhuda")
    desk = as_("desk")
    _a, draft = _draft(desk, "relief")
    _english()
    with pytest.raises(ValidationError) as err:
        immediate.deliver_now(desk, draft.id, DeliveryInput("بطانية", acknowledged=True))
    assert err.value.field == "program" and "immediate service" in err.value.message
    assert wf.DELIVER_IMMEDIATELY not in casework.allowed(desk, wf.DRAFT, "relief")
    assert requests.get_request(desk, draft.id).status == wf.DRAFT  # nothing written


def test_an_immediate_service_with_conditions_asks_for_them(store):
    ctx, as_ = _init(store, "aman")
    desk = as_("desk")
    _a, draft = _draft(desk, "events")
    with pytest.raises(ValidationError) as err:
        immediate.deliver_now(desk, draft.id, DeliveryInput("حضور لقاء توعوي", acknowledged=True))
    assert err.value.field == "eligibility"
    assert requests.get_request(desk, draft.id).status == wf.DRAFT


# -- programs without the committee or the declaration ----------------------------------------


def test_a_program_without_committee_is_accepted_at_the_desk_without_a_declaration(store):
    ctx, as_ = _init(store, "aman")
    desk = as_("desk")
    _a, draft = _draft(desk, "training")
    confirmed = ctx.profile.program("training").eligibility.confirmation_codes
    view = requests.submit(desk, draft.id, on=DAY, confirmed=confirmed)  # no declaration asked
    assert view.status == wf.SUBMITTED and view.answer_due is None
    _english()
    with pytest.raises(ValidationError) as err:
        casework.act(desk, draft.id, wf.FORWARD_TO_COMMITTEE)
    assert err.value.field == "program" and "accepted at the desk" in err.value.message
    assert wf.ACCEPT in casework.allowed(desk, wf.SUBMITTED, "training")
    assert wf.FORWARD_TO_COMMITTEE not in casework.allowed(desk, wf.SUBMITTED, "training")
    assert casework.act(desk, draft.id, wf.ACCEPT) == wf.APPROVED
    delivery.record_delivery(desk, draft.id, DeliveryInput("دورة إسعافات", acknowledged=True),
                             today=DAY)
    receipt = documents.issue(desk, draft.id, "receipt", lang="en")
    assert receipt.content["request"]["committee"] is False


def test_a_committee_program_is_not_accepted_at_the_desk(store):
    ctx, as_ = _init(store, "ajfar")
    _a, request = submitted_request(as_("desk"))
    _english()
    with pytest.raises(ValidationError) as err:
        casework.act(as_("boss"), request.id, wf.ACCEPT)
    assert err.value.field == "program" and "decided by the committee" in err.value.message


def test_the_answer_period_follows_the_policy(store):
    ctx, as_ = _init(store, "alhuda")
    desk = as_("desk")
    _a, draft = _draft(desk, "relief")
    sign_declaration(desk, draft.id)
    view = requests.submit(desk, draft.id, on=DAY)
    assert view.answer_due is None  # «خلال مدة زمنية محددة»: no number, no invented date
    referral = documents.issue(desk, draft.id, "referral", lang="ar")
    assert referral.content["answer_period_days"] is None


# -- appeals -----------------------------------------------------------------------------------


def _rejected(ctx, as_, body="01234567"):
    _a, request = submitted_request(as_("desk"), nid_body=body)
    casework.act(as_("desk"), request.id, wf.FORWARD_TO_COMMITTEE)
    member = as_("member")
    meeting = committee.create_meeting(member, DAY, ["سعد", "فهد"])
    committee.decide(member, meeting.id, request.id, "reject", reason="الدخل يتجاوز الحد")
    committee.close_meeting(as_("boss"), meeting.id)
    return request


def test_an_appeal_goes_to_the_next_meeting_and_its_letter_says_so(store):
    ctx, as_ = _init(store, "ajfar")
    request = _rejected(ctx, as_)
    first = documents.issue(as_("desk"), request.id, "decision", lang="ar")
    assert first.content["decision"]["appeal"] is False
    first_en = documents.issue(as_("desk"), request.id, "decision", lang="en")
    with pytest.raises(ValidationError) as err:
        appeals.lodge(as_("desk"), request.id, "   ")
    assert err.value.field == "reason"
    appeal = appeals.lodge(as_("desk"), request.id, "قدّمت  تعريف راتب جديد")
    assert appeal.grounds == "قدّمت تعريف راتب جديد" and appeal.outcome == ""
    assert appeal.deadline == appeal.lodged_on + dt.timedelta(days=30)
    assert requests.get_request(ctx, request.id).status == wf.APPEALED

    member = as_("member")
    meeting = committee.create_meeting(member, DAY + dt.timedelta(days=7), ["سعد", "فهد"])
    (item,) = committee.agenda(member, meeting.id)
    assert item.reference == request.reference and item.appeal
    with pytest.raises(ValidationError):
        committee.decide(member, meeting.id, request.id, "defer", reason="لاحقاً")
    committee.decide(member, meeting.id, request.id, "approve", service="سلة غذائية")
    assert appeals.appeal_of(ctx, request.id).outcome == appeals.OVERTURNED
    assert committee.agenda(member, meeting.id)[0].appeal  # still shown as an appeal

    letter = documents.issue(as_("desk"), request.id, "decision", lang="en")
    assert letter.content["decision"]["appeal"] is True
    from ajfar_desk.printing.papers import render
    from printing.pdfcheck import read, text

    def words(doc):
        return "".join(text(read(render(doc, ctx.profile))).split())

    assert "thisisitsdecisionontheappeal" in words(letter)
    assert "Youmayappealthisdecisionwithin30days" not in words(letter)
    english_first = documents.issue(as_("desk"), request.id, "decision", lang="en")
    assert english_first.content["decision"]["appeal"] is True  # the latest decision: the appeal
    assert "Youmayappealthisdecisionwithin30days" in words(first_en)
    assert not committee_papers.is_current(ctx, first) and committee_papers.is_current(ctx, letter)


def test_an_upheld_appeal_stands_and_cannot_be_appealed_again(store):
    ctx, as_ = _init(store, "najran")
    request = _rejected(ctx, as_)
    appeals.lodge(as_("desk"), request.id, "ظروف جديدة")
    member = as_("member")
    meeting = committee.create_meeting(member, DAY + dt.timedelta(days=3), ["سعد"])
    committee.decide(member, meeting.id, request.id, "reject", reason="لا جديد في التظلم")
    assert appeals.appeal_of(ctx, request.id).outcome == appeals.UPHELD
    with pytest.raises(ValidationError) as err:
        appeals.lodge(as_("desk"), request.id, "مرة أخرى")
    assert err.value.field == "appeal"
    assert casework.act(as_("desk"), request.id, wf.CLOSE) == wf.CLOSED


def test_an_appeal_after_the_period_is_refused_naming_the_deadline_in_both_calendars(store):
    ctx, as_ = _init(store, "ajfar")
    request = _rejected(ctx, as_)
    last_day = appeals.deadline(ctx, request.id)
    assert last_day == dt.date.today() + dt.timedelta(days=30)
    with pytest.raises(ValidationError) as err:
        appeals.lodge(as_("desk"), request.id, "تأخرت", on=last_day + dt.timedelta(days=1))
    message = err.value.message
    assert err.value.field == "appeal" and "هـ" in message  # Hijri beside Gregorian
    from ajfar_desk.domain.dates import format_date, format_hijri

    assert format_date(last_day, "ar", ctx.profile.digits) in message
    assert format_hijri(last_day, "ar", ctx.profile.digits).split(" ")[0] in message
    assert requests.get_request(ctx, request.id).status == wf.REJECTED
    assert appeals.lodge(as_("desk"), request.id, "في آخر يوم", on=last_day).outcome == ""


def test_only_a_rejection_is_appealed(store):
    ctx, as_ = _init(store, "ajfar")
    _a, request = submitted_request(as_("desk"))
    with pytest.raises(ValidationError) as err:
        appeals.lodge(as_("desk"), request.id, "أسباب")
    assert err.value.field == "status"


# -- a declaration that no longer matches ------------------------------------------------------


def test_a_declaration_signed_before_the_documents_changed_is_stale(store):
    ctx, as_ = _init(store, "ajfar")
    desk = as_("desk")
    a, draft = _draft(desk, "food_aid")
    sign_declaration(desk, draft.id)  # signed while the ID was valid to DAY + 400 days
    # the ID renewed after signing: the signed paper lists the old card's validity
    applicants.add_document(desk, a.id, DocumentInput("national_id", "", "2024-01-01", "2036-01-01"))
    stale = declaration_check.declaration_state(desk, draft.id)
    assert stale and ctx.profile.document_kind("national_id").name("ar") in stale
    with pytest.raises(ValidationError) as err:
        requests.submit(desk, draft.id, on=DAY)
    assert err.value.field == "declaration" and err.value.message == stale
    sign_declaration(desk, draft.id)  # a new declaration, listing the renewed card
    assert declaration_check.declaration_state(desk, draft.id) is None
    assert requests.submit(desk, draft.id, on=DAY).status == wf.SUBMITTED


def test_a_change_to_the_applicants_data_makes_the_declaration_stale(store):
    ctx, as_ = _init(store, "ajfar")
    desk = as_("desk")
    _a, request = submitted_request(desk, submit=False)
    sign_declaration(desk, request.id)
    assert declaration_check.declaration_state(desk, request.id) is None
    doc = documents.latest(desk, request.id, "declaration")
    with store.engine.begin() as conn:  # the phone was corrected after signing
        from sqlalchemy import update

        from ajfar_desk.db.models import Applicant

        conn.execute(update(Applicant).where(Applicant.id == request.applicant_id)
                     .values(phone="+966559999999"))
    assert json.dumps(doc.content["applicant"]["phone"]) != '"+966559999999"'
    _english()
    with pytest.raises(ValidationError) as err:
        requests.submit(desk, request.id, on=DAY)
    assert "the applicant's data changed after it was signed" in err.value.message


# -- the demo ----------------------------------------------------------------------------------


def test_the_demo_delivers_immediate_services(store):
    from ajfar_desk.services.demo import demo_journeys

    ctx, as_ = _init(store, "alhuda")
    for n, program in enumerate(("health_services", "guidance", "relief")):
        _draft(as_("desk"), program, body=f"0765432{n}")
    with ctx.reading() as s:  # the demo's own applicants
        people = list(s.execute(select(Applicant.id, Applicant.category).order_by(Applicant.created_at)))
    counts = demo_journeys.fill_journeys(as_("admin"), 1, dt.date.today(), people)
    assert counts["immediate_services"] == 6
    assert counts[wf.DELIVERED] == 6 and counts["requests"] == 6  # the demo's figures follow
    delivered = requests.list_requests(ctx, status=wf.DELIVERED)
    assert {r.program for r in delivered} == {"health_services", "guidance"}


def test_an_appeal_is_in_the_persons_export_and_its_grounds_go_with_anonymising(store):
    from ajfar_desk.services.privacy import privacy, privacy_export

    ctx, as_ = _init(store, "ajfar")
    request = _rejected(ctx, as_)
    appeals.lodge(as_("desk"), request.id, "أسباب شخصية للتظلم")
    boss = as_("boss")
    data = privacy_export.export_person(boss, request.applicant_id)
    (req,) = [r for r in data["requests"] if r["reference"] == request.reference]
    assert req["appeals"][0]["grounds"] == "أسباب شخصية للتظلم"
    privacy.anonymise(boss, request.applicant_id, "طلب المستفيد كتابيًا")
    assert appeals.appeal_of(boss, request.id).grounds == ""


# -- the profile and the table -----------------------------------------------------------------


FOOD = 'categories = ["family", "orphan", "widow", "divorcee", "disability", "elderly"]\n'


@pytest.mark.parametrize(("extra", "key"), [
    ("immediate = true\ncommittee = true\n", "programs[1].committee"),
    ("immediate = true\ndeclaration = true\n", "programs[1].declaration"),
    ('committee = "no"\n', "programs[1].committee"),
    ("answer_period_days = 10\n", "programs[1].answer_period_days"),
    ("committee = false\nanswer_period_days = 20\n", "programs[1].answer_period_days"),
])
def test_a_program_kind_that_contradicts_itself_is_refused(tmp_path, extra, key):
    from ajfar_desk.domain.profile import ProfileError, load_profile
    from test_profiles import write_profile

    with pytest.raises(ProfileError) as err:
        load_profile(write_profile(tmp_path, "ajfar", (FOOD, FOOD + extra)))
    assert err.value.key == key


def test_a_program_may_set_a_longer_period_and_the_appeal_period_is_read(tmp_path):
    from ajfar_desk.domain.profile import ProfileError, load_profile
    from test_profiles import write_profile

    p = load_profile(write_profile(tmp_path, "ajfar", (FOOD, FOOD + "answer_period_days = 21\n"),
                                   ("appeal_period_days = 30", "appeal_period_days = 15")))
    assert p.program("food_aid").kind.answer_period_days == 21 and p.appeal_period_days == 15
    assert p.program("food_aid").kind.answer_due(DAY) == DAY + dt.timedelta(days=21)
    with pytest.raises(ProfileError) as err:
        load_profile(write_profile(tmp_path, "ajfar",
                                   ("appeal_period_days = 30", "appeal_period_days = 0")))
    assert err.value.key == "appeal_period_days"


def test_the_workflow_table_lists_every_action_with_what_it_needs():
    rows = wf.steps_table()
    assert {r["action"] for r in rows} == set(wf.ACTIONS)
    by = {(r["action"], tuple(r["from"])): r for r in rows}
    assert by[(wf.APPEAL, (wf.REJECTED,))]["needs"] == ["reason"]
    assert by[(wf.APPEAL, (wf.REJECTED,))]["to"] == wf.APPEALED
    approve = by[(wf.APPROVE, (wf.AWAITING_COMMITTEE, wf.APPEALED))]
    assert approve["needs"] == ["service"] and approve["takes"] == ["amount"]
    assert approve["roles"] == [wf.COMMITTEE]
    immediate_row = by[(wf.DELIVER_IMMEDIATELY, (wf.DRAFT,))]
    assert immediate_row["programs"] == "immediate" and immediate_row["to"] == wf.DELIVERED
    assert all(r["label"] for r in rows)
    for r in rows:  # the table and the rules agree
        for state in r["from"]:
            assert r["action"] in wf.allowed_actions(state)
            assert set(r["needs"]) >= ({"reason"} if r["action"] in wf.NEEDS_REASON else set())


def test_every_step_is_taken_by_its_name(store):
    from ajfar_desk.services.requests import journey

    ctx, as_ = _init(store, "alhuda")
    desk = as_("desk")
    _a, draft = _draft(desk, "guidance")

    def step(who, request, name, **given):
        return journey.take_step(who, request.reference, name, **given).to_state

    assert step(desk, draft, wf.DELIVER_IMMEDIATELY, service="دلالة على المخيم",
                today=DAY) == wf.DELIVERED
    assert step(desk, draft, wf.CLOSE) == wf.CLOSED
    _a, request = submitted_request(desk, nid_body="01234577")
    assert step(desk, request, wf.FORWARD_TO_COMMITTEE) == wf.AWAITING_COMMITTEE
    member = as_("member")
    taken = journey.take_step(member, request.reference, wf.REJECT, reason="اكتمل العدد")
    assert taken.to_state == wf.REJECTED and taken.meeting_opened  # a meeting of the day
    assert step(as_("desk"), request, wf.APPEAL, reason="خبرة سابقة") == wf.APPEALED
    again = journey.take_step(as_("member"), request.reference, wf.APPROVE,
                              service="تطوع في الميقات")
    assert again.to_state == wf.APPROVED and not again.meeting_opened  # the same open meeting
    assert step(as_("desk"), request, wf.DELIVER, service="تطوع في الميقات",
                today=dt.date.today()) == wf.DELIVERED
    with pytest.raises(ValidationError) as err:
        step(desk, request, "teleport")
    assert err.value.field == "action"


def test_an_appeal_recorded_at_a_branch_reaches_head_office(tmp_path):
    from syncnodes import close, content, exchange, make_nodes

    nodes = make_nodes(tmp_path, branches=("SHR",))
    try:
        hq, shr = nodes["HQ"], nodes["SHR"]
        as_ = staff_accounts(hq, STAFF)
        request = _rejected(hq, as_)
        exchange(hq, shr)
        appeals.lodge(shr, request.id, "أسباب التظلم من الفرع")  # the laptop's administrator
        exchange(shr, hq)
        assert appeals.appeal_of(hq, request.id).grounds == "أسباب التظلم من الفرع"
        assert requests.get_request(hq, request.id).status == wf.APPEALED
        assert content(hq)["request_appeal"] == content(shr)["request_appeal"]
    finally:
        close(nodes)
