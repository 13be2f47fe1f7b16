"""What a person reviews after an exchange: values that lost to a concurrent edit (conflicts) and
files registered twice with one national ID at two branches (duplicates).  Settling and
merging are ordinary changes: they reach every node with the next exchange."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select

from ...db import synced as sv
from ...db.models import Applicant, SupportRequest
from ...db.sync_tables import SyncConflict, SyncDuplicate
from ...domain import permissions
from ...domain.errors import ValidationError
from ...i18n import N_, _
from ..store.context import AppContext
from ..store.events import APPLICANT_CHANGED, SYNC_CHANGED
from ..store.rows import get_or_refuse
from . import sync_duplicates
from .sync_keys import taken_elsewhere
from .sync_merge import stamp_time

TABLE_LABELS = {
    "applicant": N_("Applicant"),
    "household_member": N_("Household member"),
    "document": N_("Document"),
    "support_request": N_("Request"),
    "complaint": N_("Complaint"),
    "enquiry": N_("Enquiry"),
    "app_user": N_("User account"),
    "social_study": N_("Social study"),
    "issued_document": N_("Papers"),
    "committee_meeting": N_("Committee meeting"),
    "request_appeal": N_("Appeal"),
    "appointment": N_("Appointment"),
}
WINNER, LOSER = "winner", "loser"


@dataclass(frozen=True)
class ConflictView:
    id: uuid.UUID
    table: str
    row_id: str
    field: str
    winner: object
    loser: object
    winner_at: dt.datetime
    loser_at: dt.datetime
    status: str
    label: str  # what the row is: a name or a reference


@dataclass(frozen=True)
class DuplicateView:
    id: uuid.UUID
    national_id: str
    kept_id: uuid.UUID
    kept_name: str
    kept_branch: str
    other_id: uuid.UUID
    other_name: str
    other_branch: str
    status: str
    differences: tuple[sync_duplicates.Difference, ...] = ()  # what the second file says otherwise
    kept_holds: sync_duplicates.FileSummary | None = None  # requests, documents, members
    other_holds: sync_duplicates.FileSummary | None = None


def _to_review(s, model: type[SyncConflict] | type[SyncDuplicate], status: str | None):
    """The rows of one review list (conflicts, duplicates), newest first; with ``status``, only
    those in it."""
    q = select(model).order_by(model.created_at.desc())
    if status:
        q = q.where(model.status == status)
    return s.scalars(q)


def conflicts(ctx: AppContext, status: str | None = "open") -> list[ConflictView]:
    ctx.require(permissions.SYNC)
    with ctx.reading() as s:
        out = []
        for c in _to_review(s, SyncConflict, status):
            out.append(ConflictView(
                c.id, c.table_name, c.row_id, c.field, json.loads(c.winner), json.loads(c.loser),
                stamp_time(c.winner_stamp), stamp_time(c.loser_stamp), c.status, _label(s, c.table_name, c.row_id)))
        return out


def _label(s, table: str, row_id: str) -> str:
    cls = sv.synced_tables().get(table)
    row = s.get(cls, uuid.UUID(row_id)) if cls is not None else None
    if row is None:
        return row_id
    if table == "social_study":  # a study is known by its request
        return s.scalar(select(SupportRequest.reference).where(SupportRequest.id == row.request_id)) or row_id
    if table == "committee_meeting":
        return f"{row.number}/{row.hijri_year}"
    for name in ("full_name", "reference", "number", "subject"):
        if getattr(row, name, None):
            return str(getattr(row, name))
    return row_id


def settle(ctx: AppContext, conflict_id: uuid.UUID, keep: str) -> ConflictView:
    """Keep the value that won (nothing changes) or bring back the one that lost."""
    ctx.require(permissions.SYNC)
    if keep not in (WINNER, LOSER):
        raise ValidationError("keep", _("Choose which value to keep"))
    with ctx.uow() as s:
        c = get_or_refuse(s, SyncConflict, conflict_id, "conflict", _("No such conflict"))
        if c.status != "open":
            raise ValidationError("conflict", _("This conflict is already settled"))
        if keep == LOSER:
            cls = sv.synced_tables()[c.table_name]
            row = s.get(cls, uuid.UUID(c.row_id))
            if row is None:
                raise ValidationError("conflict", _("The record no longer exists"))
            kind = sv.columns(c.table_name)[c.field]
            value = sv.decode(kind, json.loads(c.loser))
            if taken_elsewhere(s, cls, row, c.field, value):
                raise ValidationError("conflict", _("The value {value} is already used by another "
                                                    "record; keep the new one").format(value=value))
            setattr(row, c.field, value)
        c.status, c.choice = "settled", keep
        c.settled_by, c.settled_at = ctx.user_id, dt.datetime.now(dt.UTC)
        ctx.audit(s, "settle", "sync_conflict", c.id, field=c.field, keep=keep)
        ctx.changed(SYNC_CHANGED, conflict_id)
        ctx.changed(APPLICANT_CHANGED, None)
    return next(v for v in conflicts(ctx, None) if v.id == conflict_id)


def duplicates(ctx: AppContext, status: str | None = "open") -> list[DuplicateView]:
    ctx.require(permissions.SYNC)
    with ctx.reading() as s:
        out = []
        for d in _to_review(s, SyncDuplicate, status):
            kept, other = s.get(Applicant, d.kept_id), s.get(Applicant, d.other_id)
            both = kept is not None and other is not None
            out.append(DuplicateView(
                d.id, d.national_id, d.kept_id, kept.full_name if kept else "",
                kept.branch if kept else "", d.other_id, other.full_name if other else "",
                other.branch if other else "", d.status,
                sync_duplicates.differences(kept, other) if both else (),
                sync_duplicates.summary(s, d.kept_id) if kept else None,
                sync_duplicates.summary(s, d.other_id) if other else None))
        return out


def merge(ctx: AppContext, duplicate_id: uuid.UUID, take: Collection[str] = ()) -> DuplicateView:
    """Merge the second file into the first (``sync_duplicates.merge``; ``take``: the compared
    fields whose second value wins)."""
    sync_duplicates.merge(ctx, duplicate_id, take)
    return next(v for v in duplicates(ctx, None) if v.id == duplicate_id)
