"""Get or refuse: a stored row by its id, or the refusal "No such …" naming the form's field.

    meeting = get_or_refuse(s, Meeting, meeting_id, "meeting", _("No such meeting"))

Every service loads what the user pointed at this way, so a row removed meanwhile (another desk,
a merge) is the same clear refusal everywhere, never an ``AttributeError`` on ``None``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.models import Applicant, SupportRequest
from ...domain.errors import ValidationError
from ...i18n import _

T = TypeVar("T")


def get_or_refuse(session: Session, model: type[T], key: Any, field: str, message: str,
                  *, options: Sequence[Any] = ()) -> T:
    """The row of ``model`` whose primary key is ``key``, or ``ValidationError(field, message)``."""
    row = session.get(model, key, options=list(options)) if options else session.get(model, key)
    if row is None:
        raise ValidationError(field, message)
    return row


def registered_applicant(session: Session, national_id: str, field: str) -> tuple[uuid.UUID, str]:
    """The applicant registered with ``national_id`` (an enquiry's or a complaint's contact):
    their id and full name, or the refusal naming ``field``."""
    found = session.execute(
        select(Applicant.id, Applicant.full_name).where(Applicant.national_id == national_id)
    ).first()
    if found is None:
        raise ValidationError(field, _("No applicant is registered with this ID"))
    return found.id, found.full_name


def load_request(session: Session, request_id: uuid.UUID) -> SupportRequest:
    """A support request, or the refusal.  Its document checks are read when first asked for
    (a submitted request's checklist): a draft has none, and at head office a query that finds
    nothing is still a round trip."""
    return get_or_refuse(session, SupportRequest, request_id, "request", _("No such request"))
