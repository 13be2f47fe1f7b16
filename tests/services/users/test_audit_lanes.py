"""Audited writes do not wait for each other: two transactions writing audit entries at once
(two desks on head office's PostgreSQL) both go on, on chains of their own, and the whole log
still verifies."""

from __future__ import annotations

import threading

import pytest

from ajfar_desk.services.users import audit


def test_a_second_audited_write_does_not_wait_for_the_first(ctx):
    if ctx.store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time by design")
    held = ctx.store.sessions()
    held.begin()
    ctx.audit(held, "test", "thing", "held")
    held.flush()  # the first desk's transaction is open, its audit entry written
    done = threading.Event()

    def other_desk():
        with ctx.uow() as s:
            ctx.audit(s, "test", "thing", "other")
        done.set()

    worker = threading.Thread(target=other_desk, daemon=True)
    worker.start()
    finished = done.wait(5)
    held.commit()
    held.close()
    worker.join(10)
    assert finished, "the second audited write waited for the first transaction"
    assert audit.verify(ctx) == []
