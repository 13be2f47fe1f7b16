"""The outbox's queue: consent, the preferred channel and language, the association's switch,
the template filled from the applicant, the request and the profile; the overdue scan once per
answer date; list and resend."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ajfar_desk.db.messages import FAILED, QUEUED
from ajfar_desk.domain import messages as dm
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.messages import outbox

from .helpers import consenting


def _queue(ctx, a, req, kind="decision", **values):
    with ctx.uow() as s:
        row = outbox.queue(s, applicant_id=a.id, kind=kind, values=values, request_id=req.id)
        return None if row is None else outbox.view(row)


def test_a_message_is_written_in_the_callers_transaction_with_the_text_as_sent(ctx):
    a, req = consenting(ctx, submit=False)
    m = _queue(ctx, a, req, decision="الموافقة")
    assert (m.channel, m.recipient, m.language, m.state, m.attempts) == (
        "email", "khalid@example.org", "ar", QUEUED, 0)
    assert a.full_name in m.text and req.reference in m.text and "الموافقة" in m.text
    assert m.subject == f"قرار لجنة البحث في طلبكم رقم {req.reference}"
    assert m.idempotency_key == f"ajfar-{m.id.hex}" and m.created_at is not None
    assert m.created_node == ctx.store.meta()["store_id"]
    with ctx.uow() as s:
        assert [v.id for v in outbox.list_messages(s, request_id=req.id, state=QUEUED)] == [m.id]
    with pytest.raises(RuntimeError), ctx.uow() as s:  # a rolled-back event leaves no message
        outbox.queue(s, applicant_id=a.id, kind="decision", values={}, request_id=req.id)
        raise RuntimeError("the event failed")
    with ctx.uow() as s:
        assert len(outbox.list_messages(s, applicant_id=a.id)) == 1


def test_no_consent_no_address_or_a_switched_off_kind_queue_nothing(ctx):
    a, req = consenting(ctx, consent=False, submit=False)
    assert _queue(ctx, a, req) is None
    b, req_b = consenting(ctx, channel="sms", email="", nid_body="01234575", submit=False)
    m = _queue(ctx, b, req_b)
    assert (m.channel, m.recipient) == ("sms", "+966551234567")
    off = dataclasses.replace(ctx.profile.messages, off=frozenset({dm.DECISION}))
    ctx.profile = dataclasses.replace(ctx.profile, messages=off)
    assert _queue(ctx, b, req_b) is None
    assert _queue(ctx, b, req_b, kind=dm.MORE_INFO, missing="صك الإعالة") is not None


def test_english_applicants_get_the_english_template_with_western_digits(ctx):
    a, req = consenting(ctx, language="en", submit=False)
    m = _queue(ctx, a, req, kind=dm.OVERDUE_APOLOGY, new_date="1/1/2027")
    assert m.language == "en" and m.text.startswith(f"Dear {a.full_name}, we apologise")


def test_the_receipt_carries_the_answer_date_in_both_calendars(ctx):
    a, req = consenting(ctx)
    with ctx.uow() as s:
        [m] = outbox.list_messages(s, request_id=req.id)
    assert m.kind == dm.RECEIPT and req.reference in m.text
    hijri = outbox.both_calendars(req.answer_due, "ar", ctx.profile.digits)
    assert hijri in m.text and "هـ" in hijri


def test_the_overdue_scan_apologises_once_per_answer_date(ctx):
    a, req = consenting(ctx)
    late = req.answer_due + dt.timedelta(days=1)
    with ctx.uow() as s:
        assert outbox.queue_due(s, req.answer_due) == 0  # not late yet
        assert outbox.queue_due(s, late) == 1
    with ctx.uow() as s:
        assert outbox.queue_due(s, late + dt.timedelta(days=3)) == 0  # same answer date: no more
        [m] = outbox.list_messages(s, request_id=req.id, state=QUEUED)[:1]
    assert m.kind == dm.OVERDUE_APOLOGY
    new = outbox.both_calendars(late + dt.timedelta(days=ctx.profile.messages.overdue_extra_days),
                                "ar", ctx.profile.digits)
    assert new in m.text


def test_resend_takes_a_failed_message_again_with_a_new_key(ctx):
    a, req = consenting(ctx, submit=False)
    m = _queue(ctx, a, req)
    with ctx.uow() as s:
        row = s.get(outbox.OutboxMessage, m.id)
        row.state, row.attempts, row.last_error = FAILED, 5, "HTTP 500"
    with ctx.uow() as s:
        again = outbox.resend(s, m.id)
    assert (again.state, again.attempts, again.last_error) == (QUEUED, 0, "")
    assert again.idempotency_key != m.idempotency_key
    with ctx.uow() as s:
        row = s.get(outbox.OutboxMessage, m.id)
        row.state = "sent"
    with pytest.raises(ValidationError), ctx.uow() as s:
        outbox.resend(s, m.id)


def test_the_migration_keeps_the_name_index_of_the_applicants(ctx):
    """0014 adds the applicant's message columns without recreating the table (which would
    drop the full-text index's triggers): a registered applicant is found by name."""
    from ajfar_desk.services.applicants import search

    a, _req = consenting(ctx, submit=False)
    assert [h.id for h in search.search(ctx, "عبدالرحمن الشمراني")] == [a.id]


def test_anonymising_the_applicant_empties_the_messages_and_stops_those_not_sent(ctx):
    from ajfar_desk.services.privacy import privacy, privacy_export

    a, req = consenting(ctx)
    exported = privacy_export.export_person(ctx, a.id)
    assert exported["applicant"]["email"] == "khalid@example.org"
    assert [m["kind"] for m in exported["messages"]] == [dm.RECEIPT]
    result = privacy.anonymise(ctx, a.id, "طلب المستفيد الكتابي رقم 12 بحذف بياناته")
    assert result.messages == 1
    with ctx.reading() as s:
        [m] = outbox.list_messages(s, applicant_id=a.id)
        row = s.get(outbox.Applicant, a.id)
        assert (row.email, row.messages_consent) == (None, False)
    assert (m.state, m.recipient, m.text, m.subject) == (FAILED, "", "", "")


def test_only_a_manager_resends_and_the_resend_is_audited(ctx):
    from accounts import staff_accounts
    from ajfar_desk.domain.permissions import PermissionDenied
    from ajfar_desk.services.messages import manage
    from ajfar_desk.services.users import audit

    as_ = staff_accounts(ctx, {"desk": ("front_desk", "سارة"), "boss": ("manager", "منيرة")})
    a, req = consenting(ctx)
    [m] = manage.list_messages(ctx, request_id=req.id)
    with ctx.uow() as s:
        s.get(outbox.OutboxMessage, m.id).state = FAILED
    as_("desk")
    assert [v.id for v in manage.list_messages(ctx, state=FAILED)] == [m.id]  # the desk sees them
    with pytest.raises(PermissionDenied):
        manage.resend(ctx, m.id)
    as_("boss")
    assert manage.resend(ctx, m.id).state == QUEUED
    as_("admin")
    [line] = audit.entries(ctx, entity_id=str(m.id), action="resend")
    assert line.details == {"channel": "email", "kind": "receipt"}
