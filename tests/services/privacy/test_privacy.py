"""Data protection: the right of access (export everything about a person) and anonymisation
on request (nothing identifying left in the store's file, the statistics unchanged)."""

from __future__ import annotations

import base64
import json
import zipfile
from collections import Counter

import pytest
from sqlalchemy import func, select

from accounts import staff_accounts
from ajfar_desk.db.casework import Decision, ServiceDelivery
from ajfar_desk.db.models import (
    Applicant,
    AuditEntry,
    HouseholdMember,
    IssuedDocument,
    StatusEvent,
    SupportRequest,
)
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id, validate_national_id
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.committee import committee, study
from ajfar_desk.services.committee.study import StudyInput
from ajfar_desk.services.papers import committee_papers, documents
from ajfar_desk.services.privacy import privacy, privacy_export
from ajfar_desk.services.requests import casework, delivery, requests
from ajfar_desk.services.requests.delivery import DeliveryInput
from ajfar_desk.services.users import audit
from printing.scenario import DAY, LONG_NAME, submitted_request

PASSWORD = "password123"
STAFF = {  # names that share no part with the applicant's
    "desk": ("front_desk", "هند موظفة الاستقبال"),
    "researcher": ("researcher", "ماجد الباحث الاجتماعي"),
    "member": ("committee", "فيصل عضو اللجنة"),
    "boss": ("manager", "ريم المديرة"),
}
PNG = b"\x89PNG\r\n\x1a\n"
SCAN = b"%PDF-1.4 SCAN-OF-THE-ID-CARD-7731"
PAPER_SCAN = b"%PDF-1.4 SIGNED-DECLARATION-5519"
ACK = PNG + b"ACKNOWLEDGMENT-SIGNATURE-4402"


@pytest.fixture
def staff(ctx):
    return staff_accounts(ctx, STAFF, PASSWORD)


@pytest.fixture
def journey(ctx, staff):
    """One applicant's whole journey (study, decision, delivery, papers with scans), and another
    applicant who must stay untouched."""
    a, req = submitted_request(ctx)
    applicants.add_document(
        ctx, a.id, DocumentInput("income_proof", "ID-99817", "2020-01-01", "2030-01-01", "id.pdf", SCAN)
    )
    declaration = documents.latest(ctx, req.id, "declaration")
    documents.record_wet_signature(ctx, declaration.number, PAPER_SCAN, "declaration.pdf")
    referral = documents.issue(ctx, req.id, "referral", note=f"الأخ {LONG_NAME[0]} حضر بنفسه")
    casework.act(staff("desk"), req.id, wf.REFER_TO_RESEARCHER, "الحالة غير واضحة")
    study.save_study(
        staff("researcher"), req.id,
        StudyInput(visit_date="15/11/2026", household=f"يعول {LONG_NAME[0]} ابنته نورة",
                   monthly_income="2500", monthly_expenses="3200", housing="rented",
                   health="مرض مزمن", recommendation="support",
                   recommendation_notes="تستحق الأسرة الدعم"),
        today=DAY,
    )
    casework.act(staff("researcher"), req.id, wf.FORWARD_TO_COMMITTEE)
    member = staff("member")
    meeting = committee.create_meeting(member, DAY, ["فيصل", "ماجد", "ريم"])
    committee.decide(member, meeting.id, req.id, "approve", service="سلة غذائية", amount="1500")
    committee.close_meeting(member, meeting.id)  # its minutes once it closed
    committee_papers.issue_minutes(member, meeting.id)
    delivery.record_delivery(
        staff("desk"), req.id,
        DeliveryInput("سلة غذائية", quantity="1", amount="1500", acknowledged=True,
                      recipient_name=f"{LONG_NAME[0]} نفسه", acknowledgment_png=ACK),
        today=DAY,
    )
    other = applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(2, "55500011"), first_name="مريم", father_name="يوسف",
        grandfather_name="حمد", family_name="القحطاني", birth_date="1990-05-05", nationality="YE",
        gender="female", marital_status="widowed", phone="0561112233", city="الرياض",
        monthly_income="900", category=ctx.profile.categories[0].code, consent=True,
    ), confirm_similar=True)
    requests.create_request(ctx, other.id, ctx.profile.programs[0].code, ctx.profile.channels[0].code)
    staff("admin")
    return a, req, referral, other


def personal_strings(a) -> list[str]:
    parts = [p for name in LONG_NAME for p in name.split() if len(p) > 2]
    return parts + [
        "نورة", "نوره", "سعد", a.national_id, a.phone, a.phone.lstrip("+")[-9:], "الملك فهد",
        "A0-7705", "ID-99817", "SCAN-OF-THE-ID-CARD", "SIGNED-DECLARATION", "ACKNOWLEDGMENT-SIGNATURE",
    ]


def raw_store_bytes(ctx) -> bytes:
    """The SQLite file as it lies on disk, after moving the write-ahead log into it."""
    with ctx.store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db = ctx.store.data_dir / "ajfar-desk.sqlite"
    wal = db.with_name(db.name + "-wal")
    return db.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


def statistics(ctx) -> dict:
    with ctx.reading() as s:
        return {
            "requests": Counter(dict(s.execute(
                select(SupportRequest.status, func.count()).group_by(SupportRequest.status)).all())),
            "delivered": s.scalar(select(func.sum(ServiceDelivery.amount))),
            "decisions": sorted(s.execute(select(Decision.outcome, Decision.amount)).all()),
            "events": s.scalar(select(func.count()).select_from(StatusEvent)),
            "applicants": sorted(
                (a.city, a.gender, a.nationality, a.category, a.birth_date.year, a.monthly_income)
                for a in s.scalars(select(Applicant))
            ),
            "members": sorted(
                (m.relation, m.gender, m.birth_date.year if m.birth_date else None)
                for m in s.scalars(select(HouseholdMember))
            ),
        }


def test_export_holds_every_kind_of_record(ctx, journey, tmp_path):
    a, req, referral, other = journey
    data = privacy_export.export_person(ctx, a.id, include_scans=True)
    assert audit.entries(ctx, action="export_person")[0].entity_id == str(a.id)
    json.dumps(data)  # plain JSON-able data
    assert data["applicant"]["national_id"] == a.national_id
    assert data["applicant"]["full_name"] == a.full_name
    assert [m["full_name"] for m in data["household_members"]] == ["نورة", "سعد"]
    (scanned,) = [d for d in data["documents"] if d.get("scan")]
    assert base64.b64decode(scanned["scan"]["base64"]) == SCAN
    assert scanned["scan"]["file_name"] == "id.pdf"
    (r,) = data["requests"]
    assert r["reference"] == req.reference and r["status"] == wf.DELIVERED
    assert [e["action"] for e in r["timeline"]][-4:] == [
        wf.REFER_TO_RESEARCHER, wf.FORWARD_TO_COMMITTEE, wf.APPROVE, wf.DELIVER]
    assert r["timeline"][2]["by"]["name"] == STAFF["desk"][1]
    assert r["social_study"]["recommendation"] == "support"
    assert r["social_study"]["researcher"]["username"] == "researcher"
    (decision,) = r["committee_decisions"]
    assert (decision["meeting_number"], decision["meeting_date"], decision["amount"]) == (
        1, DAY.isoformat(), "1500.00")
    assert decision["meeting_date_hijri"].startswith("14")
    (given,) = r["service_deliveries"]
    assert given["amount"] == "1500.00" and base64.b64decode(given["acknowledgment_image"]["base64"]) == ACK
    kinds = {p["kind"]: p for p in r["issued_papers"]}
    assert set(kinds) == {"declaration", "referral"}
    assert kinds["referral"]["sha256"] == referral.sha256
    assert kinds["referral"]["content"]["applicant"]["full_name"] == a.full_name
    assert base64.b64decode(kinds["declaration"]["scan"]["base64"]) == PAPER_SCAN
    actions = {(e["entity"], e["action"]) for e in data["audit_trail"]}
    assert {("applicant", "create"), ("household_member", "create"), ("document", "create"),
            ("request", "create"), ("request", wf.SUBMIT), ("declaration", "issue"),
            ("social_study", "save"), ("meeting", "decide"), ("service_delivery", "record")} <= actions
    theirs = privacy_export.export_person(ctx, other.id)["audit_trail"]
    assert theirs and not [e for e in theirs if e["entity_id"] in {str(a.id), str(req.id)}]

    without = privacy_export.export_person(ctx, a.id)
    assert not any("scan" in d for d in without["documents"])

    plain = privacy_export.write_export(data, tmp_path / "person.json")
    assert json.loads(plain.read_text(encoding="utf-8")) == data
    packed = privacy_export.write_export(data, tmp_path / "person.zip")
    with zipfile.ZipFile(packed) as z:
        body = json.loads(z.read("person.json"))
        (doc,) = [d for d in body["documents"] if d.get("scan")]
        assert z.read(doc["scan"]["path"]) == SCAN and "base64" not in doc["scan"]
        assert len([n for n in z.namelist() if n.startswith("files/")]) == 3


def test_anonymise_leaves_nothing_personal_and_keeps_the_statistics(ctx, journey):
    if ctx.store.engine.dialect.name != "sqlite":
        pytest.skip("reads the SQLite file itself")
    a, req, referral, other = journey
    secrets = personal_strings(a)
    before_bytes = raw_store_bytes(ctx)
    assert all(s.encode() in before_bytes for s in (LONG_NAME[0], a.national_id, "SCAN-OF-THE-ID-CARD"))
    before = statistics(ctx)
    n_documents = len(privacy_export.export_person(ctx, a.id)["documents"])

    result = privacy.anonymise(ctx, a.id, "طلب المستفيد الكتابي رقم 12 بحذف بياناته")
    assert result.placeholder_id.startswith("0") and len(result.placeholder_id) == 10
    with pytest.raises(ValidationError):
        validate_national_id(result.placeholder_id)
    assert (result.members, result.documents, result.scans_deleted, result.studies,
            result.deliveries) == (2, n_documents, 1, 1, 1)
    assert result.papers == 3 and result.wal_cleared  # declaration, referral, the minutes

    assert statistics(ctx) == before
    raw = raw_store_bytes(ctx)
    left = [s for s in secrets if s.encode() in raw]
    assert left == []
    for text in (LONG_NAME[0], LONG_NAME[3].split()[-1], a.national_id, "0551234567"):
        assert search.search(ctx, text) == []
    assert [h.id for h in search.search(ctx, "مريم القحطاني")] == [other.id]
    assert documents.verify(ctx, referral.number, referral.sha256).status == "altered"

    view = applicants.get(ctx, a.id)
    assert view.full_name == privacy.ANONYMOUS_NAME and view.phone == "" and view.district == ""
    assert view.birth_date.month == 7 and view.birth_date.day == 1 and view.city == a.city
    assert all(m.national_id is None for m in view.members)
    (entry,) = audit.entries(ctx, action="anonymise")
    assert entry.details == {"reason": "طلب المستفيد الكتابي رقم 12 بحذف بياناته"}
    assert audit.verify(ctx) == []
    exported = privacy_export.export_person(ctx, a.id)
    assert exported["applicant"]["anonymised_at"] and exported["requests"][0]["status"] == wf.DELIVERED

    with pytest.raises(ValidationError) as err:
        privacy.anonymise(ctx, a.id, "مرة ثانية")
    assert err.value.field == "applicant"
    assert privacy_export.find_person(ctx, result.placeholder_id).id == a.id


def test_audit_details_never_hold_personal_data(ctx, journey):
    a, *_rest = journey
    privacy_export.export_person(ctx, a.id)
    with ctx.reading() as s:
        details = " ".join(s.scalars(select(AuditEntry.details)))
    assert [x for x in personal_strings(a)[:-3] if x in details] == []


def test_reason_is_required_and_must_not_name_the_person(ctx, journey):
    a, *_rest = journey
    for reason, field in (("  ", "reason"), (f"طلب {LONG_NAME[1]}", "reason"),
                          (f"هوية {a.national_id}", "reason"), ("جوال ٠٥٥١٢٣٤٥٦٧", "reason")):
        with pytest.raises(ValidationError) as err:
            privacy.anonymise(ctx, a.id, reason)
        assert err.value.field == field, reason
    assert applicants.get(ctx, a.id).full_name == a.full_name


def test_front_desk_may_neither_export_nor_anonymise(ctx, journey, staff):
    a, *_rest = journey
    desk = staff("desk")
    for call in (lambda: privacy_export.export_person(desk, a.id),
                 lambda: privacy.anonymise(desk, a.id, "طلب كتابي"),
                 lambda: privacy_export.find_person(desk, a.national_id)):
        with pytest.raises(PermissionDenied):
            call()
    boss = staff("boss")
    assert privacy_export.find_person(boss, a.national_id).id == a.id


def test_meeting_minutes_lose_only_this_persons_row(ctx, journey):
    a, req, _referral, _other = journey
    with ctx.reading() as s:
        meeting_id = s.scalar(select(Decision.meeting_id).where(Decision.request_id == req.id))
    content = {"kind": "minutes", "meeting": {"members": ["فيصل", "سعد"]}, "decisions": [
        {"reference": req.reference, "applicant": a.full_name, "outcome": "approve"},
        {"reference": "AJF-1448-000099", "applicant": "مريم يوسف حمد القحطاني", "outcome": "reject"},
    ]}
    with ctx.uow() as s:
        s.add(IssuedDocument(
            branch="HQ", meeting_id=meeting_id, kind="minutes", number="AJF-M-1448-1", revision=1,
            lang="ar", content=paper.canonical_json(content), sha256=paper.content_hash(content),
            signature_mode="wet",
        ))
    privacy.anonymise(ctx, a.id, "طلب كتابي")
    with ctx.reading() as s:
        stored = json.loads(s.scalar(select(IssuedDocument.content).where(IssuedDocument.number == "AJF-M-1448-1")))
    assert [d["applicant"] for d in stored["decisions"]] == [
        privacy.ANONYMOUS_NAME, "مريم يوسف حمد القحطاني"]
    assert stored["meeting"]["members"] == ["فيصل", "سعد"]  # a member's namesake stays
