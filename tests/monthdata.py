"""Rows written straight into the store with chosen dates, to build a month whose report figures
are known by hand (the services always stamp "now")."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

from ajfar_desk.db.casework import Decision, Meeting, ServiceDelivery
from ajfar_desk.db.feedback import Complaint, SurveyResponse
from ajfar_desk.db.models import Applicant, StatusEvent, SupportRequest

RIYADH = ZoneInfo("Asia/Riyadh")


def at(month: int, day: int, hour: int = 10, minute: int = 0, year: int = 2026) -> dt.datetime:
    """A moment in Riyadh time."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=RIYADH)


def day(month: int, d: int, year: int = 2026) -> dt.date:
    return dt.date(year, month, d)


class Rows:
    def __init__(self, ctx):
        self.ctx, self.n = ctx, 0

    def _add(self, row):
        with self.ctx.uow() as s:
            s.add(row)
            s.flush()
            return row.id

    def applicant(self, created: dt.datetime, branch: str = "HQ") -> uuid.UUID:
        self.n += 1
        return self._add(Applicant(
            branch=branch, created_at=created, updated_at=created,
            national_id=f"1{self.n:09d}", id_type="national_id", first_name=f"اسم{self.n}",
            father_name="أ", grandfather_name="ب", family_name="ج", full_name=f"اسم{self.n} أ ب ج",
            name_norm=f"اسم{self.n} ا ب ج", birth_date=dt.date(1990, 1, 1), nationality="SA",
            gender="male", marital_status="married", phone=f"+96655{self.n:07d}", city="جدة",
            category="student", consent_at=created,
        ))

    def request(self, applicant, created, program, channel, branch="HQ", steps=(), due=None):
        """``steps``: (action, to_state, moment); the first event (creation) is added here."""
        self.n += 1
        submitted = next((moment for action, _s, moment in steps if action == "submit"), None)
        rid = self._add(SupportRequest(
            branch=branch, created_at=created, updated_at=created, applicant_id=applicant,
            reference=f"T-{self.n:06d}", program=program, channel=channel,
            status=steps[-1][1] if steps else "draft", submitted_at=submitted, answer_due=due,
        ))
        previous = None
        for action, state, moment in (("", "draft", created), *steps):
            self._add(StatusEvent(
                branch=branch, request_id=rid, from_status=previous, to_status=state, at=moment,
                action=action,
            ))
            previous = state
        return rid

    def meeting(self, held_on: dt.date, number: int) -> uuid.UUID:
        return self._add(Meeting(branch="HQ", number=number, hijri_year=1448, held_on=held_on))

    def decision(self, meeting, request, outcome: str, amount=None) -> uuid.UUID:
        return self._add(Decision(
            branch="HQ", meeting_id=meeting, request_id=request, outcome=outcome,
            amount=None if amount is None else Decimal(amount),
        ))

    def delivery(self, request, on: dt.date, amount=None) -> uuid.UUID:
        return self._add(ServiceDelivery(
            branch="HQ", request_id=request, description="x", delivered_on=on,
            amount=None if amount is None else Decimal(amount), acknowledged=True,
        ))

    def survey(self, on, scores, branch="HQ", program="", channel="", employee=None, request=None):
        answers = {f"q{i}": v for i, v in enumerate(scores)}
        return self._add(SurveyResponse(
            branch=branch, survey="after_service", request_id=request, program=program,
            channel=channel, employee_id=employee, mode="desk", taken_on=on,
            answers=json.dumps(answers), score_sum=sum(scores), score_count=len(scores),
        ))

    def complaint(self, kind, received, category, branch="HQ", resolved=None, days=7):
        self.n += 1
        return self._add(Complaint(
            branch=branch, number=f"C-{self.n:06d}", kind=kind, channel="phone", category=category,
            subject="s", received_on=received, due_on=received + dt.timedelta(days=days),
            status="resolved" if resolved else "open", resolved_on=resolved,
        ))
