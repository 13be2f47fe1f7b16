"""Names across scripts at the desk: the Latin name kept and checked, search and the duplicate
check both ways (a Latin query finds the Arabic file, an Arabic one the Latin file), on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput

pytestmark = pytest.mark.usefixtures("english_messages")


def person(name, nid_seed, latin="", birth="1990-03-04", kind="", number=None, country=""):
    first, father, grandfather, family = name
    return ApplicantInput(
        national_id=number or make_national_id(1, f"{nid_seed:08d}"), id_type=kind,
        id_country=country, first_name=first, father_name=father, grandfather_name=grandfather,
        family_name=family, latin_name=latin, birth_date=birth, nationality="SA", gender="male",
        marital_status="married", phone="" if kind == "passport" else "0551234567",
        city="حائل", category="family", consent=True,
    )


SHAMMARI = ("محمد", "عبدالله", "سعد", "الشمري")
MAHMOUD = ("محمود", "عبدالله", "سعد", "الشمري")


def test_the_latin_name_is_kept_checked_and_edited(ctx):
    view = applicants.register(ctx, person(SHAMMARI, 1, latin="  Mohammed  Abdullah Al-Shammari "))
    assert view.latin_name == "Mohammed Abdullah Al-Shammari"
    for bad in ("محمد Alshamari", "Mohammed 2nd", "Mohammed_Ali", "x" * 121):
        with pytest.raises(ValidationError) as err:
            applicants.register(ctx, person(SHAMMARI, 2, latin=bad), confirm_similar=True)
        assert err.value.errors[0][0] == "latin_name"
    accented = applicants.register(
        ctx, person(("علي", "حسن", "سعد", "العمري"), 3, latin="Alí O'Hara-Amri"))
    assert accented.latin_name == "Alí O'Hara-Amri"
    edited = applicants.update(
        ctx, view.id, applicants.input_from_view(view).__class__(
            **{**applicants.input_from_view(view).as_dict(), "latin_name": "Muhammad Alshamari"}),
        base=view)
    assert edited.latin_name == "Muhammad Alshamari"
    with ctx.reading() as s:
        key = s.scalar(select(Applicant.name_key).where(Applicant.id == view.id))
    assert key.split() == ["mhmd", "abdl", "sd", "cmr", "0mhmd", "0cmr"]
    cleared = applicants.update(
        ctx, view.id, ApplicantInput(**{**applicants.input_from_view(edited).as_dict(),
                                        "latin_name": ""}), base=edited)
    assert cleared.latin_name is None


def test_search_finds_a_name_across_scripts_both_ways(ctx):
    arabic = applicants.register(ctx, person(SHAMMARI, 1))
    mahmoud = applicants.register(ctx, person(MAHMOUD, 2, birth="1991-01-01"))
    pilgrim = applicants.register(ctx, person(
        ("Eisa", "", "", "Alharbi"), 3, kind="passport", number="P1234567", country="ID"))
    passport_named = applicants.register(ctx, person(
        ("خالد", "سعود", "فهد", "العتيبي"), 4, latin="Khalid Saud Al-Otaibi", birth="1985-05-05"))

    def found(text):
        return {h.id for h in search.search(ctx, text)}

    assert found("Mohammed Alshamari") == {arabic.id}  # not «محمود» of the same family
    assert found("Muhammad Al-Shammari") == {arabic.id}
    assert found("Mahmoud") == {mahmoud.id} and found("Mohammed") == {arabic.id}
    assert found("Mohammed Alsh") == {arabic.id}  # as it is typed: the last part a beginning
    assert found("عيسى الحربي") == {pilgrim.id}  # an Arabic query, a file in Latin letters
    assert found("Khaled Alotaibi") == {passport_named.id}
    assert found("Khalid") == {passport_named.id}
    assert found("الشمري") == {arabic.id, mahmoud.id}  # Arabic search as before


def test_the_duplicate_check_looks_across_scripts_both_ways(ctx):
    arabic = applicants.register(ctx, person(SHAMMARI, 1))
    born = dt.date(1990, 3, 4)
    # the same man registered again from his passport, in Latin letters only
    _existing, similar = applicants.duplicate_check(
        ctx, "P7654321", "Mohammed Abdullah Saad Alshamari", born, "passport", "IQ")
    assert [s.id for s in similar] == [arabic.id]
    # or with his Arabic name spelt otherwise and the passport's Latin name beside it
    _existing, similar = applicants.duplicate_check(
        ctx, "", "", born, latin_name="Muhammad Abdallah Al-Shammari")
    assert [s.id for s in similar] == [arabic.id]
    with pytest.raises(applicants.PossibleDuplicate) as dup:
        applicants.register(ctx, person(("Mohammed", "Abdullah", "Saad", "Al-Shammari"), 5,
                                        kind="passport", number="P7654321", country="IQ"))
    assert [s.id for s in dup.value.similar] == [arabic.id]
    # another name of the same family and day is not him
    _existing, similar = applicants.duplicate_check(
        ctx, "", "Mahmoud Abdullah Saad Alshamari", born, "passport", "IQ")
    assert similar == []
    # the other way: a file registered in Latin letters, the Arabic name typed at the desk
    latin = applicants.register(ctx, person(
        ("Eisa", "Hussein", "", "Al-Zahrani"), 6, kind="passport", number="P1111111",
        country="BH", birth="1975-07-07"))
    _existing, similar = applicants.duplicate_check(
        ctx, "", "عيسى حسين الزهراني", dt.date(1975, 7, 7))
    assert [s.id for s in similar] == [latin.id]
    _existing, similar = applicants.duplicate_check(
        ctx, "", "عيسى حسن الزهراني", dt.date(1975, 7, 7))
    assert similar == []  # «حسن» is not "Hussein"


def test_anonymising_removes_the_latin_name(ctx):
    from ajfar_desk.services.privacy import privacy

    view = applicants.register(ctx, person(SHAMMARI, 1, latin="Mohammed Abdullah Al-Shammari"))
    privacy.anonymise(ctx, view.id, "the person's written request")
    with ctx.reading() as s:
        row = s.scalar(select(Applicant).where(Applicant.id == view.id))
        assert row.latin_name is None and "cmr" not in row.name_key
    assert search.search(ctx, "Mohammed Alshamari") == []


def test_import_and_export_carry_the_latin_name(ctx, tmp_path):
    import csv

    from ajfar_desk.services.transfer import exporter, importer

    rows = [
        ["رقم الهوية", "الاسم", "الجوال", "تاريخ الميلاد", "الجنس", "المدينة",
         "الاسم بالإنجليزية"],
        [make_national_id(1, "00000101"), "فهد سعد علي القحطاني", "0551234567", "1980-01-01",
         "ذكر", "مكة", "Fahad Saad Ali Al-Qahtani"],
        [make_national_id(1, "00000102"), "نورة فهد سعد الدوسري", "0551234568", "1982-01-01",
         "أنثى", "مكة", ""],
    ]
    source = tmp_path / "in.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert importer.import_applicants(ctx, source).imported == 2
    assert [h.full_name for h in search.search(ctx, "Fahad Alqahtani")] == ["فهد سعد علي القحطاني"]
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([rows[0], [make_national_id(1, "00000103"), "سعد علي فهد الشمري",
                                            "0551234569", "1980-01-01", "ذكر", "مكة", "سعد"]])
    with pytest.raises(importer.ImportFailed) as failed:
        importer.import_applicants(ctx, bad)
    assert [(e.row, e.column) for e in failed.value.row_errors] == [(2, "الاسم بالإنجليزية")]
    out = tmp_path / "out.csv"
    exporter.export_applicants(ctx, out, lang="en")
    with out.open(encoding="utf-8-sig") as fh:
        table = list(csv.reader(fh))
    assert table[0][-1] == "latin_name"
    assert sorted(r[-1] for r in table[1:]) == ["", "Fahad Saad Ali Al-Qahtani"]
