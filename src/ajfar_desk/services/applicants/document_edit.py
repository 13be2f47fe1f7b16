"""Correcting a recorded document: its number, issue date and expiry date, as a desk that typed
one of them wrong must be able to (the kind stays: another kind is another document, removed and
added).  The dates follow the rules of a new document (``document_dates``); the edit is audited,
logged for the exchange like every change, and checked against a lost update: only the fields
typed differently from the document as the form read it are written, and a field another desk
changed meanwhile to something else raises ``EditConflict`` with both values."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from ...db.models import Applicant, Document
from ...domain import birth, dates, id_types, permissions
from ...domain.digits import normalize_digits
from ...domain.errors import FieldErrors, ValidationError
from ...domain.profile import DocumentKind
from ...domain.text import isolate
from ...i18n import N_, _
from ..store.context import AppContext
from ..store.events import APPLICANT_CHANGED
from . import edit_conflict
from .views import DocumentView

DOCUMENT_LABELS = {
    "number": N_("Number"),
    "issue_date": N_("Issue date"),
    "expiry_date": N_("Expiry date"),
}


@dataclass(frozen=True)
class DocumentEdit:
    """What the desk typed (dates in any calendar and digit script, as on a new document)."""

    number: str = ""
    issue_date: str = ""
    expiry_date: str = ""


def document_dates(
    kind: DocumentKind, issue_text: str, expiry_text: str
) -> tuple[dt.date | None, dt.date | None]:
    """The issue and expiry dates of a document of ``kind``, or every mistake by field: a date
    that cannot be read, a missing expiry for a kind that expires, an expiry before the issue."""
    errs = FieldErrors()
    issue = errs.check(
        "issue_date",
        lambda: document_date(issue_text, "issue_date"),
        bool(issue_text.strip()),
    )
    expiry = errs.check(
        "expiry_date",
        lambda: document_date(expiry_text, "expiry_date"),
        bool(expiry_text.strip()),
    )
    if not errs.errors and kind.has_expiry and expiry is None:
        errs.add("expiry_date", _("Expiry date is required for this document"))
    if not errs.errors and issue and expiry and expiry < issue:
        errs.add("expiry_date", _("Expiry date is before the issue date"))
    errs.raise_if_any()
    return issue, expiry


def document_date(text: str, field: str) -> dt.date:
    """A document's date as typed (``dates.parse_date``: any calendar and digits).  A year alone
    («1450», «٢٠٢٩») is refused with what to type instead: every card prints the day and month,
    and the end (or the start) of the year would be a date the card does not say, which the
    checklist then trusts on the day of a request (a card that expired in Rabi' I taken as valid
    until Dhu al-Hijjah)."""
    if birth.year_only(text):
        year = _YEAR.search(normalize_digits(text))
        example = isolate(f"15/06/{year[0] if year else ''}")  # last, kept whole in Arabic
        message = (_("A year alone cannot tell whether the document is valid on the day of a "
                     "request: type the day and month too, as it shows them, e.g. {example}")
                   if field == "expiry_date" else
                   _("Type the day and month too, as the document shows them, e.g. {example}"))
        raise ValidationError(field, message.format(example=example))
    return dates.parse_date(text, field=field)


_YEAR = re.compile(r"[0-9]{4}")


def past_expiry(expiry_text: str, today: dt.date | None = None) -> dt.date | None:
    """The expiry date typed, when it is already past (before ``today``): the document may be
    recorded all the same, and the form says so as it is typed.  None for an empty date, one
    still to come or one that cannot be read (saving says what is wrong with it)."""
    if not expiry_text.strip():
        return None
    try:
        expiry = document_date(expiry_text, "expiry_date")
    except ValidationError:
        return None
    return expiry if expiry < (today or dt.date.today()) else None


def view_of(row: Document) -> DocumentView:
    return DocumentView(row.id, row.kind, row.number, row.issue_date, row.expiry_date, row.scan_name)


def edit_document(
    ctx: AppContext,
    document_id: uuid.UUID,
    typed: DocumentEdit,
    *,
    base: DocumentView | None = None,
) -> DocumentView:
    """Save the corrected number and dates.  ``base`` is the document as the form read it: only
    what was changed from it is written; without it every field is written as typed."""
    ctx.require(permissions.EDIT_APPLICANT)
    with ctx.uow() as s:
        # locked until the end of the transaction: a second desk's edit waits, then reads this one
        row = s.get(Document, document_id, with_for_update=True)
        if row is None:
            raise ValidationError("document", _("No such document"))
        kind = ctx.profile.document_kind(row.kind)
        issue, expiry = document_dates(kind, typed.issue_date, typed.expiry_date)
        holder = s.execute(
            select(Applicant.id_type, Applicant.id_country, Applicant.national_id)
            .where(Applicant.id == row.applicant_id)
        ).one()
        number = id_types.identity_document_number(kind.code, typed.number, *holder)
        values: dict[str, object] = {"number": number, "issue_date": issue, "expiry_date": expiry}
        stored = {name: getattr(row, name) for name in DOCUMENT_LABELS}
        if base is None:
            changed = {k: v for k, v in values.items() if stored[k] != v}
        else:
            read = {name: getattr(base, name) for name in DOCUMENT_LABELS}
            changed, conflicts = edit_conflict.changes(
                DOCUMENT_LABELS, read, values, stored, moved=read != stored, labels=DOCUMENT_LABELS)
            if conflicts:
                raise edit_conflict.EditConflict(conflicts, view_of(row))
        if not changed:
            return view_of(row)
        for name, value in changed.items():
            setattr(row, name, value)
        ctx.audit(s, "update", "document", row.id, applicant=str(row.applicant_id), kind=row.kind,
                  fields=sorted(changed))
        s.flush()
        ctx.changed(APPLICANT_CHANGED, row.applicant_id)
        return view_of(row)
