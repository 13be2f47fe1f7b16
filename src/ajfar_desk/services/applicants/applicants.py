"""Registering and keeping applicants: one transaction per action, audited, announced."""

from __future__ import annotations

import datetime as dt
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ...db.base import new_id
from ...db.models import Applicant, Document, HouseholdMember
from ...domain import dates, digits, id_types, identity, permissions
from ...domain.errors import AppError, FieldErrors, ValidationError
from ...domain.people import RELATIONS
from ...domain.text import full_name, normalize_name
from ...domain.transliteration import name_key
from ...i18n import _
from ..store.context import AppContext
from ..store.events import APPLICANT_CHANGED
from ..store.rows import get_or_refuse
from . import applicant_input, edit_conflict, form_check
from .applicant_input import NAME_FIELDS, ApplicantInput, CleanApplicant
from .applicant_views import input_from_view, to_view  # noqa: F401 - callers find them here
from .document_edit import document_dates
from .similar import SIMILAR_THRESHOLD, find_similar  # noqa: F401 - callers find them here
from .views import ApplicantView, DocumentView, MemberView, SimilarApplicant


class ExistingApplicant(AppError):
    """The identity (type, country, number) is already registered: open that file instead."""

    def __init__(self, applicant_id: uuid.UUID, national_id: str):
        super().__init__(
            _("The national ID {id} is already registered").format(id=national_id))
        self.applicant_id = applicant_id
        self.national_id = national_id


class PossibleDuplicate(AppError):
    """Someone with a similar name and the same birth date exists; confirm before saving."""

    def __init__(self, similar: list[SimilarApplicant]):
        super().__init__(
            _("Applicants with a similar name and the same birth date are already registered: "
              "{names}").format(names=_(", ").join(s.full_name for s in similar)))
        self.similar = similar


@dataclass(frozen=True)
class DocumentInput:
    kind: str
    number: str = ""
    issue_date: str = ""
    expiry_date: str = ""
    scan_name: str | None = None
    scan: bytes | None = None


@dataclass(frozen=True)
class MemberInput:
    full_name: str
    relation: str
    gender: str = ""
    birth_date: str = ""
    national_id: str = ""
    monthly_income: str = ""  # empty: not said (kept 0, ``income_given`` false); "0" is an answer


def _load(session: Session, applicant_id: uuid.UUID) -> Applicant:
    return get_or_refuse(session, Applicant, applicant_id, "applicant", _("No such applicant"),
                         options=[selectinload(Applicant.members), selectinload(Applicant.documents)])


# a document or a household member added to a file reads only the file's identity: the file
# whole with its documents and household was three round trips at head office, read for nothing
_IDENTITY = select(Applicant.id_type, Applicant.id_country, Applicant.national_id).where(
    Applicant.id == bindparam("applicant"))


def _identity(session: Session, applicant_id: uuid.UUID) -> Any:
    """The file's (id_type, id_country, national_id), or the refusal "No such applicant"."""
    found = session.execute(_IDENTITY, {"applicant": applicant_id}).first()
    if found is None:
        raise ValidationError("applicant", _("No such applicant"))
    return found


def duplicate_check(
    ctx: AppContext,
    national_id: str,
    name: str,
    birth_date: dt.date | None,
    id_type: str = "",
    id_country: str = "",
    latin_name: str = "",
    birth_approx: bool = False,
) -> tuple[uuid.UUID | None, list[SimilarApplicant]]:
    """While registering: the file with this identity (if any), and similar names born the same
    day, in either script (the Arabic name and the Latin one against both of every file).
    ``id_type`` "" is a Saudi national ID or iqama, as ``id_types.validate`` reads it."""
    with ctx.reading() as s:
        existing = None
        try:
            kind, country, number = id_types.validate(id_type, national_id, id_country)
            if kind != id_types.NONE:
                existing = s.connection().execute(identity_holder(kind, country, number)).scalar()
        except ValidationError:
            pass
        typed = name.strip() or latin_name.strip()
        similar = (
            find_similar(s, normalize_name(name), birth_date, latin_name=latin_name,
                         approx=birth_approx)
            if birth_date and typed else []
        )
        return existing, similar


def identity_holder(id_type: str, id_country: str, number: str):
    """The query for the file holding this identity (the store's unique key)."""
    return select(Applicant.id).where(
        Applicant.national_id == number,
        Applicant.id_type == id_type,
        Applicant.id_country == id_country,
    )


def register(
    ctx: AppContext, data: ApplicantInput, *, confirm_similar: bool = False
) -> ApplicantView:
    ctx.require(permissions.EDIT_APPLICANT)
    clean = form_check.validate(data, ctx.profile)
    with _registered_meanwhile(ctx, clean), ctx.uow() as s:
        if clean.id_type != id_types.NONE:
            existing = s.scalar(identity_holder(clean.id_type, clean.id_country, clean.national_id))
            if existing is not None:
                raise ExistingApplicant(existing, clean.national_id)
        if not confirm_similar:
            similar = find_similar(
                s, clean.name_norm, clean.birth_date, latin_name=clean.latin_name,
                approx=clean.birth_approx)
            if similar:
                raise PossibleDuplicate(similar)
        row_id = new_id()
        row = Applicant(
            id=row_id, branch=ctx.branch.code, consent_at=ctx.now(),
            **_columns(clean, row_id),
        )
        s.add(row)
        ctx.audit(s, "create", "applicant", row.id)
        s.flush()  # the file and its audit entry in one flush: their log in one statement
        view = to_view(row, with_children=False)
        ctx.changed(APPLICANT_CHANGED, view.id)
    return view


def update(
    ctx: AppContext,
    applicant_id: uuid.UUID,
    data: ApplicantInput,
    *,
    base: ApplicantView | None = None,
) -> ApplicantView:
    """Save the form.  ``base`` is the file as the form read it (with its version): only the
    fields typed differently from it are written, so another desk's change meanwhile stays; a
    field both changed raises ``EditConflict`` with both values.  Without ``base`` every field
    is written as typed."""
    ctx.require(permissions.EDIT_APPLICANT)
    clean = form_check.validate(data, ctx.profile)
    return edit_conflict.retried(lambda: _save(ctx, applicant_id, clean, base))



def _save(
    ctx: AppContext, applicant_id: uuid.UUID, clean: CleanApplicant, base: ApplicantView | None
) -> ApplicantView:
    typed = _columns(clean, applicant_id)
    with _registered_meanwhile(ctx, clean), ctx.uow() as s:
        row = _load(s, applicant_id)
        other = s.scalar(identity_holder(clean.id_type, clean.id_country, typed["national_id"]))
        if other is not None and other != applicant_id:
            raise ExistingApplicant(other, clean.national_id)
        stored = {k: getattr(row, k) for k in typed}
        if base is None:
            changed = {k: v for k, v in typed.items() if stored[k] != v}
        else:
            # whether the income was said goes with the income (a conflict on it is named so)
            labels = {**applicant_input.APPLICANT_LABELS,
                      "income_given": applicant_input.APPLICANT_LABELS["monthly_income"]}
            changed, conflicts = edit_conflict.changes(
                labels, {k: getattr(base, k) for k in labels}, typed, stored,
                moved=row.version != base.version, labels=labels,
            )
            if conflicts:
                raise edit_conflict.EditConflict(conflicts, to_view(row))
        for key, value in changed.items():
            setattr(row, key, value)
        if NAME_FIELDS.keys() & changed.keys():  # the whole name from the parts as they are now
            name = full_name(row.first_name, row.father_name, row.grandfather_name, row.family_name)
            row.full_name, row.name_norm = name, normalize_name(name)
        changed.pop("name_key", None)
        if (NAME_FIELDS.keys() | {"latin_name"}) & changed.keys():
            row.name_key = name_key(row.full_name, row.latin_name)
        ctx.audit(s, "update", "applicant", row.id, fields=sorted(changed))
        s.flush()
        ctx.changed(APPLICANT_CHANGED, row.id)
        return to_view(row)


@contextmanager
def _registered_meanwhile(ctx: AppContext, clean: CleanApplicant):
    """Two desks registering one identity at once: the one whose insert loses on the unique
    index gets ``ExistingApplicant`` (the other's file), as if it had come second."""
    try:
        yield
    except IntegrityError as exc:
        if "national_id" not in str(exc.orig) and "uq_applicant_identity" not in str(exc.orig):
            raise
        if clean.id_type == id_types.NONE:
            raise
        with ctx.reading() as s:
            holder = s.scalar(identity_holder(clean.id_type, clean.id_country, clean.national_id))
        if holder is None:
            raise
        raise ExistingApplicant(holder, clean.national_id) from None


def get(ctx: AppContext, applicant_id: uuid.UUID, *, record_open: bool = True) -> ApplicantView:
    """An applicant's file.  Opening it is audited; a view refreshing what it already shows
    passes ``record_open=False``."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.uow() as s:
        row = _load(s, applicant_id)
        if record_open:
            ctx.audit(s, "open", "applicant", row.id)
        return to_view(row)


def by_national_id(
    ctx: AppContext, national_id: str, id_type: str = "", id_country: str = ""
) -> ApplicantView | None:
    """The file of this identity (``id_type`` "": a Saudi national ID or iqama)."""
    ctx.require(permissions.VIEW_APPLICANT)
    kind, country, number = id_types.validate(id_type, national_id, id_country)
    if kind == id_types.NONE:
        return None
    with ctx.reading() as s:
        found = s.scalar(identity_holder(kind, country, number))
    return get(ctx, found) if found else None


def add_document(ctx: AppContext, applicant_id: uuid.UUID, doc: DocumentInput) -> DocumentView:
    """Record a document.  One already expired is recorded too (for the file): the result's
    ``expired()`` says so, and a request's checklist does not count it valid."""
    ctx.require(permissions.EDIT_APPLICANT)
    kind = ctx.profile.document_kind(doc.kind)
    issue, expiry = document_dates(kind, doc.issue_date, doc.expiry_date)
    with ctx.uow() as s:
        holder = _identity(s, applicant_id)
        number = id_types.identity_document_number(
            kind.code, doc.number, holder.id_type, holder.id_country, holder.national_id
        )
        row = Document(
            id=new_id(),
            branch=ctx.branch.code,
            applicant_id=applicant_id,
            kind=kind.code,
            number=number,
            issue_date=issue,
            expiry_date=expiry,
            scan_name=doc.scan_name,
            scan=doc.scan,
        )
        s.add(row)
        ctx.audit(s, "create", "document", row.id, applicant=str(applicant_id), kind=kind.code)
        view = DocumentView(
            row.id, row.kind, row.number, row.issue_date, row.expiry_date, row.scan_name
        )
        ctx.changed(APPLICANT_CHANGED, applicant_id)
    return view


def remove_document(ctx: AppContext, document_id: uuid.UUID) -> None:
    ctx.require(permissions.EDIT_APPLICANT)
    with ctx.uow() as s:
        row = get_or_refuse(s, Document, document_id, "document", _("No such document"))
        applicant_id = row.applicant_id
        ctx.audit(s, "delete", "document", row.id, applicant=str(applicant_id), kind=row.kind)
        s.delete(row)
        ctx.changed(APPLICANT_CHANGED, applicant_id)


def add_member(ctx: AppContext, applicant_id: uuid.UUID, member: MemberInput) -> MemberView:
    ctx.require(permissions.EDIT_APPLICANT)
    errs = FieldErrors()
    name = " ".join(member.full_name.split())
    if not name:
        errs.add("member_name", _("{label} is required").format(label=_("Name")))
    if member.relation not in RELATIONS:
        errs.add("relation", _("{label} is required").format(label=_("Relation")))
    birth = errs.check(
        "member_birth_date",
        lambda: dates.parse_date(member.birth_date, field="member_birth_date", allow_future=False),
        bool(member.birth_date.strip()),
    )
    nid = errs.check(
        "member_national_id",
        lambda: identity.validate_national_id(member.national_id, field="member_national_id"),
        bool(member.national_id.strip()),
    )
    said = bool((member.monthly_income or "").strip())
    income = errs.check(
        "member_income", lambda: digits.parse_amount(member.monthly_income or "0", "member_income")
    )
    errs.raise_if_any()
    with ctx.uow() as s:
        _identity(s, applicant_id)
        row = HouseholdMember(
            branch=ctx.branch.code,
            applicant_id=applicant_id,
            full_name=name,
            relation=member.relation,
            gender=member.gender,
            birth_date=birth,
            national_id=nid,
            monthly_income=income,
            income_given=said,
        )
        s.add(row)
        s.flush()
        ctx.audit(s, "create", "household_member", row.id, applicant=str(applicant_id))
        view = MemberView(
            row.id,
            row.full_name,
            row.relation,
            row.gender,
            row.birth_date,
            row.national_id,
            row.monthly_income,
            row.income_given,
        )
        ctx.changed(APPLICANT_CHANGED, applicant_id)
    return view


def remove_member(ctx: AppContext, member_id: uuid.UUID) -> None:
    ctx.require(permissions.EDIT_APPLICANT)
    with ctx.uow() as s:
        row = get_or_refuse(s, HouseholdMember, member_id, "member", _("No such household member"))
        applicant_id = row.applicant_id
        ctx.audit(s, "delete", "household_member", row.id, applicant=str(applicant_id))
        s.delete(row)
        ctx.changed(APPLICANT_CHANGED, applicant_id)


def _columns(clean: CleanApplicant, row_id: uuid.UUID) -> dict:
    """The row's columns; a walk-in's number is the stand-in of its id."""
    out = {k: getattr(clean, k) for k in clean.__dataclass_fields__}
    if clean.id_type == id_types.NONE:
        out["national_id"] = id_types.stand_in(row_id)
    return out


def registered_name(ctx: AppContext, number: str) -> str | None:
    """The full name of the applicant registered with this ID number (any type, any digits,
    spaces and dashes), None when nobody is; a number that is not yet a whole one is refused
    (ValidationError).  Not audited: a form says whom the number it holds links, no file opens."""
    ctx.require(permissions.VIEW_APPLICANT)
    clean = id_types.any_number(number)
    with ctx.reading() as s:
        return s.scalar(select(Applicant.full_name).where(Applicant.national_id == clean))
