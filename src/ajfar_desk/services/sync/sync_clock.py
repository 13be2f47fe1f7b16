"""Telling whose clock is wrong after an import, without refusing anything.

A bundle records when it was made (the sender's wall clock).  When that moment lies more than the clock's drift away from this computer's clock, one of the two clocks is
wrong.  Head office is the association's reference: a laptop importing from head office is told
that *its own* clock is off; head office importing from a laptop names that laptop's clock; two
laptops are told their clocks differ.  The bundle was applied in every case, its changes ordered
by their own stamps, and this node's clock was not moved by a stamp beyond the drift."""

from __future__ import annotations

import datetime as dt

from ...i18n import _, ngettext
from .sync_bundle import Header


def _span(ms: float) -> str:
    hours = abs(ms) / 3_600_000
    if hours >= 36:
        days = round(hours / 24)
        return ngettext("{n} day", "{n} days", days).format(n=days)
    if hours >= 1:
        whole = round(hours)
        return ngettext("{n} hour", "{n} hours", whole).format(n=whole)
    minutes = max(1, round(abs(ms) / 60_000))
    return ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)


def skew_ms(header: Header, now_ms: int) -> float:
    """How far the sender's clock was ahead of ours (``now_ms``; negative: behind), in ms, from
    the moment the bundle was made (its changes may come from a third node: not them)."""
    now = dt.datetime.fromtimestamp(now_ms / 1000, dt.UTC)
    made = dt.datetime.fromisoformat(header.created)
    return (made - now).total_seconds() * 1000


def warning(header: Header, branch: str, now_ms: int, *, i_am_hub: bool,
            from_hub: bool, drift_ms: int) -> str:
    """The sentence for the person importing, or "" when the clocks agree within the drift."""
    return skew_warning(skew_ms(header, now_ms), branch, i_am_hub=i_am_hub, from_hub=from_hub,
                        drift_ms=drift_ms)


def skew_warning(skew: float | None, branch: str, *, i_am_hub: bool, from_hub: bool, drift_ms: int) -> str:
    """The sentence for a peer whose clock was ``skew`` ms ahead of ours (negative: behind), or
    "" when the clocks agree within the drift (or nothing is known yet)."""
    if skew is None or abs(skew) <= drift_ms:
        return ""
    span = _span(skew)
    if from_hub and not i_am_hub:  # head office is right: ours is wrong
        if skew > 0:
            return _("This computer's clock is {span} behind head office's. Set this computer's "
                     "date and time; the bundle was applied.").format(span=span)
        return _("This computer's clock is {span} ahead of head office's. Set this computer's "
                 "date and time; the bundle was applied.").format(span=span)
    if i_am_hub:
        if skew > 0:
            return _("The clock of branch {branch}'s computer is {span} ahead of head office's. "
                     "Set that computer's date and time; the bundle was applied.").format(
                branch=branch, span=span)
        return _("The clock of branch {branch}'s computer is {span} behind head office's. "
                 "Set that computer's date and time; the bundle was applied.").format(
            branch=branch, span=span)
    return _("This computer's clock and branch {branch}'s differ by {span}. Check both computers' "
             "date and time; the bundle was applied.").format(branch=branch, span=span)
