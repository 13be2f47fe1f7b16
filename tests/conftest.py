"""Shared fixtures: a fresh store per test, initialised for an association.

Set ``AJFAR_TEST_PG_URL`` (e.g. ``postgresql+psycopg://ajfar:ajfar@127.0.0.1/ajfar_test``) to run
the store-level tests against PostgreSQL as well as SQLite; the database's public schema is
emptied before each test.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from sqlalchemy import create_engine  # noqa: E402

from ajfar_desk import i18n  # noqa: E402
from ajfar_desk.services import setup  # noqa: E402
from ajfar_desk.services.store import Store  # noqa: E402

PG_URL = os.environ.get("AJFAR_TEST_PG_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture(autouse=True)
def arabic_by_default():
    i18n.set_language("ar")
    yield
    i18n.set_language("ar")


def _empty_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "postgresql":
        _empty_postgres(PG_URL)
        s = Store.open(tmp_path / "data", db_url=PG_URL)
    else:
        s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def ctx(store):
    return setup.init_store(store, "ajfar", None, "admin", "password123", "مدير النظام")


@pytest.fixture
def english_messages(arabic_by_default):
    """Messages read in English (the Arabic catalog is checked in test_i18n)."""
    i18n.set_language("en")
