"""The bundle's changes read column by column (``sync_check.passes``) accept nothing the change by
change reading (``sync_schema.check_changes``) refuses, and read every change as it does; what
they do not accept is read change by change, which names the problem."""

from __future__ import annotations

import copy
import json
import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from ajfar_desk.db import synced
from ajfar_desk.db.models import Applicant
from ajfar_desk.db.sync_tables import SyncLog
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicants import MemberInput
from ajfar_desk.services.sync import sync_check, sync_schema
from ajfar_desk.services.sync.sync_bundle import BundleError
from ajfar_desk.services.sync.sync_merge import PARSED
from services.sync.test_sync import register
from syncnodes import close, make_nodes

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(scope="module")
def logged(tmp_path_factory) -> list[dict]:
    """A laptop's log as a bundle carries it: files added, one edited, a member added, one deleted."""
    nodes = make_nodes(tmp_path_factory.mktemp("check"), branches=("SHR",))
    try:
        shr = nodes["SHR"]
        people = [register(shr, "سالم", f"{i:08d}") for i in range(4)]
        applicants.add_member(shr, people[0].id, MemberInput(full_name="نورة سالم", relation="daughter"))
        with shr.uow() as s:
            s.get(Applicant, people[1].id).district = "حي الفيصلية"
            s.delete(s.get(Applicant, people[3].id))
        with shr.reading() as s:
            rows = s.execute(select(SyncLog.seq, SyncLog.stamp, SyncLog.node, SyncLog.table_name,
                                    SyncLog.row_id, SyncLog.op, SyncLog.data, SyncLog.prev)
                             .order_by(SyncLog.seq)).all()
        return [{"s": q, "st": t, "n": n, "t": tb, "r": r, "o": o, "d": d, "p": p}
                for q, t, n, tb, r, o, d, p in rows]
    finally:
        close(nodes)


def agree(changes: list) -> bool:
    """Both readings of ``changes``: never accepted by one and refused by the other's reading
    unless the column by column one refused (and then the change by change one decides); the
    same reading of each change when both accept.  Whether the bundle is accepted."""
    fast, slow = copy.deepcopy(changes), copy.deepcopy(changes)
    passed = sync_check.passes(fast)
    try:
        sync_schema.check_changes(slow)
    except BundleError:
        assert not passed, "the column by column reading accepted what the change by change one refuses"
        return False
    if passed:
        assert [c[PARSED] for c in fast] == [c[PARSED] for c in slow]
    return True


def test_a_laptops_log_passes_column_by_column(logged):
    assert {c["o"] for c in logged} == {"insert", "update", "delete"}
    changes = copy.deepcopy(logged)
    assert sync_check.passes(changes)
    assert all(PARSED in c for c in changes)
    assert agree(logged)


def _first(changes, table, op="insert") -> dict:
    return next(c for c in changes if c["t"] == table and c["o"] == op)


def _set(table, column, value, op="insert"):
    def change(changes):
        c = _first(changes, table, op)
        data = json.loads(c["d"])
        data[column] = value
        c["d"] = json.dumps(data, ensure_ascii=False)
    return change


def _drop(table, column):
    def change(changes):
        c = _first(changes, table)
        c["d"] = json.dumps({k: v for k, v in json.loads(c["d"]).items() if k != column})
    return change


def _field(key, value, table="applicant", op="insert"):
    def change(changes):
        _first(changes, table, op)[key] = value
    return change


def _other_passport(changes):
    c = _first(changes, "applicant")
    data = json.loads(c["d"])
    data.update(id_type="passport", id_country="EG", national_id="A12345678")
    c["d"] = json.dumps(data)


MUTATIONS = {
    "text for a number": _set("applicant", "full_name", 42),
    "text too long": _set("applicant", "full_name", "س" * 331),
    "a date that is none": _set("applicant", "birth_date", "1990-13-01"),
    "a required column empty": _set("applicant", "birth_date", None),
    "a moment that is none": _set("applicant", "created_at", "yesterday"),
    "an amount not finite": _set("applicant", "monthly_income", "NaN"),
    "an amount as a number": _set("applicant", "monthly_income", 5),
    "a flag as a number": _set("applicant", "messages_consent", 1),
    "a local column": _set("applicant", "search_key", 1),
    "an unknown column": _set("applicant", "password", "x"),
    "a national ID failing its check digit": _set("applicant", "national_id", "1234567890"),
    "a national ID of letters": _set("applicant", "national_id", "A1234567"),
    "a national ID too long": _set("applicant", "national_id", "1" * 40),
    "a passport's number": _other_passport,
    "a nullable column empty": _set("applicant", "phone2", None),
    "another row's id": _set("applicant", "id", str(uuid.uuid4())),
    "an id that is none": _set("household_member", "id", "x"),
    "a required column left out": _drop("applicant", "first_name"),
    "a defaulted column left out": _drop("applicant", "preferred_language"),
    "values spaced": lambda ch: _first(ch, "applicant").update(d=" " + _first(ch, "applicant")["d"] + " "),
    "values not JSON": _field("d", "{not json"),
    "values a list": _field("d", "[1, 2]"),
    "values none": _field("d", None),
    "previous stamps not JSON": _field("p", "{"),
    "a previous stamp that is none": _field("p", json.dumps({"district": "yesterday"}), op="update"),
    "a previous stamp of an unknown column": _field("p", json.dumps({"nope": ""}), op="update"),
    "a previous stamp as a number": _field("p", json.dumps({"district": 5}), op="update"),
    "an unknown operation": _field("o", "upsert"),
    "a delete with values": _field("d", json.dumps({"district": "x"}), op="delete"),
    "an unknown table": _field("t", "secret_table"),
    "a table as a list": _field("t", ["applicant"]),
    "a sequence of zero": _field("s", 0),
    "a sequence as text": _field("s", "1"),
    "a sequence as a flag": _field("s", True),
    "a node that is none": _field("n", "x"),
    "a stamp of another node": _field("st", "0001765000000000-0000-" + "0" * 32),
    "a stamp that is none": _field("st", "yesterday"),
    "a row id that is none": _field("r", "not-an-id"),
    "a field left out": lambda ch: _first(ch, "applicant").pop("p"),
    "a field added": _field("x", 1),
    "a change that is a list": lambda ch: ch.__setitem__(0, ["t", "applicant"]),
}
ACCEPTED = {"a passport's number", "a national ID of letters", "a nullable column empty", "a defaulted column left out", "values spaced"}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_both_readings_agree_on_what_is_wrong(logged, name):
    changes = copy.deepcopy(logged)
    MUTATIONS[name](changes)
    assert agree(changes) is (name in ACCEPTED)


VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True), st.text(max_size=40),
    st.sampled_from(["", "1990-01-01", "2026-12-07T10:00:00+00:00", "2026-12-07T10:00:00", "12.50",
                     "Infinity", str(uuid.uuid4()), "1000000008", "2000000006", "A12345678", "QUJD",
                     "x" * 90, "x" * 400]),
    st.lists(st.integers(), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_any_value_in_any_column_is_read_alike(logged, data):
    changes = copy.deepcopy(logged)
    c = data.draw(st.sampled_from([c for c in changes if c["o"] != "delete"]))
    values = json.loads(c["d"])
    columns = sorted(synced.columns(c["t"])) + ["nope"]
    for _ in range(data.draw(st.integers(1, 3))):
        values[data.draw(st.sampled_from(columns))] = data.draw(VALUES)
    c["d"] = json.dumps(values)
    agree(changes)
