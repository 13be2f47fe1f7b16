"""Exchanging work between the nodes of an association (branch laptops, head office).

``export_bundle`` writes everything this node holds that the peer has not confirmed having;
``import_bundle`` checks, decrypts and applies a peer's bundle in one transaction: all or
nothing, and a bundle imported once is refused the second time with no change.  Each bundle
carries the sender's acknowledgment of what it received, so the next one carries only what is
new.  Conflicts and cross-branch duplicates are reviewed with ``sync_review``.

Every signed, well-formed bundle from a member applies: what the store's keys would refuse is
resolved (``sync_resolve``), and a sender's clock running fast or slow is reported, never a
reason to refuse.  Head office (the node that enrolled the others) lists every member in each
bundle it sends, so the first laptop enrolled learns of those enrolled after it; a laptop
accepts such a list only from head office, under its signature."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ...db import import_runs
from ...db.sync_tables import SyncLog, SyncPeer
from ...domain import permissions
from ...domain.digits import digit_style, localize_digits
from ...domain.errors import ValidationError
from ...domain.hlc import MAX_DRIFT_MS
from ...i18n import _
from ..profile import profiles
from ..store.context import AppContext
from ..store.cycles import collector_paused
from ..store.events import APPLICANT_CHANGED, PROFILE_CHANGED, REQUEST_CHANGED, SYNC_CHANGED
from ..users import audit_anchor
from . import sync_bundle as sb
from . import sync_check, sync_clock, sync_node, sync_profile, sync_schema
from .sync_merge import Merger


@dataclass(frozen=True)
class PeerView:
    node: str
    branch: str
    name: str
    last_export_at: dt.datetime | None
    last_import_at: dt.datetime | None
    pending: int  # changes held here the peer has not confirmed (audit entries not counted)
    sent: int
    received: int
    clock_warning: str = ""  # whose clock was wrong at the last import from this peer ("" none)


@dataclass(frozen=True)
class ImportResult:
    sender: str
    branch: str
    number: int
    changes: int
    applied: int
    skipped: int
    conflicts: int
    duplicates: int
    clock_warning: str = ""  # whose clock looks wrong, and by how much ("" when none)
    members_learned: int = 0  # nodes this node now knows of through head office
    profile_note: str = ""  # the association's profile: adopted from head office, or a branch behind


def node(ctx: AppContext) -> sync_node.Node:
    return sync_node.ensure(ctx.store, ctx.branch.code)


def add_peer(ctx: AppContext, node_id: str, branch: str, public_key: bytes, name: str = "") -> None:
    with ctx.uow() as s:
        peer = s.get(SyncPeer, node_id)
        if peer is None:
            s.add(SyncPeer(node=node_id, branch=branch, name=name, public_key=public_key))
        else:
            peer.branch, peer.public_key, peer.name = branch, public_key, name or peer.name
        ctx.audit(s, "add_peer", "sync_peer", node_id, branch=branch)


def peers(ctx: AppContext) -> list[PeerView]:
    ctx.require(permissions.SYNC)
    with ctx.reading() as s:
        rows = list(s.scalars(select(SyncPeer).order_by(SyncPeer.branch, SyncPeer.name)))
        hub = sync_node.hub(ctx.store)
        out = []
        for p in rows:
            pending = s.scalar(select(func.count()).select_from(SyncLog).where(  # work, not the
                SyncLog.seq > p.acked_seq, SyncLog.node != p.node,  # audit lines of the exchange
                SyncLog.table_name != "audit_log")) or 0
            clock = sync_clock.skew_warning(p.clock_skew_ms, p.branch, i_am_hub=hub is None,
                                            from_hub=p.node == hub, drift_ms=MAX_DRIFT_MS)
            out.append(PeerView(p.node, p.branch, p.name, p.last_export_at, p.last_import_at,
                                pending, p.sent_bundle, p.received_bundle, clock))
        return out


def export_bundle(ctx: AppContext, to_node: str, progress=None) -> bytes:
    """The bundle for ``to_node``: every change it has not confirmed (as many as one bundle
    carries; the rest once it confirms these), signed and encrypted."""
    return _export(ctx, to_node, progress)[0]


def _export(ctx: AppContext, to_node: str, progress=None) -> tuple[bytes, bool]:
    """The bundle, and whether changes beyond it still wait."""
    ctx.require(permissions.SYNC)
    me = node(ctx)
    sync_node.seed(ctx.store, progress)  # a store older than its node: its rows, logged once
    with ctx.uow() as s:
        peer = s.get(SyncPeer, to_node)
        if peer is None:
            raise ValidationError("node", _("Unknown node {node}: only enrolled branches exchange "
                                            "data").format(node=to_node))
        held = import_runs.first_open_seq(s.connection())  # an import not done: not sent yet
        rows = s.execute(
            select(SyncLog.seq, SyncLog.stamp, SyncLog.node, SyncLog.table_name, SyncLog.row_id,
                   SyncLog.op, SyncLog.data, SyncLog.prev)
            .where(SyncLog.seq > peer.acked_seq, SyncLog.node != to_node).order_by(SyncLog.seq)
        ).all()
        fits = _fits(rows if held is None else [r for r in rows if r[0] < held])
        changes = [{"s": q, "st": st, "n": n, "t": t, "r": r, "o": o, "d": d, "p": p}
                   for q, st, n, t, r, o, d, p in rows[:fits]]
        peer.sent_bundle += 1
        peer.last_export_at = dt.datetime.now(dt.UTC)
        made = dt.datetime.fromtimestamp(me.clock.wall() / 1000, dt.UTC)  # this node's clock
        header = sb.Header(
            association=ctx.profile.id, sender=me.id, receiver=to_node, number=peer.sent_bundle,
            ack=peer.seen_seq, count=len(changes), created=made.isoformat(),
            nonce=sb.new_nonce())
        data = sb.seal(header, changes, me.association_key, sb.signer(me.private_key),
                       _members(ctx, s, me, to_node), audit_anchor.sign(me, audit_anchor.all_heads(s)),
                       sync_profile.outgoing(s, sync_node.hub(ctx.store) is None, to_node))
        ctx.audit(s, "export", "sync_bundle", f"{to_node}:{header.number}", changes=len(changes))
    if progress:
        progress("export", len(changes), len(changes))
    return data, fits < len(rows)


def _fits(rows) -> int:
    """How many of the changes (in log order) one bundle carries: as many as stay well under the
    receiver's cap on inflated contents.  The rest wait for the receiver's acknowledgment and go
    in the next bundle (a prefix of the log is always whole: parents before their rows)."""
    budget, size = sb.MAX_INFLATED * 3 // 4, 0
    for i, row in enumerate(rows):
        size += 2 * len(row[6]) + len(row[7]) + len(row[1]) + len(row[4]) + 120  # UTF-8: ≤ 2 bytes a letter
        if size > budget and i > 0:
            return i
    return len(rows)


def _members(ctx: AppContext, s, me: sync_node.Node, to_node: str) -> list[dict]:
    """Head office's list of every member for ``to_node`` (a laptop lists none)."""
    if sync_node.hub(ctx.store):
        return []
    out = [{"node": me.id, "branch": ctx.branch.code, "name": ctx.branch.name(),
            "public_key": sync_node.b64(me.public_key)}]
    out += [{"node": p.node, "branch": p.branch, "name": p.name[:200], "public_key": sync_node.b64(p.public_key)}
            for p in s.scalars(select(SyncPeer).order_by(SyncPeer.node)) if p.node != to_node]
    return out


def import_bundle(ctx: AppContext, data: bytes, progress=None) -> ImportResult:
    """Check and apply a bundle, all or nothing.  Refused, with the reason and no change: a
    damaged, altered or cut file, one for another association or node, from an unknown node,
    or one already imported (or older than one imported)."""
    ctx.require(permissions.SYNC)
    return apply_bundle(ctx, data, progress)


def apply_bundle(ctx: AppContext, data: bytes, progress=None) -> ImportResult:
    """``import_bundle`` without the permission check: a node joining has no user yet."""
    with collector_paused():
        return _apply(ctx, data, progress)


def _apply(ctx: AppContext, data: bytes, progress=None) -> ImportResult:
    me = node(ctx)
    header = sb.read_header(data)
    if header.association != ctx.profile.id:
        raise sb.BundleError(_("This bundle belongs to another association"))
    if header.receiver != me.id:
        raise sb.BundleError(_("This bundle was made for another node, not for this one"))
    with ctx.reading() as s:
        peer = s.get(SyncPeer, header.sender)
        if peer is None:
            raise sb.BundleError(_("This bundle comes from an unknown node"))
        if header.number <= peer.received_bundle:
            raise sb.BundleError(_("This bundle (number {n}) was already imported, or a later one "
                                   "was: nothing to do").format(
                                       n=localize_digits(str(header.number), digit_style(ctx.profile.digits))))
        public_key, branch = peer.public_key, peer.branch
    contents = sb.open_contents(data, header, public_key, me.association_key)
    changes, anchor = contents["changes"], contents.get("anchor")
    if not sync_check.passes(changes):  # read column by column; else change by change, which
        sync_schema.check_changes(changes)  # names what is wrong: nothing malformed is used
    hub = sync_node.hub(ctx.store)
    members = contents["members"] if header.sender == hub else []
    sync_schema.check_members(members)
    try:
        with ctx.uow() as s:
            merger = Merger(s, me.clock, ctx.branch.code)
            known = merger.known_stamps([c["st"] for c in changes])
            merger.prepare([c for c in changes if c["st"] not in known and c["n"] != me.id])
            for done, change in enumerate(changes, start=1):
                if change["st"] in known or change["n"] == me.id:
                    merger.out.skipped += 1
                else:
                    merger.apply(change)
                    known.add(change["st"])
                if progress and done % 500 == 0:
                    progress("import", done, len(changes))
            merger.finish()
            peer = s.get(SyncPeer, header.sender)
            peer.received_bundle = header.number
            peer.seen_seq = max([peer.seen_seq] + [c["s"] for c in changes])
            peer.acked_seq = max(peer.acked_seq, header.ack)
            peer.last_import_at = dt.datetime.now(dt.UTC)
            peer.clock_skew_ms = round(sync_clock.skew_ms(header, me.clock.wall()))
            out = merger.out
            learned = _learn(ctx, s, me, members)
            adopted, profile_note = sync_profile.incoming(
                ctx, s, contents.get("profile"), from_hub=header.sender == hub,
                i_am_hub=hub is None, branch_name=peer.name or branch, sender=header.sender)
            ctx.audit(s, "import", "sync_bundle", f"{header.sender}:{header.number}",
                      changes=len(changes), applied=out.applied, conflicts=len(out.conflicts))
            for topic in (APPLICANT_CHANGED, REQUEST_CHANGED, SYNC_CHANGED):
                ctx.changed(topic, None)
    except IntegrityError as exc:
        detail = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        raise sb.BundleError(_("The bundle cannot be merged with this store: {detail}").format(
            detail=detail)) from None
    warning = sync_clock.warning(header, branch, me.clock.wall(), i_am_hub=hub is None,
                                 from_hub=header.sender == hub, drift_ms=MAX_DRIFT_MS)
    audit_anchor.keep(ctx.store, anchor, public_key)  # the sender's chain heads, kept here
    if adopted is not None:  # committed: head office's version is in force here from now on
        profiles.put_in_force(ctx, *adopted)
        ctx.changed(PROFILE_CHANGED, None)
    return ImportResult(header.sender, branch, header.number, len(changes), out.applied, out.skipped,
                        len(set(out.conflicts)), len(set(out.duplicates)), warning, learned,
                        profile_note)


def _learn(ctx: AppContext, s, me: sync_node.Node, members: list[dict]) -> int:
    """Members head office listed that this node does not know yet: added as peers.  A known
    node's key is never replaced this way (a key changes only by enrolling again)."""
    import base64

    learned = 0
    for m in members:
        if m["node"] != me.id and s.get(SyncPeer, m["node"]) is None:
            s.add(SyncPeer(node=m["node"], branch=m["branch"], name=m["name"],
                           public_key=base64.b64decode(m["public_key"])))
            ctx.audit(s, "add_peer", "sync_peer", m["node"], branch=m["branch"])
            learned += 1
    return learned



def exchange_direct(ctx: AppContext, remote: AppContext, progress=None) -> tuple[ImportResult, ImportResult]:
    """Both ways at once when a network reaches the other node's database (head office's
    PostgreSQL): the same signed bundles, handed over in memory instead of on a USB stick."""
    ctx.require(permissions.SYNC)
    remote.require(permissions.SYNC)
    while True:  # more than one bundle's worth waiting: again, each ack carried by the next
        data, cut_in = _export(remote, node(ctx).id, progress)
        received = import_bundle(ctx, data, progress)
        data, cut_out = _export(ctx, node(remote).id, progress)
        sent = import_bundle(remote, data, progress)
        if not (cut_in or cut_out):
            return received, sent

