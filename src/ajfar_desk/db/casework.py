"""Tables of a request's journey after the desk: social study, committee meetings and their
decisions, service delivery."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

from sqlalchemy import (
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import Mapped, deferred, mapped_column

from .base import Base, SyncedRow


class SocialStudy(SyncedRow, Base):
    """The social researcher's study of one request (visible to researchers, committee,
    managers only)."""

    __tablename__ = "social_study"
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("support_request.id", ondelete="CASCADE"), unique=True
    )
    researcher_id: Mapped[uuid.UUID | None]
    visit_date: Mapped[dt.date | None] = mapped_column(Date)
    household: Mapped[str] = mapped_column(Text, default="")
    monthly_income: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    # the household's income was said (its 0 is «no income»); not said, it is kept 0 (0026)
    income_given: Mapped[bool] = mapped_column(default=True, server_default=true())
    monthly_expenses: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal(0))
    # the household's expenses were said (their 0 is «none»); not said, they are kept 0 (0028)
    expenses_given: Mapped[bool] = mapped_column(default=True, server_default=true())
    housing: Mapped[str] = mapped_column(String(16), default="")
    housing_notes: Mapped[str] = mapped_column(Text, default="")
    health: Mapped[str] = mapped_column(Text, default="")
    recommendation: Mapped[str] = mapped_column(String(16), default="")
    recommendation_notes: Mapped[str] = mapped_column(Text, default="")


class Meeting(SyncedRow, Base):
    """A numbered meeting of the research committee."""

    __tablename__ = "committee_meeting"
    number: Mapped[int] = mapped_column(Integer)
    hijri_year: Mapped[int] = mapped_column(Integer)
    held_on: Mapped[dt.date] = mapped_column(Date)
    members: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of names
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | closed
    # who chaired ("" or None, a meeting from before 0017: nobody recorded, a line to sign)
    chair: Mapped[str | None] = mapped_column(Text, default=None)
    # the references its agenda still held undecided when it closed (JSON list; None while open)
    carried_over: Mapped[str | None] = mapped_column(Text, default=None)
    __table_args__ = (UniqueConstraint("hijri_year", "number"),)


class Decision(SyncedRow, Base):
    """The committee's decision on one request in one meeting (deferrals included)."""

    __tablename__ = "committee_decision"
    meeting_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("committee_meeting.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("support_request.id", ondelete="CASCADE"), index=True
    )
    outcome: Mapped[str] = mapped_column(String(16))  # approve | reject | more_info | defer
    service: Mapped[str] = mapped_column(Text, default="")
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[uuid.UUID | None]


class ServiceDelivery(SyncedRow, Base):
    """What was actually given to the beneficiary, and their acknowledgment."""

    __tablename__ = "service_delivery"
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("support_request.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    delivered_on: Mapped[dt.date] = mapped_column(Date, index=True)
    delivered_by: Mapped[uuid.UUID | None]
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    acknowledged: Mapped[bool] = mapped_column(default=False)
    acknowledgment_png: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))


class Appeal(SyncedRow, Base):
    """An applicant's appeal (تظلم) of the committee's rejection, with its grounds; the
    committee's next meeting decides it (overturned: approved; upheld: rejected again)."""

    __tablename__ = "request_appeal"
    request_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("support_request.id", ondelete="CASCADE"), index=True
    )
    grounds: Mapped[str] = mapped_column(Text)
    lodged_on: Mapped[dt.date] = mapped_column(Date)
    deadline: Mapped[dt.date] = mapped_column(Date)  # the last day it could be lodged
    recorded_by: Mapped[uuid.UUID | None]
    outcome: Mapped[str] = mapped_column(String(16), default="")  # "" | upheld | overturned
    meeting_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("committee_meeting.id", ondelete="SET NULL"), index=True
    )
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
