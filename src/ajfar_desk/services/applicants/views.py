"""Plain data the services hand out (never ORM rows)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from decimal import Decimal

from ...domain.id_types import shown_number


@dataclass(frozen=True)
class MemberView:
    id: uuid.UUID
    full_name: str
    relation: str
    gender: str
    birth_date: dt.date | None
    national_id: str | None
    monthly_income: Decimal
    income_given: bool = True  # the member's income was said (its 0 is «no income»)


@dataclass(frozen=True)
class DocumentView:
    id: uuid.UUID
    kind: str
    number: str
    issue_date: dt.date | None
    expiry_date: dt.date | None
    scan_name: str | None

    def expired(self, on: dt.date | None = None) -> bool:
        """Has the document expired before ``on`` (today by default)?  An expired document is
        still recorded, for the file, but a request's checklist does not count it valid."""
        return self.expiry_date is not None and self.expiry_date < (on or dt.date.today())


@dataclass(frozen=True)
class ApplicantView:
    id: uuid.UUID
    national_id: str  # the document's number as stored (a walk-in's stand-in: see ``id_number``)
    id_type: str
    id_country: str
    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    full_name: str
    birth_date: dt.date
    nationality: str
    gender: str
    marital_status: str
    phone: str
    phone2: str | None
    city: str
    district: str
    monthly_income: Decimal
    category: str
    consent_at: dt.datetime
    notes: str
    branch: str
    members: tuple[MemberView, ...] = ()
    documents: tuple[DocumentView, ...] = ()
    version: int = 0  # as read: a save from it is checked against the stored one
    email: str | None = None
    messages_consent: bool = False  # PDPL: no message without it (services/messages)
    preferred_channel: str = "sms"
    preferred_language: str = "ar"
    latin_name: str | None = None  # the name as the passport writes it
    birth_approx: bool = False  # the birth date is a year only ("about 1980")
    income_given: bool = True  # the monthly income was said (its 0 is «no income»)

    @property
    def household_size(self) -> int:
        return 1 + len(self.members)

    @property
    def id_number(self) -> str:
        """The document's number as people see it ("" for a walk-in or a duplicate's placeholder)."""
        return shown_number(self.id_type, self.national_id)


@dataclass(frozen=True)
class ApplicantHit:
    id: uuid.UUID
    national_id: str
    full_name: str
    phone: str
    birth_date: dt.date
    city: str
    matched_reference: str | None = None
    id_type: str = ""  # "none": national_id holds a walk-in's stand-in, shown as nothing
    # the request the results show: the one whose reference was typed, else the newest (a
    # draft too), with its state; None when the applicant has no request
    request_reference: str | None = None
    request_status: str | None = None
    birth_approx: bool = False

    @property
    def id_number(self) -> str:
        return shown_number(self.id_type, self.national_id)


@dataclass(frozen=True)
class SimilarApplicant:
    id: uuid.UUID
    national_id: str
    full_name: str
    birth_date: dt.date
    similarity: float
    birth_approx: bool = False


@dataclass(frozen=True)
class ChecklistLine:
    kind: str
    label: str
    state: str
    document_id: uuid.UUID | None
    expiry_date: dt.date | None


@dataclass(frozen=True)
class RequestView:
    id: uuid.UUID
    reference: str
    applicant_id: uuid.UUID
    national_id: str
    applicant_name: str
    program: str
    channel: str
    status: str
    description: str
    branch: str
    created_at: dt.datetime
    submitted_at: dt.datetime | None
    answer_due: dt.date | None
    checklist: tuple[ChecklistLine, ...] = field(default=())
    version: int = 0  # as read: a save from it is checked against the stored one
    latin_name: str | None = None  # the name as the passport writes it
