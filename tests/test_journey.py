"""A request's whole journey through the services, each step by the role that may take it."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import staff_accounts
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.services.committee import committee, study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.requests import casework, delivery, lookup
from ajfar_desk.services.requests.delivery import DeliveryInput
from ajfar_desk.services.users import users
from printing.scenario import DAY, submitted_request

PASSWORD = "password123"
STAFF = {
    "desk": ("front_desk", "نورة موظفة الاستقبال"),
    "researcher": ("researcher", "خالد الباحث الاجتماعي"),
    "member": ("committee", "سعد عضو اللجنة"),
    "boss": ("manager", "منيرة المديرة"),
}


@pytest.fixture
def staff(ctx):
    return staff_accounts(ctx, STAFF, PASSWORD)


def test_from_the_desk_to_a_delivered_service(ctx, staff):
    desk = staff("desk")
    _a, request = submitted_request(ctx)
    assert request.status == wf.SUBMITTED
    casework.act(desk, request.id, wf.REFER_TO_RESEARCHER, "الحالة غير واضحة")

    researcher = staff("researcher")
    assert [i.reference for i in study.inbox(researcher)] == [request.reference]
    with pytest.raises(ValidationError) as err:
        study.save_study(researcher, request.id, StudyInput(visit_date="1/1/2099"))
    assert {f for f, _m in err.value.errors} == {"visit_date", "recommendation"}
    study.save_study(
        researcher,
        request.id,
        StudyInput(
            visit_date="15/11/2026", household="أسرة من خمسة أفراد", monthly_income="2,500",
            monthly_expenses="3٬200", housing="rented", recommendation="support",
        ),
        today=DAY,
    )
    casework.act(researcher, request.id, wf.FORWARD_TO_COMMITTEE)

    member = staff("member")
    meeting = committee.create_meeting(member, DAY, ["سعد", "فهد", "منيرة"])
    assert meeting.number == 1
    assert [i.reference for i in committee.agenda(member, meeting.id)] == [request.reference]
    with pytest.raises(ValidationError) as err:
        committee.decide(member, meeting.id, request.id, "approve")
    assert err.value.field == "service"
    committee.decide(member, meeting.id, request.id, "approve", service="سلة غذائية", amount="1,500")
    (item,) = committee.agenda(member, meeting.id)
    assert item.outcome == "approve" and str(item.amount) == "1500.00"

    desk = staff("desk")
    with pytest.raises(ValidationError) as err:
        delivery.record_delivery(desk, request.id, DeliveryInput("سلة غذائية"))
    assert err.value.field == "acknowledged"
    delivery.record_delivery(
        desk, request.id, DeliveryInput("سلة غذائية", quantity="1", amount="1500", acknowledged=True,
                                        recipient_name="المستفيد نفسه"), today=DAY,
    )
    assert casework.act(desk, request.id, wf.CLOSE) == wf.CLOSED

    timeline = casework.timeline(staff("boss"), request.id)
    assert [t.action for t in timeline] == [
        casework.CREATE, wf.SUBMIT, wf.REFER_TO_RESEARCHER, wf.FORWARD_TO_COMMITTEE, wf.APPROVE,
        wf.DELIVER, wf.CLOSE,
    ]
    assert [t.role for t in timeline][2:] == ["front_desk", "researcher", "committee", "front_desk", "front_desk"]
    assert timeline[2].reason == "الحالة غير واضحة" and timeline[2].user == STAFF["desk"][1]
    assert wf.replay(casework.as_workflow_events(_events(ctx, request.id)), start=wf.DRAFT) == wf.CLOSED


def _events(ctx, request_id):
    with ctx.reading() as s:
        return casework.events_of(s, request_id)


def test_steps_refused_with_the_reason(ctx, staff):
    _a, request = submitted_request(ctx)
    desk = staff("desk")
    with pytest.raises(ValidationError) as err:
        casework.act(desk, request.id, wf.CANCEL)
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        casework.act(desk, request.id, wf.CLOSE)
    assert err.value.field == "status"
    casework.act(desk, request.id, wf.FORWARD_TO_COMMITTEE)
    member = staff("member")
    meeting = committee.create_meeting(member, DAY, ["سعد"])
    with pytest.raises(ValidationError) as err:
        committee.decide(member, meeting.id, request.id, "reject")
    assert err.value.field == "reason"
    committee.decide(member, meeting.id, request.id, "defer", reason="بانتظار تقرير الزيارة")
    assert committee.agenda(member, meeting.id)[0].status == wf.AWAITING_COMMITTEE
    committee.close_meeting(member, meeting.id)
    with pytest.raises(ValidationError):
        committee.decide(member, meeting.id, request.id, "reject", reason="x")
    second = committee.create_meeting(member, DAY + dt.timedelta(days=7), ["سعد"])
    assert second.number == 2
    committee.decide(member, second.id, request.id, "reject", reason="الدخل يتجاوز حد البرنامج")
    boss = staff("boss")
    assert casework.act(boss, request.id, wf.REOPEN, "تظلم المستفيد") == wf.SUBMITTED


# Which role may call which service (the GUI hides buttons too, but the services decide).
def _calls(request, meeting):
    return {
        "open_study": lambda c: study.get_study(c, request.id),
        "write_study": lambda c: study.save_study(c, request.id, StudyInput(recommendation="support")),
        "create_meeting": lambda c: committee.create_meeting(c, DAY, ["x"]),
        "decide": lambda c: committee.decide(c, meeting.id, request.id, "defer", reason="x"),
        "list_users": lambda c: users.list_users(c),
        "overdue": lambda c: lookup.overdue(c, today=DAY),
    }


MATRIX = {  # role -> operations that pass the permission check
    "front_desk": {"overdue"},
    "researcher": {"open_study", "write_study", "overdue"},
    "committee": {"open_study", "create_meeting", "decide", "overdue"},
    "manager": {"open_study", "create_meeting", "overdue"},
    "admin": {"list_users", "overdue"},
}


def test_role_by_operation_matrix(ctx, staff):
    _a, request = submitted_request(ctx)
    member = staff("member")
    meeting = committee.create_meeting(member, DAY, ["سعد"])
    accounts = {"front_desk": "desk", "researcher": "researcher", "committee": "member",
                "manager": "boss", "admin": "admin"}
    for role, allowed in MATRIX.items():
        for name, call in _calls(request, meeting).items():
            c = staff(accounts[role])
            try:
                call(c)
                passed = True
            except PermissionDenied:
                passed = False
            except ValidationError:
                passed = True  # allowed, refused later for another reason (e.g. status)
            assert passed == (name in allowed), (role, name)


def test_overdue_and_status_lookup(ctx, staff):
    _a, request = submitted_request(ctx)
    desk = staff("desk")
    due = request.answer_due
    assert lookup.overdue(desk, today=due) == []
    (late,) = lookup.overdue(desk, today=due + dt.timedelta(days=3))
    assert late.reference == request.reference and late.days_late == 3
    by_id = lookup.status_of(desk, request.national_id, today=due)
    by_ref = lookup.status_of(desk, request.reference.lower().replace("1", "١"), today=due)
    assert [x.reference for x in by_id] == [x.reference for x in by_ref] == [request.reference]
    with pytest.raises(ValidationError):
        lookup.status_of(desk, "123")


def test_requests_are_listed_by_any_workflow_status(ctx, staff):
    from ajfar_desk.services.requests import requests

    _a, request = submitted_request(ctx)
    casework.act(staff("desk"), request.id, wf.CANCEL, "طلب المستفيد")
    listed = requests.list_requests(staff("boss"), status=wf.CANCELLED)
    assert [r.reference for r in listed] == [request.reference]
    with pytest.raises(ValidationError):
        requests.list_requests(ctx, status="lost")
