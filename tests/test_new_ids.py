"""``new_ids``: many ids at once, as ``new_id`` makes them one by one."""

from __future__ import annotations

from ajfar_desk.db.base import new_id, new_ids


def test_new_ids_are_version_7_unique_and_in_order_between_single_ones():
    before = new_id()
    many = new_ids(9000)  # more than one millisecond's counter holds
    after = new_id()
    made = [before, *many, after]
    assert len(many) == 9000 and len(set(made)) == len(made)
    assert made == sorted(made)  # time-ordered, as every id is
    assert {(i.version, i.variant) for i in made} == {(7, "specified in RFC 4122")}
    assert len({i.int & ((1 << 62) - 1) for i in many}) == 9000  # random bits, not a pattern
    assert new_ids(0) == []
