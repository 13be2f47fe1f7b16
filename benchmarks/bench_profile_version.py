#!/usr/bin/env python
"""What the check of the profile version in force costs each transaction.

    python benchmarks/bench_profile_version.py [--db-url URL] [--rounds 2000] [--repeat 5]

Every transaction reads the signed-in account first (``AppContext._refresh_account``); the version
in force (``max(profile_version.seq)``, one step down the primary key) comes as one more column of
that read (``db.profile_versions.IN_FORCE_SEQ``), so another desk's ``profile import`` is taken at
the next operation.  This times an empty read-only transaction and an empty unit of work, each
``--rounds`` times, with the account's read as it is and as it was without the version (a NULL
column in its place), alternating ``--repeat`` times; it prints the medians of desk CPU
(``time.process_time``) and of wall time per transaction, and their ratio.  Statements per
transaction are counted too: the check adds none.  SQLite in a temporary folder, or the
PostgreSQL database at ``--db-url`` (emptied and set up: give a scratch database).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import bindparam, event, literal_column, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from ajfar_desk.db.models import User  # noqa: E402
from ajfar_desk.services.store import context  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.users import audit_chain, setup  # noqa: E402

NO_VERSION = literal_column("NULL").label("profile_seq")  # as before: no subquery


def statements(ctx, with_version: bool):
    """The account's statements with the version (as the program has them) or without it."""
    if with_version:
        return SAVED
    account = select(User.role, User.active, NO_VERSION).where(User.id == bindparam("account"))
    return account, account


SAVED = (context._ACCOUNT, audit_chain._ACCOUNT)


def use(pair) -> None:
    context._ACCOUNT, audit_chain._ACCOUNT = pair


def timed(ctx, rounds: int, writing: bool) -> tuple[float, float]:
    """(CPU ms, wall ms) per transaction."""
    cpu, wall = time.process_time(), time.perf_counter()
    for _ in range(rounds):
        with ctx.uow() if writing else ctx.reading():
            pass
    return ((time.process_time() - cpu) * 1000 / rounds, (time.perf_counter() - wall) * 1000 / rounds)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db-url", default=None)
    parser.add_argument("--rounds", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "data", db_url=args.db_url)
        try:
            ctx = setup.open_context(store) or setup.init_store(
                store, "ajfar", None, "admin", "password123", "مدير النظام")
            ctx.user = setup.sign_in(ctx, "admin", "password123")
            counted: list[str] = []
            event.listen(store.engine, "before_cursor_execute",
                         lambda _c, _k, statement, *_a: counted.append(statement))
            for writing in (False, True):
                results: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
                per: dict[bool, float] = {}
                for _ in range(args.repeat):
                    for with_version in (True, False):
                        use(statements(ctx, with_version))
                        counted.clear()
                        results[with_version].append(timed(ctx, args.rounds, writing))
                        per[with_version] = len(counted) / args.rounds
                use(SAVED)
                kind = "unit of work" if writing else "read      "
                for with_version in (True, False):
                    cpu = statistics.median(r[0] for r in results[with_version])
                    wall = statistics.median(r[1] for r in results[with_version])
                    label = "with the version" if with_version else "without        "
                    print(f"{store.url.split(':')[0]:10} {kind} {label}  CPU {cpu:.3f} ms  "
                          f"wall {wall:.3f} ms  statements {per[with_version]:.1f}")
                ratio = (statistics.median(r[0] for r in results[True])
                         / statistics.median(r[0] for r in results[False]))
                print(f"{'':10} {kind} CPU ratio with/without: {ratio:.3f}")
        finally:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
