"""What the minutes of a committee meeting say: printed only once the meeting closed, counting
its agenda, naming its chair as recorded (or a line to sign by hand), who recorded each decision
and each attendee in her own gender; the decision letter signed by the meeting's own chair."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import update

from ajfar_desk.db.casework import Meeting
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.printing.committee_values import decision_rows, minutes_placeholders
from ajfar_desk.printing.formatter import Formatter
from ajfar_desk.printing.papers import render
from ajfar_desk.services.committee import committee
from ajfar_desk.services.papers import committee_papers, documents
from ajfar_desk.services.requests import casework
from ajfar_desk.services.users import setup, users
from printing.pdfcheck import read, text
from printing.scenario import DAY, submitted_request

PASSWORD = "password123"
DEMO = "عضو لجنة البحث (حساب العرض)"
NOURA = "نورة صالح العتيبي"
HAIFA = "أ. هيفاء بنت محمد الشهري"
ABDULLAH = "أ. عبدالله بن سعد الدوسري"


@pytest.fixture
def office(store):  # SQLite, and PostgreSQL when AJFAR_TEST_PG_URL is set
    ctx = setup.init_store(store, "ajfar", None, "admin", PASSWORD, "سارة العتيبي")
    admin = ctx.user
    users.create_user(ctx, "desk", "سلمان الحربي", "front_desk", PASSWORD)
    users.create_user(ctx, "noura", NOURA, "committee", PASSWORD, gender="female")
    users.create_user(ctx, "haifa", HAIFA, "committee", PASSWORD, gender="female")
    users.create_user(ctx, "demo", DEMO, "committee", PASSWORD)
    requests = []
    for n in range(3):
        _a, request = submitted_request(ctx, nid_body=f"{30000000 + n * 7919:08d}")
        setup.sign_in(ctx, "desk", PASSWORD)
        casework.act(ctx, request.id, wf.FORWARD_TO_COMMITTEE)
        ctx.user = admin
        requests.append(request)
    return ctx, requests


def as_(ctx, username):
    setup.sign_in(ctx, username, PASSWORD)
    return ctx


def decided_two_of_three(ctx, requests, chair: str | None):
    """A meeting (chaired by ``chair``) where Noura records two decisions of the three requests
    on its agenda."""
    noura = as_(ctx, "noura")
    meeting = committee.create_meeting(noura, DAY, [ABDULLAH, HAIFA], chair=chair)
    committee.decide(noura, meeting.id, requests[0].id, "approve", service="كرسي متحرك", amount="2500")
    committee.decide(noura, meeting.id, requests[1].id, "more_info", reason="صك الإعالة")
    return meeting


def test_the_minutes_of_a_meeting_in_session_are_refused_with_a_reason(office):
    ctx, requests = office
    meeting = decided_two_of_three(ctx, requests, HAIFA)
    with pytest.raises(ValidationError) as refused:
        committee_papers.issue_minutes(ctx, meeting.id, lang="ar")
    assert refused.value.field == "meeting" and "يُغلق أولًا" in refused.value.message  # close it first
    assert committee_papers.latest_minutes(ctx, meeting.id) is None  # nothing issued


def test_the_minutes_count_the_agenda_and_name_who_recorded_each_decision(office):
    ctx, requests = office
    meeting = decided_two_of_three(ctx, requests, HAIFA)
    closed = committee.close_meeting(ctx, meeting.id)
    assert closed.carried_over == (requests[2].reference,)
    doc = committee_papers.issue_minutes(ctx, meeting.id, lang="ar")
    f = Formatter(ctx.profile, "ar")
    values = minutes_placeholders(doc.content, ctx.profile, f)
    assert (values["agenda_count"], values["decided_count"], values["undecided_count"]) == (
        f.num(3), f.num(2), f.num(1))
    rows = decision_rows(doc.content, ctx.profile)
    assert [r["recorded_by"] for r in rows] == [f"\u2068{NOURA}\u2069 (عضوة لجنة البحث)"] * 2
    words = " ".join(text(read(render(doc, ctx.profile))).split())
    compact = words.replace(" ", "")
    assert NOURA.replace(" ", "") in compact and "عضوة لجنة البحث" in words
    assert requests[2].reference in compact  # carried over to the next meeting, by number
    assert "رئيسة اللجنة" in words and HAIFA.replace(" ", "") in compact
    assert DEMO.replace(" ", "") not in compact  # nobody who did not sit
    assert "عضو اللجنة" in words  # under Abdullah's name
    letter = documents.issue(as_(ctx, "desk"), requests[0].id, paper.DECISION, lang="ar")
    assert letter.content["signatory"]["name"] == HAIFA


def test_a_woman_member_signs_as_a_woman(office):
    ctx, requests = office
    meeting = decided_two_of_three(ctx, requests, ABDULLAH)
    committee.close_meeting(ctx, meeting.id)
    doc = committee_papers.issue_minutes(ctx, meeting.id, lang="ar")
    assert doc.content["member_genders"][HAIFA] == "female"
    words = " ".join(text(read(render(doc, ctx.profile))).split())
    assert "عضوة اللجنة" in words and "عضو اللجنة" not in words  # Haifa is the only member
    assert "رئيس اللجنة" in words


def test_no_chair_recorded_leaves_a_line_to_sign_by_hand(office):
    ctx, requests = office
    meeting = decided_two_of_three(ctx, requests, "")
    assert committee.get_meeting(ctx, meeting.id).chair == ""
    committee.close_meeting(ctx, meeting.id)
    doc = committee_papers.issue_minutes(ctx, meeting.id, lang="ar")
    values = minutes_placeholders(doc.content, ctx.profile, Formatter(ctx.profile, "ar"))
    assert values["chair_signer"] == "" and "…" in values["chair_name"]
    assert HAIFA in values["members_list"] and ABDULLAH in values["members_list"]
    letter = documents.issue(as_(ctx, "desk"), requests[0].id, paper.DECISION, lang="ar")
    assert letter.content["signatory"]["name"] == ""  # never an account that did not sit


def test_a_meeting_from_before_the_chair_was_recorded_names_no_chair(office):
    """Its form put the first member listed in the chair, whoever the list began with: the
    minutes and the letters leave the chair's line to sign by hand instead."""
    ctx, requests = office
    meeting = decided_two_of_three(ctx, requests, None)  # the first member listed
    assert committee.get_meeting(ctx, meeting.id).chair == ABDULLAH
    with ctx.store.engine.begin() as s:  # as 0017 leaves a meeting made before it
        s.execute(update(Meeting).where(Meeting.id == meeting.id).values(chair=None, status="closed"))
    view = committee.get_meeting(ctx, meeting.id)
    assert view.chair == "" and view.others == (ABDULLAH, HAIFA) and view.carried_over is None
    doc = committee_papers.issue_minutes(ctx, meeting.id, lang="en")
    values = minutes_placeholders(doc.content, ctx.profile, Formatter(ctx.profile, "en"))
    assert values["chair_signer"] == "" and ABDULLAH in values["members_list"]
    # not known for a meeting closed before it was kept: said so, not a dash
    assert values["undecided_count"] == values["carried_over"] == "Not recorded"
    assert json.loads(json.dumps(doc.content))["meeting"]["members"] == [ABDULLAH, HAIFA]
    # minutes stored before 0017 (no "chair" in them) still read as they were printed
    old = {**doc.content, "meeting": {k: v for k, v in doc.content["meeting"].items() if k != "chair"}}
    assert ABDULLAH in minutes_placeholders(old, ctx.profile, Formatter(ctx.profile, "en"))["chair_signer"]
    letter = documents.issue(as_(ctx, "desk"), requests[0].id, paper.DECISION, lang="ar")
    assert letter.content["signatory"]["name"] == ""


def test_a_typed_member_s_title_agrees_with_her_lineage_or_her_account(office):
    """«أ. هيفاء بنت محمد الشهري» typed (no account): a woman by «بنت»; «أ. نورة صالح العتيبي»:
    her account, found under the title; «فلان» with neither: the neutral word."""
    ctx, requests = office
    noura = as_(ctx, "noura")
    typed = ["أ. هيفاء بنت محمد الغامدي", f"أ. {NOURA}", "سالم الحربي", ABDULLAH]
    meeting = committee.create_meeting(noura, DAY, typed, chair="")
    committee.decide(noura, meeting.id, requests[0].id, "defer", reason="بانتظار الزيارة")
    committee.close_meeting(noura, meeting.id)
    doc = committee_papers.issue_minutes(noura, meeting.id, lang="ar")
    assert doc.content["member_genders"] == {
        typed[0]: "female", typed[1]: "female", typed[2]: "", ABDULLAH: "male"}
    words = " ".join(text(read(render(doc, ctx.profile))).split())
    assert words.count("عضوة اللجنة") == 2 and words.count("عضو اللجنة") == 2


def test_a_postponed_request_is_carried_to_the_next_meeting_in_the_minutes(office):
    """Trial 10: one request postponed, yet «المرحَّلة لاجتماع تالٍ: —»."""
    ctx, requests = office
    meeting = decided_two_of_three(ctx, requests, HAIFA)
    committee.decide(as_(ctx, "noura"), meeting.id, requests[2].id, "defer", reason="بانتظار دراسة الحالة")
    closed = committee.close_meeting(ctx, meeting.id)
    assert closed.carried_over == ()
    doc = committee_papers.issue_minutes(ctx, meeting.id, lang="ar")
    f = Formatter(ctx.profile, "ar")
    values = minutes_placeholders(doc.content, ctx.profile, f)
    assert values["undecided_count"] == f.num(0) and values["deferred_count"] == f.num(1)
    assert values["carried_over"] == f.code(requests[2].reference)


def test_a_chair_named_at_closing_is_recorded_once(office):
    ctx, requests = office
    meeting = decided_two_of_three(ctx, requests, "")
    closed = committee.close_meeting(ctx, meeting.id, chair="  هيفاء   الشهري ")
    assert closed.chair == "هيفاء الشهري" and closed.members[0] == "هيفاء الشهري"
    again = committee.close_meeting(ctx, meeting.id, chair="غيرها")  # a closed meeting stays
    assert again.chair == "هيفاء الشهري"


def test_nothing_to_list_is_said_as_a_secretary_writes_it_not_a_dash(office):
    """Trial 11: «المرحَّلة لاجتماع تالٍ: —» read as if nothing was recorded; every request
    decided, none approved with an amount, the chair alone: each line says so in words."""
    ctx, requests = office
    noura = as_(ctx, "noura")
    meeting = committee.create_meeting(noura, DAY, [NOURA], chair=NOURA)
    for request, outcome in zip(requests, ("reject", "more_info", "reject"), strict=True):
        committee.decide(noura, meeting.id, request.id, outcome, reason="الدخل يتجاوز الحد")
    assert committee.close_meeting(ctx, meeting.id).carried_over == ()
    doc = committee_papers.issue_minutes(ctx, meeting.id, lang="ar")
    values = minutes_placeholders(doc.content, ctx.profile, Formatter(ctx.profile, "ar"))
    assert values["carried_over"] == "لم يُرحَّل أي طلب"
    assert values["approved_total"] == "لم يُعتمد أي مبلغ"
    assert values["members_list"] == "لا يوجد أعضاء آخرون"
    words = " ".join(text(read(render(doc, ctx.profile))).split())
    assert "—" not in words and "لم يُرحَّل أي طلب" in words
    english = committee_papers.issue_minutes(ctx, meeting.id, lang="en")
    values = minutes_placeholders(english.content, ctx.profile, Formatter(ctx.profile, "en"))
    assert (values["carried_over"], values["approved_total"]) == (
        "No request carried over", "No amount approved")
    old = {**doc.content, "decisions": [{**d, "reason": "", "recorded_by": None}
                                        for d in doc.content["decisions"]]}
    rows = decision_rows(old, ctx.profile)
    assert {(r["details"], r["recorded_by"]) for r in rows} == {("لم يُذكر سبب", "غير مسجل")}


def test_the_carried_over_line_says_it_holds_the_undecided_and_the_deferred(office):
    """Trial 13: «لم يُبتّ فيها ١» above a carried-over line listing two references (the one left
    undecided and the one deferred): the line says it holds both."""
    ctx, requests = office
    noura = as_(ctx, "noura")
    meeting = committee.create_meeting(noura, DAY, [ABDULLAH, HAIFA], chair=HAIFA)
    committee.decide(noura, meeting.id, requests[0].id, "approve", service="كرسي متحرك", amount="2500")
    committee.decide(noura, meeting.id, requests[1].id, "defer", reason="بانتظار دراسة الحالة")
    committee.close_meeting(ctx, meeting.id)
    for lang, words in (("ar", "المرحَّلة لاجتماع تالٍ (التي لم يُبتّ فيها والمؤجلة)"),
                        ("en", "Carried over (not decided, and deferred)")):
        doc = committee_papers.issue_minutes(ctx, meeting.id, lang=lang)
        compact = "".join(text(read(render(doc, ctx.profile))).split())
        assert "".join(words.split()) in compact
        assert requests[1].reference in compact and requests[2].reference in compact
