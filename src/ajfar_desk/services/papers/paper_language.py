"""A paper in another language: the manager wants the English copy of an Arabic declaration for
a donor.  A paper's language is part of what was issued (and hashed), so another language is
never the old revision reprinted: it is the revision already issued in that language when it
says the same, else a new revision in that language (numbered and audited like any other).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from ...db.models import IssuedDocument
from ...domain import documents as paper
from ...domain.documents import IssuedView
from ...domain.errors import ValidationError
from ...i18n import _
from ..store.context import AppContext
from . import committee_papers, documents

LANGUAGES = ("ar", "en")
# What differs between two revisions that say the same thing: who issued them, when, their
# number and language, the applicant's signature, the policy's wording in the paper's language.
_NOT_SUBSTANCE = frozenset({
    "kind", "number", "revision", "lang", "association", "branch", "issued_at", "issued_on",
    "employee", "signature", "policy",
})  # fmt: skip


def substance(content: dict[str, Any]) -> dict[str, Any]:
    """What a paper states about the request, whatever its language, issuer or revision."""
    return {k: v for k, v in content.items() if k not in _NOT_SUBSTANCE}


def _asked(content: dict[str, Any]) -> tuple[str, str]:
    """What the one who issued a paper chose: the researcher's note, who signs the letter."""
    return content.get("note", ""), content.get("signatory", {}).get("role", "")


def _says_as_much(other: IssuedView, doc: IssuedView) -> bool:
    """``other`` states what ``doc`` states: the same, or issued after it (from records at least
    as recent) with the same note and signatory."""
    if substance(other.content) == substance(doc.content):
        return True
    return other.revision > doc.revision and _asked(other.content) == _asked(doc.content)


def revisions(ctx: AppContext, doc: IssuedView) -> list[IssuedView]:
    """Every revision of the same paper (same request or meeting, same kind), oldest first."""
    if doc.request_id is not None:
        return [d for d in documents.list_documents(ctx, doc.request_id) if d.kind == doc.kind]
    with ctx.reading() as s:
        numbers = list(
            s.scalars(
                select(IssuedDocument.number)
                .where(IssuedDocument.meeting_id == doc.meeting_id, IssuedDocument.kind == doc.kind)
                .order_by(IssuedDocument.revision)
            )
        )
    return [documents.get_document(ctx, n) for n in numbers]


def in_language(ctx: AppContext, number: str, lang: str) -> IssuedView:
    """The paper ``number`` in ``lang``: itself when it is in that language; a revision already
    issued in ``lang`` that states as much (the same, or issued after it with the same note and
    signatory) and still states what the records say; else a new revision in ``lang`` with the
    same note and signatory."""
    if lang not in LANGUAGES:
        raise ValidationError(
            "lang", _("Unknown language {lang}; the papers are printed in: {languages}").format(
                lang=lang, languages=", ".join(LANGUAGES))
        )
    doc = documents.get_document(ctx, number)
    if doc.lang == lang:
        return doc
    for other in reversed([d for d in revisions(ctx, doc) if d.lang == lang]):
        if _says_as_much(other, doc) and committee_papers.is_current(ctx, other):
            return other
    if doc.kind == paper.MINUTES:
        assert doc.meeting_id is not None  # minutes belong to a meeting
        return committee_papers.issue_minutes(ctx, doc.meeting_id, lang=lang)
    extra: dict[str, Any] = {"note": doc.content.get("note", "")}
    if doc.kind == paper.DECISION:
        extra["signatory"] = doc.content.get("signatory", {}).get("role", documents.CHAIR)
    assert doc.request_id is not None  # every other paper belongs to a request
    return documents.issue(ctx, doc.request_id, doc.kind, lang=lang, **extra)

