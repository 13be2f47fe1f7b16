"""Requests put in a state for a listing's tests, as the steps would leave them: a listing reads
only the request's row, and walking each one through the workflow would cost a test seconds."""

from __future__ import annotations

from sqlalchemy import update

from ajfar_desk.db.models import SupportRequest


def put(ctx, request_id, **values) -> None:
    """``values`` written on the request's row (a test's shortcut: not exchanged, not audited)."""
    with ctx.store.transaction() as s:
        s.execute(update(SupportRequest).where(SupportRequest.id == request_id).values(**values),
                  execution_options={"sync_recorded": True})
