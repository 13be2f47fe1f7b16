"""The hybrid logical clock: never backwards, ordered across nodes and desks."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.hlc import MAX_DRIFT_MS, Clock, ClockError, make, parse

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


def test_a_stamp_within_the_drift_is_adopted():
    clock = Clock(NODE, wall=lambda: 1000)
    assert clock.seen(make(1000 + MAX_DRIFT_MS, 0, "b" * 32))
    assert parse(clock.now())[0] == 1000 + MAX_DRIFT_MS


@pytest.mark.parametrize("ahead_ms", [MAX_DRIFT_MS + 1, 23 * 3600 * 1000, 2 * 24 * 3600 * 1000])
def test_a_stamp_further_ahead_is_accepted_but_never_drags_the_clock(ahead_ms):
    """Another node's wrong clock (a day fast) is no reason to refuse its work, nor to run
    ours ahead: the next local stamp follows our own wall clock."""
    clock = Clock(NODE, wall=lambda: 1000)
    assert clock.seen(make(1000 + ahead_ms, 0, "b" * 32)) is False
    assert parse(clock.now())[:2] == (1000, 0)


def test_the_drift_bound_is_minutes_not_days():
    assert MAX_DRIFT_MS == 5 * 60 * 1000


def test_two_desks_of_one_node_never_share_a_stamp():
    a, b = Clock(NODE, wall=lambda: 1000), Clock(NODE, wall=lambda: 1000)
    assert a.now() != b.now()


@pytest.mark.parametrize("bad", ["", "123", "0000000000001000-0000-xyz", make(1, 1, "a" * 31)])
def test_malformed_stamps_are_refused(bad):
    with pytest.raises(ClockError):
        parse(bad)


def test_a_change_made_after_seeing_a_fast_value_orders_after_it_without_moving_the_clock():
    clock = Clock(NODE, wall=lambda: 1000)
    fast = make(1000 + 2 * 24 * 3600 * 1000, 7, "b" * 32)
    assert clock.seen(fast) is False
    after = clock.after(fast)
    assert after > fast and parse(after) == (1000 + 2 * 24 * 3600 * 1000, 8, NODE)
    assert parse(clock.now())[0] == 1000  # the next change follows the wall clock again
    assert clock.after(make(500, 0, "b" * 32)) < fast  # a value from the past: now()


def test_stamps_lent_ahead_are_never_given_twice():
    now = [1000]
    clock = Clock(NODE, wall=lambda: now[0])
    lent = {clock.after(make(5000, 0, other * 32)) for other in "bcd"}  # one moment, three nodes
    assert len(lent) == 3
    now[0] = 5000  # the wall clock reaches the stamps lent
    stamps = {clock.now() for _ in range(5)}
    assert not stamps & lent and len(stamps) == 5


def test_ten_thousand_changes_in_one_millisecond_borrow_the_next():
    clock = Clock(NODE, wall=lambda: 1000)
    stamps = [clock.now() for _ in range(10001)]
    assert stamps == sorted(stamps) and parse(stamps[-1])[:2] == (1001, 0)
    assert parse(clock.after(make(7000, 9999, "b" * 32)))[:2] == (7001, 0)


def test_many_stamps_lent_ahead_cost_no_more_than_a_set():
    """A bulk change of 20,000 rows head office's fast clock stamped: each lent stamp is one
    entry, not a pass over all of them."""
    import time

    clock = Clock(NODE, wall=lambda: int(time.time() * 1000))
    fast = make(int(time.time() * 1000) + 2 * 24 * 3600 * 1000, 0, "b" * 32)
    started = time.perf_counter()
    lent = [clock.after(fast) for _ in range(20_000)]
    assert time.perf_counter() - started < 3.0  # 82 s when each looked through those lent
    assert len(set(lent)) == 20_000 and min(lent) > fast


@pytest.mark.parametrize("n", [0, 1, 2, 3, 9_998, 10_001, 25_000])
@pytest.mark.parametrize("start", [(1000, 0), (1000, 9_997), (1000, 9_999), (2000, 5)])
@pytest.mark.parametrize("wall", [999, 1000, 1001])
def test_stamps_in_one_go_are_those_of_now_called_n_times(n, start, wall):
    """A bulk write's stamps: as many ``now()`` back to back at one reading of the wall clock."""
    one, many = (Clock(NODE, wall=lambda: wall, desk=desk) for desk in ("", "0badcafe"))
    for clock in (one, many):
        clock.last_ms, clock.counter = start
    expected = [one.now() for _ in range(n)]
    got = many.stamps(n)
    assert [s.split(".")[0] for s in got] == expected
    assert all(s.endswith(".0badcafe") for s in got)
    assert (many.last_ms, many.counter) == (one.last_ms, one.counter)
    assert parse(many.now()) [:2] == parse(one.now())[:2]


def test_stamps_in_one_go_step_over_those_lent_ahead():
    clock = Clock(NODE, wall=lambda: 1000, desk="")
    lent = clock.after(make(1000, 3, "b" * 32))  # a value stamped ahead seen: (1000, 4) lent
    got = clock.stamps(6)
    assert lent not in got and got == sorted(got) and len(set(got)) == 6
    assert [parse(s)[:2] for s in got] == [(1000, 1), (1000, 2), (1000, 3), (1000, 5), (1000, 6),
                                           (1000, 7)]
