"""The chain heads travel in every bundle and are kept by the peer: a tail cut from the copy a
peer holds is reported there, from the sender's signed anchor."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from ajfar_desk.db.models import AuditEntry, AuditHead
from ajfar_desk.services.users import audit, audit_anchor
from syncnodes import close, exchange, make_nodes

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture
def nodes(tmp_path):
    made = make_nodes(tmp_path, branches=("SHR",))
    yield made
    close(made)


def test_the_peer_keeps_the_senders_anchor_and_reports_a_cut_of_its_copy(nodes):
    hq, shr = nodes["HQ"], nodes["SHR"]
    for i in range(4):
        with shr.uow() as s:
            shr.audit(s, "test", "thing", f"T{i}")
    exchange(shr, hq)
    kept = audit_anchor.kept_file(hq.store, audit_anchor.node_of(shr.store).id)
    assert kept.is_file()
    assert audit.verify(hq) == []
    with hq.reading() as s:
        chain, top = s.execute(select(AuditEntry.chain, AuditEntry.seq)
                               .where(AuditEntry.entity_id == "T3")).one()
        keep = s.scalar(select(AuditEntry).where(AuditEntry.chain == chain, AuditEntry.seq == top - 2))
        keep_seq, keep_hash = keep.seq, keep.hash
    with hq.store.engine.begin() as conn:  # head office's copy of the branch's chain is cut
        conn.execute(delete(AuditEntry).where(AuditEntry.chain == chain, AuditEntry.seq > keep_seq))
        conn.execute(update(AuditHead).where(AuditHead.chain == chain).values(seq=keep_seq, hash=keep_hash))
    problems = [p for p in audit.verify(hq) if p.kind == "cut"]
    assert problems and problems[0].branch == "SHR"
