"""Issuing, finding, signing and verifying printed papers: the declaration, the committee
referral, the applicant's receipt, the committee's decision letter, the documents a draft still
needs (per request) and the minutes of a committee meeting.

The service stores what a paper says (its canonical content, built by ``paper_content``) and the SHA-256 of it; the
``printing`` layer draws the PDF from that stored content, so a reprint shows exactly what was
issued, marked as a copy.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, undefer

from ...db import new_rows, row_stamps
from ...db.models import IssuedDocument, SupportRequest, User
from ...domain import documents as paper
from ...domain import permissions
from ...domain import requests as rules
from ...domain.documents import IssuedView
from ...domain.errors import ValidationError
from ...i18n import _, current_language
from ..applicants.edit_conflict import retried
from ..store.context import AppContext
from ..store.events import REQUEST_CHANGED
from . import documents_ready, paper_content, paper_seal

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_SIGNATURE_BYTES = 2_000_000
MAX_SCAN_BYTES = 20_000_000
CHAIR, MANAGER = "chair", "manager"  # who signs a decision letter
SIGNATORIES = (CHAIR, MANAGER)
# built once (a desk sends them for every paper): building a statement cost more than running it
_LAST_REVISION = select(func.max(IssuedDocument.revision)).where(
    IssuedDocument.request_id == bindparam("request"), IssuedDocument.kind == bindparam("kind"))
_REQUEST_AND_LAST_REVISION = select(
    SupportRequest,
    select(func.max(IssuedDocument.revision)).where(
        IssuedDocument.request_id == SupportRequest.id, IssuedDocument.kind == bindparam("kind"))
    .correlate(SupportRequest).scalar_subquery(),
).where(SupportRequest.id == bindparam("request"))
_BY_NUMBER = (select(IssuedDocument).options(undefer(IssuedDocument.signature_png))
              .where(IssuedDocument.number == bindparam("number")))
_BY_NUMBER_STAMPED = row_stamps.select_with(_BY_NUMBER, IssuedDocument)


@dataclass(frozen=True)
class Verification:
    status: str  # genuine | altered | unknown
    number: str
    document: IssuedView | None = None
    signature: str = paper_seal.NONE  # the QR code's: valid | invalid | none (an older paper)
    reasons: tuple[str, ...] = ()  # why altered, in words


def issue(
    ctx: AppContext,
    request_id: uuid.UUID,
    kind: str,
    *,
    lang: str | None = None,
    signature_png: bytes | None = None,
    note: str = "",
    signatory: str = CHAIR,
    now: dt.datetime | None = None,
) -> IssuedView:
    """Issue a new revision of a paper for a request and store its content and hash.

    A declaration is signed on the pad (``signature_png``) or on paper (no image: the paper is
    signed by hand and recorded afterwards). A referral needs a submitted request. A decision
    letter carries the committee's latest decision on the request (refused while there is none)
    and is signed by the meeting's chair or by the manager (``signatory``).
    """
    ctx.require(permissions.ISSUE_PAPER)
    if kind not in paper.REQUEST_KINDS:
        raise ValidationError("kind", _("Unknown document kind: {kind}").format(kind=kind))
    lang = lang or current_language()
    now = now or ctx.now()
    if signature_png is not None:
        _check_png(signature_png)
    with ctx.uow() as s:
        # the request with the paper's last revision (one round trip: at head office two)
        found = s.execute(_REQUEST_AND_LAST_REVISION, {"request": request_id, "kind": kind}).first()
        if found is None:
            raise ValidationError("request", _("No such request"))
        row, last = found
        if kind == paper.REFERRAL and row.status == rules.DRAFT:
            raise ValidationError(
                "status", _("Submit the request before printing its referral to the committee")
            )
        if kind == paper.RECEIPT and row.status == rules.DRAFT:
            raise ValidationError(
                "status", _("Submit the request before giving the applicant its receipt")
            )
        held = None  # the applicant's file, held while the paper reads it (the session's is weak)
        if kind == paper.DECLARATION and row.status == rules.DRAFT:
            held = documents_ready.documents_complete(ctx, s, row, now.astimezone().date())
        if kind == paper.NEEDED:  # the same checklist, the other way round
            held = documents_ready.documents_wanted(ctx, s, row, now.astimezone().date())
        if kind == paper.DECISION and signatory not in SIGNATORIES:
            raise ValidationError(
                "signatory", _("The letter is signed by the chair or the manager")
            )
        doc = issue_row(ctx, s, row, kind, lang, now, signature_png, note, signatory,
                        last_revision=last or 0)
        del held
        s.flush()
        view = issued_view(doc)
        ctx.changed(REQUEST_CHANGED, request_id)
    return view


def issue_row(
    ctx: AppContext,
    s: Session,
    row: SupportRequest,
    kind: str,
    lang: str,
    now: dt.datetime,
    signature_png: bytes | None = None,
    note: str = "",
    signatory: str = CHAIR,
    *,
    last_revision: int | None = None,
) -> IssuedDocument:
    """The next revision of a paper for a loaded request, added to the caller's transaction
    (``last_revision``: the paper's last, when the caller read it with the request)."""
    if last_revision is None:
        last_revision = s.scalar(_LAST_REVISION, {"request": row.id, "kind": kind}) or 0
    revision = 1 + last_revision
    number = paper.document_number(row.reference, kind, revision)
    content = paper_content.request_content(
        ctx, s, row, kind, number, revision, lang, now, signature_png, note
    )
    if kind == paper.DECISION:
        content["decision"] = paper_content.latest_decision(
            s, row.id, ctx.profile.appeal_period_days
        )
        content["chair_gender"] = paper_content.person_gender(s, content["decision"]["chair"])
        content["signatory"] = _signatory(ctx, s, signatory, content["decision"],
                                          content["chair_gender"])
    doc = issued_row(
        ctx,
        content,
        request_id=row.id,
        kind=kind,
        number=number,
        revision=revision,
        lang=lang,
        signature_mode=paper.SIGNATURE_PAD if signature_png else paper.SIGNATURE_WET,
        signature_png=signature_png,
        signed_at=now if signature_png and kind == paper.DECLARATION else None,
    )
    new_rows.add(s, doc)  # at head office inserted by the log's statement
    # a declaration's entry says how it is signed: drawn on the pad (its image kept) or by hand
    # on the printed paper (recorded as signed afterwards, ``record_wet_signature``)
    how = {"signature": doc.signature_mode} if kind == paper.DECLARATION else {}
    ctx.audit(s, "issue", kind, number, request=row.reference, sha256=doc.sha256, **how)
    return doc


def issued_row(ctx: AppContext, content: dict[str, Any], **fields: Any) -> IssuedDocument:
    """A paper as issued: ``content`` kept as canonical JSON with its hash, issued by the acting
    user at this branch, not printed yet; ``fields`` say which paper it is."""
    return IssuedDocument(
        branch=ctx.branch.code,
        content=paper.canonical_json(content),
        sha256=paper.content_hash(content),
        issued_by=ctx.user_id,
        print_count=0,
        **fields,
    )


def mark_signed_on_paper(
    ctx: AppContext, s: Session, doc: IssuedDocument, now: dt.datetime
) -> None:
    doc.signed_at = doc.signed_at or now
    doc.signed_recorded_by = ctx.user_id
    # the scan's name is set with it (and cleared with it): the file itself, up to 20 MB and
    # deferred, is not read to say whether there is one
    ctx.audit(s, "record_signature", doc.kind, doc.number, scan=doc.scan_name is not None,
              signature=paper.SIGNATURE_WET)


def get_document(ctx: AppContext, number: str) -> IssuedView:
    """The paper as issued, with its QR code's signature (the node's key)."""
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        view = issued_view(_by_number(s, number))
    return replace(view, qr_signature=paper_seal.sign(ctx.store, view.number, view.sha256))


def list_documents(ctx: AppContext, request_id: uuid.UUID) -> list[IssuedView]:
    ctx.require(permissions.VIEW_APPLICANT)
    with ctx.reading() as s:
        rows = s.scalars(
            select(IssuedDocument)
            .options(undefer(IssuedDocument.signature_png))
            .where(IssuedDocument.request_id == request_id)
            .order_by(IssuedDocument.kind, IssuedDocument.revision)
        )
        return [issued_view(r) for r in rows]


def latest(ctx: AppContext, request_id: uuid.UUID, kind: str) -> IssuedView | None:
    found = [d for d in list_documents(ctx, request_id) if d.kind == kind]
    return found[-1] if found else None


def record_print(ctx: AppContext, number: str, *, copy: bool) -> IssuedView:
    """Count a print (the first is the original, the rest are copies) in the audit log.  Counted
    again from the paper as it is now when another desk saved it meanwhile (its version)."""
    return retried(lambda: _record_print(ctx, number, copy))


def _record_print(ctx: AppContext, number: str, copy: bool) -> IssuedView:
    with ctx.uow() as s:
        doc = _by_number(s, number, to_change=True)
        if doc.kind != paper.MINUTES or not _may_keep_minutes(ctx):
            ctx.require(permissions.ISSUE_PAPER)
        doc.print_count += 1
        doc.last_printed_at = ctx.now()
        ctx.audit(s, "reprint" if copy else "print", doc.kind, number, count=doc.print_count)
        s.flush()
        return issued_view(doc)


def record_wet_signature(
    ctx: AppContext, number: str, scan: bytes | None = None, scan_name: str | None = None
) -> IssuedView:
    """The employee records that the printed paper was signed by hand (optionally its scan).
    Another desk's save of the paper meanwhile (its version): read again, and refused if that
    was the signature."""
    ctx.require(permissions.ISSUE_PAPER)
    if scan is not None and len(scan) > MAX_SCAN_BYTES:
        raise ValidationError("scan", _("The scanned file is larger than 20 MB"))
    return retried(lambda: _record_wet_signature(ctx, number, scan, scan_name))


def _record_wet_signature(ctx: AppContext, number: str, scan: bytes | None,
                          scan_name: str | None) -> IssuedView:
    with ctx.uow() as s:
        doc = _by_number(s, number, to_change=True)  # at head office its sync stamps with it
        if doc.kind != paper.DECLARATION:
            raise ValidationError("number", _("Only a declaration is signed by the applicant"))
        if doc.signed_at is not None and scan is None:
            raise ValidationError("number", _("This declaration is already recorded as signed"))
        if scan is not None:
            doc.scan, doc.scan_name = scan, (scan_name or "scan")[:200]
        mark_signed_on_paper(ctx, s, doc, ctx.now())
        s.flush()
        view = issued_view(doc)
        ctx.changed(REQUEST_CHANGED, view.request_id)
    return view


def verify(ctx: AppContext, number: str, sha256: str, signature: str | None = None) -> Verification:
    """Genuine: issued here with exactly this hash, the stored content still hashes to it, the
    audit entry of its issue holds that hash and the QR code's ``signature`` (if the paper has
    one) is the node's.  Altered: any of these fails (``reasons`` says which).  Unknown: no
    paper with this number was issued here."""
    ctx.require(permissions.VIEW_APPLICANT)
    number = (number or "").strip().upper()
    digest = paper.normalize_hash(sha256)
    if digest is None:
        raise ValidationError("sha256", _("A document hash is 64 hexadecimal characters"))
    with ctx.reading() as s:
        doc = s.scalar(select(IssuedDocument).where(IssuedDocument.number == number))
        if doc is not None and doc.sha256 != digest:  # renumbered by an exchange (``sync_keys``)?
            doc = s.scalar(select(IssuedDocument).where(
                IssuedDocument.number.like(number.replace("%", "").replace("_", "") + "-%"),
                IssuedDocument.sha256 == digest)) or doc
        if doc is None:
            return Verification(paper.UNKNOWN, number)
        view = issued_view(doc)
        sealed = paper_seal.check_signature(ctx.store, s, number, digest, signature)
        why = paper_seal.reasons(ctx.store, s, number, digest, view.sha256,
                                 paper.content_hash(view.content) == view.sha256, sealed)
    return Verification(paper.ALTERED if why else paper.GENUINE, number, view, sealed, tuple(why))


def _may_keep_minutes(ctx: AppContext) -> bool:
    """Committee members and managers keep the minutes; an administrator stands in for the
    manager (``permissions.workflow_role``), as small associations often have one person."""
    return ctx.may(permissions.MANAGE_MEETINGS) or permissions.may(
        permissions.workflow_role(ctx.role), permissions.MANAGE_MEETINGS
    )


def require_minutes(ctx: AppContext) -> None:
    if not _may_keep_minutes(ctx):
        ctx.require(permissions.MANAGE_MEETINGS)




def _signatory(ctx: AppContext, s: Session, who: str, decision: dict[str, Any],
               chair_gender: str) -> dict[str, str]:
    """The chair of the meeting that decided, or the manager (the one signed in, else the
    first active manager; blank when there is none, to be written by hand), with the signer's
    stored gender, which the title agrees with («رئيسة لجنة البحث»)."""
    if who == CHAIR:
        return {"role": CHAIR, "name": decision["chair"], "gender": chair_gender}
    if ctx.user is not None and ctx.role == permissions.MANAGER:
        name, gender = ctx.user.full_name or ctx.user.username, ctx.user.gender
    else:
        found = s.execute(
            select(User.full_name, User.gender)
            .where(User.role == permissions.MANAGER, User.active.is_(True))
            .order_by(User.created_at)
            .limit(1)
        ).first()
        name, gender = (found[0], found[1]) if found else ("", "")
    return {"role": MANAGER, "name": name or "", "gender": gender or ""}




def _check_png(data: bytes) -> None:
    if not data.startswith(PNG_MAGIC):
        raise ValidationError("signature", _("The signature is not a PNG image"))
    if len(data) > MAX_SIGNATURE_BYTES:
        raise ValidationError("signature", _("The signature image is too large"))


def _by_number(s: Session, number: str, *, to_change: bool = False) -> IssuedDocument:
    """The paper of this number, or the refusal.  ``to_change``: the save will change it; at
    head office its sync stamps are read with it (``db.row_stamps``: its version is checked)."""
    params = {"number": (number or "").strip().upper()}
    if to_change and row_stamps.carried(s):
        doc = row_stamps.load(s, _BY_NUMBER_STAMPED, params, IssuedDocument.__tablename__)
    else:
        doc = s.scalar(_BY_NUMBER, params)
    if doc is None:
        raise ValidationError("number", _("No document with number {number}").format(number=number))
    return doc


def issued_view(doc: IssuedDocument) -> IssuedView:
    return IssuedView(
        doc.id,
        doc.request_id,
        doc.kind,
        doc.number,
        doc.revision,
        doc.lang,
        json.loads(doc.content),
        doc.sha256,
        doc.created_at,
        doc.signature_mode,
        doc.signature_png,
        doc.signed_at,
        doc.scan_name,
        doc.print_count,
        doc.meeting_id,
    )
