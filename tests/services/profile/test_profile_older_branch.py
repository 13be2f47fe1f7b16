"""A branch laptop still running the program from before profiles were kept in the store: its
bundles carry no "profile", and it refuses a bundle that does (its check allowed changes,
members and an anchor, nothing else).  Head office, upgraded, must go on exchanging with it:
it leaves its profile out of the bundles for that branch, says why, and sends it again once
the branch's bundles show an upgraded program."""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from ajfar_desk.services.profile import profiles
from ajfar_desk.services.sync import sync, sync_profile
from ajfar_desk.services.sync import sync_bundle as sb
from syncnodes import close, exchange, make_nodes

from .test_profiles import NEW_NAME, name_line, revised


@pytest.fixture
def nodes(tmp_path):
    made = make_nodes(tmp_path)
    yield made
    close(made)


def _said_older(note: str) -> bool:
    return "older version of the program" in note or "بإصدار أقدم من البرنامج" in note


def _older_program(monkeypatch, branch) -> None:
    """``branch`` runs the program before profiles: sends none, refuses a bundle with one."""
    old_id = sync.node(branch).id
    real_out, real_open = sync_profile.outgoing, sb.open_contents

    def outgoing(session, i_am_hub, *args, **kwargs):
        return real_out(session, i_am_hub, *args, **kwargs) if i_am_hub else None

    def open_contents(data, header, public_key, key):
        contents = real_open(data, header, public_key, key)
        if header.receiver == old_id and set(contents) - {"anchor"} != {"changes", "members"}:
            raise sb.BundleError("The bundle's contents must hold its changes and members, "
                                 "nothing else")
        return contents

    monkeypatch.setattr(sync_profile, "outgoing", outgoing)
    monkeypatch.setattr(sb, "open_contents", open_contents)


def test_head_office_keeps_exchanging_with_a_branch_on_the_older_program(nodes, tmp_path,
                                                                          monkeypatch):
    hq, shr = nodes["HQ"], nodes["SHR"]
    profiles.import_file(hq, revised(hq, tmp_path, name_line(hq), NEW_NAME))
    _older_program(monkeypatch, shr)

    told = exchange(shr, hq)  # no "profile" in the branch's bundle: head office says why
    branch = shr.profile.branch("SHR")
    assert _said_older(told.profile_note)
    assert branch.name_ar in told.profile_note or branch.name_en in told.profile_note
    result = exchange(hq, shr)  # not refused: head office left its profile out
    assert result.profile_note == ""
    assert not shr.profile.name_ar.endswith("(السياسة المراجعة)")

    monkeypatch.undo()  # the branch's program is upgraded
    told = exchange(shr, hq)
    assert not _said_older(told.profile_note)
    exchange(hq, shr)
    assert shr.profile.name_ar.endswith("(السياسة المراجعة)")


def test_a_branch_that_has_sent_nothing_yet_is_sent_the_profile(nodes, tmp_path):
    hq, shr = nodes["HQ"], nodes["SHR"]
    profiles.import_file(hq, revised(hq, tmp_path, name_line(hq), NEW_NAME))
    exchange(hq, shr)
    assert shr.profile.name_ar.endswith("(السياسة المراجعة)")


def test_a_content_key_this_program_does_not_know_is_left_aside(nodes):
    """The rule from now on: a key added to the contents that a receiver may go without (as
    "profile" was) is ignored by a program that does not know it; one it must understand comes
    with a new bundle format, which an older program refuses as "made by another version"."""
    hq, shr = nodes["HQ"], nodes["SHR"]
    me = sync.node(shr)
    header = sb.Header(association=shr.profile.id, sender=me.id, receiver=sync.node(hq).id,
                       number=1, ack=0, count=0, created="2026-12-07T00:00:00+00:00",
                       nonce=sb.new_nonce())
    head = header.to_bytes()
    body = zlib.compress(json.dumps({"changes": [], "members": [], "later": {"x": 1}}).encode())
    sealed = ChaCha20Poly1305(me.association_key).encrypt(bytes.fromhex(header.nonce), body, head)
    unsigned = sb.MAGIC + struct.pack(">I", len(head)) + head + sealed
    result = sync.import_bundle(hq, unsigned + sb.signer(me.private_key).sign(unsigned))
    assert result.number == 1 and result.changes == 0
