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


def test_threads_naming_a_new_desk_at_once_agree(tmp_path):
    """The window's worker threads may begin their first transactions together: one desk id,
    no thread tripping over another's temporary file."""
    from ajfar_desk.services.users import audit_chain

    for round_ in range(20):
        folder = tmp_path / f"desk{round_}"
        folder.mkdir()
        gate = threading.Barrier(8)
        got: list = []

        def name(folder=folder, gate=gate, got=got):
            gate.wait()
            try:
                got.append(audit_chain.desk_id(folder))
            except Exception as exc:  # noqa: BLE001 - the test looks at what each thread got
                got.append(exc)

        threads = [threading.Thread(target=name) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(10)
        assert len(set(got)) == 1 and isinstance(got[0], str), got
        assert (folder / audit_chain.DESK_FILE).read_text("ascii") == got[0]
