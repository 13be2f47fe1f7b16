"""The sender: delivers this store's due messages, each exactly once.

Due: ``state`` queued, created by this store (``created_node``, see ``outbox.py``), fewer
attempts than ``max_attempts``, and its ``next_attempt_at`` passed (exponential back-off:
``backoff_seconds`` after the first failure, doubled each time, at most six hours).

Never twice — the rule:
1. Before the network call the message is marked ``sending`` (attempts + 1, a lease of
   ``lease_seconds``) and that is COMMITTED, with its idempotency key already on the row.
2. The network call: the key goes with it (the e-mail's Message-ID; for an HTTP gateway the
   ``idempotency_header`` or a ``{key}`` parameter when the gateway takes one).
3. The answer is recorded: sent, or queued again (retry later), or failed.
(Steps 1 and 3 take a group of ``GROUP`` messages at a time: two commits per group.)
A sender stopped between 2 and 3 (a crash, the laptop shut) leaves the message in ``sending``.
When its lease has passed, the next sender does NOT resend it blindly: an e-mail is sent again
with the same Message-ID (mail systems see one message), an HTTP message again only when the
gateway de-duplicates by the key (``deduplicates = true``); any other becomes ``unknown``: a
manager checks with the applicant and resends it by hand (``outbox.resend``).

No Qt: the window runs ``send_due`` off its thread through the operation runner."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import or_, select

from ...db.messages import FAILED, QUEUED, SENDING, SENT, UNKNOWN, OutboxMessage
from ...domain import messages as dm
from ...domain.errors import ValidationError
from ...i18n import _
from ..store.context import AppContext
from ..store.events import MESSAGES_CHANGED
from . import channels as ch
from .outbox import store_node
from .transport import DeliveryError, Outgoing, deliver

MAX_BACKOFF = dt.timedelta(hours=6)
BATCH = 200  # due messages read at a time
GROUP = 20  # messages claimed, then recorded, in one transaction


@dataclass(frozen=True)
class SendReport:
    sent: int = 0
    retrying: int = 0  # failed this time, queued for a later attempt
    failed: int = 0  # gave up: the last attempt, or the gateway refused the message
    unknown: int = 0  # left in "sending" by a stopped sender, for a manager to check
    not_configured: int = 0  # due, but messaging.toml has no such channel

    @property
    def all_sent(self) -> bool:
        return not (self.retrying or self.failed or self.unknown or self.not_configured)


def backoff(settings: ch.SenderSettings, attempts: int) -> dt.timedelta:
    delay = dt.timedelta(seconds=settings.backoff_seconds * 2 ** max(attempts - 1, 0))
    return min(delay, MAX_BACKOFF)


def _safe_to_repeat(config: ch.EmailChannel | ch.HttpChannel | None) -> bool:
    return isinstance(config, ch.EmailChannel) or (isinstance(config, ch.HttpChannel) and config.deduplicates)


def recover(ctx: AppContext, channels: ch.Channels, now: dt.datetime) -> int:
    """Messages a stopped sender left in ``sending`` (lease passed): queued again when a repeat
    is recognised by the key, else ``unknown``.  Returns how many became unknown."""
    unknown = 0
    with ctx.uow(check_account=False) as s:
        me = store_node(s)
        stale = s.scalars(select(OutboxMessage).where(
            OutboxMessage.created_node == me, OutboxMessage.state == SENDING,
            OutboxMessage.next_attempt_at < now)).all()
        for row in stale:
            if _safe_to_repeat(channels.get(row.channel)):
                row.state, row.next_attempt_at = QUEUED, now
                row.last_error = _("The sender stopped while sending; sent again with the same key")
            else:
                row.state = UNKNOWN
                row.last_error = _("The sender stopped after sending began: check with the applicant "
                                   "whether it arrived, then resend it if not")
                unknown += 1
        if stale:
            ctx.changed(MESSAGES_CHANGED)
    return unknown


def _due_ids(ctx: AppContext, channels: ch.Channels, now: dt.datetime) -> tuple[list[uuid.UUID], int]:
    configured = [name for name in dm.CHANNELS if channels.get(name) is not None]
    with ctx.reading() as s:
        me = store_node(s)
        due = (OutboxMessage.created_node == me, OutboxMessage.state == QUEUED,
               OutboxMessage.attempts < channels.sender.max_attempts,
               or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
        ids = list(s.scalars(select(OutboxMessage.id).where(*due, OutboxMessage.channel.in_(configured))
                             .order_by(OutboxMessage.created_at).limit(BATCH)))
        waiting = len(s.scalars(select(OutboxMessage.id).where(
            *due, OutboxMessage.channel.not_in(configured))).all())
    return ids, waiting


@dataclass
class _Attempt:
    message_id: uuid.UUID
    out: Outgoing
    answer: str | None = None
    error: DeliveryError | None = None
    tried: bool = False


def _lease(channels: ch.Channels, count: int) -> dt.timedelta:
    """How long a claimed group may take: the lease, plus each message's network timeout."""
    timeouts = [c.timeout for c in (channels.email, channels.sms, channels.whatsapp) if c is not None]
    return dt.timedelta(seconds=channels.sender.lease_seconds + count * max(timeouts, default=0))


def _claim(ctx: AppContext, ids: list[uuid.UUID], channels: ch.Channels, now: dt.datetime) -> list[_Attempt]:
    """Step 1: mark a group sending, committed before any network call; a message another
    sender took meanwhile is left out."""
    with ctx.uow(check_account=False) as s:
        rows = s.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids), OutboxMessage.state == QUEUED)
                         .order_by(OutboxMessage.created_at).with_for_update(skip_locked=True)).all()
        until = now + _lease(channels, len(rows))
        for row in rows:
            row.state, row.attempts, row.next_attempt_at = SENDING, row.attempts + 1, until
        return [_Attempt(row.id, Outgoing(row.channel, row.recipient, row.subject, row.text,
                                          row.idempotency_key)) for row in rows]


def _record(ctx: AppContext, attempts: list[_Attempt], channels: ch.Channels, now: dt.datetime) -> list[str]:
    """Step 3: what became of each message of the group; their new states.  One not tried (the
    sender was cancelled, or stopped by an error) goes back to the queue as it was."""
    states = []
    with ctx.uow(check_account=False) as s:
        for a in attempts:
            row = s.get(OutboxMessage, a.message_id)
            if row is None or row.state != SENDING or row.idempotency_key != a.out.key:
                states.append(row.state if row is not None else FAILED)
                continue
            if not a.tried:
                row.state, row.attempts, row.next_attempt_at = QUEUED, row.attempts - 1, None
                continue
            if a.error is None and a.answer is None:  # the sending itself failed unexpectedly
                row.state = UNKNOWN
                row.last_error = _("The sender failed while sending: check with the applicant "
                                   "whether it arrived, then resend it if not")
            elif a.error is None:
                row.state, row.sent_at, row.next_attempt_at = SENT, now, None
                row.last_error = a.answer or ""
            elif a.error.retry and row.attempts < channels.sender.max_attempts:
                row.state, row.last_error = QUEUED, a.error.reason
                row.next_attempt_at = now + backoff(channels.sender, row.attempts)
            else:
                row.state, row.last_error, row.next_attempt_at = FAILED, a.error.reason, None
            states.append(row.state)
    return states


def send_due(
    ctx: AppContext,
    *,
    now: Callable[[], dt.datetime] | None = None,
    channels: ch.Channels | None = None,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SendReport:
    """Send every due message of this store once; what happened, counted.  Messages are claimed
    and recorded by groups of ``GROUP`` (two transactions per group, not per message: a desk's
    disk commits slowly); a stop in the middle of a group leaves at most that many to check."""
    clock = now or (lambda: dt.datetime.now(dt.UTC))
    channels = channels if channels is not None else ch.load(ctx.store.data_dir)
    counts = {SENT: 0, QUEUED: 0, FAILED: 0}
    unknown = recover(ctx, channels, clock())
    seen: set[uuid.UUID] = set()
    waiting = 0
    while not (cancelled and cancelled()):
        ids, waiting = _due_ids(ctx, channels, clock())
        ids = [i for i in ids if i not in seen]
        if not ids:
            break
        seen.update(ids)
        for start in range(0, len(ids), GROUP):
            if cancelled and cancelled():
                break
            group = _claim(ctx, ids[start:start + GROUP], channels, clock())
            try:
                for attempt in group:
                    if cancelled and cancelled():
                        break
                    config = channels.get(attempt.out.channel)
                    assert config is not None  # only configured channels are due here
                    attempt.tried = True
                    try:
                        attempt.answer = deliver(config, attempt.out)  # step 2
                    except DeliveryError as exc:
                        attempt.error = exc
            finally:  # an error here (not a dead process) still records what was sent
                states = _record(ctx, group, channels, clock()) if group else []
            for state in states:
                counts[state if state in counts else FAILED] += 1
            if progress:
                progress(sum(counts.values()))
    if sum(counts.values()) or unknown:
        ctx.changed(MESSAGES_CHANGED)
    return SendReport(counts[SENT], counts[QUEUED], counts[FAILED], unknown, waiting)


def send_test(ctx: AppContext, channel: str, to: str, channels: ch.Channels | None = None) -> str:
    """Send a test message to ``to`` through ``channel`` at once (nothing is queued); returns
    the gateway's answer, or raises ValidationError saying why it failed."""
    from ...domain.phone import normalize_phone

    channels = channels if channels is not None else ch.load(ctx.store.data_dir)
    if channel not in dm.CHANNELS:
        raise ValidationError("channel", _("Unknown channel: {channel}").format(channel=channel))
    config = channels.get(channel)
    if config is None:
        message = _("The channel {channel} is not configured in {file}")
        raise ValidationError("channel", message.format(channel=channel, file=ch.FILE))
    recipient = dm.normalize_email(to, "to") if channel == dm.EMAIL else normalize_phone(to, field="to")
    if not recipient:
        raise ValidationError("to", _("Give the address to send the test message to"))
    text = _("Test message from {association}: the {channel} channel works.").format(
        association=ctx.profile.name(), channel=_(dm.CHANNEL_LABELS[channel]))
    out = Outgoing(channel, recipient, text, text, f"ajfar-test-{uuid.uuid4().hex}")
    try:
        return deliver(config, out)
    except DeliveryError as exc:
        raise ValidationError("channel", _("The test message was not sent: {reason}").format(
            reason=exc.reason)) from None
