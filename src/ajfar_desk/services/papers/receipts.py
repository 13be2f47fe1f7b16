"""The applicant's receipt of a submitted request (إيصال استلام طلب): issued like the other
papers (``documents.issue`` with kind ``receipt``, numbered ``AJF-1447-000123-A1``, hashed,
verifiable), printed in one keystroke at submission.

Besides what every request paper holds (applicant, request, documents received, the answer
date), a receipt stores the association's contact channels (how to follow up) and the
applicant's rights and duties under the association's policy (its profile), in the paper's language.
Those come from the ``[policy.<association id>]`` table of the receipt's wording file
(``receipt.toml``, found where the printing layer finds it: ``DATA/forms/``, then
``resources/forms/<profile id>/``, then ``resources/forms/``).
"""

from __future__ import annotations

import uuid

from ...domain import documents as paper
from ...domain.documents import IssuedView
from ...i18n import current_language
from ..store.context import AppContext
from . import documents
from .receipt_terms import is_current


def issue_receipt(ctx: AppContext, request_id: uuid.UUID, *, lang: str | None = None) -> IssuedView:
    """A new revision of the receipt (refused while the request is a draft)."""
    return documents.issue(ctx, request_id, paper.RECEIPT, lang=lang or current_language())


def receipt_for(ctx: AppContext, request_id: uuid.UUID, *, lang: str | None = None) -> IssuedView:
    """The receipt to print now: the latest one in ``lang`` while it still states the request's
    submission (printing it again gives a copy), else a new one."""
    lang = lang or current_language()
    issued = [
        d
        for d in documents.list_documents(ctx, request_id)
        if d.kind == paper.RECEIPT and d.lang == lang
    ]
    if issued and is_current(ctx, issued[-1]):
        return issued[-1]
    return issue_receipt(ctx, request_id, lang=lang)
