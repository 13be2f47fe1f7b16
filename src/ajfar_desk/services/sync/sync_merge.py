"""Applying changes received from another node, in the order that node holds them.

Per field, the value with the later stamp wins, so every node reaches the same value whatever
order the changes arrive in.  Causality is in the stamps: a change made after seeing a value
carries a later stamp than that value's, even when a clock running fast (two days, say) stamped
the value ahead of the one who changed it (``Clock.after`` lends the change a stamp one tick past
it, the node's clock unmoved).  Of two values written without seeing each other, the later stamp
wins and the losing value is kept as a conflict for a person to settle; nothing is overwritten
silently.  A value written after seeing ours (its "previous stamp" is the stamp of our value)
also replaces it when logged by a version older than this rule, whose stamps did not follow
what they replaced.  Every save changes ``updated_at``, the moment of the row's last change (never
a conflict), so a save made after seeing a row's fast-stamped save orders after it in every field
it changes: until the wall clocks pass that stamp, such saves win over concurrent ones made
elsewhere (the loser kept as a conflict), the same way on every node.

Rows only ever added (audit entries, status events…) are united.  A delete wins over any later
update.  Unique keys met twice (one national ID, one user name) and rows added
to a parent deleted or merged elsewhere are resolved by ``sync_resolve``, a study, a paper's
revision or a meeting's number taken twice by ``sync_keys``: never refused.

The merge decides in memory, change after change, from the local state read in a few queries
up front (``prepare``), then writes everything in batches (``finish``): rows added in an order
that respects foreign keys, changed rows, deleted rows, the log and the clocks."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from ...db import change_log as cl
from ...db import log_scrub, many_rows
from ...db import synced as sv
from ...db.base import Base
from ...db.models import AuditEntry, AuditHead
from ...db.sync_tables import (
    SyncConflict,
    SyncDuplicate,
    SyncField,
    SyncLog,
    SyncRow,
    deterministic_id,
)
from ...domain.hlc import Clock, parse
from . import sync_write
from .sync_keys import Keys
from .sync_resolve import Resolver

RECORDED = cl.RECORDED
PARSED = "_parsed"  # (data, prev) of a change, as sync_schema read them
SHARED = "*"  # the branch of a row any node may find (a conflict, a duplicate)
CHUNK = 500
BIG_CHUNK = 5000  # values of one ``many_rows.among`` (PostgreSQL takes up to 65,535 parameters)


def stamp_time(stamp: str) -> dt.datetime:
    """The wall-clock moment of a clock stamp."""
    return dt.datetime.fromtimestamp(parse(stamp)[0] / 1000, dt.UTC)


@dataclass
class Outcome:
    applied: int = 0
    skipped: int = 0
    # what was found, as tuples while merging (``write_findings`` reads them), then their ids
    conflicts: list[Any] = field(default_factory=list)
    duplicates: list[Any] = field(default_factory=list)


def _chunks(items: list, size: int = CHUNK):
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Merger:
    def __init__(self, session: Session, clock: Clock, branch: str):
        self.s, self.clock, self.branch = session, clock, branch
        self.conn = session.connection()
        self.out = Outcome()
        self.log: list[dict] = []
        self.bundle_prev: dict[str, dict] = {}  # stamp -> prev of the changes in this bundle
        self.rows: dict[tuple[str, str], list] = {}  # (table, id) -> [created, deleted]
        self.new_rows: list[dict] = []  # sync_row entries to add
        self.stamps: dict[tuple[str, str], dict[str, str]] = {}  # changed fields' stamps
        self.stamped: dict[tuple[str, str, str], str] = {}  # sync_field entries to write
        self.had_field: set[tuple[str, str, str]] = set()
        self.values: dict[tuple[str, str], dict] = {}  # current (encoded) values
        self.inserts: dict[tuple[str, str], dict] = {}  # rows to add (encoded), in order
        self.updates: dict[tuple[str, str], dict] = {}  # rows to change: field -> encoded
        self.deletes: list[tuple[str, str]] = []
        self.prev_of: dict[str, str] = {}  # stamp of a value held here -> the prev it logged
        self.ahead = ""  # the furthest stamp received beyond the clock's drift (not adopted)
        self.horizon = clock.horizon()  # the highest stamp the clock may adopt
        self.newest = ""  # the highest stamp received within it: the clock moves past it once
        self.tombstoned: set[tuple[str, str]] = set()  # known rows deleted by this bundle

    # -- reading the local state up front --------------------------------------------------------
    def known_stamps(self, stamps: list[str]) -> set[str]:
        found: set[str] = set()
        for part in _chunks(stamps, BIG_CHUNK):
            found.update(self.conn.execute(select(SyncLog.stamp).where(
                many_rows.among(self.conn, SyncLog.stamp, part))).scalars())
        return found

    def prepare(self, changes: list[dict]) -> None:
        conn = self.conn
        by_table: dict[str, set[str]] = defaultdict(set)
        updated: dict[str, set[str]] = defaultdict(set)
        for c in changes:
            by_table[c["t"]].add(c["r"])
            if c["o"] != "delete":
                updated[c["t"]].add(c["r"])
        for table, ids in by_table.items():
            for part in _chunks(sorted(ids), BIG_CHUNK):
                for row_id, created, deleted in conn.execute(
                    select(SyncRow.row_id, SyncRow.stamp, SyncRow.deleted).where(
                        SyncRow.table_name == table, many_rows.among(conn, SyncRow.row_id, part))
                ).all():
                    self.rows[(table, row_id)] = [created, deleted]
        field_stamps: set[str] = set()
        for table, ids in updated.items():
            existing = [i for i in ids if (table, i) in self.rows]
            if not existing or table not in sv.synced_tables():
                continue
            for row_id in existing:
                self.stamps[(table, row_id)] = {}
            for part in _chunks(existing, BIG_CHUNK):  # the stamps of the fields changed since
                for row_id, name, stamp in conn.execute(
                    select(SyncField.row_id, SyncField.field, SyncField.stamp).where(
                        SyncField.table_name == table, many_rows.among(conn, SyncField.row_id, part))
                ).all():
                    self.stamps[(table, row_id)][name] = stamp
                    self.had_field.add((table, row_id, name))
                    field_stamps.add(stamp)
            t = sv.synced_tables()[table].__table__
            cols = sv.stored_columns(table, conn.dialect)
            for part in _chunks(existing, BIG_CHUNK):
                keys = [sv.decode(t.c.id.type, i) for i in part]
                read = conn.execute(select(*cols).where(many_rows.among(conn, t.c.id, keys))).all()
                for row in sv.logged_rows(table, read, conn.dialect):
                    self.values[(table, row["id"])] = row
        for part in _chunks(sorted(field_stamps), BIG_CHUNK):  # what our values replaced, for local_prev
            self.prev_of.update(conn.execute(select(SyncLog.stamp, SyncLog.prev).where(
                many_rows.among(conn, SyncLog.stamp, part))).all())

    # -- deciding, change after change ---------------------------------------------------------
    def apply(self, change: dict) -> None:
        table, row_id, op, stamp = change["t"], change["r"], change["o"], change["st"]
        if stamp > self.horizon:  # beyond the drift: not adopted (stamps sort as their clocks)
            self.ahead = max(self.ahead, stamp)
        elif stamp > self.newest:
            self.newest = stamp
        self.log.append({"stamp": stamp, "node": change["n"], "table_name": table, "row_id": row_id,
                         "op": op, "data": change["d"], "prev": change["p"]})
        parsed = change.get(PARSED)  # the schema check's reading, when it ran
        prev = parsed[1] if parsed else json.loads(change["p"])
        self.bundle_prev[stamp] = prev
        key = (table, row_id)
        state = self.rows.get(key)
        if op == "delete":
            if state is None:
                self.rows[key] = [stamp, stamp]
                self.new_rows.append({"table_name": table, "row_id": row_id, "stamp": stamp, "deleted": stamp})
            else:
                state[1] = max(state[1] or stamp, stamp)
                self.tombstoned.add(key)
            if self.inserts.pop(key, None) is None:
                self.deletes.append(key)
            self.updates.pop(key, None)
            self.out.applied += 1
            return
        if state is not None and state[1]:
            self.out.skipped += 1  # deleted here: a delete wins
            return
        data = parsed[0] if parsed else json.loads(change["d"])
        if op == "insert" and state is None:
            self.insert(table, row_id, data, stamp)
        elif state is None:
            self.out.skipped += 1  # an update of a row whose creation never arrived
        else:
            self.update(table, row_id, data, prev, stamp, creation=op == "insert")

    def insert(self, table: str, row_id: str, data: dict, stamp: str) -> None:
        key = (table, row_id)
        self.rows[key] = [stamp, None]
        self.new_rows.append({"table_name": table, "row_id": row_id, "stamp": stamp, "deleted": None})
        columns = sv.columns(table)
        if len(data) == len(columns):  # every column (the schema check lets in no other): as read
            values = data
        else:  # a column the sender's row predates takes its default
            values = {**sv.logged_defaults(table), **data}
            if len(values) > len(columns):  # a column this version does not exchange
                values = {k: values[k] for k in columns}
        self.inserts[key] = values
        self.values[key] = values
        self.stamps[key] = {}
        self.out.applied += 1

    def field_stamp(self, key, name: str) -> str:
        return self.stamps.get(key, {}).get(name) or self.rows[key][0]

    def local_prev(self, stamp: str, name: str) -> str | None:
        if stamp in self.bundle_prev:
            return self.bundle_prev[stamp].get(name)
        if stamp in self.prev_of:
            return json.loads(self.prev_of[stamp]).get(name)
        prev = self.conn.execute(select(SyncLog.prev).where(SyncLog.stamp == stamp)).scalar()
        return json.loads(prev).get(name) if prev else None

    def update(self, table, row_id, data, prev, stamp, creation: bool) -> None:
        key = (table, row_id)
        now = self.values.get(key)
        if now is None:
            self.out.skipped += 1
            return
        kinds, changed = sv.columns(table), False
        for name, value in data.items():
            if name not in kinds:
                continue
            mine = self.field_stamp(key, name)
            if stamp == mine or value == now.get(name):
                if stamp > mine:
                    self.set_stamp(key, name, stamp)
                continue
            # written after seeing our value: it replaces it (its stamp is later too, ``Clock.after``,
            # but for a change logged before stamps followed what they replaced)
            saw_ours = prev.get(name) == mine
            # ours written after seeing theirs (our clock behind theirs): ours stays
            if saw_ours or (stamp > mine and (mine == self.rows[key][0] or self.local_prev(mine, name) != stamp)):
                if not creation and not saw_ours and name != "updated_at":  # concurrent
                    self.conflict(table, row_id, name, (value, stamp), (now.get(name), mine))
                now[name] = value
                if key in self.inserts:
                    self.inserts[key][name] = value
                else:
                    self.updates.setdefault(key, {})[name] = value
                self.set_stamp(key, name, stamp)
                changed = True
            elif name != "updated_at" and not creation and self.local_prev(mine, name) != stamp:
                self.conflict(table, row_id, name, (now.get(name), mine), (value, stamp))
        self.out.applied += 1 if changed else 0
        self.out.skipped += 0 if changed else 1

    def set_stamp(self, key, name: str, stamp: str) -> None:
        self.stamps.setdefault(key, {})[name] = stamp
        self.stamped[(key[0], key[1], name)] = stamp

    def conflict(self, table, row_id, name, winner, loser) -> None:
        ident = deterministic_id(table, row_id, name, winner[1], loser[1])
        self.out.conflicts.append((ident, table, row_id, name, winner, loser))

    # -- writing -------------------------------------------------------------------------------
    def finish(self) -> None:
        conn = self.conn
        if self.newest:  # before any change of ours is stamped
            self.clock.seen(self.newest)
        resolver = Resolver(self)
        resolver.foreign_keys()
        resolver.unique()
        keys = Keys(resolver)
        keys.resolve()  # a study, a paper's revision, a meeting's number taken on two nodes
        resolver.write_step_aside()  # rows that give up a unique value do so before any is added
        keys.write_first()
        order = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
        grouped: dict[str, list[dict]] = defaultdict(list)
        for (table, _row_id), values in self.inserts.items():
            grouped[table].append(values)
        for table in sorted(grouped, key=lambda t: order.get(t, 0)):
            sync_write.insert_new(conn, table, grouped[table])
            if table == "audit_log":
                self.advance_audit_heads(grouped[table])
        by_columns: dict[tuple, list[list]] = defaultdict(list)
        for (table, row_id), fields in self.updates.items():
            kinds = sv.columns(table)
            if "updated_at" in kinds and "updated_at" not in fields:  # as it was, not "now"
                fields["updated_at"] = self.values[(table, row_id)]["updated_at"]
            names = tuple(sorted(fields))
            row = [sv.decode(kinds[k], fields[k]) for k in names]
            row.append(sv.decode(kinds["id"], row_id))
            by_columns[(table, names)].append(row)
        for (table, names), changed in by_columns.items():
            t = sv.table_of(sv.synced_tables()[table])
            many_rows.update_rows(conn, t, names, ("id",), changed,  # forms opened before see it
                                  bump="version" if "version" in t.c else None)
        resolver.write_follow()  # rows held here of a file merged away: to the surviving file
        for table, row_id in sorted(self.deletes, key=lambda k: -order.get(k[0], 0)):
            t = sv.table_of(sv.synced_tables()[table])
            conn.execute(t.delete().where(t.c.id == sv.decode(t.c.id.type, row_id)),
                         execution_options=RECORDED)
        many_rows.insert_rows(conn, sv.table_of(SyncLog), self.log)
        self.forget_anonymised()
        many_rows.insert_rows(conn, sv.table_of(SyncRow), self.new_rows)
        for table, row_id in self.tombstoned:
            conn.execute(update(SyncRow).where(SyncRow.table_name == table, SyncRow.row_id == row_id)
                         .values(deleted=self.rows[(table, row_id)][1]))
        old = [(s, t, r, f) for (t, r, f), s in self.stamped.items() if (t, r, f) in self.had_field]
        new = [{"table_name": t, "row_id": r, "field": f, "stamp": s}
               for (t, r, f), s in self.stamped.items() if (t, r, f) not in self.had_field]
        ft = sv.table_of(SyncField)
        many_rows.update_rows(conn, ft, ("stamp",), ("table_name", "row_id", "field"), old)
        many_rows.insert_rows(conn, ft, new)
        self.write_findings()
        resolver.write_own()  # renames, moves, removals: our changes, after the bundle's stamps

    def write_findings(self) -> None:
        """Conflicts and duplicates found: rows of their own (the same on every node that finds
        them), added through the session so they are logged and reach every node; one found
        twice, or already held here, is added once (the held ones asked in one query each)."""
        conflicts: dict[Any, tuple] = {}
        for found in self.out.conflicts:
            conflicts.setdefault(found[0], found)
        duplicates: dict[Any, tuple] = {}
        for found in self.out.duplicates:
            duplicates.setdefault(found[0], found)
        held = self.held(SyncConflict, list(conflicts)) | self.held(SyncDuplicate, list(duplicates))
        for ident, table, row_id, name, winner, loser in conflicts.values():
            if ident not in held:
                moment = stamp_time(max(winner[1], loser[1]))
                self.s.add(SyncConflict(
                    id=ident, branch=SHARED, created_at=moment, updated_at=moment, table_name=table,
                    row_id=row_id, field=name, winner=json.dumps(winner[0], ensure_ascii=False),
                    winner_stamp=winner[1], loser=json.dumps(loser[0], ensure_ascii=False),
                    loser_stamp=loser[1]))
        for ident, nid, kept, loser in duplicates.values():
            if ident not in held:
                moment = stamp_time(max(self.created("applicant", kept), self.created("applicant", loser)))
                self.s.add(SyncDuplicate(id=ident, branch=SHARED, created_at=moment, updated_at=moment,
                                         national_id=nid, kept_id=sv.decode(sv.columns("applicant")["id"], kept),
                                         other_id=sv.decode(sv.columns("applicant")["id"], loser)))
        self.s.flush()
        self.out.conflicts = [str(c[0]) for c in self.out.conflicts]
        self.out.duplicates = [str(d[0]) for d in self.out.duplicates]

    def held(self, model: type[SyncConflict] | type[SyncDuplicate], idents: list) -> set:
        """Those of ``idents`` already held here."""
        out: set = set()
        for part in _chunks(idents):
            out.update(self.s.scalars(select(model.id).where(model.id.in_(part))))
        return out

    def forget_anonymised(self) -> None:
        """A person anonymised on another node: our log forgets them too (names, IDs, phones
        in the changes we hold, relayed or not), as the anonymising node's log did."""
        from ...db.models import SupportRequest

        people = [row_id for (table, row_id), fields in self.updates.items()
                  if table == "applicant" and fields.get("anonymised_at")]
        papers = [row_id for (table, row_id) in self.updates if table == "issued_document"]
        for row_id in people:
            key = sv.decode(sv.columns("applicant")["id"], row_id)
            requests = list(self.s.scalars(select(SupportRequest.id).where(SupportRequest.applicant_id == key)))
            log_scrub.scrub_history(self.s, key, requests,
                             {"issued_document": [sv.decode(sv.columns("issued_document")["id"], p) for p in papers]})

    def created(self, table: str, row_id: str) -> str:
        if (table, row_id) in self.rows:
            return self.rows[(table, row_id)][0]
        return self.conn.execute(select(SyncRow.stamp).where(
            SyncRow.table_name == table, SyncRow.row_id == row_id)).scalar() or ""

    def advance_audit_heads(self, rows: list[dict]) -> None:
        """The chains the entries arrived in move their heads forward (a chain is its branch's,
        or a head-office desk's lane; entries from a node before lanes belong to their branch)."""
        top: dict[str, tuple[str, int, str]] = {}
        for r in rows:
            chain = r.get("chain") or r["branch"]
            if r["seq"] > top.get(chain, ("", 0, ""))[1]:
                top[chain] = (r["branch"], r["seq"], r["hash"])
        if any(not r.get("chain") for r in rows):
            log = sv.table_of(AuditEntry)
            self.conn.execute(update(log).where(log.c.chain == "").values(chain=log.c.branch))
        for chain, (branch, seq, digest) in top.items():
            head = self.conn.execute(select(AuditHead.seq).where(AuditHead.chain == chain)).scalar()
            if head is None:
                self.conn.execute(insert(AuditHead).values(chain=chain, branch=branch, seq=seq, hash=digest))
            elif seq > head:
                self.conn.execute(update(AuditHead).where(AuditHead.chain == chain).values(seq=seq, hash=digest))
