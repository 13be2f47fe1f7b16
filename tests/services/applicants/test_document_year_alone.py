"""A document's expiry typed as a year alone («1450», «٢٠٢٩») is refused with what to type: the
card prints the day and month, and a year alone cannot say whether it is valid on the day of a
request (the end of the year would take a card that expired in Rabi' I as valid all year).  The
message names the field and gives the example in the year typed, Hijri or Gregorian."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.document_edit import past_expiry

from .test_income_not_said import person

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.mark.parametrize(("typed", "example"), [
    ("1450", "15/06/1450"), ("١٤٥٠ هـ", "15/06/1450"), ("2029", "15/06/2029"), ("٢٠٢٩", "15/06/2029")])
def test_an_expiry_year_alone_says_to_type_the_day_and_month(ctx, typed, example):
    a = applicants.register(ctx, person(21))
    with pytest.raises(ValidationError) as info:
        applicants.add_document(ctx, a.id, applicants.DocumentInput(kind="national_id",
                                                                    expiry_date=typed))
    (field, message), = info.value.errors
    assert field == "expiry_date"
    assert "day and month" in message and example in message and "valid" in message
    assert past_expiry(typed) is None  # no «already expired» warning for a date not read
    assert applicants.get(ctx, a.id).documents == ()


def test_an_issue_year_alone_says_the_same_without_the_validity(ctx):
    a = applicants.register(ctx, person(22))
    with pytest.raises(ValidationError) as info:
        applicants.add_document(ctx, a.id, applicants.DocumentInput(
            kind="national_id", issue_date="1440", expiry_date="15/06/1450"))
    (field, message), = info.value.errors
    assert field == "issue_date" and "day and month" in message and "15/06/1440" in message


def test_a_whole_date_in_either_calendar_is_read_as_before(ctx):
    a = applicants.register(ctx, person(23))
    doc = applicants.add_document(ctx, a.id, applicants.DocumentInput(kind="national_id",
                                                                      expiry_date="15/06/1450"))
    assert doc.expiry_date is not None and doc.expiry_date.year == 2028
