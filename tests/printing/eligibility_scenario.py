"""An Aman (policy 003) draft whose program asks for a confirmation only a person can give
(«التحقق من الحالة لدى الجهة الرسمية…»): documents valid, declaration signed, ready to submit
with the confirmation ticked or by exception."""

from __future__ import annotations

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.requests import requests

from .scenario import sign_declaration


def draft(ctx, body: str = "02345678"):
    a = applicants.register(
        ctx,
        ApplicantInput(
            national_id=make_national_id(1, body), first_name="منيرة", father_name="عبدالرحمن",
            grandfather_name="سالم", family_name="الدوسري", birth_date="1/1/1410", nationality="SA",
            gender="female", marital_status="divorced", phone="0501112233", city="الرياض",
            category="family", consent=True,
        ),
        confirm_similar=True,
    )
    program = ctx.profile.program("community_families")
    for kind in program.required_documents:
        expiry = "2030-01-01" if ctx.profile.document_kind(kind).has_expiry else ""
        applicants.add_document(ctx, a.id, DocumentInput(kind, "" if kind == "national_id" else "N-1", "", expiry))
    req = requests.create_request(ctx, a.id, "community_families", "interview", "مساعدة مالية")
    sign_declaration(ctx, req.id)
    return req
