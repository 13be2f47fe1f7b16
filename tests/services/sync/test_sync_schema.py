"""Bundles signed by a member but malformed inside: refused with a message naming what is wrong,
before anything is used, stored or relayed; size caps on the file and on its inflated contents."""

from __future__ import annotations

import json
import struct
import tracemalloc
import uuid
import zlib

import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from sqlalchemy import func, select

from ajfar_desk.db.sync_tables import SyncLog
from ajfar_desk.domain.hlc import make
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.sync import sync
from ajfar_desk.services.sync import sync_bundle as sb
from services.sync.test_sync import register
from syncnodes import close, content, make_nodes

pytestmark = pytest.mark.usefixtures("english_messages")


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    nodes = make_nodes(tmp_path_factory.mktemp("schema"), branches=("SHR",))
    yield nodes["SHR"], nodes["HQ"]
    close(nodes)


def header_fields(src, dst, count, **over) -> dict:
    fields = {"format": sb.FORMAT, "association": src.profile.id, "sender": sync.node(src).id,
              "receiver": sync.node(dst).id, "number": 10**6, "ack": 0, "count": count,
              "created": "2026-12-07T00:00:00+00:00", "nonce": sb.new_nonce()}
    return {**fields, **over}


def forge(src, dst, body: bytes, count=1, **over) -> bytes:
    """A bundle signed by ``src`` with its real keys: only the inside is wrong."""
    me = sync.node(src)
    fields = header_fields(src, dst, count, **over)
    head = json.dumps(fields, sort_keys=True).encode()
    nonce = bytes.fromhex(fields["nonce"]) if isinstance(fields["nonce"], str) and len(fields["nonce"]) == 24 else b"\0" * 12
    sealed = ChaCha20Poly1305(me.association_key).encrypt(nonce, body, head)
    unsigned = sb.MAGIC + struct.pack(">I", len(head)) + head + sealed
    return unsigned + sb.signer(me.private_key).sign(unsigned)


def change(src, **over) -> dict:
    node = sync.node(src).id
    row = str(uuid.uuid4())
    data = {"id": row, "branch": "SHR", "full_name": "نورة", "relation": "daughter"}
    c = {"s": 1, "st": make(1_765_000_000_000, 0, node), "n": node, "t": "household_member",
         "r": row, "o": "update", "d": json.dumps(data, ensure_ascii=False), "p": "{}"}
    return {**c, **over}


def contents(changes, members=()) -> bytes:
    return zlib.compress(json.dumps({"changes": list(changes), "members": list(members)}).encode())


def refused(pair, data: bytes, match: str) -> None:
    src, dst = pair
    before = content(dst)
    with dst.reading() as s:
        logged = s.scalar(select(func.count()).select_from(SyncLog))
    with pytest.raises(sb.BundleError, match=match) as caught:
        sync.import_bundle(dst, data)
    message = str(caught.value)
    for word in ("KeyError", "TypeError", "JSONDecodeError", "unexpected"):
        assert word not in message
    assert content(dst) == before
    with dst.reading() as s:  # nothing stored, so nothing relayed
        assert s.scalar(select(func.count()).select_from(SyncLog)) == logged


@pytest.mark.parametrize("field, value, what", [
    ("number", "1", "“number” must be a whole number"),
    ("number", True, "“number” must be a whole number"),
    ("count", None, "“count” must be a whole number"),
    ("sender", 7, "“sender” must be a node id"),
    ("created", "yesterday", "“created” must be a date and time"),
    ("nonce", ["x"], "“nonce” must be 24 hexadecimal digits"),
    ("extra", 1, "unknown field “extra”"),
])
def test_a_header_field_of_the_wrong_type_is_refused_clearly(pair, field, value, what):
    src, dst = pair
    refused(pair, forge(src, dst, contents([change(src)]), **{field: value}), what)


def test_a_missing_header_field_is_named(pair):
    src, dst = pair
    fields = header_fields(src, dst, 1)
    del fields["ack"]
    head = json.dumps(fields).encode()
    data = sb.MAGIC + struct.pack(">I", len(head)) + head + b"\0" * 100
    refused(pair, data, "lacks the field “ack”")


def _nid_change(src, nid):
    row = str(uuid.uuid4())
    return change(src, t="applicant", r=row, o="update", d=json.dumps({"national_id": nid}))


@pytest.mark.parametrize("make_change, what", [
    (lambda src: change(src, o="upsert"), "unknown operation “upsert”"),
    (lambda src: change(src, o="drop_table"), "unknown operation"),
    (lambda src: change(src, t="secret_table"), "unknown table"),
    (lambda src: change(src, t=["applicant"]), "unknown table"),
    (lambda src: change(src, d=json.dumps({"full_name": "x", "password": "y"})), "unknown column “password”"),
    (lambda src: change(src, d=json.dumps({"full_name": 42})), "column “full_name” must be text"),
    (lambda src: change(src, d=json.dumps({"full_name": "x" * 5000})), "at most 330 characters"),
    (lambda src: change(src, d="{not json"), "“d” must be a JSON object"),
    (lambda src: change(src, d="[1, 2]"), "“d” must be a JSON object"),
    (lambda src: change(src, p=None), "“p” must be a JSON object"),
    (lambda src: change(src, st="yesterday"), "clock stamp is not valid"),
    (lambda src: change(src, s="1"), "sequence number"),
    (lambda src: change(src, r="not-an-id"), "row id must be an id"),
    (lambda src: {"t": "applicant"}, "must hold exactly the fields"),
    (lambda src: _nid_change(src, "1" * 40), "national_id"),
    (lambda src: _nid_change(src, "1234567890"), "must be a valid national ID"),
    (lambda src: change(src, o="insert", d=json.dumps({"id": "x"})), "column “id” must be an id"),
])
def test_malformed_content_is_refused_with_what_is_wrong(pair, make_change, what):
    src, dst = pair
    refused(pair, forge(src, dst, contents([make_change(src)])), what)


def test_an_insert_missing_a_required_column_is_refused(pair):
    src, dst = pair
    c = change(src, o="insert")
    data = json.loads(c["d"])
    c["d"] = json.dumps({k: v for k, v in data.items() if k != "relation"})
    refused(pair, forge(src, dst, contents([c])), "required")


@pytest.mark.parametrize("body, what", [
    (zlib.compress(b"{not json"), "not valid JSON"),
    (zlib.compress("\ufffe".encode("utf-16")), "not valid JSON"),
    (b"plain, not compressed", "not compressed"),
    (zlib.compress(b'{"changes": []}'), "changes and members"),
    (zlib.compress(b'{"changes": {}, "members": []}'), "must be lists"),
    (zlib.compress(b"[]") + b"trailing", "damaged"),
])
def test_bad_contents_are_refused_with_what_is_wrong(pair, body, what):
    src, dst = pair
    refused(pair, forge(src, dst, body, count=0), what)


def test_a_count_that_does_not_match_is_named(pair):
    src, dst = pair
    refused(pair, forge(src, dst, contents([change(src)]), count=3), "holds 1 changes, its header says 3")


def test_a_forged_member_list_is_refused(pair):
    src, dst = pair
    bad = [{"node": "x", "branch": "HBN", "name": "", "public_key": "AAAA"}]
    data = forge(dst, src, contents([], bad), count=0)  # from head office: checked
    with pytest.raises(sb.BundleError, match="Member 1 listed in the bundle is not valid"):
        sync.import_bundle(src, data)


def test_a_decompression_bomb_stops_at_the_cap(pair, monkeypatch):
    src, dst = pair
    monkeypatch.setattr(sb, "MAX_INFLATED", 8 * 1024 * 1024)
    unpack = zlib.compressobj(9)
    bomb = b"".join([unpack.compress(b"\0" * (1024 * 1024)) for _ in range(300)]) + unpack.flush()
    data = forge(src, dst, bomb)
    assert len(data) < 1024 * 1024  # 300 MB once inflated
    tracemalloc.start()
    try:
        refused(pair, data, "larger than 8 MB once inflated")
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 * 1024 * 1024


def test_a_file_over_the_cap_is_refused_unread(pair, monkeypatch):
    src, dst = pair
    monkeypatch.setattr(sb, "MAX_BUNDLE", 100)
    refused(pair, forge(src, dst, contents([change(src)])), "The bundle is larger than")


def test_the_caps_hold_a_real_exchange(pair):
    assert sb.MAX_INFLATED < 300 * 1024 * 1024 and sb.MAX_BUNDLE <= sb.MAX_INFLATED
    src, dst = pair
    register(src, "سالم", "11111111")
    assert sync.import_bundle(dst, sync.export_bundle(src, sync.node(dst).id)).applied >= 1
    with dst.reading() as s:
        from ajfar_desk.db.models import Applicant

        assert s.scalar(select(Applicant.national_id).where(
            Applicant.national_id == make_national_id(1, "11111111"))) is not None


def test_more_than_one_bundle_can_carry_goes_in_several_never_over_the_cap(tmp_path, monkeypatch):
    """The sender cuts what waits into bundles the receiver's cap accepts: the rest follows each
    acknowledgment, by file or directly."""
    from syncnodes import exchange

    monkeypatch.setattr(sb, "MAX_INFLATED", 60_000)
    nodes = make_nodes(tmp_path)
    try:
        hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
        for i in range(40):
            register(hq, "سالم", f"{i:08d}")
        first = exchange(hq, shr)
        assert 0 < first.changes < 40  # cut: the rest waits for the acknowledgment
        for _round in range(20):
            exchange(shr, hq)
            if exchange(hq, shr).changes == 0:
                break
        sync.exchange_direct(hbn, hq)  # directly: as many rounds as it takes
        assert content(shr)["applicant"] == content(hq)["applicant"] == content(hbn)["applicant"]
        assert len(content(shr)["applicant"]) == 40
    finally:
        close(nodes)


def test_a_row_logged_before_a_column_existed_takes_its_default(pair):
    """A store upgraded to a version that added a column (the account's gender, the applicant's
    consent to messages) still holds inserts logged without it; a node enrolling or receiving
    them must store the column's default, as the migration gave the rows already there, instead
    of refusing the bundle for ever ("column “gender” is required")."""
    from ajfar_desk.db.models import Applicant
    from ajfar_desk.db.synced import logged_defaults

    src, dst = pair
    person = register(src, "سلمى", "55501234")
    with src.reading() as s:
        entry = s.execute(select(SyncLog).where(
            SyncLog.row_id.in_([str(person.id), person.id.hex]), SyncLog.table_name == "applicant",
            SyncLog.op == "insert")).scalar_one()
        c = {"s": 1, "st": entry.stamp, "n": entry.node, "t": "applicant", "r": entry.row_id,
             "o": "insert", "p": "{}"}
        data = json.loads(entry.data)
    older = [k for k, v in logged_defaults("applicant").items() if v is not None and k in data]
    assert "messages_consent" in older
    c["d"] = json.dumps({k: v for k, v in data.items() if k not in older}, ensure_ascii=False)
    sync.import_bundle(dst, forge(src, dst, contents([c])))
    with dst.reading() as s:
        row = s.get(Applicant, person.id)
        assert row is not None and row.messages_consent is False and row.full_name == person.full_name
    # a null where the column exists is still refused
    c2 = dict(c, r=str(uuid.uuid4()))
    c2["d"] = json.dumps({**data, "id": c2["r"], "messages_consent": None})
    refused(pair, forge(src, dst, contents([c2]), number=10**6 + 1), "messages_consent")
