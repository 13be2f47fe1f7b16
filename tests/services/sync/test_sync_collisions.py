"""Ordinary offline collisions never stop the exchange: one user name or one national ID taken
on two laptops, rows added to a file merged or deleted elsewhere, clocks that are wrong, and
members enrolled after a laptop."""

from __future__ import annotations

import datetime as dt
import json
import time
from decimal import Decimal

import pytest
from sqlalchemy import select

from ajfar_desk.db.casework import Meeting, SocialStudy
from ajfar_desk.db.models import Applicant, HouseholdMember, IssuedDocument, SupportRequest, User
from ajfar_desk.db.sync_tables import SyncConflict, SyncPeer
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.hlc import parse
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.sync import sync, sync_enrol, sync_review
from ajfar_desk.services.users import setup, users
from services.sync.test_sync import data_tables, register
from syncnodes import PASSPHRASE, content, exchange

pytestmark = pytest.mark.usefixtures("english_messages")
DAY_MS = 24 * 3600 * 1000



def everyone(nodes, rounds=2):
    """Every laptop through head office, twice: what each made reaches every other."""
    for _round in range(rounds):
        for code in ("SHR", "HBN"):
            exchange(nodes[code], nodes["HQ"])
        for code in ("SHR", "HBN"):
            exchange(nodes["HQ"], nodes[code])


def converged(nodes):
    assert data_tables(nodes["HQ"]) == data_tables(nodes["SHR"]) == data_tables(nodes["HBN"])


def test_one_user_name_added_on_two_laptops_keeps_both_accounts(nodes):
    first = users.create_user(nodes["SHR"], "khalid", "خالد الأول", "front_desk", "password123")
    second = users.create_user(nodes["HBN"], "khalid", "خالد الثاني", "front_desk", "password123")
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            names = {u.id: u.username for u in s.scalars(select(User))}
            [conflict] = s.scalars(select(SyncConflict).where(SyncConflict.table_name == "app_user")).all()
        assert names[first.id] == "khalid"  # made first: keeps its name
        assert names[second.id] == "khalid.hbn"
        assert (conflict.row_id, conflict.field, conflict.loser, conflict.winner) == (
            str(second.id), "username", '"khalid"', '"khalid.hbn"')
    assert setup.sign_in(nodes["HBN"], "khalid.hbn", "password123").username == "khalid.hbn"
    [view] = [c for c in sync_review.conflicts(nodes["HQ"]) if c.table == "app_user"]
    with pytest.raises(Exception, match="already used"):  # bringing the name back would collide
        sync_review.settle(nodes["HQ"], view.id, sync_review.LOSER)
    assert sync_review.settle(nodes["HQ"], view.id, sync_review.WINNER).status == "settled"


def test_a_national_id_corrected_to_one_registered_elsewhere_is_a_duplicate(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    old = register(hq, "سالم", "11111111")
    everyone(nodes, 1)
    corrected = make_national_id(1, "44444444")
    with shr.uow() as s:
        s.get(Applicant, old.id).national_id = corrected  # a typo fixed at one branch
    new = register(hbn, "سالم", "44444444", city="حبونا")  # the same person walks in at another
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            assert s.get(Applicant, old.id).national_id == corrected  # the older file keeps it
            assert s.get(Applicant, new.id).national_id.startswith("D")
        [dup] = sync_review.duplicates(ctx)
        assert (dup.kept_id, dup.other_id, dup.national_id) == (old.id, new.id, corrected)
    sync_review.merge(hq, dup.id)
    everyone(nodes)
    converged(nodes)


def test_rows_added_to_a_file_merged_away_follow_the_merge(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    kept = register(shr, "سالم", "33333333")
    other = register(hbn, "سالم", "33333333", city="حبونا")
    exchange(shr, hq)
    exchange(hbn, hq)
    [dup] = sync_review.duplicates(hq)
    sync_review.merge(hq, dup.id)
    # meanwhile, at the laptop that registered the second file, before it hears of the merge
    member = applicants.add_member(hbn, other.id, applicants.MemberInput("نورة سالم", "daughter", "female"))
    request = requests.create_request(hbn, other.id, hbn.profile.programs[0].code, "phone")
    exchange(hq, hbn)  # the merge reaches the laptop first: its new rows move there
    exchange(hbn, hq)
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            assert s.get(Applicant, other.id) is None
            assert s.get(HouseholdMember, member.id).applicant_id == kept.id
            assert s.get(SupportRequest, request.id).applicant_id == kept.id


def test_rows_added_to_a_merged_file_arriving_first_at_head_office_follow_it(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    kept = register(shr, "سالم", "33333333")
    other = register(hbn, "سالم", "33333333", city="حبونا")
    exchange(shr, hq)
    exchange(hbn, hq)
    [dup] = sync_review.duplicates(hq)
    sync_review.merge(hq, dup.id)
    member = applicants.add_member(hbn, other.id, applicants.MemberInput("نورة سالم", "daughter", "female"))
    exchange(hbn, hq)  # the new member reaches head office, which merged its file away
    with hq.reading() as s:
        assert s.get(HouseholdMember, member.id).applicant_id == kept.id
    everyone(nodes)
    converged(nodes)


def test_a_row_added_to_a_file_deleted_elsewhere_is_removed_and_kept_for_review(nodes):
    """The rule: a delete wins; the new row goes with it (as the cascade would have taken it),
    listed as a conflict; nothing refuses the bundle."""
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    everyone(nodes, 1)
    with hq.uow() as s:
        s.delete(s.get(Applicant, a.id))
    member = applicants.add_member(shr, a.id, applicants.MemberInput("نورة سالم", "daughter", "female"))
    exchange(shr, hq)
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            assert s.get(HouseholdMember, member.id) is None
            [c] = s.scalars(select(SyncConflict).where(SyncConflict.row_id == str(member.id))).all()
            assert (c.table_name, c.field, c.winner, c.loser) == (
                "household_member", "applicant_id", "null", f'"{a.id}"')


def _set_clock(ctx, offset_ms: int) -> None:
    sync.node(ctx).clock.wall = lambda: int(time.time() * 1000) + offset_ms


def test_a_laptop_two_days_slow_imports_and_is_told_its_own_clock_is_wrong(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    _set_clock(shr, -2 * DAY_MS)
    result = exchange(hq, shr)
    assert result.applied >= 1
    assert "This computer's clock is 2 days behind head office's" in result.clock_warning
    with shr.uow() as s:  # edited after seeing head office's value: it replaces it everywhere
        s.get(Applicant, a.id).city = "شرورة"
    back = exchange(shr, hq)
    assert "branch SHR's computer is 2 days behind" in back.clock_warning
    with hq.reading() as s:
        assert s.get(Applicant, a.id).city == "شرورة"
        assert s.scalars(select(SyncConflict)).all() == []
    exchange(hq, shr)
    assert data_tables(hq) == data_tables(shr)


def test_a_laptop_a_day_fast_never_drags_head_office_ahead(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    _set_clock(hbn, 23 * 3600 * 1000)
    _set_clock(shr, -2 * 3600 * 1000)
    register(hbn, "ناصر", "22222222")
    fast = max(parse(s)[0] for s in _stamps(hbn))
    assert exchange(hbn, hq).applied >= 1
    register(hq, "سالم", "11111111")
    assert max(parse(s)[0] for s in _stamps(hq, own=True)) < fast - 20 * 3600 * 1000
    register(shr, "فهد", "33333333")
    assert exchange(shr, hq).applied >= 1  # the laptop 2 h slow is not refused
    hq.store.close()  # a restart does not adopt the fast stamps either
    again = setup.open_context(Store.open(hq.store.data_dir, db_url=hq.store.url))
    setup.sign_in(again, "admin", "password123")
    nodes["HQ"] = again
    register(again, "علي", "55555555")
    assert max(parse(s)[0] for s in _stamps(again, own=True)) < fast - 20 * 3600 * 1000
    everyone(nodes)
    converged(nodes)


def _stamps(ctx, own=False):
    from ajfar_desk.db.sync_tables import SyncLog

    with ctx.reading() as s:
        q = select(SyncLog.stamp)
        if own:
            q = q.where(SyncLog.node == sync.node(ctx).id)
        return list(s.scalars(q))


def test_the_first_laptop_learns_of_laptops_enrolled_after_it(tmp_path):
    hq = setup.init_store(Store.open(tmp_path / "hq"), "najran", None, "admin", "password123", "مدير")
    shr, _r = sync_enrol.join(Store.open(tmp_path / "shr"), sync_enrol.invite(hq, "SHR", PASSPHRASE), PASSPHRASE)
    hbn, _r = sync_enrol.join(Store.open(tmp_path / "hbn"), sync_enrol.invite(hq, "HBN", PASSPHRASE), PASSPHRASE)
    try:
        for ctx in (shr, hbn):
            setup.sign_in(ctx, "admin", "password123")
        hbn_node = sync.node(hbn)
        with shr.reading() as s:
            assert s.get(SyncPeer, hbn_node.id) is None
        result = exchange(hq, shr)
        assert result.members_learned == 1
        with shr.reading() as s:
            peer = s.get(SyncPeer, hbn_node.id)
            assert (peer.branch, peer.public_key) == ("HBN", hbn_node.public_key)
        register(shr, "سالم", "11111111")
        assert exchange(shr, hbn).applied >= 1  # the two laptops exchange directly now
        assert exchange(hbn, shr).members_learned == 0  # a laptop relays no members
    finally:
        for ctx in (hq, shr, hbn):
            ctx.store.close()


def test_collisions_leave_no_refused_bundle_between_any_two_nodes(nodes):
    """After all of the above at once, every pair still exchanges."""
    users.create_user(nodes["SHR"], "sara", "سارة", "front_desk", "password123")
    users.create_user(nodes["HBN"], "sara", "سارة", "front_desk", "password123")
    register(nodes["SHR"], "سالم", "33333333")
    register(nodes["HBN"], "سالم", "33333333")
    for a in nodes:
        for b in nodes:
            if a != b:
                exchange(nodes[a], nodes[b])
    everyone(nodes)
    converged(nodes)
    assert content(nodes["SHR"])["app_user"] == content(nodes["HBN"])["app_user"]


def test_a_user_renamed_to_a_name_taken_elsewhere_keeps_it_and_the_later_account_gives_way(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    older = users.create_user(shr, "ali", "علي", "front_desk", "password123")
    everyone(nodes, 1)
    newer = users.create_user(hbn, "omar", "عمر", "front_desk", "password123")
    exchange(hbn, hq)  # head office holds "omar" for the newer account
    with shr.uow() as s:
        s.get(User, older.id).username = "omar"  # renamed at a laptop that never saw it
    exchange(shr, hq)
    everyone(nodes)
    converged(nodes)
    with hq.reading() as s:
        assert s.get(User, older.id).username == "omar"
        assert s.get(User, newer.id).username == "omar.hbn"


# -- the remaining unique keys: a study of one request, a paper's revision, a meeting's number --

def _request(nodes):
    a = register(nodes["HQ"], "سالم", "11111111")
    r = requests.create_request(nodes["HQ"], a.id, nodes["HQ"].profile.programs[0].code, "phone")
    everyone(nodes, 1)
    return r


def _add(ctx, row):
    row.branch = ctx.branch.code
    with ctx.uow() as s:
        s.add(row)
        s.flush()
        return row.id


def _paper(ctx, request, number, revision=2):
    content = {"n": number, "by": ctx.branch.code}
    return IssuedDocument(request_id=request.id, kind="decision", number=number, revision=revision, lang="ar",
                          content=json.dumps(content), sha256=paper.content_hash(content),
                          signature_mode="wet", print_count=1)


def _conflicts(ctx, table):
    with ctx.reading() as s:
        return s.scalars(select(SyncConflict).where(SyncConflict.table_name == table)
                         .order_by(SyncConflict.field)).all()


def test_two_studies_of_one_request_merge_field_by_field_with_conflicts(nodes):
    r = _request(nodes)
    first = _add(nodes["SHR"], SocialStudy(request_id=r.id, household="خمسة أفراد", housing="rent",
                                           monthly_income=Decimal("1500")))
    second = _add(nodes["HBN"], SocialStudy(request_id=r.id, household="ستة أفراد", housing="rent",
                                            health="سكري", monthly_income=Decimal("1500")))
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            assert s.get(SocialStudy, second) is None
            kept = s.get(SocialStudy, first)
            assert (kept.household, kept.health) == ("خمسة أفراد", "سكري")  # an empty field takes the other's
        [c] = _conflicts(ctx, "social_study")
        assert (c.row_id, c.field, c.winner, c.loser) == (str(first), "household", '"خمسة أفراد"', '"ستة أفراد"')
    [view] = [c for c in sync_review.conflicts(nodes["HQ"]) if c.table == "social_study"]
    assert view.label == r.reference  # the review names the request the study is of
    sync_review.settle(nodes["HQ"], view.id, sync_review.LOSER)  # the researcher keeps the other
    with nodes["HQ"].reading() as s:
        assert s.get(SocialStudy, first).household == "ستة أفراد"


def test_revision_two_of_one_paper_issued_on_two_laptops_is_renumbered(nodes):
    r = _request(nodes)
    number = f"{r.reference}-D-R2"
    first = _add(nodes["SHR"], _paper(nodes["SHR"], r, number))
    second = _add(nodes["HBN"], _paper(nodes["HBN"], r, number))
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            a, b = s.get(IssuedDocument, first), s.get(IssuedDocument, second)
            assert (a.number, a.revision) == (number, 2)
            assert (b.number, b.revision) == (f"{number}-HBN", 3)
            assert json.loads(b.content)["by"] == "HBN"  # what was printed is kept as it was
        [c] = _conflicts(ctx, "issued_document")
        assert (c.row_id, c.field, c.winner, c.loser) == (str(second), "number", f'"{number}-HBN"', f'"{number}"')
        # both papers as printed (one number, two fingerprints) still verify as genuine
        for row_id, shown in ((first, number), (second, f"{number}-HBN")):
            with ctx.reading() as s:
                digest = s.get(IssuedDocument, row_id).sha256
            found = documents.verify(ctx, number, digest)
            assert (found.status, found.document.number) == (paper.GENUINE, shown), found


def test_one_meeting_number_on_two_laptops_is_renumbered_within_its_year(nodes):
    held = dt.date(2026, 12, 1)
    first = _add(nodes["SHR"], Meeting(number=5, hijri_year=1448, held_on=held, members='["أ"]'))
    second = _add(nodes["HBN"], Meeting(number=5, hijri_year=1448, held_on=held, members='["ب"]'))
    other_year = _add(nodes["HBN"], Meeting(number=5, hijri_year=1447, held_on=held, members='["ج"]'))
    everyone(nodes)
    converged(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            assert (s.get(Meeting, first).number, s.get(Meeting, second).number) == (5, 6)
            assert s.get(Meeting, other_year).number == 5
        [c] = _conflicts(ctx, "committee_meeting")
        assert (c.row_id, c.field, c.winner, c.loser) == (str(second), "number", "6", "5")
    [view] = [c for c in sync_review.conflicts(nodes["HQ"]) if c.table == "committee_meeting"]
    assert view.label == "6/1448"


def test_studies_papers_and_meetings_collide_between_any_two_nodes_and_converge(nodes):
    """Laptops exchanging directly first: the one holding the later row receives the earlier."""
    r = _request(nodes)
    number = f"{r.reference}-D-R2"
    held = dt.date(2026, 12, 1)
    for code in ("SHR", "HBN"):
        _add(nodes[code], SocialStudy(request_id=r.id, household=code, health=code))
        _add(nodes[code], _paper(nodes[code], r, number))
        _add(nodes[code], _paper(nodes[code], r, number.replace("R2", "R3"), revision=3))
        _add(nodes[code], Meeting(number=1, hijri_year=1448, held_on=held, members="[]"))
        _add(nodes[code], Meeting(number=2, hijri_year=1448, held_on=held, members="[]"))
    exchange(nodes["HBN"], nodes["SHR"])
    exchange(nodes["SHR"], nodes["HBN"])
    for a in nodes:
        for b in nodes:
            if a != b:
                exchange(nodes[a], nodes[b])
    everyone(nodes)
    converged(nodes)
    with nodes["HQ"].reading() as s:
        assert len(s.scalars(select(SocialStudy)).all()) == 1
        assert sorted(m.number for m in s.scalars(select(Meeting))) == [1, 2, 3, 4]
        papers = s.scalars(select(IssuedDocument)).all()
        assert sorted(p.revision for p in papers) == [2, 3, 4, 5]
        assert len({p.number for p in papers}) == 4
    assert len(_conflicts(nodes["HQ"], "social_study")) == 2  # household and health
    assert len(_conflicts(nodes["HQ"], "committee_meeting")) == 2
    assert len(_conflicts(nodes["HQ"], "issued_document")) == 2


def test_bringing_back_a_renumbered_meeting_number_is_refused_with_a_message(nodes):
    held = dt.date(2026, 12, 1)
    _add(nodes["SHR"], Meeting(number=5, hijri_year=1448, held_on=held, members="[]"))
    _add(nodes["HBN"], Meeting(number=5, hijri_year=1448, held_on=held, members="[]"))
    everyone(nodes)
    [view] = [c for c in sync_review.conflicts(nodes["HQ"]) if c.table == "committee_meeting"]
    with pytest.raises(ValidationError, match="already used"):
        sync_review.settle(nodes["HQ"], view.id, sync_review.LOSER)
    assert sync_review.settle(nodes["HQ"], view.id, sync_review.WINNER).status == "settled"
