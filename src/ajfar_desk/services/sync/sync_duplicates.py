"""Merging the two files of one person registered at two places before they exchanged.

The two files rarely agree to the letter: a name spelt two ways, two phones, two cities.  The
person merging sees what differs (``differences``) and chooses, field by field, the second
file's value (``take``); nothing the second file says is dropped silently: a value not taken
that the first file lacks fills it, a second phone becomes the other phone, and any other value
left behind is written into the surviving file's notes (and the audit entry), where the desk
still finds it."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import func, select

from ...db.enquiries import Enquiry
from ...db.feedback import Complaint
from ...db.models import Applicant, Document, HouseholdMember, SupportRequest
from ...db.sync_tables import SyncDuplicate
from ...domain import permissions
from ...domain.errors import ValidationError
from ...domain.text import full_name, normalize_name
from ...domain.transliteration import name_key
from ...i18n import N_, _, current_language
from ..applicants.applicant_input import NAME_FIELDS
from ..store.context import AppContext
from ..store.events import APPLICANT_CHANGED, SYNC_CHANGED

# what a person compares, in the order of the registration form; "name" is the four parts
COMPARED = {
    "name": N_("Name"),
    "latin_name": N_("Name in Latin letters (passport)"),
    "birth_date": N_("Birth date"),
    "phone": N_("Mobile phone"),
    "phone2": N_("Second phone (optional)"),
    "city": N_("City"),
    "district": N_("District"),
    "email": N_("E-mail"),
    "monthly_income": N_("Monthly income (SAR)"),
    "notes": N_("Notes"),  # never replaced: the second file's notes join the first's
}
_COLUMNS = {"name": tuple(NAME_FIELDS), "birth_date": ("birth_date", "birth_approx"),
            "monthly_income": ("monthly_income", "income_given")}


@dataclass(frozen=True)
class Difference:
    field: str  # a key of COMPARED
    first: object  # the first (surviving) file's value: text, a date, an amount, or None
    second: object  # the second file's


@dataclass(frozen=True)
class FileSummary:
    requests: int
    documents: int
    members: int


def _columns(name: str) -> tuple[str, ...]:
    return _COLUMNS.get(name, (name,))


def _value(a: Applicant, name: str) -> object:
    if name == "name":
        return a.full_name
    if name == "monthly_income":
        return a.monthly_income if a.income_given else None
    value = getattr(a, name)
    return None if value in ("", None) else value


def differences(first: Applicant, second: Applicant) -> tuple[Difference, ...]:
    """The compared fields where the second file says something the first does not."""
    out = []
    for name in COMPARED:
        a, b = _value(first, name), _value(second, name)
        if b is not None and a != b:
            out.append(Difference(name, a, b))
    return tuple(out)


def summary(s, applicant_id: uuid.UUID) -> FileSummary:
    def count(model) -> int:
        return int(s.scalar(select(func.count()).select_from(model).where(model.applicant_id == applicant_id)) or 0)

    return FileSummary(count(SupportRequest), count(Document), count(HouseholdMember))


def _copy(kept: Applicant, other: Applicant, name: str) -> None:
    for column in _columns(name):
        setattr(kept, column, getattr(other, column))


def _branch_name(ctx: AppContext, code: str) -> str:
    try:
        return ctx.profile.branch(code).name(current_language())
    except ValidationError:  # a branch no longer in the profile: its code
        return code


def _shown(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _combine(ctx: AppContext, kept: Applicant, other: Applicant,
             take: Collection[str]) -> tuple[list[str], list[str]]:
    """Bring the second file's values into the first: those chosen, those the first lacks, the
    phone not kept as the other phone; the rest as lines for the notes.  Returns (taken, noted)."""
    taken, left = [], []
    phones = [p for p in (kept.phone, kept.phone2, other.phone, other.phone2) if p]
    for d in differences(kept, other):
        if d.field == "notes":
            left.append(d)
        elif d.field in take or d.first is None:
            _copy(kept, other, d.field)
            taken.append(d.field)
        elif d.field not in ("phone", "phone2"):
            left.append(d)
    if taken and "name" in taken:
        name = full_name(kept.first_name, kept.father_name, kept.grandfather_name, kept.family_name)
        kept.full_name, kept.name_norm = name, normalize_name(name)
    if {"name", "latin_name"} & set(taken):
        kept.name_key = name_key(kept.full_name, kept.latin_name)
    # the phones: the main one as chosen, then the other phone, then the rest in the notes
    unused = [p for p in dict.fromkeys(phones) if p not in (kept.phone, kept.phone2)]
    if unused and not kept.phone2:
        kept.phone2 = unused.pop(0)
    noted = [_("{field}: {value}").format(field=_(COMPARED[d.field]), value=_shown(d.second)) for d in left]
    noted += [_("{field}: {value}").format(field=_(COMPARED["phone"]), value=p) for p in unused]
    if noted:
        head = _("From the merged file ({branch}):").format(branch=_branch_name(ctx, other.branch))
        kept.notes = "\n".join(part for part in (kept.notes, head, *noted) if part)
    return taken, noted


def merge(ctx: AppContext, duplicate_id: uuid.UUID, take: Collection[str] = ()) -> None:
    """Move the second file's household, documents, requests, complaints and enquiries to the
    first, bring its details over (``take``: the compared fields whose second value wins), and
    remove the second file: one person, one file, on every node after the next exchange."""
    ctx.require(permissions.SYNC)
    ctx.require(permissions.EDIT_APPLICANT)
    unknown = set(take) - set(COMPARED)
    if unknown:
        raise ValidationError("take", _("Unknown field: {name}").format(name=", ".join(sorted(unknown))))
    with ctx.uow() as s:
        d = s.get(SyncDuplicate, duplicate_id)
        if d is None or d.status != "open":
            raise ValidationError("duplicate", _("No open duplicate with this id"))
        kept, other = s.get(Applicant, d.kept_id), s.get(Applicant, d.other_id)
        if other is None or kept is None:
            raise ValidationError("duplicate", _("One of the two files no longer exists"))
        moved = 0
        for model in (HouseholdMember, Document, SupportRequest, Complaint, Enquiry):
            for row in s.scalars(select(model).where(model.applicant_id == d.other_id)):
                row.applicant_id = d.kept_id
                moved += 1
        taken, noted = _combine(ctx, kept, other, take)
        s.flush()
        s.expire(other)
        s.delete(other)
        d.status, d.merged_at = "merged", dt.datetime.now(dt.UTC)
        ctx.audit(s, "merge", "applicant", d.kept_id, removed=str(d.other_id), moved=moved,
                  taken=taken, noted=noted)
        ctx.changed(APPLICANT_CHANGED, d.kept_id)
        ctx.changed(SYNC_CHANGED, duplicate_id)
