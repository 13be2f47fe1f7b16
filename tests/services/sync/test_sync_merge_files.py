"""Trial b: one person registered at head office and at a branch, the name spelt two ways, two
phones, two cities.  Merging the files used to keep the first file's values and drop the
second's without a word (its phone no longer found anyone); now the review shows what differs,
the person chooses the second file's values field by field, and what is not chosen stays in the
surviving file (the other phone, the notes)."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.applicants import search
from ajfar_desk.services.sync import sync_review
from services.sync.test_sync import register, set_field, value
from syncnodes import exchange

pytestmark = pytest.mark.usefixtures("english_messages")


def two_files(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    first = register(shr, "عبد الله", "44444444")
    second = register(hbn, "عبدالله", "44444444", city="حبونا")
    set_field(hbn, second.id, phone="+966509876543", notes="يفضل الاتصال مساء")
    exchange(shr, hq)
    exchange(hbn, hq)
    [dup] = sync_review.duplicates(hq)
    return hq, first, second, dup


def test_the_review_says_what_the_second_file_says_otherwise(nodes):
    hq, first, second, dup = two_files(nodes)
    assert (dup.kept_id, dup.other_id) == (first.id, second.id)
    diff = {d.field: (d.first, d.second) for d in dup.differences}
    assert diff == {"name": (first.full_name, second.full_name),
                    "phone": ("+966551234567", "+966509876543"),
                    "city": ("نجران", "حبونا"), "notes": (None, "يفضل الاتصال مساء")}
    assert (dup.kept_holds.requests, dup.other_holds.requests) == (0, 0)


def test_a_merge_keeps_the_second_phone_and_notes_what_it_left(nodes):
    hq, first, second, dup = two_files(nodes)
    sync_review.merge(hq, dup.id)
    assert value(hq, first.id, "full_name") == first.full_name
    assert value(hq, first.id, "phone") == "+966551234567"
    assert value(hq, first.id, "phone2") == "+966509876543"  # used to be lost
    notes = value(hq, first.id, "notes")
    assert "حبونا" in notes and "يفضل الاتصال مساء" in notes
    found = search.search(hq, "0509876543")
    assert [r.id for r in found] == [first.id]


def test_the_person_merging_takes_the_second_files_name_phone_and_city(nodes):
    hq, first, second, dup = two_files(nodes)
    sync_review.merge(hq, dup.id, take={"name", "phone", "city"})
    assert value(hq, first.id, "first_name") == "عبدالله"
    assert value(hq, first.id, "full_name") == second.full_name
    assert value(hq, first.id, "phone") == "+966509876543"
    assert value(hq, first.id, "phone2") == "+966551234567"  # the first file's phone stays
    assert value(hq, first.id, "city") == "حبونا"
    assert "نجران" not in (value(hq, first.id, "notes") or "")
    assert [r.id for r in search.search(hq, "عبدالله محمد")] == [first.id]


def test_an_unknown_field_to_take_is_refused_naming_it(nodes):
    hq, first, second, dup = two_files(nodes)
    with pytest.raises(ValidationError, match="colour"):
        sync_review.merge(hq, dup.id, take={"colour"})
    assert [d.status for d in sync_review.duplicates(hq, None)] == ["open"]


def test_the_file_holding_the_placeholder_shows_no_number_until_merged(nodes):
    """Trial b: head office's search listed its own file with «Db89f4bb27» as the ID number."""
    from ajfar_desk.services.applicants import applicants

    hq, first, second, dup = two_files(nodes)
    hits = {h.id: h for h in search.search(hq, "اليامي")}
    assert hits[first.id].id_number == first.national_id
    assert hits[second.id].national_id.startswith("D") and hits[second.id].id_number == ""
    assert applicants.get(hq, second.id).id_number == ""


def test_a_placeholder_is_told_from_any_documents_number():
    import uuid

    from ajfar_desk.domain.id_types import is_placeholder
    from ajfar_desk.domain.id_types import placeholder as placeholder_id

    for _ in range(50):
        number = placeholder_id(str(uuid.uuid4()))
        assert is_placeholder("national_id", number) and is_placeholder("iqama", number)
    assert is_placeholder("passport", "D0a1b2c3d4")
    assert not is_placeholder("passport", "D12345678A") and not is_placeholder("passport", "DA1234567")
    assert not is_placeholder("national_id", "1526018153")
