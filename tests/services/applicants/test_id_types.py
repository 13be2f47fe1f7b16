"""Identity types: each type's rule and its named message; files keyed by number, type and
country; a passport holder registered, found, imported, exported and kept apart from another
country's passport with the same number; an identity document carries its holder's number."""

from __future__ import annotations

import csv

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import Applicant
from ajfar_desk.domain import id_types
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.requests import requests
from ajfar_desk.services.transfer import exporter, importer
from ajfar_desk.services.users import setup

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.mark.parametrize(("kind", "number", "country", "stored"), [
    ("", "١٠٠٠٠٠٠٠٠٨", "", ("national_id", "", "1000000008")),  # as before types: by 1st digit
    ("", "2000000006", "", ("iqama", "", "2000000006")),
    ("national_id", "1000-000-008", "", ("national_id", "", "1000000008")),
    ("passport", "a 123-4567", "idn", ("passport", "ID", "A1234567")),  # ICAO alpha-3 accepted
    ("passport", "P٩٨٧٦٥", "EG", ("passport", "EG", "P98765")),
    ("gcc_id", "784 1987 1234567 1", "AE", ("gcc_id", "AE", "784198712345671")),
    ("gcc_id", "287010101234", "kw", ("gcc_id", "KW", "287010101234")),
    ("border_number", "٣٠١٢٣٤٥٦٧٨", "", ("border_number", "", "3012345678")),
    ("visa", "6001234567", "", ("visa", "", "6001234567")),
    ("none", "", "", ("none", "", "")),
])
def test_each_type_reads_what_people_type(kind, number, country, stored):
    assert id_types.validate(kind, number, country) == stored


@pytest.mark.parametrize(("kind", "number", "country", "field", "words"), [
    ("national_id", "2000000006", "", "national_id", "this number is of the type «Iqama"),
    ("iqama", "1000000008", "", "national_id", "«Saudi national ID»"),
    ("iqama", "2000000007", "", "national_id", "check digit"),
    ("passport", "A1234567", "", "id_country", "Passport: the issuing country is required"),
    ("passport", "A1234567", "XX", "id_country", "Unknown country code XX"),
    ("passport", "جواز١٢٣٤٥", "EG", "national_id", "Latin letters and digits only"),
    ("passport", "A12", "EG", "national_id", "5 to 15 characters (you entered 3)"),
    ("gcc_id", "1000000008", "SA", "id_country", "for SA choose another document type"),
    ("gcc_id", "12345", "KW", "national_id", "exactly 12 characters (you entered 5)"),
    ("gcc_id", "ABC123456", "BH", "national_id", "digits only"),
    ("border_number", "5012345678", "", "national_id", "starts with 3 or 4"),
    ("visa", "", "", "national_id", "Visa number: the number is required"),
    ("driving_licence", "1", "", "id_type", "Unknown ID type driving_licence"),
])
def test_each_refusal_names_its_field_and_rule(kind, number, country, field, words):
    with pytest.raises(ValidationError) as err:
        id_types.validate(kind, number, country)
    assert err.value.field == field
    assert words in err.value.message


def pilgrim(number="A1234567", country="ID", kind="passport", name=("أحمد", "محمد", "سليمان", "سوكارنو"),
            phone="", category="family"):
    first, father, grandfather, family = name
    return ApplicantInput(
        national_id=number, id_type=kind, id_country=country, first_name=first,
        father_name=father, grandfather_name=grandfather, family_name=family,
        birth_date="1400/05/12هـ", nationality="OT", gender="male", marital_status="married",
        phone=phone, city="مكة المكرمة", category=category, consent=True,
    )


def test_a_passport_holder_is_registered_found_and_kept_apart_by_country(ctx):
    first = applicants.register(ctx, pilgrim())
    assert (first.id_type, first.id_country, first.id_number, first.phone) == (
        "passport", "ID", "A1234567", "")
    # the same passport again: that file, the desk opens it
    with pytest.raises(applicants.ExistingApplicant) as err:
        applicants.register(ctx, pilgrim(number="a1234567", country="IDN"), confirm_similar=True)
    assert err.value.applicant_id == first.id
    # the same number in another country's passport, or as another type, is another person
    other = applicants.register(ctx, pilgrim(country="MY", name=("علي", "حسن", "عمر", "ماليزي")))
    assert other.id != first.id
    existing, _similar = applicants.duplicate_check(ctx, "A1234567", "", None, "passport", "MY")
    assert existing == other.id
    assert applicants.duplicate_check(ctx, "A1234567", "", None, "passport", "EG")[0] is None
    # the search box finds it by any part of the number, with or without spaces
    hits = search.search(ctx, "a123 45")
    assert {h.id for h in hits} == {first.id, other.id}
    assert applicants.by_national_id(ctx, "A1234567", "passport", "MY").id == other.id


def test_walk_ins_need_no_number_and_never_collide(ctx):
    one = applicants.register(ctx, pilgrim(number="", country="", kind="none"))
    two = applicants.register(
        ctx, pilgrim(number="", country="", kind="none", name=("زائر", "محمد", "علي", "الحربي")))
    assert one.id_number == two.id_number == ""
    with ctx.reading() as s:
        stored = dict(s.execute(select(Applicant.id, Applicant.national_id)).all())
    assert stored[one.id] == id_types.stand_in(one.id) != stored[two.id]
    assert [h.id for h in search.search(ctx, stored[one.id])] == []  # a stand-in is never found


def test_editing_an_identity_type_keeps_the_unique_key(ctx):
    a = applicants.register(ctx, pilgrim())
    b = applicants.register(ctx, pilgrim(number="B7654321", name=("علي", "حسن", "عمر", "جاوي")))
    data = applicants.input_from_view(applicants.get(ctx, b.id))
    data.national_id = "A1234567"
    with pytest.raises(applicants.ExistingApplicant):
        applicants.update(ctx, b.id, data)
    data.id_type, data.id_country, data.national_id = "gcc_id", "KW", "287010101234"
    saved = applicants.update(ctx, b.id, data, base=applicants.get(ctx, b.id))
    assert (saved.id_type, saved.id_country, saved.national_id) == ("gcc_id", "KW", "287010101234")
    assert applicants.get(ctx, a.id).national_id == "A1234567"


def test_the_identity_document_carries_the_holders_number(ctx):
    """A national ID card numbered 1000000008 is not the ID of applicant 1777000058."""
    from ajfar_desk.domain.identity import make_national_id

    nid = make_national_id(1, "77700005")
    citizen = applicants.register(ctx, pilgrim(number=nid, country="", kind="national_id",
                                               phone="0551234567"))
    with pytest.raises(ValidationError) as err:
        applicants.add_document(
            ctx, citizen.id, applicants.DocumentInput("national_id", "1000000008", "", "2030-01-01"))
    assert err.value.field == "number"
    assert "1000000008" in err.value.message and nid in err.value.message
    left_empty = applicants.add_document(
        ctx, citizen.id, applicants.DocumentInput("national_id", "", "", "2030-01-01"))
    assert left_empty.number == nid  # the card's number is the file's
    typed = applicants.add_document(
        ctx, citizen.id, applicants.DocumentInput("national_id", "١٧٧٧ ٠٠٠٠٥٨", "", "2031-01-01"))
    assert typed.number == nid


def test_a_pilgrims_passport_stands_for_the_national_id(store):
    """A program requiring the national ID takes the passport of a passport holder (Al-Huda)."""
    ctx = setup.init_store(store, "alhuda", None, "admin", "password123", "مدير النظام")
    a = applicants.register(ctx, pilgrim(category=ctx.profile.categories[0].code))
    program = next(p for p in ctx.profile.programs if "national_id" in p.required_documents)
    with pytest.raises(ValidationError):
        applicants.add_document(ctx, a.id, applicants.DocumentInput("passport", "B1", "", "2030-01-01"))
    applicants.add_document(ctx, a.id, applicants.DocumentInput("passport", "", "", "2030-01-01"))
    req = requests.create_request(ctx, a.id, program.code, ctx.profile.channels[0].code)
    line = next(x for x in requests.get_request(ctx, req.id).checklist if x.kind == "national_id")
    assert line.state == "ok"


def test_import_and_export_carry_the_type_and_country(ctx, tmp_path):
    rows = [
        ["رقم الهوية", "الاسم", "الجوال", "تاريخ الميلاد", "الجنس", "المدينة", "نوع الهوية", "بلد الإصدار"],
        ["A 1234567", "أحمد محمد سليمان سوكارنو", "", "١٤٠٠/٠٥/١٢هـ", "ذكر", "مكة", "جواز سفر", "إندونيسيا"],
        ["287010101234", "سالم علي سعد المطيري", "", "1987-01-01", "ذكر", "مكة", "gcc_id", "KW"],
        ["1000000008", "فهد سعد علي القحطاني", "0551234567", "1980-01-01", "ذكر", "مكة", "", ""],
        ["", "زائر محمد علي الحربي", "", "1990-01-01", "ذكر", "مكة", "بدون هوية", ""],
    ]
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert importer.import_applicants(ctx, source).imported == 4
    with ctx.reading() as s:
        got = {(a.id_type, a.id_country, a.nationality) for a in s.scalars(select(Applicant))}
    assert got == {("passport", "ID", "ID"), ("gcc_id", "KW", "KW"), ("national_id", "", "SA"),
                   ("none", "", "OT")}
    # the same passport twice in one file, and one already in the store, are named by row
    again = tmp_path / "again.csv"
    with again.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([rows[0], rows[1], ["A1234567", "أحمد محمد سليمان سوكارنو", "",
                                                     "1980-01-01", "ذكر", "مكة", "passport", "MY"],
                                  ["A1234567", "أحمد محمد سليمان سوكارنو", "", "1980-01-01", "ذكر",
                                   "مكة", "passport", "MY"]])
    with pytest.raises(importer.ImportFailed) as failed:
        importer.import_applicants(ctx, again)
    assert [(e.row, e.column) for e in failed.value.row_errors] == [(2, "رقم الهوية"), (4, "رقم الهوية")]
    for lang in ("ar", "en"):
        out = tmp_path / f"out-{lang}.csv"
        exporter.export_applicants(ctx, out, lang=lang)
        with out.open(encoding="utf-8-sig") as fh:
            table = list(csv.reader(fh))
        header = table[0]
        assert header[-3:-1] == (["نوع الهوية", "بلد الإصدار"] if lang == "ar" else ["id_type", "id_country"])
        written = {(r[0], r[-3], r[-2]) for r in table[1:]}
        passport = ("A1234567", "جواز سفر", "ID") if lang == "ar" else ("A1234567", "passport", "ID")
        assert passport in written
        assert any(r[0] == "" and r[-3] in ("none", "بدون هوية") for r in table[1:])
    # what was exported reads back as the same people (the store refuses them as registered)
    with pytest.raises(importer.ImportFailed) as failed:
        importer.import_applicants(ctx, tmp_path / "out-ar.csv", dry_run=True)
    assert len(failed.value.row_errors) == 3  # every one but the walk-in, who has no key


@pytest.mark.parametrize("batch", [False, True])
def test_al_hudas_demo_has_pilgrims_with_passports_and_gcc_ids(store, batch):
    from ajfar_desk.services.demo.demo import fill_demo

    ctx = setup.init_store(store, "alhuda", None, "admin", "password123", "مدير النظام")
    fill_demo(ctx, 30, seed=5, batch=batch)
    with ctx.reading() as s:
        people = list(s.scalars(select(Applicant)))
        held = {(d.applicant_id, d.kind, d.number) for a in people for d in a.documents}
    visitors = [a for a in people if a.id_type in ("passport", "gcc_id")]
    assert {a.id_type for a in visitors} == {"passport", "gcc_id"} and len(visitors) >= 4
    for a in visitors:  # valid identities, each with its own document carrying its number
        assert id_types.validate(a.id_type, a.national_id, a.id_country) == (
            a.id_type, a.id_country, a.national_id)
        assert (a.id, a.id_type, a.national_id) in held


def test_a_passport_number_finds_the_requests_and_the_person(ctx):
    from ajfar_desk.services.privacy import privacy_export
    from ajfar_desk.services.requests import lookup

    a = applicants.register(ctx, pilgrim())
    req = requests.create_request(ctx, a.id, ctx.profile.programs[0].code, ctx.profile.channels[0].code)
    assert [line.reference for line in lookup.status_of(ctx, "a1234567")] == [req.reference]
    assert privacy_export.find_person(ctx, "A 1234567").id == a.id
    applicants.register(ctx, pilgrim(country="MY", name=("علي", "حسن", "عمر", "ماليزي")))
    with pytest.raises(ValidationError, match="Several files hold the number A1234567"):
        privacy_export.find_person(ctx, "A1234567")


def test_a_visitor_s_name_has_two_parts_at_least_a_saudi_s_four():
    from ajfar_desk.services.transfer.import_rows import four_parts

    assert four_parts("سيتي نور حليمة", visitor=True) == ("سيتي", "نور", "", "حليمة")
    assert four_parts("Siti Halimah", visitor=True) == ("Siti", "", "", "Halimah")
    assert four_parts("أحمد بن محمد سليمان سوكارنو", visitor=True)[3] == "سوكارنو"
    for name, visitor in (("ويدودو", True), ("فهد سعد القحطاني", False)):
        with pytest.raises(ValidationError) as err:
            four_parts(name, visitor=visitor)
        assert err.value.field == "full_name"
    assert id_types.is_visitor("passport") and id_types.is_visitor("none")
    assert not id_types.is_visitor("iqama") and not id_types.is_visitor("")
