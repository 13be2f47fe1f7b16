"""Three nodes make random edits and exchange bundles in random orders, with repeats and losses;
after a final full exchange they hold identical content, and every edit is either the value
held or recorded as a conflict a person can review."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ajfar_desk.db.models import Applicant, HouseholdMember
from ajfar_desk.db.sync_tables import SyncConflict
from ajfar_desk.services import sync
from ajfar_desk.services.sync_bundle import BundleError
from syncnodes import close, content, make_nodes

NODES = ("HQ", "SHR", "HBN")
FIELDS = ("city", "notes", "district")
WORDS = ("نجران", "شرورة", "حبونا", "الرياض", "ملاحظة", "")

edit = st.tuples(st.sampled_from(NODES), st.integers(0, 2), st.sampled_from(FIELDS),
                 st.sampled_from(WORDS))
step = st.one_of(
    st.tuples(st.just("edit"), edit),
    st.tuples(st.just("member"), st.sampled_from(NODES), st.integers(0, 2)),
    st.tuples(st.just("drop_member"), st.sampled_from(NODES), st.integers(0, 5)),
    # export from a to b; delivered now, later (after other steps), twice, or lost
    st.tuples(st.just("send"), st.sampled_from(NODES), st.sampled_from(NODES),
              st.sampled_from(("now", "later", "twice", "lost"))),
)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    """Three joined nodes with three applicants everywhere, copied for each example."""
    from ajfar_desk.domain.identity import make_national_id
    from ajfar_desk.services import applicants
    from ajfar_desk.services.applicant_input import ApplicantInput
    from syncnodes import exchange

    base = tmp_path_factory.mktemp("template")
    nodes = make_nodes(base)
    for i, first in enumerate(("سالم", "ناصر", "فهد")):
        applicants.register(nodes["HQ"], ApplicantInput(
            national_id=make_national_id(1, f"5555555{i}"), first_name=first, father_name="محمد",
            grandfather_name="علي", family_name="اليامي", birth_date="1/1/1990",
            nationality="SA", gender="male", marital_status="married", phone="0551234567",
            city="نجران", category="consumer", consent=True), confirm_similar=True)
    for code in ("SHR", "HBN"):
        exchange(nodes["HQ"], nodes[code])
        exchange(nodes[code], nodes["HQ"])
    close(nodes)
    return base


def copy_nodes(template, target):
    import shutil

    from ajfar_desk.services import setup
    from ajfar_desk.services.store import Store

    shutil.copytree(template, target)
    nodes = {}
    for code in NODES:
        ctx = setup.open_context(Store.open(target / code.lower() if code == "HQ" else target / code))
        setup.sign_in(ctx, "admin", "password123")
        nodes[code] = ctx
    return nodes


def applicant_ids(ctx):
    with ctx.reading() as s:
        return list(s.scalars(select(Applicant.id).order_by(Applicant.national_id)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(step, min_size=4, max_size=25))
def test_three_nodes_converge_and_lose_no_edit(template, tmp_path_factory, steps):
    nodes = copy_nodes(template, tmp_path_factory.mktemp("run") / "n")
    try:
        ids = applicant_ids(nodes["HQ"])
        edits = []  # (applicant id, field, value) as typed at some node
        seen = {c: set() for c in NODES}  # the edits each node holds (made or received)
        replaced = set()  # edits overwritten by an edit made after seeing them: not concurrent
        later = []
        for s in steps:
            if s[0] == "edit":
                where, who, name, value = s[1]
                typed = value + where if value else ""
                with nodes[where].uow() as session:
                    row = session.get(Applicant, ids[who])
                    unchanged = getattr(row, name) == typed  # not an edit: nothing to keep
                    setattr(row, name, typed)
                if unchanged:
                    continue
                replaced |= {i for i in seen[where] if edits[i][:2] == (str(ids[who]), name)}
                edits.append((str(ids[who]), name, typed))
                seen[where].add(len(edits) - 1)
            elif s[0] == "member":
                _k, where, who = s
                with nodes[where].uow() as session:
                    session.add(HouseholdMember(branch=nodes[where].branch.code, applicant_id=ids[who],
                                                full_name=f"فرد {where}", relation="son"))
            elif s[0] == "drop_member":
                _k, where, n = s
                with nodes[where].uow() as session:
                    members = session.scalars(select(HouseholdMember).order_by(HouseholdMember.id)).all()
                    if members:
                        session.delete(members[n % len(members)])
            else:
                _k, a, b, how = s
                if a == b:
                    continue
                bundle = sync.export_bundle(nodes[a], sync.node(nodes[b]).id)
                known = set(seen[a])
                if how in ("now", "twice"):
                    sync.import_bundle(nodes[b], bundle)
                    seen[b] |= known
                if how == "twice":
                    with pytest.raises(BundleError):
                        sync.import_bundle(nodes[b], bundle)
                if how == "later":
                    later.append((b, bundle, known))
        for b, bundle, known in later:  # late: applied, or refused when a newer one came first
            try:
                sync.import_bundle(nodes[b], bundle)
                seen[b] |= known
            except BundleError:
                pass
        for _round in range(2):  # the final full exchange
            for a in NODES:
                for b in NODES:
                    if a != b:
                        sync.import_bundle(nodes[b], sync.export_bundle(nodes[a], sync.node(nodes[b]).id))
        held = [content(nodes[c]) for c in NODES]
        for h in held:
            h.pop("audit_log")
        assert held[0] == held[1] == held[2]
        with nodes["HQ"].reading() as session:
            rows = {str(a.id): a for a in session.scalars(select(Applicant))}
            kept = {(c.row_id, c.field, v) for c in session.scalars(select(SyncConflict))
                    for v in (json.loads(c.winner), json.loads(c.loser))}
        for i, (row_id, name, value) in enumerate(edits):
            if i in replaced:
                continue
            assert getattr(rows[row_id], name) == value or (row_id, name, value) in kept, (name, value)
    finally:
        close(nodes)
