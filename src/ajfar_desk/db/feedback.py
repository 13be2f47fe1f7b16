"""Tables of the beneficiary's voice: satisfaction survey answers, complaints and suggestions."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedRow, utcnow


class SurveyResponse(SyncedRow, Base):
    """One beneficiary's answers to a satisfaction survey.  Program, channel and the employee
    who served are copied from the request when it is taken, so the index stays as it was even
    if the request changes later."""

    __tablename__ = "survey_response"
    survey: Mapped[str] = mapped_column(String(40))
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("support_request.id", ondelete="SET NULL"), index=True
    )
    program: Mapped[str] = mapped_column(String(40), default="")
    channel: Mapped[str] = mapped_column(String(40), default="")
    employee_id: Mapped[uuid.UUID | None]  # who served the beneficiary
    recorded_by: Mapped[uuid.UUID | None]  # who typed the answers in
    mode: Mapped[str] = mapped_column(String(12))  # desk | phone | paper
    taken_on: Mapped[dt.date] = mapped_column(Date, index=True)
    answers: Mapped[str] = mapped_column(Text)  # JSON: question code -> 1..5 or text
    score_sum: Mapped[int] = mapped_column(Integer)  # sum of the scale answers
    score_count: Mapped[int] = mapped_column(Integer)  # how many scale answers


class Complaint(SyncedRow, Base):
    """A complaint or a suggestion, from any channel, possibly anonymous."""

    __tablename__ = "complaint"
    number: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(12))  # complaint | suggestion
    channel: Mapped[str] = mapped_column(String(40))
    category: Mapped[str] = mapped_column(String(40))
    anonymous: Mapped[bool] = mapped_column(default=False)
    applicant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("applicant.id", ondelete="SET NULL"), index=True
    )
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("support_request.id", ondelete="SET NULL")
    )
    contact_name: Mapped[str] = mapped_column(String(330), default="")
    contact_phone: Mapped[str | None] = mapped_column(String(16))
    # male | female, as said by a complainant linked to no file (a linked one's file says it);
    # NULL: not said (the usual words are used)
    contact_gender: Mapped[str | None] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text, default="")
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    due_on: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), index=True)  # open | escalated | resolved
    assigned_to: Mapped[uuid.UUID | None]
    escalated_on: Mapped[dt.date | None] = mapped_column(Date)
    resolution: Mapped[str] = mapped_column(Text, default="")
    resolved_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    informed_how: Mapped[str] = mapped_column(String(16), default="")
    complainant_satisfaction: Mapped[int | None] = mapped_column(Integer)
    recorded_by: Mapped[uuid.UUID | None]


class ComplaintEvent(SyncedRow, Base):
    """Append-only history of a complaint: received, assigned, escalated, resolved."""

    __tablename__ = "complaint_event"
    complaint_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("complaint.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    user_id: Mapped[uuid.UUID | None]
    note: Mapped[str] = mapped_column(Text, default="")

