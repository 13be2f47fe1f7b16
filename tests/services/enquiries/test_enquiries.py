"""Enquiries (الاستفسارات): the contact log of every channel, through the services; counted in
the monthly report by channel and exchanged between nodes like every synchronised table."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import staff_accounts
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.report import YearMonth
from ajfar_desk.services.enquiries import enquiries as eq
from ajfar_desk.services.enquiries.enquiries import EnquiryInput
from ajfar_desk.services.reports import report
from conftest import BACKENDS
from printing.scenario import submitted_request
from syncnodes import close, exchange, nodes_on

TODAY = dt.date(2026, 11, 19)
STAFF = {
    "desk": ("front_desk", "سارة الموظفة"),
    "noura": ("researcher", "نورة الباحثة"),
    "huda": ("researcher", "هدى الباحثة"),
    "member": ("committee", "عضو اللجنة"),
}
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def staff(ctx):
    return staff_accounts(ctx, STAFF)


def add(ctx, **kw):
    kw.setdefault("channel", "phone")
    kw.setdefault("subject", "مواعيد استقبال الطلبات")
    return eq.record_enquiry(ctx, EnquiryInput(**kw), today=TODAY)


def test_a_walk_in_by_name_and_phone_is_logged_with_its_answer(ctx, staff):
    staff("desk")
    v = add(ctx, contact_name="  أم   خالد ", contact_phone="٠٥٥١٢٣٤٥٦٧",
            answer="من الأحد إلى الخميس صباحاً")
    assert v.number == "AJF-Q-1448-000001"
    assert (v.name, v.phone, v.channel, v.received_on) == ("أم خالد", "+966551234567", "phone", TODAY)
    assert not v.referred and v.applicant_id is None and v.request_reference == ""
    assert add(ctx, contact_name="سعد").number == "AJF-Q-1448-000002"


def test_every_wrong_field_is_named_at_once(ctx, staff):
    staff("desk")
    with pytest.raises(ValidationError) as err:
        eq.record_enquiry(ctx, EnquiryInput(channel="fax", subject=" ", contact_phone="12ab",
                                            researcher="noura"), today=TODAY)
    fields = {f for f, _m in err.value.errors}
    assert fields == {"channel", "subject", "contact_phone", "contact_name", "researcher"}
    with pytest.raises(ValidationError, match="No applicant is registered"):
        add(ctx, applicant="1000000008")
    with pytest.raises(ValidationError, match="not an active social researcher"):
        add(ctx, contact_name="سعد", referred=True, researcher="desk")
    assert eq.list_enquiries(ctx) == []  # nothing half-written


def test_a_registered_applicant_links_the_file_and_the_request_it_became(ctx, staff):
    applicant, request = submitted_request(ctx, first="فاطمة", nid_body="02345678")[:2]
    v = add(ctx, applicant=applicant.national_id, channel="interview")
    assert v.applicant_id == applicant.id and v.name == applicant.full_name
    assert v.applicant_number == applicant.national_id
    linked = eq.link_request(ctx, v.id, request.reference.lower())
    assert linked.request_id == request.id and linked.request_reference == request.reference
    walk_in = add(ctx, contact_name="سعد")
    assert eq.link_request(ctx, walk_in.id, request.reference).applicant_id == applicant.id
    other = submitted_request(ctx, first="سلمى", nid_body="03456789")[0]
    stranger = add(ctx, applicant=other.national_id)
    with pytest.raises(ValidationError, match="another applicant"):
        eq.link_request(ctx, stranger.id, request.reference)
    with pytest.raises(ValidationError, match="No request has this reference"):
        eq.link_request(ctx, stranger.id, "AJF-1448-999999")


def test_a_researcher_sees_what_was_referred_to_them_or_to_nobody_by_name(ctx, staff):
    staff("desk")
    add(ctx, contact_name="أحمد", subject="ليس لي", referred=True, researcher="huda")
    add(ctx, contact_name="محمد", subject="لي بالاسم", referred=True, researcher="noura")
    add(ctx, contact_name="علي", subject="لأي باحث", referred=True)
    add(ctx, contact_name="عمر", subject="أجيب في المكتب")
    assert len(eq.list_enquiries(ctx)) == 4
    staff("noura")
    assert {v.subject for v in eq.list_enquiries(ctx)} == {"لي بالاسم", "لأي باحث"}
    mine = next(v for v in eq.list_enquiries(ctx) if v.subject == "لي بالاسم")
    assert mine.researcher_name == "نورة الباحثة"
    with pytest.raises(ValidationError):
        add(ctx, contact_name="x")  # a researcher does not log enquiries
    staff("member")
    with pytest.raises(ValidationError):
        eq.list_enquiries(ctx)


def test_search_finds_names_subjects_phones_and_numbers_in_any_spelling(ctx, staff):
    staff("desk")
    add(ctx, contact_name="عبدالله أحمد", contact_phone="0551234567", subject="السلة الغذائية")
    add(ctx, contact_name="إيمان", subject="مواعيد الدورات", channel="website")
    assert [v.name for v in eq.list_enquiries(ctx, "عبد الله احمد")] == ["عبدالله أحمد"]
    assert [v.name for v in eq.list_enquiries(ctx, "٠٥٥١٢٣")] == ["عبدالله أحمد"]
    assert [v.name for v in eq.list_enquiries(ctx, "ايمان الدورات")] == ["إيمان"]
    assert [v.name for v in eq.list_enquiries(ctx, "AJF-Q-1448-000002")] == ["إيمان"]
    assert [v.name for v in eq.list_enquiries(ctx, channel="website")] == ["إيمان"]
    assert eq.list_enquiries(ctx, "لا يوجد") == []


def test_the_monthly_report_counts_enquiries_by_channel(ctx, staff):
    request = submitted_request(ctx, first="فاطمة", nid_body="02345678")[1]
    for channel in ("phone", "phone", "interview", "website"):
        add(ctx, contact_name="سعد", channel=channel, referred=channel == "interview")
    last = add(ctx, contact_name="سعد", channel="letters", received_on="2026-10-05")
    eq.link_request(ctx, last.id, request.reference)
    data = report.monthly(ctx, YearMonth(2026, 11), now=dt.datetime(2026, 12, 2, tzinfo=dt.UTC))
    assert data.figure("enquiries_received").current == 4
    assert data.figure("enquiries_received").previous == 1
    assert data.figure("enquiries_referred").current == 1
    assert data.figure("enquiries_to_requests").previous == 1
    by_channel = data.breakdown("enquiries_by_channel")
    assert by_channel.current == {"phone": 2, "interview": 1, "website": 1}
    assert by_channel.previous == {"letters": 1}
    assert [c for c, *_v in by_channel.rows()][:3] == ["interview", "phone", "social_media"]


@pytest.fixture(params=BACKENDS)
def nodes(request, tmp_path):
    made = nodes_on(request.param, tmp_path)
    yield made
    close(made)


def test_an_enquiry_logged_at_a_branch_reaches_head_office(nodes):
    shr, hq = nodes["SHR"], nodes["HQ"]
    logged = eq.record_enquiry(shr, EnquiryInput(
        channel="phone", subject="موعد توزيع السلال", contact_name="ناصر", answer="الأسبوع القادم",
    ), today=TODAY)
    assert logged.number == "NJR1-Q-1448-000001"
    exchange(shr, hq)
    got = eq.list_enquiries(hq)
    assert [(v.number, v.subject, v.answer, v.branch) for v in got] == [
        (logged.number, "موعد توزيع السلال", "الأسبوع القادم", "SHR")
    ]


@pytest.mark.parametrize("ident", ["ajfar", "baraa", "alhuda", "aman", "najran"])
def test_the_demo_logs_enquiries_for_each_profile(tmp_path, ident):
    from ajfar_desk.services.demo.demo import fill_demo
    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.users import setup

    store = Store.open(tmp_path / ident)
    try:
        ctx = setup.init_store(store, ident, None, "admin", "password123")
        counts = fill_demo(ctx, 20, seed=3, today=TODAY)
        got = eq.list_enquiries(ctx)
        assert counts["enquiries"] == len(got) >= 8
        channels = {c.code for c in ctx.profile.channels}
        assert {v.channel for v in got} <= channels
        assert len({v.channel for v in got}) == min(len(got), len(channels))  # each one used
        assert any(v.referred for v in got) and any(not v.referred for v in got)
        assert any(v.applicant_id for v in got) and any(v.applicant_id is None for v in got)
        named = {prog.name_ar for prog in ctx.profile.programs}
        assert all(any(n in v.subject for v in got) for n in named)
        assert any(v.request_reference for v in got)  # one became its asker's request
    finally:
        store.close()
