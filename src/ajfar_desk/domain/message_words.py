"""What a message's kind, channel and state are called on the screens and in the reports (the
outbox's codes: ``db.messages`` states, ``domain.messages`` kinds and channels)."""

from __future__ import annotations

from ..i18n import N_, _
from .messages import CHANNEL_LABELS, KIND_LABELS

STATE_LABELS = {
    "queued": N_("Queued"),
    "sending": N_("Being sent"),
    "sent": N_("Sent"),
    "failed": N_("Failed"),
    "unknown": N_("Unknown: to check"),
}
RESENDABLE = frozenset({"failed", "unknown"})  # what a manager may send again (``outbox.resend``)


def state_label(code: str) -> str:
    return _(STATE_LABELS[code]) if code in STATE_LABELS else code


def kind_label(code: str) -> str:
    return _(KIND_LABELS[code]) if code in KIND_LABELS else code


def channel_label(code: str) -> str:
    return _(CHANNEL_LABELS[code]) if code in CHANNEL_LABELS else code
