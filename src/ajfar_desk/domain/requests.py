"""Support-request rules that need no database: statuses, references, the documents checklist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ..i18n import N_
from .permissions import BRANCH_REP

DRAFT = "draft"
SUBMITTED = "submitted"
STATUSES = (DRAFT, SUBMITTED)
STATUS_LABELS = {DRAFT: N_("Draft"), SUBMITTED: N_("Submitted")}

# An iqama satisfies a program's identity-document requirement for a resident; a visitor's
# identity document (a passport, a GCC ID, a border number, a visa) for the one identified by it.
EQUIVALENT_KINDS = {"national_id": ("national_id", "iqama")}
VISITOR_IDENTITIES = frozenset({"passport", "gcc_id", "border_number", "visa"})

OK, MISSING, EXPIRED = "ok", "missing", "expired"

INTERVIEW, BRANCH_REPRESENTATIVES = "interview", "branch_representatives"


def default_channel(role: str | None, channels: Iterable[str]) -> str:
    """The channel a new request is set to: a branch representative's requests come through
    the branch representatives (trial: a branch laptop said «المقابلة»), where the association
    has that channel; else the interview at the desk."""
    codes = tuple(channels)
    if role == BRANCH_REP and BRANCH_REPRESENTATIVES in codes:
        return BRANCH_REPRESENTATIVES
    return INTERVIEW if INTERVIEW in codes or not codes else codes[0]


def identity_kind(nationality: str | None, id_type: str | None, kinds: Iterable[str]) -> str:
    """The document a program's «national ID» means for this person: a resident's iqama, a
    visitor's own document (a Yemeni with no papers was told «الهوية الوطنية», trial 10); the
    national ID for a Saudi, a person not known, or where the association has no such kind."""
    if nationality in (None, "", "SA"):
        return "national_id"
    own = id_type if id_type in VISITOR_IDENTITIES else "iqama"
    return own if own in set(kinds) else "national_id"


def format_reference(prefix: str, hijri_year: int, number: int) -> str:
    """``AJF-1447-000123``: per branch prefix and Hijri year."""
    return f"{prefix}-{hijri_year}-{number:06d}"


@dataclass(frozen=True)
class HeldDocument:
    id: object
    kind: str
    expiry_date: dt.date | None


@dataclass(frozen=True)
class ChecklistItem:
    kind: str
    state: str  # ok | missing | expired
    document_id: object | None = None
    expiry_date: dt.date | None = None


def evaluate_checklist(
    required: Iterable[str],
    held: Iterable[HeldDocument],
    on: dt.date,
    expiring: set[str] | None = None,
    id_type: str = "",
) -> list[ChecklistItem]:
    """For each required kind: the best document held, valid on ``on`` (the submission day).

    A document is valid when it has no expiry date or expires on or after ``on``.  ``expiring``
    names the kinds that must carry an expiry date (left out: any document counts).  ``id_type``
    is the applicant's identity: a visitor's own document stands for the national ID.
    """
    held = list(held)
    items: list[ChecklistItem] = []
    for kind in required:
        accepted = EQUIVALENT_KINDS.get(kind, (kind,))
        if kind == "national_id" and id_type in VISITOR_IDENTITIES:
            accepted = (*accepted, id_type)
        candidates = [d for d in held if d.kind in accepted]
        if not candidates:
            items.append(ChecklistItem(kind, MISSING))
            continue
        valid = [d for d in candidates if d.expiry_date is None or d.expiry_date >= on]
        if valid:
            best = max(valid, key=lambda d: d.expiry_date or dt.date.max)
            items.append(ChecklistItem(kind, OK, best.id, best.expiry_date))
        else:
            latest = max(candidates, key=lambda d: d.expiry_date or dt.date.min)
            items.append(ChecklistItem(kind, EXPIRED, latest.id, latest.expiry_date))
    return items


def checklist_complete(items: Iterable[ChecklistItem]) -> bool:
    return all(item.state == OK for item in items)


def answer_due(submitted_on: dt.date, period_days: int) -> dt.date:
    """The day the committee's answer is due: never sooner than two weeks."""
    return submitted_on + dt.timedelta(days=max(14, period_days))
