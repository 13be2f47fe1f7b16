"""The outbox as the command line and the screens use it: one unit of work per action, the
permission checked, the change announced.  (``outbox.py`` holds the functions that take a
session, for the services that queue inside their own transaction.)"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from ...domain import permissions
from ..appointments.reminders import queue_reminders
from ..store.context import AppContext
from ..store.events import MESSAGES_CHANGED
from . import channels as ch
from . import outbox, sender


def list_messages(
    ctx: AppContext,
    *,
    state: str | None = None,
    applicant_id: uuid.UUID | None = None,
    request_id: uuid.UUID | None = None,
) -> list[outbox.MessageView]:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        return outbox.list_messages(s, state=state, applicant_id=applicant_id, request_id=request_id)


def resend(ctx: AppContext, message_id: uuid.UUID) -> outbox.MessageView:
    """A manager sends a failed message (or one whose fate is unknown) again."""
    ctx.require(permissions.MANAGE_MESSAGES)
    with ctx.uow() as s:
        view = outbox.resend(s, message_id)
        ctx.audit(s, "resend", "message", message_id, channel=view.channel, kind=view.kind)
        ctx.changed(MESSAGES_CHANGED, message_id)
    return view


def queue_overdue(ctx: AppContext, today: dt.date | None = None) -> int:
    """The apologies owed for answers late today (once per request and answer date), and the
    reminders of the next office day's appointments (once per booking)."""
    with ctx.uow() as s:
        count = outbox.queue_due(s, today or dt.date.today())
        count += queue_reminders(s, today or dt.date.today())
        if count:
            ctx.changed(MESSAGES_CHANGED)
    return count


def send_queued(
    ctx: AppContext,
    *,
    today: dt.date | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> sender.SendReport:
    """The overdue scan, then every due message of this store sent (``sender.send_due``)."""
    channels = ch.load(ctx.store.data_dir)  # a wrong file is refused before anything is queued
    queue_overdue(ctx, today)
    return sender.send_due(ctx, channels=channels, progress=progress, cancelled=cancelled)


def can_send(ctx: AppContext) -> bool:
    """A messaging.toml is there: the window's sender has something to send through."""
    return ch.configured(ctx.store.data_dir)


def send_test(ctx: AppContext, channel: str, to: str) -> str:
    ctx.require(permissions.MANAGE_MESSAGES)
    return sender.send_test(ctx, channel, to)
