"""Appointments travel between nodes like every other table; one slot booked on two laptops
while offline ends with one booking holding it, the other cancelled and listed for review."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.domain import appointments as rules
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.appointments import booking, views
from ajfar_desk.services.sync import sync_review
from conftest import BACKENDS
from syncnodes import close, content, exchange, nodes_on
from test_desks import person

NOW = dt.datetime(2026, 11, 19, 10, 0)
SUNDAY = dt.date(2026, 11, 22)
pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(params=BACKENDS)
def nodes(request, tmp_path):
    made = nodes_on(request.param, tmp_path)
    yield made
    close(made)


def test_a_booking_at_a_branch_reaches_head_office_and_its_cancelling_follows(nodes):
    shr, hq = nodes["SHR"], nodes["HQ"]
    a = applicants.register(shr, person("1000000008", category="consumer", city="نجران"))
    v = booking.book(shr, a.id, SUNDAY, dt.time(9, 20), rules.SERVICE, note="سلة غذائية", now=NOW)
    exchange(shr, hq)
    assert views.day_list(hq, SUNDAY) == [v]
    booking.cancel(hq, v.id, "اعتذر بالهاتف")
    exchange(hq, shr)
    got = views.get_appointment(shr, v.id)
    assert (got.state, got.reason, got.branch) == (rules.CANCELLED, "اعتذر بالهاتف", "SHR")


def test_one_slot_booked_on_two_laptops_offline_keeps_the_earlier(nodes):
    shr, hbn, hq = nodes["SHR"], nodes["HBN"], nodes["HQ"]
    a = applicants.register(shr, person("1000000008", category="consumer", city="نجران"))
    b = applicants.register(hbn, person("1000000016", first_name="سالم", category="consumer", city="نجران"))
    employee = shr.user.id  # the administrator, known to every node
    first = booking.book(shr, a.id, SUNDAY, dt.time(9), rules.INTERVIEW, employee_id=employee, now=NOW)
    later = booking.book(hbn, b.id, SUNDAY, dt.time(9), rules.DOCUMENT, employee_id=employee, now=NOW)
    exchange(shr, hq)
    exchange(hbn, hq)
    exchange(hq, shr)
    exchange(hq, hbn)
    exchange(shr, hq)
    for node in (hq, shr, hbn):
        held = views.day_list(node, SUNDAY)
        assert [x.id for x in held] == [first.id]
        lost = views.get_appointment(node, later.id)
        assert lost.state == rules.CANCELLED and lost.reason
    assert content(hq)["appointment"] == content(shr)["appointment"] == content(hbn)["appointment"]
    review = sync_review.conflicts(hq)
    assert [(c.table, c.row_id, c.field) for c in review] == [("appointment", str(later.id), "state")]
    # bringing the cancelled booking back is refused while the other holds the time
    with pytest.raises(ValidationError, match="already used"):
        sync_review.settle(hq, review[0].id, sync_review.LOSER)
    booking.cancel(hq, first.id)
    assert sync_review.settle(hq, review[0].id, sync_review.LOSER).status == "settled"
    assert [x.id for x in views.day_list(hq, SUNDAY)] == [later.id]


def test_a_slot_cancelled_and_booked_again_at_head_office_reaches_the_branch(nodes):
    shr, hq = nodes["SHR"], nodes["HQ"]
    a = applicants.register(shr, person("1000000008", category="consumer", city="نجران"))
    v = booking.book(shr, a.id, SUNDAY, dt.time(9), rules.INTERVIEW, now=NOW)
    exchange(shr, hq)
    booking.cancel(hq, v.id)
    again = booking.book(hq, a.id, SUNDAY, dt.time(9), rules.SERVICE, employee_id=v.employee_id, now=NOW)
    exchange(hq, shr)  # the cancelling lets the slot go before the new booking is added
    assert [(x.id, x.purpose) for x in views.day_list(shr, SUNDAY)] == [(again.id, rules.SERVICE)]
    assert sync_review.conflicts(shr) == []
