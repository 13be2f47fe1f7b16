"""search() names each hit's request and its state: the newest (a draft too), or the one whose
reference was typed; nothing for an applicant with no request."""

from __future__ import annotations

from ajfar_desk.db.models import SupportRequest
from ajfar_desk.domain import workflow as wf
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.requests import requests


def _person(ctx, seed: int, birth: str):
    return applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(1, f"{seed:08d}"), first_name="نوال", father_name="سالم",
        grandfather_name="علي", family_name="العنزي", birth_date=birth, gender="female",
        marital_status="single", phone="0501234567", city="الأجفر", category="family",
        consent=True), confirm_similar=True)


def test_each_hit_names_its_request_and_state(ctx):
    drafted, moved, none = _person(ctx, 1, "1/1/1990"), _person(ctx, 2, "2/2/1991"), _person(ctx, 3, "3/3/1992")
    draft = requests.create_request(ctx, drafted.id, "food_aid", "interview", "")
    older = requests.create_request(ctx, moved.id, "food_aid", "interview", "")
    newer = requests.create_request(ctx, moved.id, "food_aid", "phone", "")
    with ctx.uow() as s:
        s.get(SupportRequest, newer.id).status = wf.SUBMITTED
    hits = {h.id: h for h in search.search(ctx, "نوال العنزي")}
    assert (hits[drafted.id].request_reference, hits[drafted.id].request_status) == (draft.reference, wf.DRAFT)
    assert (hits[moved.id].request_reference, hits[moved.id].request_status) == (newer.reference, wf.SUBMITTED)
    assert (hits[none.id].request_reference, hits[none.id].request_status) == (None, None)
    [typed] = search.search(ctx, older.reference)
    assert (typed.request_reference, typed.request_status) == (older.reference, wf.DRAFT)
