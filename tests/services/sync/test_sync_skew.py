"""Clocks two days apart never make nodes disagree: a value changed after seeing another orders
after it, even when a fast clock stamped the value seen ahead of the one who changed it, and the
result is the same whatever order the bundles arrive in; yet the fast clock drags no one ahead,
not even after a restart."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from ajfar_desk.db.models import Applicant
from ajfar_desk.db.sync_tables import SyncConflict, SyncLog
from ajfar_desk.domain.hlc import parse
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.sync import sync
from ajfar_desk.services.users import setup
from services.sync.test_sync import data_tables, register, set_field
from syncnodes import exchange

DAY_MS = 24 * 3600 * 1000
ORDERS = {  # the first deliveries, before everyone exchanges through head office
    "SHR's edit reaches head office first": [("SHR", "HQ"), ("HBN", "HQ")],
    "HBN's edit reaches head office first": [("HBN", "HQ"), ("SHR", "HQ")],
    "the laptops meet first": [("SHR", "HBN"), ("HBN", "SHR")],
}



def _set_clock(ctx, offset_ms: int) -> None:
    sync.node(ctx).clock.wall = lambda: int(time.time() * 1000) + offset_ms


def _own_newest_ms(ctx) -> int:
    with ctx.reading() as s:
        stamps = s.scalars(select(SyncLog.stamp).where(SyncLog.node == sync.node(ctx).id,
                                                      SyncLog.table_name == "applicant",
                                                      SyncLog.op == "insert")).all()
    return max(parse(st)[0] for st in stamps)


def _everyone(nodes):
    for _round in range(2):
        for code in ("SHR", "HBN"):
            exchange(nodes[code], nodes["HQ"])
        for code in ("SHR", "HBN"):
            exchange(nodes["HQ"], nodes[code])


@pytest.mark.parametrize("order", list(ORDERS))
def test_an_edit_after_seeing_a_fast_clocks_value_wins_whatever_the_order(nodes, order):
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    a = register(hq, "سالم", "11111111")
    _everyone(nodes)
    _set_clock(hq, 2 * DAY_MS)
    set_field(hq, a.id, city="الرياض", notes="من المقر")  # stamped two days ahead
    exchange(hq, hbn)
    set_field(hbn, a.id, city="حبونا")  # after seeing head office's city
    set_field(shr, a.id, city="شرورة", district="الفيصلية")  # without seeing either
    for src, dst in ORDERS[order]:
        exchange(nodes[src], nodes[dst])
    _everyone(nodes)
    assert data_tables(hq) == data_tables(shr) == data_tables(hbn)  # updated_at included
    for ctx in nodes.values():
        with ctx.reading() as s:
            row = s.get(Applicant, a.id)
            assert (row.city, row.notes, row.district) == ("حبونا", "من المقر", "الفيصلية")
            lost = {c.loser for c in s.scalars(select(SyncConflict).where(SyncConflict.field == "city"))}
        assert '"شرورة"' in lost  # the concurrent value is kept for review, never silently lost
        assert '"الرياض"' not in lost  # replaced knowingly: not a conflict


def test_an_edit_after_seeing_a_fast_value_drags_no_clock_not_even_after_a_restart(nodes, tmp_path):
    hq, hbn = nodes["HQ"], nodes["HBN"]
    a = register(hq, "سالم", "11111111")
    _set_clock(hq, 2 * DAY_MS)
    set_field(hq, a.id, city="الرياض")
    exchange(hq, hbn)
    set_field(hbn, a.id, city="حبونا")
    register(hbn, "ناصر", "22222222")
    assert _own_newest_ms(hbn) < time.time() * 1000 + DAY_MS  # the laptop's clock stayed its own
    exchange(hbn, nodes["SHR"])
    register(nodes["SHR"], "فهد", "33333333")
    assert _own_newest_ms(nodes["SHR"]) < time.time() * 1000 + DAY_MS  # nor dragged another's
    hbn.store.close()
    again = setup.open_context(Store.open(tmp_path / "HBN"))
    setup.sign_in(again, "admin", "password123")
    nodes["HBN"] = again
    register(again, "علي", "55555555")
    assert _own_newest_ms(again) < time.time() * 1000 + DAY_MS
    set_field(again, a.id, city="نجران")  # still after its own earlier value, everywhere
    _everyone(nodes)
    for ctx in nodes.values():
        with ctx.reading() as s:
            assert s.get(Applicant, a.id).city == "نجران"
    assert data_tables(nodes["HQ"]) == data_tables(nodes["SHR"]) == data_tables(again)


def test_a_save_of_another_field_after_a_fast_clocks_save_converges(nodes):
    """The row's moment of last change (updated_at) was stamped ahead by the fast clock: a later
    save of another field on a laptop is still the row's last change everywhere, as it is there."""
    hq, shr, hbn = nodes["HQ"], nodes["SHR"], nodes["HBN"]
    a = register(hq, "سالم", "11111111")
    _everyone(nodes)
    _set_clock(hq, 2 * DAY_MS)
    set_field(hq, a.id, notes="من المقر")
    exchange(hq, hbn)
    set_field(hbn, a.id, city="حبونا")  # another field, after seeing head office's save
    _everyone(nodes)
    assert data_tables(hq) == data_tables(shr) == data_tables(hbn)
    with hbn.reading() as s:
        moment = s.get(Applicant, a.id).updated_at
    with hq.reading() as s:
        assert s.get(Applicant, a.id).updated_at == moment
