"""Submitting is one workflow step like the others: its status event and its audit entry are
written by ``casework.step``, the one step function."""

from __future__ import annotations

import json

from sqlalchemy import select

from ajfar_desk.db.models import AuditEntry, StatusEvent, SupportRequest
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.requests import casework
from printing.scenario import submitted_request


def _audit(ctx, request_id, action) -> dict:
    with ctx.reading() as s:
        text = s.scalar(select(AuditEntry.details).where(
            AuditEntry.entity_id == str(request_id), AuditEntry.action == action))
    return json.loads(text)


def test_submission_is_written_as_every_workflow_step(ctx):
    _a, req = submitted_request(ctx)
    with ctx.reading() as s:
        row = s.get(SupportRequest, req.id)
        event = s.scalars(select(StatusEvent).where(
            StatusEvent.request_id == req.id, StatusEvent.action == wf.SUBMIT)).one()
        assert (event.from_status, event.to_status) == (wf.DRAFT, wf.SUBMITTED)
        assert event.role == ctx.role and event.user_id == ctx.user_id
        assert event.at.replace(tzinfo=None) == row.submitted_at.replace(tzinfo=None)
        assert "eligibility" in json.loads(event.details)
    casework.act(ctx, req.id, wf.CANCEL, "moved to another city")
    submitted, cancelled = _audit(ctx, req.id, wf.SUBMIT), _audit(ctx, req.id, wf.CANCEL)
    assert submitted == {"from": wf.DRAFT, "to": wf.SUBMITTED, "reference": req.reference}
    assert set(cancelled) == {"from", "to", "reference", "reason"}
    assert [e.action for e in casework.timeline(ctx, req.id)][-2:] == [wf.SUBMIT, wf.CANCEL]
