"""A complete desk scenario for paper tests: applicant with household and documents, a request
submitted on a fixed day."""

from __future__ import annotations

import datetime as dt

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicants import DocumentInput, MemberInput
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests

DAY = dt.date(2026, 11, 19)
LONG_NAME = ("عبدالرحمن", "عبدالمحسن", "عبدالعزيز", "آل عبداللطيف الشمراني")


def submitted_request(ctx, *, first=LONG_NAME[0], nid_body="01234567", submit=True, on=DAY, gender="male"):
    program = max(ctx.profile.programs, key=lambda p: len(p.required_documents))
    category = program.categories[0] if program.categories else ctx.profile.categories[0].code
    a = applicants.register(
        ctx,
        ApplicantInput(
            national_id=make_national_id(1, nid_body),
            first_name=first,
            father_name=LONG_NAME[1],
            grandfather_name=LONG_NAME[2],
            family_name=LONG_NAME[3],
            birth_date="10/4/1406",
            nationality="SA",
            gender=gender,
            marital_status="married",
            phone="0551234567",
            city=ctx.profile.city_ar or "الرياض",
            district="حي الملك فهد (الشرقي)",
            monthly_income="3500",
            category=category,
            consent=True,
        ),
        confirm_similar=True,
    )
    for name, relation, gender in (("نورة", "daughter", "female"), ("سعد", "son", "male")):
        applicants.add_member(ctx, a.id, MemberInput(name, relation, gender, "2015-03-01"))
    for i, kind in enumerate(program.required_documents):
        has_expiry = ctx.profile.document_kind(kind).has_expiry
        expiry = (on + dt.timedelta(days=400 + i)).isoformat() if has_expiry else ""
        number = "" if kind in ("national_id", "iqama") else f"A{i}-77{i}5"  # the ID's: its own
        applicants.add_document(ctx, a.id, DocumentInput(kind, number, "2020-01-01", expiry))
    req = requests.create_request(ctx, a.id, program.code, ctx.profile.channels[0].code)
    if submit:
        sign_declaration(ctx, req.id)
        confirmed = program.eligibility.confirmation_codes  # the desk checked each condition
        req = requests.submit(ctx, req.id, on=on, confirmed=confirmed)
    return a, req


def sign_declaration(ctx, request_id):
    """The applicant signs the declaration on paper and the desk records it (the step before
    submission)."""
    doc = documents.issue(ctx, request_id, "declaration")
    return documents.record_wet_signature(ctx, doc.number)


def lacking_documents(ctx, applicant_id, gone=(), expired=(), days_ago=2):
    """The applicant's documents of the kinds ``gone`` removed, and those of ``expired`` run
    out ``days_ago`` days before today (a walk-in without all her papers)."""
    import datetime as _dt

    from sqlalchemy import select

    from ajfar_desk.db.models import Document

    with ctx.uow() as s:
        for doc in s.scalars(select(Document).where(Document.applicant_id == applicant_id)):
            if doc.kind in gone:
                s.delete(doc)
            elif doc.kind in expired:
                doc.expiry_date = ctx.now().date() - _dt.timedelta(days=days_ago)
