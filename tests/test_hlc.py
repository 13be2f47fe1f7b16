"""The hybrid logical clock: never backwards, ordered across nodes and desks."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.hlc import Clock, ClockError, make, parse

NODE = "a" * 32


def test_stamps_increase_even_when_the_wall_clock_stands_still_or_goes_back():
    now = [1000]
    clock = Clock(NODE, wall=lambda: now[0])
    first = clock.now()
    second = clock.now()
    now[0] = 900  # the laptop's clock was set back
    third = clock.now()
    assert first < second < third
    assert parse(third)[:2] == (1000, 2)


def test_a_received_stamp_moves_the_clock_past_it():
    clock = Clock(NODE, wall=lambda: 1000)
    clock.seen(make(5000, 3, "b" * 32))
    assert parse(clock.now())[:2] == (5000, 4)


def test_a_stamp_far_in_the_future_is_refused():
    clock = Clock(NODE, wall=lambda: 1000)
    with pytest.raises(ClockError):
        clock.seen(make(1000 + 2 * 24 * 3600 * 1000, 0, "b" * 32))


def test_two_desks_of_one_node_never_share_a_stamp():
    a, b = Clock(NODE, wall=lambda: 1000), Clock(NODE, wall=lambda: 1000)
    assert a.now() != b.now()


@pytest.mark.parametrize("bad", ["", "123", "0000000000001000-0000-xyz", make(1, 1, "a" * 31)])
def test_malformed_stamps_are_refused(bad):
    with pytest.raises(ClockError):
        parse(bad)
