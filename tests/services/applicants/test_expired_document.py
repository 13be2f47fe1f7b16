"""A document whose expiry date is already past is recorded (the file keeps it), and the result
says it has expired; the forms' warning reads the typed date the same way."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.document_edit import DocumentEdit, edit_document, past_expiry

from .test_document_edit import lease, person

pytestmark = pytest.mark.usefixtures("english_messages")


def test_an_expired_document_is_recorded_and_said_expired(ctx):
    applicant = person(ctx, 41)
    doc = lease(ctx, applicant.id, expiry="15/08/2023")
    assert doc.expiry_date == dt.date(2023, 8, 15)
    assert doc.expired()
    assert not doc.expired(on=dt.date(2023, 8, 15))  # valid through its last day
    assert doc.expired(on=dt.date(2023, 8, 16))
    assert applicants.get(ctx, applicant.id).documents[0].expired()
    # corrected to a date to come: no longer expired; back to a past one: said again
    fixed = edit_document(ctx, doc.id, DocumentEdit("L-77", "", "15/08/2099"), base=doc)
    assert not fixed.expired()
    again = edit_document(ctx, doc.id, DocumentEdit("L-77", "", "١٥/٠٨/٢٠٢٣"), base=fixed)
    assert again.expired()


def test_a_document_without_an_expiry_never_expires(ctx):
    applicant = person(ctx, 42)
    kind = next(k.code for k in ctx.profile.document_kinds if not k.has_expiry)
    doc = applicants.add_document(ctx, applicant.id, applicants.DocumentInput(
        kind=kind, number="", issue_date="", expiry_date=""))
    assert doc.expiry_date is None and not doc.expired()


@pytest.mark.parametrize(("typed", "past"), [
    ("15/08/2023", dt.date(2023, 8, 15)),
    ("١٥/٠٨/٢٠٢٣", dt.date(2023, 8, 15)),
    ("1/1/1445هـ", dt.date(2023, 7, 19)),
    ("15/08/2099", None),
    ("", None),
    ("31/13/2023", None),  # not a date: saving says why
])
def test_past_expiry_reads_the_typed_date(typed, past):
    assert past_expiry(typed, today=dt.date(2026, 12, 7)) == past
