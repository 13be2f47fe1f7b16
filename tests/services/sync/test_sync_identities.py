"""The exchange keys files by number, type and country: one passport registered at two
branches is a duplicate to merge; one number in two countries' passports, or under two types,
is two people; a walk-in never collides (head office on SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import Applicant
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.sync import sync_review
from services.sync.test_sync_collisions import converged, everyone

pytestmark = pytest.mark.usefixtures("english_messages")


def visitor(ctx, number, kind, country, first, city="نجران"):
    return applicants.register(ctx, ApplicantInput(
        national_id=number, id_type=kind, id_country=country, first_name=first,
        father_name="محمد", grandfather_name="علي", family_name="سوكارنو", birth_date="1/1/1990",
        nationality="OT", gender="male", marital_status="married", phone="", city=city,
        category=ctx.profile.categories[0].code, consent=True), confirm_similar=True)


def test_one_passport_at_two_branches_is_a_duplicate_another_country_is_not(nodes):  # noqa: F811
    shr, hbn = nodes["SHR"], nodes["HBN"]
    kept = visitor(shr, "A1234567", "passport", "ID", "أحمد")
    twin = visitor(hbn, "a 1234567", "passport", "IDN", "أحمد", city="حبونا")  # the same pilgrim
    other_country = visitor(hbn, "A1234567", "passport", "MY", "عمر")
    other_type = visitor(shr, "2870101012", "visa", "", "علي")
    walk_ins = [visitor(ctx, "", "none", "", "زائر") for ctx in (shr, hbn)]
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            held = {a.id: (a.id_type, a.id_country, a.national_id) for a in s.scalars(select(Applicant))}
        assert held[kept.id] == ("passport", "ID", "A1234567")  # the earlier file keeps it
        assert held[twin.id][2].startswith("D")
        assert held[other_country.id] == ("passport", "MY", "A1234567")
        assert held[other_type.id] == ("visa", "", "2870101012")
        assert len({held[w.id] for w in walk_ins}) == 2
        [dup] = sync_review.duplicates(ctx)
        assert (dup.kept_id, dup.other_id, dup.national_id) == (kept.id, twin.id, "A1234567")
    sync_review.merge(nodes["HQ"], dup.id)
    everyone(nodes)
    converged(nodes)
