"""Three associations coordinate by private set intersection: shared people are found in both
directions with what the holder chose to reveal; nobody learns anything about anyone else; a
withdrawal of consent is respected; files from outside the consortium or altered are refused."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from sqlalchemy import func, select

from ajfar_desk.db.coordination import CoordinationReveal
from ajfar_desk.db.models import AuditEntry
from ajfar_desk.domain import report as rp
from ajfar_desk.services.coordination import exchange, exchange_file, membership, psi, reveals
from ajfar_desk.services.reports import report
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from consortium import NAMES, close, deliver, founded, nid, register, round_trip


@pytest.fixture
def members(store, tmp_path):
    out = founded(tmp_path, first_store=store)
    yield out
    close(out)


@pytest.fixture
def people(members):
    """Who holds whom: shared pairs, one shared by all three, each one's own people, one
    shared person at Al-Huda who never consented."""
    a, b, c = members["ajfar"], members["baraa"], members["alhuda"]
    ids = {
        "ab": nid(1), "ac": nid(2), "abc": nid(3), "a_only": nid(4), "b_only": nid(5),
        "c_only": nid(6), "bc_no_consent": nid(7),
    }
    held = {
        "ajfar": ["ab", "ac", "abc", "a_only"],
        "baraa": ["ab", "abc", "b_only", "bc_no_consent"],
        "alhuda": ["ac", "abc", "c_only", "bc_no_consent"],
    }
    files = {}
    for code, keys in held.items():
        for key in keys:
            consent = not (code == "alhuda" and key == "bc_no_consent")
            files[(code, key)] = register(members[code], ids[key], consent=consent)
    deliver(b, files[("baraa", "ab")], b.profile.programs[0].code, dt.date(2026, 10, 20))
    deliver(c, files[("alhuda", "abc")], c.profile.programs[0].code, dt.date(2026, 9, 3))
    deliver(c, files[("alhuda", "abc")], c.profile.programs[0].code, dt.date(2026, 11, 8))
    return ids, files, (a, b, c)


def known(ctx, number):
    return sorted((r.association, r.program, r.service_month)
                  for r in reveals.lookup(ctx, number).reveals)


def test_shared_people_are_found_in_both_directions_and_nobody_else(members, people):
    ids, files, (a, b, c) = people
    round_trip(members)
    round_trip(members)
    founder = a.profile.name("ar")
    # Al-Ajfar learns what Bara'a and Al-Huda hold of its people, with what they reveal
    assert known(a, ids["ab"]) == [(NAMES["baraa"], b.profile.programs[0].name_ar, "2026-10")]
    assert known(a, ids["ac"]) == [(NAMES["alhuda"], "", "")]
    assert known(a, ids["abc"]) == sorted([(NAMES["baraa"], "", ""),
                                          (NAMES["alhuda"], c.profile.programs[0].name_ar, "2026-11")])
    # and the other way round
    assert known(b, ids["ab"]) == [(founder, "", "")]
    assert known(c, ids["ac"]) == [(founder, "", "")]
    assert known(c, ids["abc"]) == sorted([(founder, "", ""), (NAMES["baraa"], "", "")])
    # nobody else: one's own people, the person who did not consent, and people not held
    for ctx, key in ((a, "a_only"), (b, "b_only"), (c, "c_only"), (b, "bc_no_consent"),
                     (c, "bc_no_consent"), (a, "b_only"), (a, "c_only")):
        assert known(ctx, ids[key]) == [], key
    counts = {code: _reveal_rows(ctx) for code, ctx in members.items()}
    assert counts == {"ajfar": 4, "baraa": 3, "alhuda": 3}
    # the monthly report counts the people first found known elsewhere (one person, two members: once)
    month = rp.YearMonth.of(dt.date.today())
    assert report.monthly(a, month).figure("coordination_matches").current == 3


def _reveal_rows(ctx) -> int:
    with ctx.reading() as s:
        return s.scalar(select(func.count()).select_from(CoordinationReveal))


def test_the_files_hold_no_identity_number_name_or_hash_of_one(members, people):
    ids, _files, _ctxs = people
    files = round_trip(members)
    files.update({f"{k}2": v for k, v in round_trip(members).items()})
    needles = []
    for number in ids.values():
        for text in {number, *(psi.identity_key(t, "", number) for t in ("national_id", "iqama"))}:
            raw = hashlib.sha256(text.encode()).digest()
            needles += [text.encode(), raw, raw.hex().encode(), raw.hex().upper().encode(),
                        hashlib.sha512(text.encode()).digest()[:16]]
    needles += ["سعد".encode(), "العتيبي".encode(), b"0501234567"]
    for name, data in files.items():
        for needle in needles:
            assert needle not in data, (name, needle)


def test_a_withdrawal_removes_the_person_from_the_next_exchange(members, people):
    ids, files, (a, b, c) = people
    round_trip(members)
    round_trip(members)
    assert len(known(c, ids["abc"])) == 2
    reveals.set_consent(c, files[("alhuda", "abc")], False)
    assert known(c, ids["abc"]) == []  # at once, here
    round_trip(members)
    assert [r[0] for r in known(a, ids["abc"])] == [NAMES["baraa"]]  # Al-Huda no longer reveals
    assert [r[0] for r in known(b, ids["abc"])] == [a.profile.name("ar")]
    assert known(c, ids["abc"]) == []
    with a.reading() as s:
        actions = list(s.scalars(select(AuditEntry.action).where(AuditEntry.action.in_(
            ("match", "coordination_lookup", "export", "import")))))
    assert {"match", "coordination_lookup", "export", "import"} <= set(actions)


def test_files_from_outside_the_consortium_and_altered_files_are_refused(members, people, tmp_path,
                                                                      english_messages):
    a, b = members["ajfar"], members["baraa"]
    stranger = setup.init_store(Store.open(tmp_path / "najran"), "najran", None, "admin",
                                "password123", "مدير النظام")
    try:
        membership.create(stranger, "تنسيق آخر")
        with pytest.raises(exchange_file.ExchangeRefused, match="another consortium"):
            exchange.import_file(a, exchange.export(stranger))
        # a stranger that copies the consortium's id into its file: no certificate chains to it
        own = exchange_file.read(exchange.export(stranger))[0]
        with stranger.reading() as s:
            key = membership.signer(membership.mine(s))
        forged = exchange_file.write(exchange_file.Exchange(
            membership.status(a).consortium, own.sender, 1, own.created, own.nonce, [],
            own.directory, own.table, own.queries, []), key)
        with pytest.raises(exchange_file.ExchangeRefused, match="not a member"):
            exchange.import_file(a, forged)
    finally:
        stranger.store.close()
    data = exchange.export(b)
    altered = bytearray(data)
    altered[len(data) - 100] ^= 1
    with pytest.raises(exchange_file.ExchangeRefused, match="signature"):
        exchange.import_file(a, bytes(altered))
    with pytest.raises(exchange_file.ExchangeRefused):
        exchange.import_file(a, data[:-10])
    exchange.import_file(a, data)
    with pytest.raises(exchange_file.ExchangeRefused, match="already read"):
        exchange.import_file(a, data)
    # a member's file that asks about more people than it offers (guessing identities)
    own = exchange_file.read(exchange.export(b))[0]
    with b.reading() as s:
        key = membership.signer(membership.mine(s))
    greedy = exchange_file.write(exchange_file.Exchange(
        own.consortium, own.sender, own.number, own.created, own.nonce, own.programs,
        own.directory, own.table, own.queries * 2, own.answers), key)
    with pytest.raises(exchange_file.ExchangeRefused, match="more people than it offers"):
        exchange.import_file(a, greedy)


def test_what_a_match_reveals_is_the_holders_choice(members, people):
    ids, _files, (a, b, _c) = people
    membership.set_reveal(b, association=False, program=False, month=True)
    round_trip(members)
    round_trip(members)
    assert known(a, ids["ab"]) == [("", "", "2026-10")]
    assert reveals.describe(reveals.lookup(a, ids["ab"]).reveals[0])


def test_coordination_is_off_until_the_association_joins(store):
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "مدير النظام")
    assert not membership.coordinating(ctx)
    with pytest.raises(membership.NotCoordinating):
        reveals.lookup(ctx, nid(1))
    with pytest.raises(membership.NotCoordinating):
        exchange.export(ctx)
