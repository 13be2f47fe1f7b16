"""Appointments (المواعيد): a time booked for an applicant with an employee of a branch, to be
interviewed, to bring a document or to collect a service.

A slot is the employee's day and the minute it starts (a wall-clock time at the branch).  One
employee never holds two bookings starting at one time: ``uq_appointment_slot`` is unique over
the employee, the day and the start among the bookings that hold their slot (a cancelled one
frees it), so two desks booking at once end with one winner; overlaps of different starts are
refused by the service (``services.appointments``)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedRow


class Appointment(SyncedRow, Base):
    __tablename__ = "appointment"
    applicant_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("applicant.id", ondelete="CASCADE"), index=True
    )
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("support_request.id", ondelete="SET NULL"), index=True
    )
    employee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("app_user.id"))
    day: Mapped[dt.date] = mapped_column(Date, index=True)
    start_minute: Mapped[int] = mapped_column(Integer)  # minutes after midnight, branch time
    minutes: Mapped[int] = mapped_column(Integer)  # its length
    purpose: Mapped[str] = mapped_column(String(16))  # interview | document | service
    state: Mapped[str] = mapped_column(String(12), default="booked")  # booked | attended | missed | cancelled
    note: Mapped[str] = mapped_column(Text, default="")
    booked_by: Mapped[uuid.UUID | None]
    reason: Mapped[str] = mapped_column(Text, default="")  # why it was cancelled


Index(
    "uq_appointment_slot",
    Appointment.employee_id,
    Appointment.day,
    Appointment.start_minute,
    unique=True,
    sqlite_where=Appointment.state != "cancelled",
    postgresql_where=Appointment.state != "cancelled",
)
