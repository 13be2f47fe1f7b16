"""Get or refuse: a stored row by its id, or the refusal "No such …" naming the form's field.

    meeting = get_or_refuse(s, Meeting, meeting_id, "meeting", _("No such meeting"))

Every service loads what the user pointed at this way, so a row removed meanwhile (another desk,
a merge) is the same clear refusal everywhere, never an ``AttributeError`` on ``None``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, joinedload

from ...db import row_stamps
from ...db.models import Applicant, SupportRequest
from ...domain.errors import ValidationError
from ...i18n import _

T = TypeVar("T")

# an applicant's file read with its documents, and with its household too (one round trip, the
# collections joined); the statements built once: ``session.get`` with loader options built
# the query again at every call, a third of the CPU of reading the file
_WITH_DOCUMENTS = select(Applicant).options(joinedload(Applicant.documents)).where(
    Applicant.id == bindparam("applicant"))
_WITH_FILE = select(Applicant).options(
    joinedload(Applicant.documents), joinedload(Applicant.members)).where(
    Applicant.id == bindparam("applicant"))


def applicant_file(session: Session, applicant_id: uuid.UUID, *,
                   household: bool = True) -> Applicant | None:
    """The applicant with their documents (and household): the one the session holds already
    (as ``session.get`` hands it back, without a query), else read with them in one query."""
    held = session.identity_map.get(session.identity_key(Applicant, applicant_id))
    if held is not None:
        return cast(Applicant, held)
    return session.execute(_WITH_FILE if household else _WITH_DOCUMENTS,
                           {"applicant": applicant_id}).unique().scalar_one_or_none()


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


def load_request(session: Session, request_id: uuid.UUID, *, to_change: bool = False) -> SupportRequest:
    """A support request, or the refusal.  Its document checks are read when first asked for
    (a submitted request's checklist): a draft has none, and at head office a query that finds
    nothing is still a round trip.  ``to_change``: the save will change it; at head office its
    sync stamps are read with it (``db.row_stamps``), not by a statement of their own at the
    flush."""
    if not to_change or not row_stamps.carried(session):
        return get_or_refuse(session, SupportRequest, request_id, "request", _("No such request"))
    row = row_stamps.load(session, _REQUEST_STAMPED, {"request": request_id},
                          SupportRequest.__tablename__)
    if row is None:
        raise ValidationError("request", _("No such request"))
    return cast(SupportRequest, row)


_REQUEST = select(SupportRequest).where(SupportRequest.id == bindparam("request"))
_REQUEST_STAMPED = row_stamps.select_with(_REQUEST, SupportRequest)
