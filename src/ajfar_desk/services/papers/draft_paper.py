"""A declaration read before it is issued: the applicant reads what she or he will sign, and
the desk chooses how she or he signs afterwards (trial 9: the declaration could not be
previewed before the choice).  Nothing is stored, numbered or audited: the draft bears the
number the paper will take if issued now, and the printing layer marks it a draft."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import func, select

from ...db.models import IssuedDocument
from ...domain import documents as paper
from ...domain import permissions
from ...domain.documents import IssuedView
from ...i18n import current_language
from ..store.context import AppContext
from ..store.rows import load_request
from . import paper_content


def draft(ctx: AppContext, request_id: uuid.UUID, kind: str = paper.DECLARATION,
          lang: str | None = None) -> IssuedView:
    """The paper as it would be issued now for the request (never stored: no signature, not
    printable as an original)."""
    ctx.require(permissions.VIEW_APPLICANT)
    lang = lang or current_language()
    now = dt.datetime.now(dt.UTC)
    with ctx.reading() as s:
        row = load_request(s, request_id)
        revision = 1 + (s.scalar(select(func.max(IssuedDocument.revision)).where(
            IssuedDocument.request_id == row.id, IssuedDocument.kind == kind)) or 0)
        number = paper.document_number(row.reference, kind, revision)
        content = paper_content.request_content(ctx, s, row, kind, number, revision, lang, now,
                                                None, "")
    return IssuedView(uuid.uuid4(), request_id, kind, number, revision, lang, content,
                      paper.content_hash(content), now, paper.SIGNATURE_WET, None, None, None, 0)
