"""The paper an applicant takes home when documents are missing («المستندات المطلوبة لاستكمال
طلبك»): a draft's documents checklist — the one the declaration waits for, never a second rule —
read the other way round: each document still needed and why (not submitted; expired, not valid
on the day), what was already given, and where and when to bring the rest.

Issued like the other papers (``documents.issue`` with kind ``needed``, numbered
``AJF-1447-000123-N1``, hashed, verifiable, audited when issued and when printed); refused once
nothing is missing (the declaration is what to print then) and after submission.
"""

from __future__ import annotations

import uuid

from ...db.models import SupportRequest
from ...domain import documents as paper
from ...domain import requests as rules
from ...domain.documents import IssuedView
from ...i18n import current_language
from ..store.context import AppContext
from . import documents, paper_content

# what the paper states that a reprint must still state (the rest: who printed it)
_STATED = ("applicant", "request", "documents", "bring", "issued_on")


def needed_paper_for(ctx: AppContext, request_id: uuid.UUID, *, lang: str | None = None) -> IssuedView:
    """The paper to print now: the latest one in ``lang`` while it still states the draft's
    checklist as it stands today (printing it again gives a copy), else a new one."""
    lang = lang or current_language()
    issued = [d for d in documents.list_documents(ctx, request_id)
              if d.kind == paper.NEEDED and d.lang == lang]
    if issued and is_current(ctx, issued[-1]):
        return issued[-1]
    return documents.issue(ctx, request_id, paper.NEEDED, lang=lang)


def is_current(ctx: AppContext, doc: IssuedView) -> bool:
    """Does the paper still say what the draft lacks today (same day, same documents, same
    applicant and request, same place to bring them)? A submitted request needs none."""
    now = ctx.now()
    with ctx.reading() as s:
        row = s.get(SupportRequest, doc.request_id)
        if row is None or row.status != rules.DRAFT:
            return False
        fresh = paper_content.request_content(ctx, s, row, paper.NEEDED, doc.number, doc.revision,
                                              doc.lang, now, None, "")
    return all(fresh.get(key) == doc.content.get(key) for key in _STATED)
