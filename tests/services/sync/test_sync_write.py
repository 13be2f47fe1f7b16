"""New files received are written in the birth date index's order, each with its name index key
as it is inserted (``sync_write``): every one is found by its name, on SQLite laptops and at a
PostgreSQL head office, and the name index follows later edits (its triggers are back)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select, text

from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from services.sync.test_sync import data_tables
from syncnodes import exchange

pytestmark = pytest.mark.usefixtures("english_messages")

# registered in this order: their birth dates (and names) in another
PEOPLE = [("سالم", "العتيبي", "1/1/1999"), ("فهد", "القحطاني", "5/5/1961"), ("خالد", "الشهري", "3/3/1985"),
          ("ناصر", "الدوسري", "5/5/1961"), ("ماجد", "الغامدي", "2/2/1970")]


def person(ctx, first: str, family: str, born: str, body: str) -> ApplicantInput:
    return ApplicantInput(
        national_id=make_national_id(1, body), first_name=first, father_name="محمد",
        grandfather_name="علي", family_name=family, birth_date=born, nationality="SA", gender="male",
        marital_status="married", phone="0551234567", city="نجران",
        category=ctx.profile.categories[0].code, consent=True)


def found(ctx, first: str, family: str) -> list:
    return [hit.id for hit in search.search(ctx, f"{first} {family}")]


def index_is_whole(ctx) -> None:
    """SQLite: every file keyed once and indexed, and the three triggers in place."""
    with ctx.reading() as s:
        if s.get_bind().dialect.name != "sqlite":
            return
        files = s.scalar(select(func.count()).select_from(Applicant))
        keys = s.scalar(select(func.count(func.distinct(Applicant.search_key))))
        indexed = s.scalar(text("SELECT count(*) FROM applicant_fts"))
        triggers = s.scalar(text("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                                 " AND name LIKE 'applicant_fts_%'"))
    assert files == keys == indexed and triggers == 3


@pytest.mark.parametrize("sender, receiver", [("HQ", "SHR"), ("SHR", "HQ")])
def test_new_files_are_found_by_name_wherever_they_arrive(nodes, sender, receiver):
    src, dst = nodes[sender], nodes[receiver]
    made = {}
    for i, (first, family, born) in enumerate(PEOPLE):
        made[first] = applicants.register(src, person(src, first, family, born, f"{i + 20:08d}"),
                                          confirm_similar=True).id
    result = exchange(src, dst)
    assert result.applied >= len(PEOPLE) and result.duplicates == 0
    for first, family, _born in PEOPLE:
        assert found(dst, first, family) == [made[first]]
    index_is_whole(dst)
    assert data_tables(src) == data_tables(dst)

    # the triggers are back: an edit of a received file's name reaches the index
    edited = dataclasses.replace(person(dst, "سلمان", "العتيبي", "1/1/1999", "00000020"))
    applicants.update(dst, made["سالم"], edited)
    assert found(dst, "سلمان", "العتيبي") == [made["سالم"]] and found(dst, "سالم", "العتيبي") == []
    index_is_whole(dst)
    exchange(dst, src)
    assert found(src, "سلمان", "العتيبي") == [made["سالم"]]


def test_a_column_left_out_takes_its_fixed_default_and_a_computed_one_is_left_to_sqlalchemy():
    from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine

    from ajfar_desk.services.sync.sync_write import _execute_many

    meta = MetaData()
    fixed = Table("fixed", meta, Column("id", String(8), primary_key=True),
                  Column("version", Integer, nullable=False, default=1))
    computed = Table("computed", meta, Column("id", String(8), primary_key=True),
                     Column("made", String(8), default=lambda: "now"))
    with create_engine("sqlite://").begin() as conn:
        meta.create_all(conn)
        assert _execute_many(conn, fixed, ["id"], [["a", "b"]])
        assert conn.execute(select(fixed.c.id, fixed.c.version).order_by(fixed.c.id)).all() == [("a", 1), ("b", 1)]
        assert not _execute_many(conn, computed, ["id"], [["a"]])
        assert conn.execute(select(func.count()).select_from(computed)).scalar() == 0
