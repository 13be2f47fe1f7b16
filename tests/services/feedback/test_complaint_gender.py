"""A complainant not linked to a file may have her gender recorded with the complaint, so the
words about her agree with it («تعذر الوصول إليها»); a linked applicant's file says it; an
anonymous complaint keeps none, and a complaint that says none reads in the usual words."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import luhn_check_digit
from ajfar_desk.services.feedback import complaints as cs
from consortium import register

DAY = dt.date(2026, 12, 7)


def _record(ctx, **fields) -> cs.ComplaintView:
    data = dict(kind="complaint", channel="phone", category="delay", subject="تأخر الرد")
    data.update(fields)
    return cs.record_complaint(ctx, cs.ComplaintInput(**data), today=DAY)


def test_an_unlinked_complainants_gender_is_kept(ctx):
    made = _record(ctx, contact_name="منيرة الدوسري", contact_gender="female")
    assert made.complainant_gender == "female"
    assert cs.get_complaint(ctx, made.id).complainant_gender == "female"
    assert [c.complainant_gender for c in cs.list_complaints(ctx)] == ["female"]
    said_nothing = _record(ctx, contact_name="سالم")
    assert said_nothing.complainant_gender is None  # the usual words


def test_a_linked_file_says_the_gender(ctx):
    number = "100000021" + str(luhn_check_digit("100000021"))
    register(ctx, number)  # a man («سعد»)
    made = _record(ctx, national_id=number, contact_gender="female")
    assert made.complainant_gender == "male"  # the file's, not a guess typed beside it


@pytest.mark.parametrize(("fields", "field"), [
    (dict(anonymous=True, contact_gender="female"), "contact_gender"),
    (dict(contact_name="منيرة", contact_gender="other"), "contact_gender"),
])
def test_a_gender_that_cannot_be_kept_is_refused_by_its_field(ctx, fields, field):
    with pytest.raises(ValidationError) as info:
        _record(ctx, **fields)
    assert field in [f for f, _m in info.value.errors]

