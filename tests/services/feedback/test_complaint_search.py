"""A complainant calls back about her complaint: the desk finds it by her name (any spelling of
alef and ta marbuta), her phone as she says it (05…, Arabic-Indic digits), its number or the
request's reference, with the status filter still applied."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.services.feedback import complaints as cs
from ajfar_desk.services.feedback.complaints import ComplaintInput
from printing.scenario import submitted_request

DAY = dt.date(2026, 12, 1)
pytestmark = pytest.mark.usefixtures("english_messages")


def _complaint(ctx, **fields):
    data = dict(kind="complaint", channel="phone", category="delay", subject="تأخر الرد على الطلب",
                contact_name="فهد العتيبي", contact_phone="0551112233")
    data.update(fields)
    return cs.record_complaint(ctx, ComplaintInput(**data), today=DAY)


def test_her_complaint_is_found_by_name_phone_number_or_reference(ctx):
    a, request = submitted_request(ctx, first="أسماء")
    hers = _complaint(ctx, contact_name="", national_id=a.national_id, request_reference=request.reference,
                      contact_phone="", subject="لم يصلني رد")
    other = _complaint(ctx, contact_name="منيرة الدوسري", contact_phone="0509876543", subject="المكان مزدحم")
    assert [c.id for c in cs.list_complaints(ctx, text="اسماء")] == [hers.id]  # أسماء typed without hamza
    assert [c.id for c in cs.list_complaints(ctx, text=to_arabic_digits("0509876543"))] == [other.id]
    assert [c.id for c in cs.list_complaints(ctx, text=other.number.lower())] == [other.id]
    assert [c.id for c in cs.list_complaints(ctx, text=request.reference)] == [hers.id]
    # linked by her ID, the complaint keeps no phone: her file's phone and ID number find it
    assert [c.id for c in cs.list_complaints(ctx, text=a.national_id)] == [hers.id]
    assert [c.id for c in cs.list_complaints(ctx, text=a.phone.replace("+966", "0"))] == [hers.id]
    assert [c.id for c in cs.list_complaints(ctx, text="منيره مزدحم")] == [other.id]  # every word
    assert cs.list_complaints(ctx, text="غير موجود") == []
    assert len(cs.list_complaints(ctx, text="")) == 2
    cs.resolve(ctx, other.id, "اعتذرنا وشرحنا", "phone", today=DAY)
    assert cs.list_complaints(ctx, status=cs.OPEN, text="منيرة") == []
    assert [c.id for c in cs.list_complaints(ctx, status=cs.RESOLVED, text="منيرة")] == [other.id]
