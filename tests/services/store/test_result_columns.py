"""At head office a result's column descriptions are made only when read (``db.result_columns``):
a statement SQLAlchemy found in its cache describes nothing, and what is read is what psycopg
would have said, for the result it was taken from."""

from __future__ import annotations

import pytest
from sqlalchemy import select


@pytest.fixture
def pg(ctx):
    if ctx.store.engine.dialect.name != "postgresql":
        pytest.skip("psycopg's descriptions: PostgreSQL only")
    return ctx


@pytest.fixture
def described(monkeypatch):
    """The number of psycopg ``Column`` objects made while the test runs."""
    import psycopg._column

    made = [0]
    init = psycopg._column.Column.__init__

    def counted(self, cursor, index):
        made[0] += 1
        init(self, cursor, index)

    monkeypatch.setattr(psycopg._column.Column, "__init__", counted)
    return made


def test_a_cached_statements_result_describes_no_column(pg, described):
    from ajfar_desk.db.models import User

    stmt = select(User.id, User.username, User.role).where(User.id == pg.user_id)
    with pg.reading() as s:
        first = s.execute(stmt).one()  # compiled (perhaps found cached already)
        before = described[0]
        for _ in range(3):
            assert s.execute(stmt).one() == first
            assert s.execute(stmt).mappings().one()["username"] == first.username
    assert described[0] == before, described[0] - before


def test_the_columns_read_are_psycopgs_for_the_result_they_were_taken_from(pg):
    import psycopg

    with pg.store.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        cur = raw.cursor()
        cur.execute("SELECT 1::int AS one, 'a'::text AS letter, now() AS at")
        taken = cur.description
        plain = psycopg.ClientCursor(raw)  # psycopg's own description, for the same statement
        plain.execute("SELECT 1::int AS one, 'a'::text AS letter, now() AS at")
        expected = [(c.name, c.type_code) for c in plain.description]
        cur.execute("SELECT 2::numeric(10, 2) AS amount")  # the cursor moves on
        assert [(c.name, c.type_code) for c in taken] == expected
        assert len(taken) == 3 and taken[1].name == "letter" and taken[-1].name == "at"
        assert [c.name for c in taken[:2]] == ["one", "letter"]
        assert [(c.name, c.precision, c.scale) for c in cur.description] == [("amount", 10, 2)]
        cur.execute("SELECT")  # rows, no column: described, empty
        assert cur.description is not None and len(cur.description) == 0
        cur.execute("CREATE TEMP TABLE t (x int)")
        assert cur.description is None  # no rows: none, as psycopg says
        cur.execute("INSERT INTO t VALUES (1) RETURNING x")
        assert [c.name for c in cur.description] == ["x"]
        raw.rollback()
