"""A consortium of associations that coordinate (``services.coordination``): this store's
membership, the other members, the exchanges it wrote and what the members revealed.

None of these tables is exchanged between the association's own nodes: coordination is done by
one store (head office's), and its secrets stay there."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Base, new_id, utcnow


class Consortium(Base):
    """This association as a member: at most one row.  ``signing_key`` signs its exchange files;
    what a match reveals is the member's choice (``reveal_*``, each switchable)."""

    __tablename__ = "coordination_consortium"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # hex of the founder's key hash
    name: Mapped[str] = mapped_column(String(120))
    member_id: Mapped[str] = mapped_column(String(32))
    signing_key: Mapped[bytes] = mapped_column(LargeBinary)
    reveal_association: Mapped[bool] = mapped_column(default=True)
    reveal_program: Mapped[bool] = mapped_column(default=True)
    reveal_month: Mapped[bool] = mapped_column(default=True)
    exports: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class ConsortiumMember(Base):
    """A member as this store knows it: its certificate (signed by the member that invited it),
    when it last exchanged, and the blinded queries of its last file, answered in our next one."""

    __tablename__ = "coordination_member"
    member_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    certificate: Mapped[str] = mapped_column(Text)  # canonical JSON with its signature
    invited_by: Mapped[str] = mapped_column(String(32))
    last_number: Mapped[int] = mapped_column(Integer, default=0)  # its last file imported here
    last_import_at: Mapped[dt.datetime | None]
    last_file_at: Mapped[dt.datetime | None]  # when it wrote that file
    last_answered_at: Mapped[dt.datetime | None]  # our export that answered its queries
    pending_number: Mapped[int] = mapped_column(Integer, default=0)
    pending_queries: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))


class CoordinationExport(Base):
    """One exchange file written here: the scalar that blinded its queries (to unblind the
    answers) and, in the same order, the applicants they stand for."""

    __tablename__ = "coordination_export"
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    query_key: Mapped[bytes] = mapped_column(LargeBinary)
    applicants: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))  # 16-byte ids, in order
    count: Mapped[int] = mapped_column(Integer, default=0)


class CoordinationReveal(Base):
    """What another member revealed about one of our applicants it also holds, as of its last
    answer: replaced by every later answer, removed when the applicant withdraws consent."""

    __tablename__ = "coordination_reveal"
    __table_args__ = (UniqueConstraint("member_id", "applicant_id"),)
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    member_id: Mapped[str] = mapped_column(String(32))
    applicant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applicant.id", ondelete="CASCADE"), index=True
    )
    association: Mapped[str] = mapped_column(String(120), default="")  # "" when not revealed
    program: Mapped[str] = mapped_column(String(120), default="")
    service_month: Mapped[str] = mapped_column(String(7), default="")  # YYYY-MM
    first_seen_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
