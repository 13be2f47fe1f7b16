"""SQLite's plan of a statement a service runs (``EXPLAIN QUERY PLAN``), for the tests that
check a list is read from its index: the first statement that names a table, as run."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event


def plan_of(ctx, run: Callable[[], object], table: str = "support_request", skip: int = 0) -> list[str]:
    """The plan's lines of the statement ``run()`` sends that names ``table`` (after ``skip``
    such statements)."""
    seen: list[tuple] = []

    def note(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(ctx.store.engine, "before_cursor_execute", note)
    try:
        run()
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", note)
    statement, parameters = [(st, p) for st, p in seen if table in st][skip]
    with ctx.store.engine.connect() as conn:
        return [row[3] for row in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters)]
