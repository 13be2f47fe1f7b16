"""The parts of the names born each year (``db.name_parts``), which the duplicate check of a
birth "about 1980" reads instead of splitting the year's names: the database keeps them, for
every write that brings a name or a birth year (a form, a raw statement, a bulk load), so that
the first check of a year in a new process splits nothing and still finds everything; an
anonymised person's parts leave unless another name of the year holds them."""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import select, update

from ajfar_desk.db import name_parts, search_index
from ajfar_desk.db.base import new_id
from ajfar_desk.db.many_rows import insert_rows
from ajfar_desk.db.models import Applicant
from ajfar_desk.domain import crowd
from ajfar_desk.domain.text import normalize_name
from ajfar_desk.services.applicants import applicants, similar
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicant_views import input_from_view
from ajfar_desk.services.privacy import privacy


def _person(first: str, father: str, grand: str, family: str, birth: str) -> ApplicantInput:
    return ApplicantInput(national_id="", id_type="none", first_name=first, father_name=father,
                          grandfather_name=grand, family_name=family, birth_date=birth,
                          birth_approx=len(birth) == 4, gender="male", consent=True)


def _register(ctx, first, father, grand, family, birth):
    return applicants.register(ctx, _person(first, father, grand, family, birth),
                               confirm_similar=True)


def _kept(ctx) -> dict[int, set[str]]:
    with ctx.reading() as s:
        rows = s.execute(select(name_parts.NamePart.year, name_parts.NamePart.part)).all()
    kept: dict[int, set[str]] = {}
    for year, part in rows:
        kept.setdefault(year, set()).add(part)
    return kept


def _written(ctx) -> dict[int, set[str]]:
    """Every part of every name, by birth year, split here."""
    with ctx.reading() as s:
        rows = s.execute(select(Applicant.birth_date, Applicant.name_norm)).all()
    written: dict[int, set[str]] = {}
    for born, name in rows:
        written.setdefault(born.year, set()).update(p for p in name.split(" ") if p)
    return written


def _raw_row(ctx, name: str, born: dt.date, seed: int) -> dict:
    now = dt.datetime.now(dt.UTC)
    return {"id": new_id(), "branch": ctx.branch.code, "created_at": now, "updated_at": now,
            "national_id": f"R{seed:09d}", "id_type": "none", "id_country": "",
            "first_name": name, "father_name": "", "grandfather_name": "", "family_name": "",
            "full_name": name, "name_norm": name, "birth_date": born, "nationality": "SA",
            "gender": "male", "marital_status": "single", "phone": "", "city": "",
            "category": "family", "consent_at": now}


def test_every_part_of_every_name_is_kept_whoever_writes_it(ctx):
    first = _register(ctx, "أحمد", "إبراهيم", "عبدالله", "الزهراني", "15/3/1980")
    _register(ctx, "Ahmed", "Ibrahim", "", "Alzahrani", "10/10/1980")
    _register(ctx, "فاطمة", "بنت", "علي", "القحطاني", "1981")
    # a form saved with another name and another year
    data = dataclasses.replace(input_from_view(applicants.get(ctx, first.id)),
                               family_name="الغامدي", birth_date="2/2/1979")
    applicants.update(ctx, first.id, data)
    # rows written by statements, as an import or a bundle writes them, names no form makes
    odd = ['o"neil \\back', "tab\tin\x01side", "زكريا  يعقوب", ""]
    with ctx.store.engine.begin() as conn:
        with search_index.keyed_load(conn) as keys:
            rows = [_raw_row(ctx, name, dt.date(1990, 1, 1 + i), i) for i, name in enumerate(odd)]
            if keys is not None:
                for row in rows:
                    row["search_key"] = keys.take()
            insert_rows(conn, Applicant.__table__, rows)
        with search_index.bulk_load(conn):  # (rows given no key: the load gives them theirs)
            insert_rows(conn, Applicant.__table__, [_raw_row(ctx, "يوشع نون", dt.date(1992, 2, 2), 9)])
        conn.execute(update(Applicant).where(Applicant.national_id == "R000000000")
                     .values(birth_date=dt.date(1991, 5, 5)))
    written, kept = _written(ctx), _kept(ctx)
    assert written[1991] == {"o\"neil", "\\back"}
    assert {"tab\tin\x01side", "زكريا", "يعقوب"} <= written[1990]
    assert written[1992] == {"يوشع", "نون"}
    for year, parts in written.items():
        assert parts <= kept.get(year, set()), year
    assert {"الغامدي", "احمد"} <= kept[1979] and "بنت" in kept[1981]
    assert kept[1980] >= {"احمد", "الزهراني", "ahmed", "alzahrani"}  # the old name stays: harmless


def test_the_first_check_of_a_year_in_a_process_splits_no_name(ctx, monkeypatch):
    """A new process knows nothing of the year: the check reads its parts from the store, and
    finds a name written by a statement after the store opened as well as one from the form."""
    _register(ctx, "أحمد", "إبراهيم", "عبدالله", "الزهراني", "15/3/1980")
    with ctx.store.engine.begin() as conn:
        insert_rows(conn, Applicant.__table__, [_raw_row(
            ctx, normalize_name("زكرياء يعقوب اسماعيل الشهرانى"), dt.date(1980, 5, 5), 7)])

    def no_split(_joined: bytes) -> set[str]:
        raise AssertionError("the year's names split")

    monkeypatch.setattr(crowd, "words_of", no_split)
    about = dt.date(1980, 7, 1)
    _existing, found = applicants.duplicate_check(ctx, "", "زكريا يعقوب إسماعيل الشهراني",
                                                  about, birth_approx=True)
    assert [s.birth_date for s in found] == [dt.date(1980, 5, 5)]
    _existing, found = applicants.duplicate_check(ctx, "", "احمد ابراهيم عبد الله الزهراني",
                                                  about, birth_approx=True)
    assert [s.full_name for s in found] == ["أحمد إبراهيم عبدالله الزهراني"]


def test_a_name_born_on_several_days_of_the_year_is_found_on_each(ctx):
    """The files of the names found are looked up by every day of the year and each name: all
    the days a name was born on, no file of a name that is only part of a longer one."""
    days = ("1/1/1980", "29/2/1980", "31/12/1980")
    ids = {_register(ctx, "سالم", "علي", "حسن", "المري", day).id for day in days}
    _register(ctx, "سالم", "علي", "حسن", "المريخي", "5/5/1980")
    _register(ctx, "سالم", "علي", "حسن", "المري", "1/1/1981")
    _existing, found = applicants.duplicate_check(ctx, "", "سالم علي حسن المري",
                                                  dt.date(1980, 7, 1), birth_approx=True)
    assert {s.id for s in found if s.similarity == 1.0} == ids
    assert {s.birth_date.year for s in found} == {1980}


def test_an_anonymised_person_leaves_no_part_no_other_name_of_the_year_holds(ctx):
    gone = _register(ctx, "زكريا", "يعقوب", "إسماعيل", "الشهراني", "5/5/1980")
    _register(ctx, "محمد", "يعقوب", "سالم", "الشهراني", "6/6/1980")
    _register(ctx, "زكريا", "يعقوب", "إسماعيل", "الشهراني", "6/6/1981")
    privacy.anonymise(ctx, gone.id, "طلب مكتوب بحذف البيانات")
    kept = _kept(ctx)
    assert not {"زكريا", "اسماعيل"} & kept[1980]
    assert {"يعقوب", "الشهراني", "محمد"} <= kept[1980]
    assert {"زكريا", "اسماعيل"} <= kept[1981]  # another year's names are not touched
    assert _written(ctx)[1980] <= kept[1980]  # the anonymous name's parts are in


def test_many_names_found_in_a_year_are_read_over_the_year_all_the_same(ctx):
    """More names found than are looked up day by day (``similar._BORN_LOOKUPS``): their files
    are read over the year's range instead, the same files."""
    extra = ("فهد", "سعد", "خالد", "ناصر", "بندر", "ماجد", "تركي", "فيصل", "سلطان", "نايف")
    assert len(extra) > similar._BORN_LOOKUPS
    ids = {_register(ctx, "سالم", "علي", "حسن", f"{x} المري", f"{i + 1}/3/1980").id
           for i, x in enumerate(extra)}
    _register(ctx, "سالم", "علي", "حسن", "فهد المري", "1/3/1981")
    _existing, found = applicants.duplicate_check(ctx, "", "سالم علي حسن المري",
                                                  dt.date(1980, 7, 1), birth_approx=True)
    assert {s.id for s in found} == ids
