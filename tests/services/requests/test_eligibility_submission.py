"""Eligibility at submission (policy 003): explained refusals, confirmations, recorded override."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import AuditEntry, StatusEvent
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.requests import requests
from ajfar_desk.services.requests.eligibility_check import NotEligible
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from printing.scenario import DAY, sign_declaration


@pytest.fixture
def aman(tmp_path):
    store = Store.open(tmp_path / "aman")
    ctx = setup.init_store(store, "aman", None, "admin", "password123", "Admin")
    yield ctx
    store.close()


def _draft(ctx, program_code: str, category: str):
    a = applicants.register(
        ctx,
        ApplicantInput(
            national_id=make_national_id(1, "02345678"), first_name="سارة", father_name="علي",
            grandfather_name="حسن", family_name="اليامي", birth_date="1/1/1420", nationality="SA",
            gender="female", marital_status="single", phone="0551112222", city="الرياض",
            category=category, consent=True,
        ),
    )
    program = ctx.profile.program(program_code)
    for kind in program.required_documents:
        expiry = "2030-01-01" if ctx.profile.document_kind(kind).has_expiry else ""
        applicants.add_document(ctx, a.id, DocumentInput(kind, "" if kind == "national_id" else "N-1", "", expiry))
    req = requests.create_request(ctx, a.id, program_code, "interview")
    sign_declaration(ctx, req.id)
    return req, program


def test_unconfirmed_conditions_are_explained_then_confirmed(aman, english_messages):
    req, program = _draft(aman, "training", "trainee")
    codes = program.eligibility.confirmation_codes
    assert codes  # Aman's training program: qualification, commitment, criteria
    with pytest.raises(NotEligible) as err:
        requests.submit(aman, req.id, on=DAY, confirmed=codes[:1])
    failed = [line.code for line in err.value.result.failed]
    assert failed == list(codes[1:])
    assert "Not eligible" in err.value.message and "Not yet confirmed" in err.value.message
    assert requests.get_request(aman, req.id).status == "draft"
    preview = requests.eligibility(aman, req.id, confirmed=codes, on=DAY)
    assert preview.eligible
    done = requests.submit(aman, req.id, on=DAY, confirmed=codes)
    assert done.status == "submitted"
    details = _submission_details(aman, req.id)
    recorded = details["eligibility"]
    assert [code for code, _p in recorded][-len(codes):] == list(codes)
    assert all(passed for _c, passed in recorded)
    assert "override" not in details


def test_override_needs_a_reason_and_is_recorded(aman):
    req, program = _draft(aman, "training", "trainee")
    with pytest.raises(NotEligible):
        requests.submit(aman, req.id, on=DAY, override_reason="   ")
    requests.submit(aman, req.id, on=DAY, override_reason="قرار المدير: حالة إنسانية عاجلة")
    details = _submission_details(aman, req.id)
    assert details["override"] == "قرار المدير: حالة إنسانية عاجلة"
    assert not all(passed for _c, passed in details["eligibility"])
    with aman.reading() as s:
        audit = s.scalar(select(AuditEntry.details).where(AuditEntry.action == "override_eligibility"))
    assert "حالة إنسانية" in audit


def test_category_outside_the_program_is_named(aman, english_messages):
    req, _program = _draft(aman, "training", "volunteer")
    with pytest.raises(NotEligible) as err:
        requests.submit(aman, req.id, on=DAY)
    assert err.value.result.failed[0].code == "category"


def _submission_details(ctx, request_id) -> dict:
    with ctx.reading() as s:
        text = s.scalar(
            select(StatusEvent.details).where(
                StatusEvent.request_id == request_id, StatusEvent.action == "submit"
            )
        )
    return json.loads(text)
