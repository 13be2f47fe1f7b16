"""The other unique keys two offline nodes can both take: a study of one request, a paper's
revision and number, a meeting's number in its Hijri year.  Like ``sync_resolve``'s, each rule
is decided on the final state of the merge, before anything is written, by the rows' ids alone
(the smaller time-ordered id is the earlier row), so every node decides alike and they converge;
nothing of either row is lost and each resolution is a conflict in the exchange review.

- ``social_study.request_id`` (two researchers write the study of one request on two laptops):
  one request has one study, so the two are merged field by field into the earlier study.  A
  field empty in the earlier one takes the later one's value; a field both filled differently
  keeps the earlier value and the later value is listed as a conflict on the earlier study, so
  the reviewer may bring it back ("keep the other value").  The later study is then removed (it
  stays in the exchange log).
- ``issued_document (request_id, kind, revision)`` (two laptops issue revision 2 of one paper)
  and ``issued_document.number``: two papers with one number is the worst outcome for a manager
  (a number must name one paper), so the later paper takes the next free revision of its request
  and kind, and its number gains its branch (``<number>-<branch>``, or four hex digits of its id
  when both papers come from one branch).  Its content, hash and signature stay as issued: the
  paper already printed still shows the number it was printed with, and the review lists the
  number it is now filed under beside that one.
- ``committee_meeting (hijri_year, number)`` (two laptops number their meetings alike): the later
  meeting takes the next free number of its year, listed as a conflict on its number.
- ``appointment (employee_id, day, start_minute)`` among the bookings that hold their slot (two
  laptops book one employee's time while offline): the earlier booking keeps the slot, the later
  is cancelled (its reason says why), listed as a conflict on its state for a person to call the
  applicant.  A booking cancelled by the bundle lets its slot go before any booking is added.

Complaint numbers and request references carry their branch's prefix, and a branch has one node
(enrolment refuses a second), so two nodes never take one; they are not resolved here."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from ...db import change_log as cl
from ...db import synced as sv
from ...db.sync_tables import deterministic_id

# table -> the unique keys (tuples of columns) resolved here
KEYS: dict[str, list[tuple[str, ...]]] = {
    "social_study": [("request_id",)],
    "issued_document": [("request_id", "kind", "revision"), ("number",)],
    "committee_meeting": [("hijri_year", "number")],
    "appointment": [("employee_id", "day", "start_minute")],  # the bookings holding their slot
}
SLOT = ("employee_id", "day", "start_minute")
CANCELLED = "cancelled"  # a cancelled booking holds no slot (``domain.appointments``)
DOUBLE_BOOKED = "Booked twice while offline: the earlier booking keeps the time"
# a study's own columns never merged from the other study
STUDY_FIXED = {"id", "branch", "request_id", "created_at", "updated_at"}
EMPTY = (None, "", "0", "0.00", "[]")


def _suffix(branch: str, other_branch: str, row_id: str) -> str:
    return branch.upper() if branch and branch != other_branch else row_id.replace("-", "")[-4:]


class Keys:
    """Run by the merge after ``Resolver.unique``; writes its own steps before rows are added."""

    def __init__(self, resolver):
        self.r = resolver
        self.m = resolver.m
        self.remove_first: list[tuple[str, str]] = []  # existing rows removed before inserts
        self.step_aside: list[tuple[str, str, dict]] = []

    # -- the state after the bundle -------------------------------------------------------------
    def rows(self, table: str, cols: tuple[str, ...]) -> dict[str, dict]:
        """Row id -> values of every row that may share a key with one this bundle touches."""
        m = self.m
        touched = {r: m.values[(t, r)] for (t, r) in list(m.inserts) + list(m.updates)
                   if t == table and ((t, r) in m.inserts or any(c in m.updates[(t, r)] for c in cols))}
        if not touched:
            return {}
        t = sv.synced_tables()[table].__table__
        kinds = sv.columns(table)
        out = dict(touched)
        first = {v[cols[0]] for v in touched.values() if v.get(cols[0]) is not None}
        firsts = [sv.decode(kinds[cols[0]], v) for v in first]
        for i in range(0, len(firsts), 500):
            for row in self.m.conn.execute(select(t).where(t.c[cols[0]].in_(firsts[i:i + 500]))).mappings():
                key = (table, str(row["id"]))
                if key[1] in out or key in m.deletes:
                    continue
                out[key[1]] = m.values.get(key) or {k: sv.encode(v, row[k]) for k, v in kinds.items()}
        return out

    def collisions(self, table: str, cols: tuple[str, ...], holding=lambda v: True):
        groups: dict[tuple, set[str]] = defaultdict(set)
        rows = self.rows(table, cols)
        for row_id, v in rows.items():
            value = tuple(v.get(c) for c in cols)
            if None not in value and holding(v):
                groups[value].add(row_id)
        for value, ids in sorted(groups.items(), key=lambda g: str(g[0])):
            if len(ids) > 1:
                kept, *later = sorted(ids)
                yield value, kept, later, rows

    # -- the rules ------------------------------------------------------------------------------
    def resolve(self) -> None:
        # a study or a paper deleted by the bundle gives its key up before any row is added
        self.remove_first = [k for k in self.m.deletes if k[0] in ("social_study", "issued_document")]
        for _value, kept, later, rows in self.collisions("social_study", ("request_id",)):
            for other in later:
                self.merge_study(kept, other, rows)
        for value, _kept, later, rows in self.collisions("committee_meeting", ("hijri_year", "number")):
            taken = self.taken("committee_meeting", "hijri_year", value[0], "number")
            for other in later:
                self.renumber("committee_meeting", other, "number", max(taken) + 1, rows[other]["number"])
                taken.add(max(taken) + 1)
        for value, _kept, later, _rows in self.collisions("issued_document", ("request_id", "kind", "revision")):
            taken = self.taken("issued_document", "request_id", value[0], "revision", kind=value[1])
            for other in later:
                rev = max(taken) + 1
                taken.add(rev)
                self.set("issued_document", other, "revision", rev)
        for _value, kept, later, rows in self.collisions("issued_document", ("number",)):
            branch = rows[kept].get("branch") or ""
            for other in later:
                old = rows[other]["number"]
                suffix = _suffix(rows[other].get("branch") or "", branch, other)
                self.renumber("issued_document", other, "number", f"{old[:47 - len(suffix)]}-{suffix}", old)
        for _value, _kept, later, rows in self.collisions("appointment", SLOT, lambda v: v.get("state") != CANCELLED):
            for other in later:
                self.set("appointment", other, "reason", DOUBLE_BOOKED)
                self.renumber("appointment", other, "state", CANCELLED, rows[other]["state"])
        self.move_keys_first()

    def taken(self, table: str, col: str, value, field: str, kind: str | None = None) -> set[int]:
        """The numbers already used by the rows sharing ``col`` (and kind), after the bundle."""
        m = self.m
        t = sv.synced_tables()[table].__table__
        q = select(t.c.id, t.c[field]).where(t.c[col] == sv.decode(sv.columns(table)[col], value))
        if kind is not None:
            q = q.where(t.c.kind == kind)
        used = {str(i): n for i, n in m.conn.execute(q)}
        for (tb, r), v in m.values.items():
            if tb == table and v.get(col) == value and (kind is None or v.get("kind") == kind):
                used[r] = v.get(field)
        for key in m.deletes:
            if key[0] == table:
                used.pop(key[1], None)
        return {int(n) for n in used.values() if n is not None} | {0}

    def set(self, table: str, row_id: str, col: str, value) -> None:
        self.r.set_own(table, row_id, col, value)

    def renumber(self, table: str, row_id: str, col: str, new, old) -> None:
        self.set(table, row_id, col, new)
        made = self.m.created(table, row_id)
        self.m.out.conflicts.append((deterministic_id(table, row_id, col, "unique", str(old)),
                                     table, row_id, col, (new, made), (old, made)))

    def merge_study(self, kept: str, other: str, rows: dict) -> None:
        m = self.m
        mine, theirs = rows[kept], rows[other]
        made_k, made_o = m.created("social_study", kept), m.created("social_study", other)
        kinds = sv.columns("social_study")
        for col in sorted(kinds):
            if col in STUDY_FIXED or theirs.get(col) in EMPTY or (
                    sv.decode(kinds[col], theirs.get(col)) == sv.decode(kinds[col], mine.get(col))):
                continue  # one value, written alike or differently ("1500" and "1500.00")
            if mine.get(col) in EMPTY or not sv.decode(kinds[col], mine.get(col)):
                self.set("social_study", kept, col, theirs[col])
                mine = m.values[("social_study", kept)]
            else:
                m.out.conflicts.append((deterministic_id("social_study", kept, col, "study", other),
                                        "social_study", kept, col, (mine[col], made_k), (theirs[col], made_o)))
        key = ("social_study", other)
        if m.inserts.pop(key, None) is None:
            m.updates.pop(key, None)
            self.remove_first.append(key)
        self.r.own.append(("social_study", other, "delete", {}, {}))

    def move_keys_first(self) -> None:
        """Existing rows give up a key's value before any row is added (as ``Resolver`` does)."""
        m = self.m
        for (table, row_id), fields in list(m.updates.items()):
            if table not in KEYS:
                continue
            cols = {c for key in KEYS[table] for c in key} - {"request_id", "kind", *SLOT}
            if table == "appointment" and self.m.values.get((table, row_id), {}).get("state") == CANCELLED:
                cols.add("state")  # a booking cancelled lets its slot go first
            moved = {c: fields.pop(c) for c in cols if c in fields}
            if moved:
                self.step_aside.append((table, row_id, moved))
                if not fields:
                    del m.updates[(table, row_id)]

    # -- writing --------------------------------------------------------------------------------
    def write_first(self) -> None:
        conn = self.m.conn
        for table, row_id in self.remove_first:
            t = sv.table_of(sv.synced_tables()[table])
            conn.execute(t.delete().where(t.c.id == sv.decode(t.c.id.type, row_id)), execution_options=cl.RECORDED)
        if len(self.step_aside) > 1:  # each lets go of its old value first: an order never matters
            self.r._write([(t, r, {k: self.stand_in(t, k, r) for k in f}) for t, r, f in self.step_aside])
        self.r._write(self.step_aside)

    @staticmethod
    def stand_in(table: str, col: str, row_id: str):
        if col == "state":
            return CANCELLED  # a booking letting its slot go holds none meanwhile
        if col == "number" and table == "issued_document":
            return "~" + row_id.replace("-", "")[-9:]
        return -int(row_id.replace("-", "")[-7:], 16)  # a number no row holds


def taken_elsewhere(s, cls, row, field: str, value) -> bool:
    """Whether another row already holds ``value`` in a unique key of ``field`` (settling a
    conflict by bringing a lost value back must not collide)."""
    from .sync_resolve import UNIQUE

    if cls.__tablename__ == "appointment":  # a booking brought back must find its slot free
        if field != "state" or value == CANCELLED:
            return False
        where = [getattr(cls, c) == getattr(row, c) for c in SLOT]
        return s.scalar(select(cls.id).where(*where, cls.state != CANCELLED, cls.id != row.id).limit(1)) is not None
    keys = [k for k in KEYS.get(cls.__tablename__, []) if field in k]
    col, scope = UNIQUE.get(cls.__tablename__, (None, ()))
    if col is not None and field in (col, *scope):
        keys.append((col, *scope))
    for key in keys:
        where = [getattr(cls, c) == (value if c == field else getattr(row, c)) for c in key]
        if s.scalar(select(cls.id).where(*where, cls.id != row.id).limit(1)) is not None:
            return True
    return False
