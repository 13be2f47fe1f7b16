"""The request's timeline with the messages to the applicant among its steps: each message
(kind, channel, state, when) in its place by time, so the file says the applicant was told."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from ..messages import outbox
from ..store.context import AppContext
from .casework import TimelineEntry, timeline


@dataclass(frozen=True)
class MessageEntry:
    at: dt.datetime  # queued
    kind: str
    channel: str
    recipient: str
    state: str
    sent_at: dt.datetime | None
    last_error: str


def timeline_with_messages(ctx: AppContext, request_id: uuid.UUID) -> list[TimelineEntry | MessageEntry]:
    """The steps (``casework.timeline``) and the request's messages, oldest first."""
    steps: list[TimelineEntry | MessageEntry] = list(timeline(ctx, request_id))
    with ctx.reading() as s:
        messages = outbox.list_messages(s, request_id=request_id)
    steps += [MessageEntry(m.created_at, m.kind, m.channel, m.recipient, m.state, m.sent_at, m.last_error)
              for m in messages]
    return sorted(steps, key=lambda e: (e.at, isinstance(e, MessageEntry)))
