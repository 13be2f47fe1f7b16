"""The contact log (سجل الاستفسارات): every enquiry, call or letter received through any of the
association's channels, whether or not it becomes a request."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedRow


class Enquiry(SyncedRow, Base):
    """Who asked (a registered applicant, or a name and a phone), through which channel, what
    about, the answer given, whether it was referred to the social researcher and whether it
    became a request."""

    __tablename__ = "enquiry"
    number: Mapped[str] = mapped_column(String(32), unique=True)
    channel: Mapped[str] = mapped_column(String(40), index=True)
    applicant_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("applicant.id", ondelete="SET NULL"), index=True
    )
    contact_name: Mapped[str] = mapped_column(String(330), default="")
    contact_phone: Mapped[str | None] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(200))
    answer: Mapped[str] = mapped_column(Text, default="")
    referred: Mapped[bool] = mapped_column(default=False)  # to the social researcher
    referred_to: Mapped[uuid.UUID | None]  # the researcher, when one was named
    request_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("support_request.id", ondelete="SET NULL"), index=True
    )
    received_on: Mapped[dt.date] = mapped_column(Date, index=True)
    recorded_by: Mapped[uuid.UUID | None]
