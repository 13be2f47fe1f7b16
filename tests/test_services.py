"""Use cases through the services, against a real SQLite store."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, drafts, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicants import (
    DocumentInput,
    ExistingApplicant,
    MemberInput,
    PossibleDuplicate,
)
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.events import APPLICANT_CHANGED
from ajfar_desk.services.users import setup

NID = make_national_id(1, "01234567")


def person(**over) -> ApplicantInput:
    base = dict(
        national_id=NID,
        first_name="عبدالله",
        father_name="محمد",
        grandfather_name="سعد",
        family_name="القحطاني",
        birth_date="١٠/٤/١٤٤٦هـ",
        nationality="SA",
        gender="male",
        marital_status="married",
        phone="٠٥٠ ١٢٣ ٤٥٦٧",
        city="الأجفر",
        district="الشفا",
        monthly_income="٣٬٥٠٠",
        category="family",
        consent=True,
    )
    base.update(over)
    return ApplicantInput(**base)


@pytest.mark.durable
def test_store_pragmas_make_saved_writes_durable(store):
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_register_normalises_what_was_typed(ctx):
    seen = []
    ctx.events.subscribe(APPLICANT_CHANGED, lambda topic, payload: seen.append(payload))
    view = applicants.register(ctx, person())
    assert view.national_id == NID and view.id_type == "national_id" and view.id_country == ""
    assert view.birth_date == dt.date(2024, 10, 13)
    assert view.phone == "+966501234567"
    assert str(view.monthly_income) == "3500.00" or view.monthly_income == 3500
    assert view.full_name == "عبدالله محمد سعد القحطاني"
    assert view.branch == "HQ" and view.id.version == 7
    assert seen == [view.id]


def test_register_reports_every_bad_field_at_once(ctx):
    with pytest.raises(ValidationError) as err:
        applicants.register(
            ctx, person(national_id="1234567890", first_name="", phone="12", consent=False)
        )
    fields = [f for f, _ in err.value.errors]
    assert fields == ["national_id", "first_name", "phone", "consent"]
    assert all(message for _, message in err.value.errors)


def test_existing_national_id_points_to_the_file(ctx):
    first = applicants.register(ctx, person())
    with pytest.raises(ExistingApplicant) as err:
        applicants.register(ctx, person(first_name="خالد"))
    assert err.value.applicant_id == first.id


def test_similar_name_same_birth_date_warns_before_saving(ctx):
    applicants.register(ctx, person())
    other = person(
        national_id=make_national_id(2, "11111111"), first_name="عبد الله", family_name="القحطانى"
    )
    with pytest.raises(PossibleDuplicate) as err:
        applicants.register(ctx, other)
    assert err.value.similar[0].national_id == NID
    saved = applicants.register(ctx, other, confirm_similar=True)
    assert saved.id_type == "iqama"


def test_duplicate_check_while_typing(ctx):
    first = applicants.register(ctx, person())
    existing, similar = applicants.duplicate_check(ctx, "١٠١٢٣٤٥٦٧٨"[:0] + NID, "", None)
    assert existing == first.id and similar == []
    existing, similar = applicants.duplicate_check(
        ctx, "", "عبدالله محمد سعد القحطانى", dt.date(2024, 10, 13)
    )
    assert existing is None and [s.id for s in similar] == [first.id]


def test_search_by_name_parts_id_phone_and_reference(ctx):
    a = applicants.register(ctx, person())
    b = applicants.register(
        ctx,
        person(
            national_id=make_national_id(1, "22222222"),
            first_name="فاطمة",
            father_name="أحمد",
            gender="female",
            family_name="الشهري",
            phone="0559876543",
            birth_date="1990-01-01",
        ),
    )
    req = requests.create_request(
        ctx, b.id, ctx.profile.programs[0].code, ctx.profile.channels[0].code
    )
    ids = lambda q: [h.id for h in search.search(ctx, q)]  # noqa: E731
    assert ids("عبد الله القحطاني") == [a.id]
    assert ids("القحط") == [a.id]
    assert ids("احمد") == [b.id]  # hamza variant
    assert ids("فاطمه") == [b.id]  # ta marbuta variant
    assert ids(NID[:5]) == [a.id]
    assert ids("٠٥٥٩٨٧") == [b.id]  # Arabic-Indic digits, phone prefix
    assert ids(req.reference.lower()) == [b.id]
    assert search.search(ctx, req.reference)[0].matched_reference == req.reference
    assert ids("") == [] and ids("زززز") == []


@pytest.mark.parametrize(
    "typed",
    [
        "+966559876543",  # the stored form itself
        "+966 55 987 6543",
        "+966-55-987-6543",
        "00966559876543",
        "00966 55 987 6543",
        "966559876543",
        "0559876543",
        "055 987 6543",
        "055-987-6543",
        "(055) 987-6543",
        "+966 (55) 987 6543",
        "٠٥٥٩٨٧٦٥٤٣",  # Arabic-Indic
        "+٩٦٦ ٥٥ ٩٨٧ ٦٥٤٣",
        "۰۰۹۶۶۵۵۹۸۷۶۵۴۳",  # Persian
        "\u2066+966 55 987 6543\u2069",  # copied from a screen, isolate marks and all
        "+966\u00a055\u00a0987\u00a06543",  # copied from a paper: no-break spaces
        "+96655",  # a prefix while typing
    ],
)
def test_search_reads_a_phone_in_every_form_people_type_it(ctx, typed):
    b = applicants.register(ctx, person(phone="0559876543"))
    assert b.phone == "+966559876543"
    assert [h.id for h in search.search(ctx, typed)] == [b.id], typed


def test_a_plus_never_searches_national_ids(ctx):
    a = applicants.register(ctx, person())
    assert [h.id for h in search.search(ctx, NID[:6])] == [a.id]
    assert search.search(ctx, "+" + NID[:6]) == []  # "+10..." is a phone prefix, not an ID


def test_search_follows_an_edited_name(ctx):
    a = applicants.register(ctx, person())
    applicants.update(ctx, a.id, person(family_name="الدوسري"))
    assert [h.id for h in search.search(ctx, "الدوسري")] == [a.id]
    assert search.search(ctx, "القحطاني") == []


def test_request_reference_per_branch_and_hijri_year(ctx):
    a = applicants.register(ctx, person())
    program, channel = ctx.profile.programs[0].code, ctx.profile.channels[0].code
    r1 = requests.create_request(ctx, a.id, program, channel, on=dt.date(2025, 11, 1))
    r2 = requests.create_request(ctx, a.id, program, channel, on=dt.date(2025, 11, 2))
    assert r1.reference == "AJF-1447-000001" and r2.reference == "AJF-1447-000002"
    r3 = requests.create_request(ctx, a.id, program, channel, on=dt.date(2026, 7, 1))  # 1448 AH
    assert r3.reference == "AJF-1448-000001"


def test_submission_refused_until_required_documents_are_valid_on_the_day(ctx):
    program = next(p for p in ctx.profile.programs if p.required_documents)
    a = applicants.register(ctx, person())
    req = requests.create_request(ctx, a.id, program.code, ctx.profile.channels[0].code)
    day = dt.date(2026, 11, 21)
    with pytest.raises(ValidationError) as err:
        requests.submit(ctx, req.id, on=day)
    assert err.value.field == "documents"
    for kind in program.required_documents:
        assert ctx.profile.document_kind(kind).name("ar") in err.value.message
    # Add them all, the first one expiring the day before submission.
    for i, kind in enumerate(program.required_documents):
        expiry = day - dt.timedelta(days=1) if i == 0 else day + dt.timedelta(days=300)
        applicants.add_document(
            ctx, a.id, DocumentInput(kind, "", "2020-01-01", expiry.isoformat())
        )
    with pytest.raises(ValidationError) as err:
        requests.submit(ctx, req.id, on=day)
    first = ctx.profile.document_kind(program.required_documents[0]).name("ar")
    assert first in err.value.message
    lines = requests.get_request(ctx, req.id, on=day).checklist
    assert [line.state for line in lines][0] == "expired"
    # Expiring on the very day of submission is still valid.
    applicants.add_document(
        ctx, a.id, DocumentInput(program.required_documents[0], "", "", day.isoformat())
    )
    # Complete, but the applicant has not signed the declaration yet.
    with pytest.raises(ValidationError) as err:
        requests.submit(ctx, req.id, on=day)
    assert err.value.field == "declaration"
    # issued that day (the ID expires on it: valid for the declaration the same day)
    declaration = documents.issue(ctx, req.id, "declaration",
                                  now=dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC))
    with pytest.raises(ValidationError):  # issued, not yet signed on paper
        requests.submit(ctx, req.id, on=day)
    documents.record_wet_signature(ctx, declaration.number)
    done = requests.submit(ctx, req.id, on=day)
    assert done.status == "submitted"
    assert done.answer_due == day + dt.timedelta(days=ctx.profile.answer_period_days)
    assert all(line.state == "ok" for line in done.checklist)
    with pytest.raises(ValidationError):
        requests.submit(ctx, req.id, on=day)
    assert [r.reference for r in requests.list_requests(ctx, status="submitted")] == [req.reference]


def test_bad_document_dates_are_named(ctx):
    a = applicants.register(ctx, person())
    kind = next(k for k in ctx.profile.document_kinds if k.has_expiry).code
    with pytest.raises(ValidationError) as err:
        applicants.add_document(ctx, a.id, DocumentInput(kind, "1", "2024-05-01", "2023-01-01"))
    assert err.value.field == "expiry_date"
    with pytest.raises(ValidationError) as err:
        applicants.add_document(ctx, a.id, DocumentInput(kind, "1", "31/02/2024", ""))
    assert {f for f, _ in err.value.errors} >= {"issue_date"}


def test_household_members(ctx):
    a = applicants.register(ctx, person())
    applicants.add_member(
        ctx, a.id, MemberInput("نورة عبدالله", "daughter", "female", "2015-03-01")
    )
    with pytest.raises(ValidationError):
        applicants.add_member(ctx, a.id, MemberInput("", "nobody"))
    view = applicants.get(ctx, a.id)
    assert view.household_size == 2 and view.members[0].relation == "daughter"


def test_failed_write_leaves_nothing(ctx):
    a = applicants.register(ctx, person())
    with pytest.raises(ValidationError):
        requests.create_request(ctx, a.id, "no-such-program", ctx.profile.channels[0].code)
    assert requests.list_requests(ctx) == []


def test_drafts_survive_and_are_discarded(ctx, store):
    drafts.save(ctx, "applicant", {"first_name": "عبد"})
    drafts.save(ctx, "applicant", {"first_name": "عبدالرحمن"})
    reopened = setup.open_context(store)
    reopened.user = ctx.user
    pending = drafts.pending(reopened)
    assert len(pending) == 1 and pending[0].payload == {"first_name": "عبدالرحمن"}
    drafts.discard(reopened, "applicant")
    assert drafts.pending(reopened) == []


def test_sign_in(ctx, store):
    fresh = setup.open_context(store)
    with pytest.raises(ValidationError):
        setup.sign_in(fresh, "admin", "wrong-password")
    assert setup.sign_in(fresh, "ADMIN", "password123").role == "admin"
    with pytest.raises(ValidationError):
        setup.init_store(store, "ajfar", None, "x", "password123")


def test_init_validates(store):
    with pytest.raises(ValidationError) as err:
        setup.init_store(store, "ajfar", None, "admin", "short")
    assert err.value.field == "password"
    with pytest.raises(ValidationError) as err:
        setup.init_store(store, "ajfar", "NOPE", "admin", "password123")
    assert err.value.field == "branch"


def test_opening_a_file_is_audited_once_per_opening(ctx):
    from sqlalchemy import func, select

    from ajfar_desk.db.models import AuditEntry

    a = applicants.register(ctx, person())
    applicants.get(ctx, a.id)
    applicants.get(ctx, a.id, record_open=False)
    with ctx.reading() as s:
        opens = s.scalar(select(func.count()).where(AuditEntry.action == "open", AuditEntry.entity_id == str(a.id)))
    assert opens == 1


def test_missing_category_says_it_is_required(ctx):
    with pytest.raises(ValidationError) as err:
        applicants.register(ctx, person(category=""))
    assert err.value.errors == [("category", "يجب إدخال الفئة")]


def test_timestamps_come_back_in_utc(ctx):
    a = applicants.register(ctx, person())
    again = applicants.get(ctx, a.id)
    assert again.consent_at.tzinfo is not None
    assert abs((again.consent_at - dt.datetime.now(dt.UTC)).total_seconds()) < 60
