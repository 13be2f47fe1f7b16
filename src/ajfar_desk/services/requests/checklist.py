"""A request's documents checklist: for each document its program requires, whether the
applicant holds it valid on the day (a draft), or what was checked at submission (after it).

Its own module, so the papers (the declaration lists the checklist) and the submission read the
same lines without the papers importing the requests' service."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.models import Applicant, Document, SupportRequest
from ...domain import requests as rules
from ...domain.errors import ValidationError
from ...i18n import _, current_language, ngettext
from ..applicants.views import ChecklistLine
from ..store.context import AppContext


def checklist(
    ctx: AppContext, session: Session, row: SupportRequest, on: dt.date,
    *, documents: Sequence[Document] | None = None,
) -> list[ChecklistLine]:
    """``documents``: the applicant's documents as the caller just read them with the file (one
    round trip fewer at head office); else they are read here."""
    if row.status != rules.DRAFT:
        return [
            ChecklistLine(
                c.kind,
                ctx.profile.document_kind(c.kind).name(current_language()),
                rules.OK,
                c.document_id,
                c.valid_until,
            )
            for c in row.checks
        ]
    program = ctx.profile.program(row.program)
    docs: Sequence[Any] = documents if documents is not None else session.execute(
        select(Document.id, Document.kind, Document.expiry_date).where(
            Document.applicant_id == row.applicant_id
        )
    ).all()
    applicant = session.get(Applicant, row.applicant_id)  # most callers hold it already: no query
    id_type = applicant.id_type if applicant is not None else None
    items = rules.evaluate_checklist(
        program.required_documents,
        [rules.HeldDocument(d.id, d.kind, d.expiry_date) for d in docs],
        on,
        id_type=id_type or "",
    )
    identity = rules.identity_kind(applicant.nationality if applicant else None, id_type,
                                   (k.code for k in ctx.profile.document_kinds))
    return [
        ChecklistLine(
            i.kind,
            ctx.profile.document_kind(identity if i.kind == "national_id" else i.kind).name(
                current_language()),
            i.state,
            cast(uuid.UUID | None, i.document_id),  # a Document.id, held above
            i.expiry_date,
        )
        for i in items
    ]


WINDOW, COMMAND_LINE = "window", "command_line"  # where a refusal is read: its last sentence


def missing_documents_message(problems: list[ChecklistLine], lead: str | None = None,
                              where: str = WINDOW) -> str:
    """Every missing or expired document of a checklist in one message, and what to do;
    ``lead``: what is refused (by default the submission; else the day is today); ``where``:
    what to do is said with the window's button or with the command that adds a document."""
    missing = [p.label for p in problems if p.state == rules.MISSING]
    expired = [p.label for p in problems if p.state == rules.EXPIRED]
    parts = [lead or _("The request cannot be submitted.")]
    if missing:  # each list its own sentence, so the two never read as one
        parts.append(ngettext("Missing document: {names}.", "Missing documents: {names}.",
                              len(missing)).format(names=_(", ").join(missing)))
    if expired:
        said = _("Expired on the day of submission: {names}.") if lead is None else _(
            "Expired, not valid today: {names}.")
        parts.append(said.format(names=_(", ").join(expired)))
    n = len(missing) + len(expired)
    if where == COMMAND_LINE:
        parts.append(ngettext(
            "Add it, valid today, with: ajfar-desk documents add ID --kind KIND --expires DATE",
            "Add each one, valid today, with: ajfar-desk documents add ID --kind KIND --expires DATE",
            n))
    else:
        parts.append(ngettext("Add it, valid today, with “Add document”.",
                              "Add each one, valid today, with “Add document”.", n))
    return " ".join(parts)


class DocumentsMissing(ValidationError):
    """A step refused for the documents a checklist lacks: ``message`` says what to do at the
    window; ``command_line_summary`` the same refusal, ending with the command to run."""

    def __init__(self, problems: list[ChecklistLine], lead: str | None = None):
        super().__init__("documents", missing_documents_message(problems, lead))
        self.problems, self.lead = problems, lead

    def command_line_summary(self) -> str:
        return missing_documents_message(self.problems, self.lead, COMMAND_LINE)
