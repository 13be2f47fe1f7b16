"""What keeps a received bundle from being refused by the store's own rules: unique keys and
foreign keys.  Decided on the final state of the merge (every change of the bundle decided),
before anything is written, the same way on every node, so the nodes converge.

Unique keys (``UNIQUE``): two rows made on two nodes while offline with one value.
- ``applicant``'s identity, its number, type and country together (a file registered at two
  branches, or an ID corrected on one laptop to one just registered on another): the earlier
  file (the smaller time-ordered id) keeps the number, the other holds a placeholder (``D`` and
  nine hex digits of its id) and both are listed as a duplicate in the review
  (``sync_review.duplicates``), where a person merges them.  One number under two types or two
  countries (a passport of Egypt and one of Indonesia) is two people, never a collision.
- ``app_user.username``: both accounts are kept (each may hold work and audit entries signed by
  it); the later account is renamed ``<name>.<its branch>`` (``<name>.<four hex digits of its
  id>`` when both were made for one branch) and the rename is listed as a conflict for an
  administrator to review, who tells its owner the new name or renames it.  Holding the account
  back instead would lock its owner out of a laptop that already uses it.
- The other unique keys (a study of one request, a paper's revision and number, a meeting's
  number in its year) are resolved by ``sync_keys``, with the same rules of order.

Foreign keys, the rule for a row added to a parent deleted elsewhere ("a delete against a new
child"): the delete wins, as everywhere in the exchange.
- A file merged away by the duplicate review is not lost but moved: a household member,
  document, request or complaint added to it on a node that had not yet seen the merge follows
  it to the surviving file, on arrival and on the node that holds such a row when the merge
  arrives.
- Otherwise a column whose key empties on delete (a complaint's request, a check's document) is
  emptied; any other row is removed, as the delete's cascade would have removed it had it been
  there, with its own rows (a request's events).  Each removal is listed as a conflict for review
  and the row stays in the exchange log.
The renames, moves and removals are logged as this node's changes, so every node learns them."""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from sqlalchemy import select, update

from ...db import change_log as cl
from ...db import many_rows
from ...db import synced as sv
from ...db.base import Base
from ...db.sync_tables import SyncDuplicate, SyncRow, deterministic_id
from ...domain import id_types

# table -> (the column a losing row changes, the columns the key holds besides it)
UNIQUE = {"applicant": ("national_id", ("id_type", "id_country")), "app_user": ("username", ())}
CHUNK = 5000  # values of one ``many_rows.among`` (PostgreSQL takes up to 65,535 parameters)


def renamed_user(name: str, branch: str, other_branch: str, row_id: str) -> str:
    suffix = branch.lower() if branch and branch != other_branch else row_id.replace("-", "")[-4:]
    return f"{name[:64 - len(suffix) - 1]}.{suffix}"


@cache
def parents() -> dict[str, list[tuple[str, str, str]]]:
    """Exchanged table -> [(column, parent table, on delete)] of its foreign keys."""
    synced = sv.synced_tables()
    out: dict[str, list] = defaultdict(list)
    for table in synced:
        for fk in synced[table].__table__.foreign_keys:
            if fk.column.table.name in synced:
                out[table].append((fk.parent.name, fk.column.table.name, (fk.ondelete or "").upper()))
    return dict(out)


def _chunks(items: list):
    for i in range(0, len(items), CHUNK):
        yield items[i:i + CHUNK]


class Resolver:
    def __init__(self, merger):
        self.m = merger
        self.own: list[tuple] = []  # (table, row id, op, data, prev): logged as our changes
        self.step_aside: list[tuple[str, str, dict]] = []  # existing rows: unique values first
        self.follow: list[tuple[str, str, str, str]] = []  # (table, id, column, survivor)

    # -- unique keys ------------------------------------------------------------------------
    def touched(self, table: str, cols: tuple[str, ...]) -> dict[str, tuple]:
        """Rows this bundle adds or changes in a key column -> their final key."""
        m = self.m
        return {r: tuple(map(m.values[(t, r)].get, cols))
                for (t, r) in list(m.inserts) + list(m.updates)
                if t == table and ((t, r) in m.inserts or not m.updates[(t, r)].keys().isdisjoint(cols))}

    def unique(self) -> None:
        m = self.m
        for table, (col, scope) in UNIQUE.items():
            cols = (col, *scope)
            final = self.touched(table, cols)
            if not final:
                continue
            t = sv.synced_tables()[table].__table__
            holders: dict[tuple, set[str]] = defaultdict(set)
            branches: dict[str, str] = {}
            for row_id, key in final.items():
                holders[key].add(row_id)
                branches[row_id] = m.values[(table, row_id)].get("branch") or ""
            numbers = sorted({k[0] for k in holders if k[0] is not None})
            for part in _chunks(numbers):
                query = select(t.c.id, t.c.branch, *(t.c[c] for c in cols)).where(
                    many_rows.among(m.conn, t.c[col], part))
                for rid, branch, *key in m.conn.execute(query).all():
                    key = tuple(sv.encode(sv.columns(table)[c], v) for c, v in zip(cols, key, strict=True))
                    if str(rid) not in final and key in holders:  # a row this bundle leaves as it is
                        holders[key].add(str(rid))
                        branches[str(rid)] = branch
            for key, ids in holders.items():
                value = key[0]
                if value is None or len(ids) < 2:
                    continue
                kept, *losers = sorted(ids)
                for loser in losers:
                    if table == "applicant":
                        new = id_types.placeholder(loser)
                        m.out.duplicates.append((deterministic_id("duplicate", kept, loser), value, kept, loser))
                    else:
                        new = renamed_user(str(value), branches[loser], branches[kept], loser)
                        made = m.created(table, loser)
                        m.out.conflicts.append((deterministic_id(table, loser, col, "unique", kept),
                                                table, loser, col, (new, made), (value, made)))
                    self.set_own(table, loser, col, new)
        # rows that already exist take their new unique values before any row is added
        for (table, row_id), fields in list(m.updates.items()):
            col, scope = UNIQUE.get(table, ("", ()))  # "": the table has no unique key
            if col and not fields.keys().isdisjoint((col, *scope)):
                moved = {c: fields.pop(c) for c in (col, *scope) if c in fields}
                self.step_aside.append((table, row_id, moved))
                if not fields:
                    del m.updates[(table, row_id)]

    def set_own(self, table: str, row_id: str, col: str, value) -> None:
        """Change a field as this node's own change (logged at the end, after the bundle's)."""
        m, key = self.m, (table, row_id)
        if key in m.inserts:
            prev = m.rows[key][0]
            m.inserts[key][col] = value
        else:
            prev = cl.field_stamps(m.s, table, [row_id]).get(row_id, {})
            prev = prev.get(col) or prev.get("", "")
            m.updates.setdefault(key, {})[col] = value
            if key not in m.values:
                m.values[key] = self.load(table, row_id)
        m.values[key][col] = value
        m.stamped.pop((table, row_id, col), None)
        self.own.append((table, row_id, "update", {col: value}, {col: prev}))

    def load(self, table: str, row_id: str) -> dict:
        t = sv.synced_tables()[table].__table__
        kinds = sv.columns(table)
        row = self.m.conn.execute(select(t).where(t.c.id == sv.decode(t.c.id.type, row_id))).mappings().one()
        return {k: sv.encode(v, row[k]) for k, v in kinds.items()}

    def write_step_aside(self) -> None:
        """Existing rows take their new unique values, before any row is added.  With several,
        each first lets go of its old value (a stand-in of its id), so an order never matters
        (one row taking the value another gives up in the same bundle)."""
        if len(self.step_aside) > 1:
            self._write([(t, r, {UNIQUE[t][0]: "~" + r.replace("-", "")[-9:]}) for t, r, _f in self.step_aside])
        self._write(self.step_aside)

    def _write(self, entries) -> None:
        conn = self.m.conn
        for table, row_id, fields in entries:
            t = sv.table_of(sv.synced_tables()[table])
            values = {k: sv.decode(sv.columns(table)[k], v) for k, v in fields.items()}
            if "updated_at" in t.c:
                values["updated_at"] = t.c.updated_at
            conn.execute(t.update().where(t.c.id == sv.decode(t.c.id.type, row_id)).values(values),
                         execution_options=cl.RECORDED)

    # -- foreign keys -------------------------------------------------------------------------
    def merged(self) -> dict[str, str]:
        """File merged away -> the file it was merged into (stored, or in this bundle)."""
        m = self.m
        out = {str(o): str(k) for o, k in m.conn.execute(
            select(SyncDuplicate.other_id, SyncDuplicate.kept_id).where(SyncDuplicate.status == "merged"))}
        for (t, _r), v in m.values.items():
            if t == "sync_duplicate" and v.get("status") == "merged":
                out[v["other_id"]] = v["kept_id"]
        return out

    def dead(self, refs: set[tuple[str, str]]) -> set[tuple[str, str]]:
        m, out = self.m, set()
        unknown = defaultdict(list)
        for key in refs:
            if key in m.rows:
                if m.rows[key][1]:
                    out.add(key)
            else:
                unknown[key[0]].append(key[1])
        for table, ids in unknown.items():
            for part in _chunks(ids):
                out.update((table, r) for r in m.conn.execute(select(SyncRow.row_id).where(
                    SyncRow.table_name == table, many_rows.among(m.conn, SyncRow.row_id, part),
                    SyncRow.deleted.is_not(None))).scalars())
        return out

    def foreign_keys(self) -> None:
        m, links = self.m, parents()
        order = [t.name for t in Base.metadata.sorted_tables if t.name in links]
        touched = list(m.inserts) + [k for k in m.updates if k not in m.inserts]
        refs = {(pt, m.values[k][col]) for k in touched if k[0] in links
                for col, pt, _od in links[k[0]] if m.values.get(k, {}).get(col)}
        dead = self.dead(refs)
        merged = self.merged() if dead or any(k[0] == "applicant" for k in m.deletes) else {}
        for table in order:
            for key in [k for k in touched if k[0] == table and (k in m.inserts or k in m.updates)]:
                for col, pt, ondelete in links[table]:
                    parent = m.values[key].get(col)
                    if not parent or (pt, parent) not in dead:
                        continue
                    survivor = self.survivor(pt, parent, merged, dead)
                    if survivor:
                        self.set_own(table, key[1], col, survivor)
                    elif ondelete == "SET NULL":
                        self.set_plain(key, col, None)
                    else:
                        self.drop(key, col, parent)
                        dead.add(key)
                        break
        for table, row_id in [k for k in m.deletes if k[0] == "applicant" and k[1] in merged]:
            self.local_children(row_id, self.survivor(table, row_id, merged, dead | {(table, row_id)}))

    def survivor(self, table: str, row_id: str, merged: dict, dead: set) -> str | None:
        seen = set()
        while table == "applicant" and row_id in merged and row_id not in seen:
            seen.add(row_id)
            row_id = merged[row_id]
            if (table, row_id) not in dead and (table, row_id) not in self.m.deletes:
                return row_id
        return None

    def set_plain(self, key, col: str, value) -> None:
        m = self.m
        (m.inserts[key] if key in m.inserts else m.updates.setdefault(key, {}))[col] = value
        m.values[key][col] = value

    def drop(self, key, col: str, parent: str) -> None:
        m = self.m
        made = m.rows[key][0]
        if m.inserts.pop(key, None) is None:
            m.updates.pop(key, None)
            m.deletes.append(key)
        m.out.conflicts.append((deterministic_id(key[0], key[1], col, "removed", made), key[0], key[1],
                                col, (None, made), (parent, made)))
        self.own.append((key[0], key[1], "delete", {}, {}))

    def local_children(self, parent: str, survivor: str | None) -> None:
        """Rows held here, not in the bundle, of a file merged away: they follow the merge."""
        if survivor is None:
            return
        m = self.m
        for table, links in parents().items():
            for col, pt, _od in links:
                if pt != "applicant":
                    continue
                t = sv.synced_tables()[table].__table__
                for rid in m.conn.execute(select(t.c.id).where(t.c[col] == sv.decode(t.c[col].type, parent))).scalars():
                    key = (table, str(rid))
                    if key in m.updates or key in m.deletes or key in m.inserts:
                        continue
                    stamps = cl.field_stamps(m.s, table, [key[1]]).get(key[1], {})
                    self.follow.append((table, key[1], col, survivor))
                    self.own.append((table, key[1], "update", {col: survivor},
                                     {col: stamps.get(col) or stamps.get("", "")}))

    def write_follow(self) -> None:
        for table, row_id, col, survivor in self.follow:
            t = sv.table_of(sv.synced_tables()[table])
            values = {col: sv.decode(t.c[col].type, survivor)}
            if "updated_at" in t.c:  # as it was: a move is not an edit of the row
                values["updated_at"] = t.c.updated_at
            self.m.conn.execute(update(t).where(t.c.id == sv.decode(t.c.id.type, row_id)).values(values),
                                execution_options=cl.RECORDED)

    def write_own(self) -> None:
        cl.write_log(self.m.s, self.m.s.info["sync"], self.own)
