"""The store's tables.  Rows never leave this layer: services turn them into plain data."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from ..domain.transliteration import name_key
from .base import Base, SyncedRow, new_id, utcnow


class StoreMeta(Base):
    """Key/value facts about this store: association, branch, store id."""

    __tablename__ = "store_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(SyncedRow, Base):
    __tablename__ = "app_user"
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    # "male" | "female": the role names the person in their gender (domain.role_titles)
    gender: Mapped[str] = mapped_column(String(8), default="male", server_default="male")
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[dt.datetime | None]
    # set when an administrator gives the password (a new account, a reset): its owner chooses
    # their own at the next sign-in (``services.users.own_password``)
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())


LATIN_NAME_LENGTH = 120


def _name_key_default(context: DefaultExecutionContext) -> str:
    """An inserted applicant's key from its names, when the insert does not give one (bulk
    loads, imports, benchmarks write rows directly)."""
    params: dict[str, Any] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return name_key(params.get("full_name") or "", params.get("latin_name"))


class Applicant(SyncedRow, Base):
    """A person, known by an identity document (``domain.id_types``): ``id_type``, ``id_country``
    (ISO 3166 alpha-2 for a passport or GCC ID, else "") and ``national_id``, which holds that
    document's number whatever its type (a walk-in's stand-in for ``none``).  The three together
    are unique; the number comes first in that index, so a number typed in the search box is
    found by its prefix."""

    __tablename__ = "applicant"
    __table_args__ = (
        UniqueConstraint("national_id", "id_type", "id_country", name="uq_applicant_identity"),
    )
    national_id: Mapped[str] = mapped_column(String(20))
    id_type: Mapped[str] = mapped_column(String(16))
    id_country: Mapped[str] = mapped_column(String(2), default="", server_default="")
    first_name: Mapped[str] = mapped_column(String(80))
    father_name: Mapped[str] = mapped_column(String(80))
    grandfather_name: Mapped[str] = mapped_column(String(80))
    family_name: Mapped[str] = mapped_column(String(80))
    full_name: Mapped[str] = mapped_column(String(330))
    name_norm: Mapped[str] = mapped_column(String(330))
    # The name in Latin letters as the passport writes it (optional).
    latin_name: Mapped[str | None] = mapped_column(String(LATIN_NAME_LENGTH))
    # The cross-script key of both names (``domain.transliteration.name_key``): consonant
    # skeletons, indexed beside ``name_norm`` so "Mohammed Alshamari" finds «محمد الشمري».
    name_key: Mapped[str] = mapped_column(
        String(400), default=_name_key_default, server_default=""
    )
    birth_date: Mapped[dt.date] = mapped_column(Date)
    # the birth date is a year only, "born about 1980" (``domain.dates.approximate_birth``): the
    # date holds 1 July of it, shown and compared as the year
    birth_approx: Mapped[bool] = mapped_column(default=False, server_default=false())
    nationality: Mapped[str] = mapped_column(String(2))
    gender: Mapped[str] = mapped_column(String(8))
    marital_status: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str] = mapped_column(String(16), index=True)
    phone2: Mapped[str | None] = mapped_column(String(16), index=True)
    city: Mapped[str] = mapped_column(String(80))
    district: Mapped[str] = mapped_column(String(80), default="")
    monthly_income: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    # the income was said (0 is an answer: no income); not said, it is kept 0 and read «لم يُذكر»
    income_given: Mapped[bool] = mapped_column(default=True, server_default=true())
    category: Mapped[str] = mapped_column(String(32))
    consent_at: Mapped[dt.datetime]
    # Messages (services/messages): PDPL, no message without the applicant's consent
    email: Mapped[str | None] = mapped_column(String(254))
    messages_consent: Mapped[bool] = mapped_column(default=False, server_default=false())
    preferred_channel: Mapped[str] = mapped_column(String(16), default="sms", server_default="sms")
    preferred_language: Mapped[str] = mapped_column(String(2), default="ar", server_default="ar")
    anonymised_at: Mapped[dt.datetime | None]
    notes: Mapped[str] = mapped_column(Text, default="")
    # agreed to take part in the coordination between associations (``services.coordination``)
    coordination_consent: Mapped[bool] = mapped_column(default=False, server_default=false())
    # Local-only key of this row in the SQLite full-text index; set by a trigger, never synced.
    search_key: Mapped[int | None] = mapped_column(Integer, unique=True)
    # Bumped by every save on this store (SQLAlchemy checks it in the UPDATE): a form saved from
    # an older reading is caught, never written over another desk's change.  Local, never synced.
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version}

    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="applicant",
        cascade="all, delete-orphan",
        order_by="HouseholdMember.created_at",
    )
    documents: Mapped[list[Document]] = relationship(
        back_populates="applicant", cascade="all, delete-orphan", order_by="Document.created_at"
    )


class HouseholdMember(SyncedRow, Base):
    __tablename__ = "household_member"
    applicant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applicant.id", ondelete="CASCADE"), index=True
    )
    full_name: Mapped[str] = mapped_column(String(330))
    relation: Mapped[str] = mapped_column(String(32))
    gender: Mapped[str] = mapped_column(String(8), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    national_id: Mapped[str | None] = mapped_column(String(10))
    monthly_income: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    # as the applicant's (0024): not said, the income is kept 0 and read «لم يُذكر»
    income_given: Mapped[bool] = mapped_column(default=True, server_default=true())
    applicant: Mapped[Applicant] = relationship(back_populates="members")


class Document(SyncedRow, Base):
    __tablename__ = "document"
    applicant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applicant.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(60), default="")
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    scan_name: Mapped[str | None] = mapped_column(String(200))
    scan: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    applicant: Mapped[Applicant] = relationship(back_populates="documents")


class SupportRequest(SyncedRow, Base):
    __tablename__ = "support_request"
    applicant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applicant.id", ondelete="CASCADE"), index=True
    )
    reference: Mapped[str] = mapped_column(String(32), unique=True)
    program: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(24), index=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[uuid.UUID | None]
    submitted_at: Mapped[dt.datetime | None]
    answer_due: Mapped[dt.date | None] = mapped_column(Date)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")  # as applicant's
    __mapper_args__ = {"version_id_col": version}
    checks: Mapped[list[DocumentCheck]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="DocumentCheck.kind"
    )


class DocumentCheck(SyncedRow, Base):
    """What the desk verified for one required document when the request was submitted."""

    __tablename__ = "document_check"
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("support_request.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    document_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL")
    )
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    checked_on: Mapped[dt.date] = mapped_column(Date)
    request: Mapped[SupportRequest] = relationship(back_populates="checks")


class StatusEvent(SyncedRow, Base):
    """Append-only timeline of a request."""

    __tablename__ = "status_event"
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("support_request.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[str | None] = mapped_column(String(24))
    to_status: Mapped[str] = mapped_column(String(24))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[uuid.UUID | None]
    reason: Mapped[str] = mapped_column(Text, default="")
    action: Mapped[str] = mapped_column(String(32), default="")
    role: Mapped[str] = mapped_column(String(32), default="")
    details: Mapped[str] = mapped_column(Text, default="")  # JSON: eligibility, override
    # never read: it tells the unit of work that a request is inserted before its events, so a
    # new request and its first event go in one flush (their log in one statement)
    request: Mapped[SupportRequest] = relationship(lazy="raise")


class ReferenceCounter(Base):
    """Last reference number used, per branch prefix and Hijri year."""

    __tablename__ = "reference_counter"
    prefix: Mapped[str] = mapped_column(String(16), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class InterviewDraft(Base):
    """A form being filled in, saved as the user types, offered back after a crash."""

    __tablename__ = "interview_draft"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID | None]
    kind: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    __table_args__ = (UniqueConstraint("user_id", "kind", "subject"),)


class AuditEntry(Base):
    """Append-only log in hash chains: ``hash`` covers the entry and the previous hash, so an
    edited, removed or inserted entry breaks its chain (``services.users.audit.verify``).  ``chain`` is
    the branch code for a branch's own chain, or one of a head-office desk's lanes
    (``services.users.audit_chain``)."""

    __tablename__ = "audit_log"
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    branch: Mapped[str] = mapped_column(String(16))
    chain: Mapped[str] = mapped_column(String(40), default="")
    user_id: Mapped[uuid.UUID | None]
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(64), default="")
    details: Mapped[str] = mapped_column(Text, default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    prev_hash: Mapped[str] = mapped_column(String(64), default="")
    hash: Mapped[str] = mapped_column(String(64), default="")
    __table_args__ = (UniqueConstraint("chain", "seq"),)


class AuditHead(Base):
    """The last entry of each audit chain; a writer holds its chain's row until it commits."""

    __tablename__ = "audit_head"
    chain: Mapped[str] = mapped_column(String(40), primary_key=True)
    branch: Mapped[str] = mapped_column(String(16), default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
    hash: Mapped[str] = mapped_column(String(64), default="")

Index("ix_support_request_program_status", SupportRequest.program, SupportRequest.status)
Index("ix_support_request_created_at", SupportRequest.created_at)
# The desk's list (services.requests.worklist): a branch's requests in a state, newest first
# (the status first: a list of every status reads the date's or the reference's index instead;
# the id last: a page's ids and their order come from the index alone).
Index("ix_support_request_status_branch_created", SupportRequest.status, SupportRequest.branch,
      SupportRequest.created_at, SupportRequest.id)
# Covers the duplicate check: candidates born the same day come from the index alone.
Index("ix_applicant_birth_date_name", Applicant.birth_date, Applicant.name_norm, Applicant.id)
Index("ix_support_request_answer_due", SupportRequest.answer_due)
# The desk's list, late first: a state's requests in the branch by their answer date (migration
# 0021); and «made by me»: a user's requests in a state, newest first, from the index alone.
Index("ix_support_request_status_branch_due", SupportRequest.status, SupportRequest.branch,
      SupportRequest.answer_due)
Index("ix_support_request_creator_status_branch_created", SupportRequest.created_by,
      SupportRequest.status, SupportRequest.branch, SupportRequest.created_at, SupportRequest.id)
# «All requests», «made today» and a reference's start many share: a branch's requests newest
# first, their ids and references from the index alone (migration 0024, keyset pages).
Index("ix_support_request_created_id", SupportRequest.created_at, SupportRequest.id,
      SupportRequest.branch, SupportRequest.reference)
# The monthly report reads events and deliveries by date.
Index("ix_status_event_at", StatusEvent.at)
Index("ix_status_event_request_at", StatusEvent.request_id, StatusEvent.at)  # state at a moment


class IssuedDocument(SyncedRow, Base):
    """A printed paper (declaration, committee referral) as issued: content, hash, signature."""

    __tablename__ = "issued_document"
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("support_request.id", ondelete="CASCADE"), index=True
    )
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("committee_meeting.id", ondelete="CASCADE"), index=True
    )  # the minutes of a committee meeting belong to the meeting, not to one request
    kind: Mapped[str] = mapped_column(String(16))
    number: Mapped[str] = mapped_column(String(48), unique=True)
    revision: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    content: Mapped[str] = mapped_column(Text)  # canonical JSON of everything printed
    sha256: Mapped[str] = mapped_column(String(64))
    issued_by: Mapped[uuid.UUID | None]
    signature_mode: Mapped[str] = mapped_column(String(8))  # pad | wet
    signature_png: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    signed_at: Mapped[dt.datetime | None]
    signed_recorded_by: Mapped[uuid.UUID | None]
    scan_name: Mapped[str | None] = mapped_column(String(200))
    scan: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    print_count: Mapped[int] = mapped_column(Integer, default=0)
    last_printed_at: Mapped[dt.datetime | None]
    # every save checks it (as a request's): a change another desk committed after the read
    # fails the save, so the paper's sync stamps can be read with it (db.row_stamps, 0028)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __table_args__ = (UniqueConstraint("request_id", "kind", "revision"),)
    __mapper_args__ = {"version_id_col": version}


from . import (  # noqa: E402,F401  (their tables share this metadata)
    appointments,
    casework,
    coordination,
    enquiries,
    feedback,
    import_runs,
    messages,
    name_parts,
    profile_versions,
    sync_tables,
)
