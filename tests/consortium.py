"""Three associations' stores in one consortium, for the coordination tests: Al-Ajfar founds it
and invites Bara'a and Al-Huda; each registers its people; ``round_trip`` has every member write
its file and every other member read it."""

from __future__ import annotations

import datetime as dt
import uuid

from ajfar_desk.db.casework import ServiceDelivery
from ajfar_desk.db.models import SupportRequest
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.coordination import exchange, membership, reveals
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

PASSPHRASE = "correct horse battery"
NAMES = {"ajfar": "الأجفر", "baraa": "براعة", "alhuda": "الهدى"}


def nid(n: int) -> str:
    return make_national_id(1, f"{n:08d}")


def person(number: str, family: str, category: str = "family") -> ApplicantInput:
    return ApplicantInput(
        national_id=number, first_name="سعد", father_name="فهد", grandfather_name="ناصر",
        family_name=family, birth_date="1985-03-04", nationality="SA", gender="male",
        marital_status="married", phone="0501234567", city="الرياض", district="النخيل",
        monthly_income="2000", category=category, consent=True)


def register(ctx, number: str, family: str = "العتيبي", consent: bool = True):
    view = applicants.register(
        ctx, person(number, family, ctx.profile.categories[0].code), confirm_similar=True)
    if consent:
        reveals.set_consent(ctx, view.id, True)
    return view.id


def deliver(ctx, applicant_id, program: str, day: dt.date) -> None:
    """A service delivered to the applicant on ``day`` (rows written directly: the journey that
    leads there is tested elsewhere)."""
    with ctx.uow() as s:
        req = SupportRequest(branch=ctx.branch.code, applicant_id=applicant_id,
                             reference=f"T-{uuid.uuid4().hex[:12]}", program=program,
                             channel="interview", status="delivered")
        s.add(req)
        s.flush()
        s.add(ServiceDelivery(branch=ctx.branch.code, request_id=req.id, description="خدمة",
                              delivered_on=day))


def founded(tmp_path, first_store=None):
    """{"ajfar": ctx, "baraa": ctx, "alhuda": ctx}, all members (the first on ``first_store``)."""
    out = {}
    for code in NAMES:
        store = first_store if code == "ajfar" and first_store is not None else Store.open(tmp_path / code)
        out[code] = setup.init_store(store, code, None, "admin", "password123", "مدير النظام")
    membership.create(out["ajfar"], "تنسيق الجمعيات")
    for code in ("baraa", "alhuda"):
        invitation = membership.invite(out["ajfar"], NAMES[code], PASSPHRASE)
        membership.join(out[code], invitation, PASSPHRASE)
    return out


def round_trip(members: dict) -> dict[str, bytes]:
    """Every member writes its file; every other member reads it.  Returns the files."""
    files = {code: exchange.export(ctx) for code, ctx in members.items()}
    for code, data in files.items():
        for other, ctx in members.items():
            if other != code:
                exchange.import_file(ctx, data)
    return files


def close(members: dict) -> None:
    for code, ctx in members.items():
        if code != "ajfar":
            ctx.store.close()
