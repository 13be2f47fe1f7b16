"""Does the declaration the applicant signed still match what is submitted?

The declaration lists the applicant's data and the documents checked for the program; once
signed it is a promise about exactly those.  When any of them changed after signing (a document
added, renewed or replaced, the name, phone or address corrected) the signed paper no longer
matches, so submission asks for a new declaration.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ...db.models import Applicant, IssuedDocument, SupportRequest
from ...domain import documents as paper
from ...domain import gendered, permissions
from ...domain import requests as rules
from ...domain.errors import ValidationError
from ...i18n import N_, _, current_language
from ..store.context import AppContext

APPLICANT_DATA = N_("the applicant's data")
APPLICANT_DATA_WOMAN = N_("the applicant's data (woman)")
# (a man or not known, a woman): the applicant named in her or his gender
STALE = (N_("The declaration the applicant signed no longer matches the request: {what} changed "
            "after it was signed. Issue a new declaration and have it signed before submitting"),
         N_("The declaration the applicant signed no longer matches the request: {what} changed "
            "after it was signed. Issue a new declaration and have it signed before submitting "
            "(woman)"))
NOT_SIGNED = (N_("The applicant has not signed the declaration of accuracy of data yet: issue "
                 "it, and have it signed on the screen or on paper"),
              N_("The applicant has not signed the declaration of accuracy of data yet: issue "
                 "it, and have it signed on the screen or on paper (woman)"))
NOT_PRINTED = (N_("The declaration of accuracy of data is issued to be signed on paper, and not "
                  "printed yet: print it and have the applicant sign it"),
               N_("The declaration of accuracy of data is issued to be signed on paper, and not "
                  "printed yet: print it and have the applicant sign it (woman)"))
UNSIGNED = (N_("The declaration of accuracy of data is printed, and the applicant's signature on "
               "it is not recorded yet"),
            N_("The declaration of accuracy of data is printed, and the applicant's signature on "
               "it is not recorded yet (woman)"))

# what the declaration still needs before submission (``DeclarationRefused.code``): the page
# points at the control that does it
ISSUE, PRINT, RECORD_SIGNATURE, REISSUE = "issue", "print", "record_signature", "reissue"


class DeclarationRefused(ValidationError):
    """Submission refused for the declaration: ``code`` says what its paper still needs (issue,
    print, record the signature on paper, issue anew), ``gender`` the applicant's."""

    def __init__(self, code: str, message: str, gender: str | None):
        super().__init__("declaration", message)
        self.code, self.gender = code, gender

    def log_text(self) -> str:
        return f"{super().log_text()} {self.code}"


def _gender(s: Session, row: SupportRequest) -> str | None:
    applicant = s.get(Applicant, row.applicant_id)
    return applicant.gender if applicant is not None else None


# built once (every submission reads it): building it cost more than running it
_LATEST_SIGNED = (
    select(IssuedDocument)
    .where(
        IssuedDocument.request_id == bindparam("request"),
        IssuedDocument.kind == paper.DECLARATION,
        IssuedDocument.signed_at.is_not(None),
    )
    .order_by(IssuedDocument.revision.desc())
    .limit(1)
)


_LATEST = (
    select(IssuedDocument)
    .where(IssuedDocument.request_id == bindparam("request"),
           IssuedDocument.kind == paper.DECLARATION)
    .order_by(IssuedDocument.revision.desc())
    .limit(1)
)


def latest_signed(s: Session, request_id: uuid.UUID) -> IssuedDocument | None:
    return s.scalar(_LATEST_SIGNED, {"request": request_id})


def _unsigned_refusal(s: Session, row: SupportRequest) -> DeclarationRefused:
    """No signed declaration: what its paper needs, by the state of the newest one issued."""
    gender = _gender(s, row)
    latest = s.scalar(_LATEST, {"request": row.id})
    if latest is None:
        code, text = ISSUE, NOT_SIGNED
    elif latest.signature_mode == paper.SIGNATURE_WET and not latest.print_count:
        code, text = PRINT, NOT_PRINTED
    else:
        code, text = RECORD_SIGNATURE, UNSIGNED
    return DeclarationRefused(code, _(gendered.for_gender(text, gender)), gender)


def _documents(content: dict) -> dict[str, tuple]:
    return {d["kind"]: (d.get("number", ""), d.get("valid_until")) for d in content["documents"]}


def changes_since(ctx: AppContext, s: Session, row: SupportRequest, signed: IssuedDocument,
                  now: dt.datetime | None = None) -> list[str]:
    """What changed since ``signed`` was signed, named for the employee (empty: it matches)."""
    from ..papers.paper_content import request_content  # the builder that wrote the declaration

    stored = json.loads(signed.content)
    now = now or dt.datetime.now(dt.UTC)
    fresh = request_content(ctx, s, row, paper.DECLARATION, "", 0, stored.get("lang", "ar"), now,
                            None, "")
    changed: list[str] = []
    held, current = stored.get("applicant", {}), fresh["applicant"]
    if any(current.get(key) != value for key, value in held.items()):
        woman = fresh["applicant"].get("gender") == "female"
        changed.append(_(APPLICANT_DATA_WOMAN if woman else APPLICANT_DATA))
    before, after = _documents(stored), _documents(fresh)
    lang = current_language()
    for kind in sorted(before.keys() | after.keys()):
        if before.get(kind) != after.get(kind):
            try:
                changed.append(ctx.profile.document_kind(kind).name(lang))
            except ValidationError:
                changed.append(kind)
    return changed


def stale_message(changed: list[str], gender: str | None = None) -> str:
    return _(gendered.for_gender(STALE, gender)).format(what=_(", ").join(changed))


def declaration_problem(ctx: AppContext, s: Session, row: SupportRequest) -> DeclarationRefused | None:
    """Why the request's declaration does not allow submission, with what its paper needs
    (None: it does)."""
    signed = latest_signed(s, row.id)
    if signed is None:
        return _unsigned_refusal(s, row)
    changed = changes_since(ctx, s, row, signed)
    if not changed:
        return None
    gender = _gender(s, row)
    return DeclarationRefused(REISSUE, stale_message(changed, gender), gender)


def declaration_state(ctx: AppContext, request_id: uuid.UUID) -> str | None:
    """For the request view: a draft's declaration problem (None: signed and current, or the
    program needs none, or the request is past the draft)."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        row = s.get(SupportRequest, request_id)
        if row is None or row.status != rules.DRAFT:
            return None
        if not ctx.profile.program(row.program).kind.declaration:
            return None
        signed = latest_signed(s, row.id)
        if signed is None:
            return None  # the form's checklist already says it is missing
        changed = changes_since(ctx, s, row, signed)
        return stale_message(changed, _gender(s, row)) if changed else None
