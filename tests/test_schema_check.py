"""Opening a store at the current schema reads its version with one plain query and the newest
revision from the migration files: Alembic is loaded only to change the schema."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy import text

from ajfar_desk.db import migrate
from ajfar_desk.services.store.store import Store


def test_the_newest_revision_read_from_the_files_is_alembics():
    assert migrate.scanned_head() == migrate._alembic_head() == migrate.head_revision()


def test_the_version_is_read_with_plain_sql(tmp_path):
    store = Store.open(tmp_path)
    try:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
        assert migrate.current_revision(store.engine) == "0001"
    finally:
        store.close()


@pytest.mark.subprocess
def test_a_current_store_opens_without_alembic(tmp_path):
    Store.open(tmp_path).close()
    code = (
        "import sys\n"
        "from ajfar_desk.services.store.store import Store\n"
        f"store = Store.open({str(tmp_path)!r})\n"
        "assert store.migration.backup is None and store.migration.from_revision == store.migration.to_revision\n"
        "store.close()\n"
        "assert 'alembic' not in sys.modules, 'alembic was loaded for a current store'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr  # (older stores: tests/test_migrations.py upgrades them)


def test_a_new_empty_store_has_no_version(tmp_path):
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    try:
        assert migrate.current_revision(engine) is None
    finally:
        engine.dispose()
