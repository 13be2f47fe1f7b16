"""The outbox (صندوق الرسائل الصادرة): every message to an applicant, written in the same
transaction as the event that caused it, so nothing is lost while a laptop is offline.

A message syncs with the other tables (head office sees what every branch told its applicants)
but is sent by exactly ONE node: the store that created it (``created_node`` holds that store's
``store_id``).  See ``services/messages/outbox.py`` for why."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedRow

QUEUED, SENDING, SENT, FAILED, UNKNOWN = "queued", "sending", "sent", "failed", "unknown"
STATES = (QUEUED, SENDING, SENT, FAILED, UNKNOWN)


class OutboxMessage(SyncedRow, Base):
    """One message: who (applicant, recipient address), through which channel, which template
    in which language, the text as sent, and what became of it.  ``state``: queued (waiting, or
    retried after ``next_attempt_at``), sending (marked, with its idempotency key, before the
    network call), sent, failed (gave up after the last attempt), unknown (the sender stopped
    between the network call and recording it: a manager checks and resends)."""

    __tablename__ = "outbox_message"
    applicant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applicant.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("support_request.id", ondelete="SET NULL"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))  # receipt, decision, more_info, …
    channel: Mapped[str] = mapped_column(String(16))  # sms | whatsapp | email
    recipient: Mapped[str] = mapped_column(String(254))
    language: Mapped[str] = mapped_column(String(2))  # ar | en
    template: Mapped[str] = mapped_column(String(64))  # the profile's template key
    subject: Mapped[str] = mapped_column(String(200), default="")  # e-mail only
    text: Mapped[str] = mapped_column(Text)  # as sent
    created_by: Mapped[uuid.UUID | None]  # the user
    created_node: Mapped[str] = mapped_column(String(40))  # store_id of the sending store
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(12), default=QUEUED, index=True)
    next_attempt_at: Mapped[dt.datetime | None]  # not before (back-off, or "the day before")
    last_error: Mapped[str] = mapped_column(Text, default="")  # or the gateway's answer
    sent_at: Mapped[dt.datetime | None]
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
