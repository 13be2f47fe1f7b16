"""Whether a draft's documents are complete, for the papers that depend on it: the declaration
(issued only when every required document is held valid today) and the paper of the documents
still needed (issued only while one is missing or expired).  One checklist for both."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy.orm import Session

from ...db.models import Applicant, SupportRequest
from ...domain import permissions
from ...domain import requests as rules
from ...domain.errors import ValidationError
from ...i18n import _
from ..requests.checklist import DocumentsMissing, checklist
from ..store.context import AppContext
from ..store.rows import applicant_file


def declaration_waits(ctx: AppContext, request_id: uuid.UUID) -> str | None:
    """Why the request's declaration cannot be issued yet (its missing or expired documents,
    and what to do), or None: the request page refuses before its dialog opens."""
    ctx.require(permissions.ISSUE_PAPER)
    with ctx.reading() as s:
        row = s.get(SupportRequest, request_id)
        if row is None or row.status != rules.DRAFT:
            return None
        why = _documents_problem(ctx, s, row, ctx.now().astimezone().date())[1]
        return why.message if why is not None else None


def documents_complete(ctx: AppContext, s: Session, row: SupportRequest,
                        today: dt.date) -> Applicant | None:
    """The applicant declares the documents «صحيحة وكاملة»: not before every required one is
    held valid today (trial 12 signed a declaration whose own table said «غير مقدَّم»)."""
    applicant, why = _documents_problem(ctx, s, row, today)
    if why is not None:
        raise why
    return applicant


def documents_wanted(ctx: AppContext, s: Session, row: SupportRequest,
                      today: dt.date) -> Applicant | None:
    """The paper of the documents still needed: a draft's, while one is missing or expired."""
    if row.status != rules.DRAFT:
        raise ValidationError("status", _(
            "The request is already submitted: its documents were found complete"))
    applicant, why = _documents_problem(ctx, s, row, today)
    if why is None:
        raise ValidationError("documents", _("Nothing is missing: print the declaration"))
    return applicant


def _documents_problem(ctx: AppContext, s: Session, row: SupportRequest,
                       today: dt.date) -> tuple[Applicant | None, DocumentsMissing | None]:
    # the applicant's file as the paper reads it next (the session hands it back: no query more)
    a = applicant_file(s, row.applicant_id)
    docs = a.documents if a is not None else None
    problems = [line for line in checklist(ctx, s, row, today, documents=docs)
                if line.state != rules.OK]
    if not problems:
        return a, None
    return a, DocumentsMissing(
        problems, _("The declaration is not issued before the documents are complete."))
