"""Many desks on one head office: every desk its own context (its own sessions and
connections) on one store, writing at once.  Run against PostgreSQL with ``AJFAR_TEST_PG_URL``."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import event, select

from accounts import PASSWORD, staff_accounts
from ajfar_desk.db.models import Applicant, ReferenceCounter
from ajfar_desk.domain.dates import gregorian_to_hijri
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.edit_conflict import EditConflict
from ajfar_desk.services.privacy import privacy
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.context import AccountDisabled, AppContext
from ajfar_desk.services.users import users


def person(nid: str, **over) -> ApplicantInput:
    values = dict(
        national_id=nid,
        first_name="عبدالله",
        father_name="محمد",
        grandfather_name="سعد",
        family_name="القحطاني",
        birth_date="1990-01-01",
        nationality="SA",
        gender="male",
        marital_status="married",
        phone="0501234567",
        city="الأجفر",
        district="الشفا",
        monthly_income="3500",
        category="family",
        consent=True,
    )
    values.update(over)
    return ApplicantInput(**values)


def desk(ctx: AppContext) -> AppContext:
    """Another desk signed in as the same user on the same store."""
    return AppContext(ctx.store, ctx.profile, ctx.branch, ctx.user)


def at_once(n: int, work) -> list:
    """Run ``work(i)`` in ``n`` threads released together; each result or raised exception."""
    gate = threading.Barrier(n)
    out: list = [None] * n

    def run(i):
        gate.wait()
        try:
            out[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - the test looks at what each desk got
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return out


# -- reference numbers ------------------------------------------------------------------------
def test_first_requests_of_a_year_never_race_on_the_counter(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "10000001")))
    program, channel = ctx.profile.programs[0].code, ctx.profile.channels[0].code
    day = dt.date(2031, 3, 1)  # a Hijri year with no counter row yet
    got = at_once(6, lambda i: requests.create_request(desk(ctx), a.id, program, channel, on=day))
    errors = [g for g in got if isinstance(g, Exception)]
    assert errors == []
    numbers = sorted(int(g.reference.rsplit("-", 1)[1]) for g in got)
    assert numbers == [1, 2, 3, 4, 5, 6]
    with ctx.reading() as s:
        year = gregorian_to_hijri(day)[0]
        assert s.scalar(select(ReferenceCounter.last).where(ReferenceCounter.year == year)) == 6


def test_the_counter_goes_on_from_its_row(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "10000002")))
    program, channel = ctx.profile.programs[0].code, ctx.profile.channels[0].code
    refs = [requests.create_request(ctx, a.id, program, channel, on=dt.date(2030, 1, 5)).reference
            for _ in range(3)]
    assert [r.rsplit("-", 1)[1] for r in refs] == ["000001", "000002", "000003"]


# -- one national ID registered on two desks at once ------------------------------------------
def test_a_duplicate_registered_meanwhile_is_an_existing_applicant(ctx, monkeypatch):
    """Desk B checks the ID (free), desk A registers it and commits, then B inserts."""
    nid = make_national_id(1, "20000001")
    other = desk(ctx)
    first: list = []
    real = applicants.find_similar

    def meanwhile(*args, **kwargs):
        if not first:
            first.append(applicants.register(other, person(nid, first_name="سالم"), confirm_similar=True))
        return real(*args, **kwargs)

    monkeypatch.setattr(applicants, "find_similar", meanwhile)
    with pytest.raises(applicants.ExistingApplicant) as caught:
        applicants.register(ctx, person(nid))
    assert caught.value.applicant_id == first[0].id
    assert caught.value.national_id == nid


def test_many_desks_one_national_id(ctx):
    nid = make_national_id(2, "20000002")
    got = at_once(6, lambda i: applicants.register(desk(ctx), person(nid), confirm_similar=True))
    saved = [g for g in got if not isinstance(g, Exception)]
    refused = [g for g in got if isinstance(g, Exception)]
    assert len(saved) == 1
    assert all(isinstance(g, applicants.ExistingApplicant) for g in refused), refused
    assert {g.applicant_id for g in refused} <= {saved[0].id}


def test_a_national_id_corrected_to_one_registered_meanwhile(ctx, monkeypatch):
    a = applicants.register(ctx, person(make_national_id(1, "20000003")))
    nid = make_national_id(1, "20000004")
    other = desk(ctx)
    first: list = []
    real = applicants._load

    def meanwhile(*args, **kwargs):
        if not first:
            first.append(applicants.register(other, person(nid, first_name="سالم"), confirm_similar=True))
        return real(*args, **kwargs)

    base = applicants.get(ctx, a.id)
    monkeypatch.setattr(applicants, "_load", meanwhile)
    with pytest.raises(applicants.ExistingApplicant) as caught:
        applicants.update(ctx, a.id, person(nid), base=base)
    assert caught.value.applicant_id == first[0].id


# -- no lost update -----------------------------------------------------------------------------
def test_a_save_from_an_older_form_keeps_the_other_desks_change(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "30000001")))
    opened_a = applicants.get(ctx, a.id)
    opened_b = applicants.get(desk(ctx), a.id)
    applicants.update(ctx, a.id, person(a.national_id, phone="0559998887"), base=opened_a)
    saved = applicants.update(desk(ctx), a.id, person(a.national_id, district="النزهة"), base=opened_b)
    assert (saved.phone, saved.district) == ("+966559998887", "النزهة")
    stored = applicants.get(ctx, a.id)
    assert (stored.phone, stored.district) == ("+966559998887", "النزهة")
    assert stored.version == opened_a.version + 2


def test_one_field_changed_on_both_desks_is_a_conflict_with_both_values(ctx, english_messages):
    a = applicants.register(ctx, person(make_national_id(1, "30000002")))
    opened_a = applicants.get(ctx, a.id)
    opened_b = applicants.get(desk(ctx), a.id)
    applicants.update(ctx, a.id, person(a.national_id, phone="0559998887"), base=opened_a)
    with pytest.raises(EditConflict) as caught:
        applicants.update(desk(ctx), a.id, person(a.national_id, phone="0541112223", district="النزهة"),
                          base=opened_b)
    conflict = caught.value
    assert [(c.field, c.yours, c.stored) for c in conflict.fields] == [
        ("phone", "+966541112223", "+966559998887")]
    assert conflict.stored.version == opened_a.version + 1
    assert "+966541112223" in conflict.message and "+966559998887" in conflict.message
    assert "Mobile phone" in conflict.message
    stored = applicants.get(ctx, a.id)
    assert (stored.phone, stored.district) == ("+966559998887", "الشفا")  # nothing written
    # the desk chose its own value, reading from what is stored now
    saved = applicants.update(desk(ctx), a.id, person(a.national_id, phone="0541112223", district="النزهة"),
                              base=conflict.stored)
    assert (saved.phone, saved.district) == ("+966541112223", "النزهة")


def test_the_same_value_typed_on_both_desks_is_no_conflict(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "30000003")))
    opened = applicants.get(ctx, a.id)
    applicants.update(ctx, a.id, person(a.national_id, city="حائل"), base=opened)
    saved = applicants.update(desk(ctx), a.id, person(a.national_id, city="حائل"), base=opened)
    assert saved.city == "حائل"


def test_a_request_saved_from_an_older_form(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "30000004")))
    programs, channels = ctx.profile.programs, ctx.profile.channels
    r = requests.create_request(ctx, a.id, programs[0].code, channels[0].code, "أول")
    requests.update_request(ctx, r.id, programs[0].code, channels[1].code, "أول", base=r)
    saved = requests.update_request(desk(ctx), r.id, programs[0].code, channels[0].code, "ثان", base=r)
    assert (saved.channel, saved.description) == (channels[1].code, "ثان")
    with pytest.raises(EditConflict) as caught:
        requests.update_request(desk(ctx), r.id, programs[0].code, channels[0].code, "ثالث", base=r)
    assert [(c.field, c.yours, c.stored) for c in caught.value.fields] == [("description", "ثالث", "ثان")]


def test_racing_saves_lose_nothing(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "30000005")))
    opened = applicants.get(ctx, a.id)
    changes = [dict(phone="0559998887"), dict(district="النزهة"), dict(city="حائل"), dict(notes="يراجع")]
    got = at_once(4, lambda i: applicants.update(desk(ctx), a.id, person(a.national_id, **changes[i]), base=opened))
    assert [g for g in got if isinstance(g, Exception)] == []
    stored = applicants.get(ctx, a.id)
    assert (stored.phone, stored.district, stored.city, stored.notes) == ("+966559998887", "النزهة", "حائل", "يراجع")
    assert stored.version == opened.version + 4


def test_the_version_is_not_exchanged(ctx):
    from ajfar_desk.db import synced

    assert "version" not in synced.columns("applicant")
    assert "version" not in synced.columns("support_request")


# -- roles checked on every operation ------------------------------------------------------------
STAFF = {"mona": ("manager", "منى الحربي")}


def _manager_desk(ctx):
    as_ = staff_accounts(ctx, STAFF)
    admin = ctx.user
    manager = desk(as_("mona"))
    ctx.user = admin
    return manager


def test_a_demoted_manager_may_no_longer_anonymise(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "40000001")))
    manager = _manager_desk(ctx)
    users.update_user(ctx, manager.user_id, role="front_desk")
    with pytest.raises(PermissionDenied):
        privacy.anonymise(manager, a.id, "طلب خطي من صاحب الملف")
    assert manager.role == "front_desk"  # the desk now knows its stored role
    with ctx.reading() as s:
        assert s.get(Applicant, a.id).anonymised_at is None


def test_a_disabled_account_is_refused_at_once(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "40000002")))
    manager = _manager_desk(ctx)
    applicants.get(manager, a.id)
    users.update_user(ctx, manager.user_id, active=False)
    with pytest.raises(AccountDisabled):
        privacy.anonymise(manager, a.id, "طلب خطي من صاحب الملف")
    with pytest.raises(AccountDisabled):
        applicants.get(manager, a.id)
    with pytest.raises(AccountDisabled):
        applicants.register(manager, person(make_national_id(1, "40000003")))


def test_a_promoted_account_may_at_once(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "40000004")))
    as_ = staff_accounts(ctx, {"sara": ("front_desk", "سارة")})
    admin = ctx.user
    front = desk(as_("sara"))
    ctx.user = admin
    users.update_user(ctx, front.user_id, role="manager")
    privacy.anonymise(front, a.id, "طلب خطي من صاحب الملف")


def test_the_account_check_is_one_primary_key_read(ctx):
    a = applicants.register(ctx, person(make_national_id(1, "40000005")))
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        if "app_user" in statement:
            seen.append(statement)

    event.listen(ctx.store.engine, "before_cursor_execute", count)
    try:
        applicants.get(ctx, a.id)
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", count)
    assert len(seen) == 1 and "app_user.id =" in seen[0]


def test_signing_in_as_someone_else_after_a_disabled_account(ctx):
    from ajfar_desk.services.users import setup

    manager = _manager_desk(ctx)
    users.create_user(ctx, "sami", "سامي", "front_desk", PASSWORD)
    users.update_user(ctx, manager.user_id, active=False)
    assert setup.sign_in(manager, "sami", PASSWORD).username == "sami"
