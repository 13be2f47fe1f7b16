"""The exchange between head office and branch laptops: bundles, merge rules, refusals."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import Applicant, HouseholdMember
from ajfar_desk.db.sync_tables import SyncConflict, SyncDuplicate, SyncPeer
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.i18n import set_language
from ajfar_desk.services.applicants import applicants, search
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.sync import sync
from ajfar_desk.services.sync.sync_bundle import BundleError
from ajfar_desk.services.users import audit
from syncnodes import close, content, exchange, make_nodes

SRC = Path(__file__).resolve().parents[3] / "src"
# the power cut, injected by a patch (tests/crash_after.py, wherever this file's room is)
CRASH_AFTER = next(folder / "crash_after.py" for folder in Path(__file__).parents
                   if (folder / "crash_after.py").is_file())
pytestmark = pytest.mark.usefixtures("english_messages")  # refusals matched in English


def register(ctx, first: str, body: str, city="نجران"):
    return applicants.register(ctx, ApplicantInput(
        national_id=make_national_id(1, body), first_name=first, father_name="محمد",
        grandfather_name="علي", family_name="اليامي", birth_date="1/1/1990", nationality="SA",
        gender="male", marital_status="married", phone="0551234567", city=city,
        category=ctx.profile.categories[0].code, consent=True), confirm_similar=True)


def set_field(ctx, applicant_id, **values):
    with ctx.uow() as s:
        row = s.get(Applicant, applicant_id)
        for k, v in values.items():
            setattr(row, k, v)


def value(ctx, applicant_id, name):
    with ctx.reading() as s:
        return getattr(s.get(Applicant, applicant_id), name)


def data_tables(ctx) -> dict:
    got = content(ctx)
    got.pop("audit_log")  # every import is audited where it happens: compared separately
    return got



def test_a_registration_reaches_the_branch_and_is_found(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    result = exchange(hq, shr)
    assert result.applied >= 1 and result.conflicts == 0
    assert [r.id for r in search.search(shr, "سالم اليامي")] == [a.id]  # the name index too
    assert data_tables(hq) == data_tables(shr)
    assert audit.verify(shr) == [] and audit.verify(hq) == []


def test_the_same_bundle_twice_is_refused_and_changes_nothing(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    bundle = sync.export_bundle(hq, sync.node(shr).id)
    sync.import_bundle(shr, bundle)
    before = content(shr)
    with pytest.raises(BundleError, match="already imported"):
        sync.import_bundle(shr, bundle)
    assert content(shr) == before
    set_language("ar")  # the number in Najran's digits (trial: «(رقم 2)» in an Arabic line)
    try:
        with pytest.raises(BundleError, match=r"\(رقم [١-٩]\)"):
            sync.import_bundle(shr, bundle)
    finally:
        set_language("en")


def test_only_what_is_new_travels(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    first = exchange(hq, shr).changes
    exchange(shr, hq)  # carries the acknowledgment back
    register(hq, "ناصر", "22222222")
    second = sync.export_bundle(hq, sync.node(shr).id)
    assert 0 < sync.import_bundle(shr, second).changes < first


def test_concurrent_edits_keep_the_loser_as_a_conflict(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    exchange(hq, shr)
    set_field(hq, a.id, city="الرياض")
    set_field(shr, a.id, city="شرورة")  # later on the clock: it wins
    exchange(hq, shr)
    exchange(shr, hq)
    assert value(hq, a.id, "city") == value(shr, a.id, "city") == "شرورة"
    for ctx in (hq, shr):
        with ctx.reading() as s:
            conflicts = s.scalars(select(SyncConflict)).all()
        assert [(c.field, c.winner, c.loser) for c in conflicts] == [("city", '"شرورة"', '"الرياض"')]
    assert data_tables(hq) == data_tables(shr)


def test_an_edit_made_after_seeing_the_other_is_no_conflict(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    set_field(hq, a.id, city="الرياض")
    exchange(hq, shr)
    set_field(shr, a.id, city="شرورة")
    exchange(shr, hq)
    assert value(hq, a.id, "city") == "شرورة"
    with hq.reading() as s:
        assert s.scalars(select(SyncConflict)).all() == []


def test_a_delete_wins_over_a_concurrent_edit(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "سالم", "11111111")
    member = applicants.add_member(hq, a.id, applicants.MemberInput("نورة سالم", "daughter", "female"))
    exchange(hq, shr)
    applicants.remove_member(hq, member.id)
    with shr.uow() as s:
        s.get(HouseholdMember, member.id).full_name = "نورة سالم اليامي"
    exchange(shr, hq)
    exchange(hq, shr)
    for ctx in (hq, shr):
        with ctx.reading() as s:
            assert s.get(HouseholdMember, member.id) is None
    assert data_tables(hq) == data_tables(shr)


def test_one_national_id_registered_at_two_branches_is_flagged(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    first = register(shr, "سالم", "33333333")
    second = register(hbn, "سالم", "33333333", city="حبونا")
    exchange(shr, hq)
    exchange(hbn, hq)
    exchange(hq, shr)
    exchange(hq, hbn)
    exchange(shr, hq)
    exchange(hbn, hq)
    exchange(hq, shr)
    exchange(hq, hbn)
    for ctx in nodes.values():
        with ctx.reading() as s:
            dup = s.scalars(select(SyncDuplicate)).one()
            assert (dup.kept_id, dup.other_id) == (first.id, second.id)
            assert s.get(Applicant, first.id).national_id == first.national_id
            assert s.get(Applicant, second.id).national_id.startswith("D")
    assert data_tables(hq) == data_tables(shr) == data_tables(hbn)


def test_conflicting_values_of_three_nodes_converge(nodes):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    a = register(hq, "سالم", "11111111")
    exchange(hq, shr)
    exchange(hq, hbn)
    for n, ctx in enumerate((hq, shr, hbn)):
        set_field(ctx, a.id, notes=f"ملاحظة {n}")
    for _round in range(2):
        for x in nodes.values():
            for y in nodes.values():
                if x is not y:
                    exchange(x, y)
    assert len({value(ctx, a.id, "notes") for ctx in nodes.values()}) == 1
    with hq.reading() as s:
        losers = {c.loser for c in s.scalars(select(SyncConflict))}
    assert losers >= {'"ملاحظة 0"', '"ملاحظة 1"'}


@pytest.mark.parametrize("damage", ["truncate", "flip", "flip_header", "empty", "garbage"])
def test_damaged_bundles_are_refused_with_no_change(nodes, damage):
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    bundle = bytearray(sync.export_bundle(hq, sync.node(shr).id))
    if damage == "truncate":
        bundle = bundle[: len(bundle) // 2]
    elif damage == "flip":
        bundle[len(bundle) // 2] ^= 0x01
    elif damage == "flip_header":
        bundle[12] ^= 0x20
    elif damage == "empty":
        bundle = bytearray()
    else:
        bundle = bytearray(os.urandom(500))
    before = content(shr)
    with pytest.raises(BundleError):
        sync.import_bundle(shr, bytes(bundle))
    assert content(shr) == before


def test_foreign_and_misaddressed_bundles_are_refused(nodes, tmp_path):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    for_hbn = sync.export_bundle(hq, sync.node(hbn).id)
    with pytest.raises(BundleError, match="another node"):
        sync.import_bundle(shr, for_hbn)
    others = make_nodes(tmp_path / "other")  # another installation of the same association
    try:
        stranger = sync.export_bundle(others["HQ"], sync.node(others["SHR"]).id)
        with pytest.raises(BundleError):
            sync.import_bundle(shr, stranger)
    finally:
        close(others)
    with shr.uow() as s:  # a peer forgotten: its bundles are from an unknown node
        s.delete(s.get(SyncPeer, sync.node(hq).id))
    with pytest.raises(BundleError, match="unknown node"):
        sync.import_bundle(shr, sync.export_bundle(hq, sync.node(shr).id))


def test_an_older_bundle_after_a_newer_one_is_refused(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    old = sync.export_bundle(hq, sync.node(shr).id)
    register(hq, "ناصر", "22222222")
    new = sync.export_bundle(hq, sync.node(shr).id)
    sync.import_bundle(shr, new)  # cumulative: holds what the old one held
    with pytest.raises(BundleError, match="already imported"):
        sync.import_bundle(shr, old)
    assert data_tables(hq) == data_tables(shr)


@pytest.mark.subprocess
def test_a_process_killed_mid_import_leaves_the_store_as_it_was(nodes, tmp_path):
    hq, shr = nodes["HQ"], nodes["SHR"]
    for i, first in enumerate(("سالم", "ناصر", "فهد", "علي", "حمد")):
        register(hq, first, f"4444444{i}")
    bundle = tmp_path / "bundle.ajfar"
    bundle.write_bytes(sync.export_bundle(hq, sync.node(shr).id))
    before = data_tables(shr)  # (signing in, the process adds audit entries of its own)
    data_dir = shr.store.data_dir
    shr.store.engine.dispose()
    # the command line in another process, killed (as by kill -9) after 4 applied changes
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, str(CRASH_AFTER), "4", "--data-dir", str(data_dir),
                           "--lang", "en", "sync", "import", str(bundle)], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 9, done.stderr
    assert data_tables(shr) == before
    assert [p.received for p in sync.peers(shr) if p.branch == "HQ"] == [1]  # the join only
    assert sync.import_bundle(shr, bundle.read_bytes()).applied > 0  # and it still imports
    assert data_tables(hq) == data_tables(shr)


def test_the_audit_chains_of_every_branch_arrive_and_verify(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    register(shr, "سالم", "11111111")
    exchange(shr, hq)
    with hq.reading() as s:
        from ajfar_desk.db.models import AuditEntry

        branches = set(s.scalars(select(AuditEntry.branch)))
    assert branches == {"HQ", "SHR"}
    assert audit.verify(hq) == []


def test_unknown_node_for_export(nodes):
    with pytest.raises(Exception, match="Unknown node"):
        sync.export_bundle(nodes["HQ"], uuid.uuid4().hex)


def test_direct_exchange_with_head_office_database(nodes):
    """A laptop that reaches head office's database exchanges both ways without a file."""
    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.users import setup

    hq, shr = nodes["HQ"], nodes["SHR"]
    register(hq, "سالم", "11111111")
    register(shr, "ناصر", "22222222")
    remote = setup.open_context(Store.open(hq.store.data_dir, db_url=hq.store.url))
    try:
        setup.sign_in(remote, "admin", "password123")
        received, sent = sync.exchange_direct(shr, remote)
        assert received.applied >= 1 and sent.applied >= 1
    finally:
        remote.store.close()
    assert data_tables(hq) == data_tables(shr)


def test_requests_made_offline_at_two_branches_never_share_a_reference(nodes):
    from ajfar_desk.services.requests import requests

    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    refs = []
    for ctx, body in ((shr, "61111111"), (hbn, "62222222")):
        a = register(ctx, "سالم", body)
        refs.append(requests.create_request(ctx, a.id, ctx.profile.programs[0].code, "interview").reference)
    assert refs[0].split("-")[0] != refs[1].split("-")[0]  # each branch numbers with its prefix
    exchange(shr, hq)
    exchange(hbn, hq)
    exchange(hq, shr)
    with shr.reading() as s:
        from ajfar_desk.db.models import SupportRequest

        assert sorted(s.scalars(select(SupportRequest.reference))) == sorted(refs)


def test_merging_a_duplicate_reaches_every_node(nodes):
    from ajfar_desk.services.requests import requests
    from ajfar_desk.services.sync import sync_review

    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    first = register(shr, "سالم", "33333333")
    second = register(hbn, "سالم", "33333333", city="حبونا")
    request = requests.create_request(hbn, second.id, hbn.profile.programs[0].code, "phone")
    for pair in (("SHR", "HQ"), ("HBN", "HQ")):
        exchange(nodes[pair[0]], nodes[pair[1]])
    [dup] = sync_review.duplicates(hq)
    assert (dup.kept_name, dup.other_branch) == (first.full_name, "HBN")
    sync_review.merge(hq, dup.id)
    for _round in range(2):
        for code in ("SHR", "HBN"):
            exchange(hq, nodes[code])
            exchange(nodes[code], hq)
    for ctx in nodes.values():
        with ctx.reading() as s:
            from ajfar_desk.db.models import SupportRequest

            assert s.get(Applicant, second.id) is None
            assert s.get(SupportRequest, request.id).applicant_id == first.id
        assert sync_review.duplicates(ctx) == []
    assert data_tables(hq) == data_tables(shr) == data_tables(hbn)


def test_two_desks_on_one_head_office_database_at_once(nodes):
    """Several desks write to head office's database at the same time: their changes never
    share a clock stamp, and all of them reach the branch."""
    import threading

    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.users import setup

    hq, shr = nodes["HQ"], nodes["SHR"]
    desks = [hq]
    for _ in range(2):
        ctx = setup.open_context(Store.open(hq.store.data_dir, db_url=hq.store.url))
        setup.sign_in(ctx, "admin", "password123")
        desks.append(ctx)
    names = ("سالم", "ناصر", "فهد", "علي", "حمد", "ماجد")
    errors = []

    def work(n, ctx):
        try:
            for i in range(4):
                register(ctx, names[(n * 4 + i) % 6], f"7{n}{i}00000")
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n, ctx)) for n, ctx in enumerate(desks)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for ctx in desks[1:]:
        ctx.store.close()
    assert errors == []
    exchange(hq, shr)
    with shr.reading() as s:
        assert len(s.scalars(select(Applicant)).all()) == 12
    assert data_tables(hq) == data_tables(shr)


def test_a_store_older_than_the_exchange_sends_everything_it_holds(tmp_path):
    """A store set up before the exchange existed gets its node when opened; what it held
    (and what changed since) reaches the first branch that joins."""
    from sqlalchemy import text

    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.sync import sync_enrol
    from ajfar_desk.services.users import setup
    from syncnodes import PASSPHRASE

    store = Store.open(tmp_path / "old")
    hq = setup.init_store(store, "najran", None, "admin", "password123")
    a = register(hq, "سالم", "11111111")
    with store.engine.begin() as conn:  # as it was before: no node, nothing logged
        conn.execute(text("DELETE FROM store_meta WHERE key LIKE 'node%' OR key IN "
                          "('association_key', 'sync_seeded')"))
        for table in ("sync_log", "sync_row", "sync_field", "sync_peer"):
            conn.execute(text(f"DELETE FROM {table}"))
    store.close()
    hq = setup.open_context(Store.open(tmp_path / "old"))
    setup.sign_in(hq, "admin", "password123")
    set_field(hq, a.id, city="الرياض")
    ctx, result = sync_enrol.join(Store.open(tmp_path / "shr"),
                                  sync_enrol.invite(hq, "SHR", PASSPHRASE), PASSPHRASE)
    try:
        assert value(ctx, a.id, "city") == "الرياض"
        assert data_tables(hq) == data_tables(ctx)
    finally:
        ctx.store.close()
        hq.store.close()


def test_a_branch_gets_one_node(nodes):
    from ajfar_desk.domain.errors import ValidationError
    from ajfar_desk.services.sync import sync_enrol

    for branch in ("SHR", "HQ"):
        with pytest.raises(ValidationError, match="one node per branch"):
            sync_enrol.invite(nodes["HQ"], branch, "a long passphrase")


def test_only_head_office_enrols_a_laptop(tmp_path):
    """A branch laptop that wrote an invitation would register a node head office never heard
    of (trial: the Exchange page offered «Enrol a branch laptop…» on the Sharurah laptop too,
    and wrote an invitation for Hubuna there)."""
    from ajfar_desk.domain.errors import ValidationError
    from ajfar_desk.services.sync import sync_enrol

    made = make_nodes(tmp_path / "one", branches=("SHR",))  # HBN has no laptop yet
    try:
        shr = made["SHR"]
        peers = {p.branch for p in sync.peers(shr)}
        with pytest.raises(ValidationError, match="head office"):
            sync_enrol.invite(shr, "HBN", "a long passphrase")
        assert {p.branch for p in sync.peers(shr)} == peers  # nobody registered
        assert sync_enrol.may_enrol(made["HQ"]) and not sync_enrol.may_enrol(shr)
        assert sync_enrol.invite(made["HQ"], "HBN", "a long passphrase")  # head office still may
    finally:
        close(made)


def test_a_failed_join_leaves_the_store_empty_to_try_again(tmp_path, monkeypatch):
    from ajfar_desk.services.store.store import Store
    from ajfar_desk.services.sync import sync_enrol
    from ajfar_desk.services.users import setup
    from syncnodes import PASSPHRASE

    hq = setup.init_store(Store.open(tmp_path / "hq"), "najran", None, "admin", "password123")
    invitation = sync_enrol.invite(hq, "SHR", PASSPHRASE)
    store = Store.open(tmp_path / "shr")

    def broken(*_a, **_k):
        raise BundleError("cut")

    monkeypatch.setattr(sync, "apply_bundle", broken)
    with pytest.raises(BundleError):
        sync_enrol.join(store, invitation, PASSPHRASE)
    assert not setup.is_initialized(store)
    monkeypatch.undo()
    ctx, _result = sync_enrol.join(store, invitation, PASSPHRASE)
    assert ctx.branch.code == "SHR"
    store.close()
    hq.store.close()


def test_a_person_anonymised_at_head_office_is_forgotten_by_the_branch_log_too(nodes):
    from ajfar_desk.db.sync_tables import SyncLog
    from ajfar_desk.services.privacy import privacy

    hq, shr = nodes["HQ"], nodes["SHR"]
    a = register(hq, "مشعل", "88888888")
    exchange(hq, shr)
    with shr.reading() as s:
        assert any("مشعل" in d for d in s.scalars(select(SyncLog.data)))
    privacy.anonymise(hq, a.id, "طلب كتابي من صاحب البيانات")
    exchange(hq, shr)
    for ctx in (hq, shr):
        with ctx.reading() as s:
            assert not any("مشعل" in d or a.national_id in d for d in s.scalars(select(SyncLog.data)))
            assert s.get(Applicant, a.id).anonymised_at is not None
    assert data_tables(hq) == data_tables(shr)
