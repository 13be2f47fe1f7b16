"""Whom an ID number typed in a form links (``applicants.registered_name``): found whatever the
digits and separators, None for a whole number nobody holds, refused while too short to be any number,
and no audit entry (no file was opened)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ajfar_desk.db.models import AuditEntry
from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput

pytestmark = pytest.mark.usefixtures("english_messages")


def test_the_name_of_the_holder_of_a_number_as_typed(ctx):
    nid = make_national_id(1, "50276105")
    saved = applicants.register(ctx, ApplicantInput(
        national_id=nid, first_name="حمود", father_name="عثمان", grandfather_name="هزاع",
        family_name="الزهراني", birth_date="1/1/1985", nationality="SA", gender="male",
        marital_status="married", phone="0501234567", city="الأجفر", category="family", consent=True))
    with ctx.reading() as s:
        audited = s.scalar(select(func.count()).select_from(AuditEntry))
    spaced = f"{nid[:4]} {nid[4:7]}-{nid[7:]}"
    assert applicants.registered_name(ctx, to_arabic_digits(spaced)) == saved.full_name
    assert applicants.registered_name(ctx, make_national_id(1, "50276106")) is None
    with pytest.raises(ValidationError):
        applicants.registered_name(ctx, nid[:4])
    with ctx.reading() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audited
