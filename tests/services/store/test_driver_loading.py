"""A SQLite store never loads the PostgreSQL driver (about 100 ms of every command in the
installed program); a PostgreSQL engine teaches it the binary text arrays before connecting."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import bindparam, text

OPEN_SQLITE = """
import sys
from ajfar_desk.db.engine import make_engine
from ajfar_desk.db import change_log, audit_rows  # the modules that send text arrays
engine = make_engine("sqlite:///" + sys.argv[1])
with engine.connect() as conn:
    conn.exec_driver_sql("select 1")
print("psycopg" in sys.modules)
"""


def test_a_sqlite_store_never_imports_psycopg(tmp_path):
    out = subprocess.run([sys.executable, "-c", OPEN_SQLITE, str(tmp_path / "s.sqlite")],
                         capture_output=True, text=True, check=True, env=os.environ.copy())
    assert out.stdout.strip() == "False"


def test_a_postgresql_engine_sends_text_arrays_of_nulls_typed():
    """A log column whose values are all NULL reaches ``unnest`` as ``text[]``, whatever engine
    the process made first (the dialect copies psycopg's adapters when it is created)."""
    url = os.environ.get("AJFAR_TEST_PG_URL")  # the base database: only read here
    if not url:
        pytest.skip("no PostgreSQL server for the tests")
    from ajfar_desk.db.engine import make_engine
    from ajfar_desk.db.text_arrays import TextArray, TextArrayType

    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT * FROM unnest(:a)").bindparams(
                bindparam("a", type_=TextArrayType())), {"a": TextArray([None, None])}).all()
        assert rows == [(None,), (None,)]
    finally:
        engine.dispose()
