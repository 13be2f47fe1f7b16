"""Shared fixtures: a fresh store per test, initialised for an association.

Set ``AJFAR_TEST_PG_URL`` (e.g. ``postgresql+psycopg://ajfar:ajfar@127.0.0.1/ajfar_test``) to run
the store-level tests against PostgreSQL as well as SQLite.  Under pytest-xdist each worker has a
database of its own, named after the worker (``ajfar_test_gw0``, …), created on demand.

What keeps the suite fast (see ``stores.py``): a new SQLite store is a copy of a template migrated
once per session; a PostgreSQL database keeps its migrated schema between tests and only its rows
are deleted; passwords and invitation keys are derived with the cheapest argon2 and scrypt costs
(set here through the services' own parameters; the installed program knows no such switch); a
SQLite commit does not wait for the disk (``synchronous=OFF``, as the PostgreSQL test databases
have ``synchronous_commit = off``: on a shared disk each wait costs milliseconds, and the demo
tests commit hundreds of times).  Tests of the program's own durability opt out with
``@pytest.mark.durable``.  The cyclic garbage collector leaves what the imports made alone and
runs less often than Python's default (``GC_THRESHOLDS``).
"""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the program's settings (the last folder a file was saved in, splitters) go to a folder of the
# run's own, never the user's: a trial found the program's Save-as dialog opening in a pytest
# folder the suite had left in the user's settings
if "AJFAR_TEST_CONFIG_HOME" not in os.environ:
    import tempfile

    os.environ["AJFAR_TEST_CONFIG_HOME"] = tempfile.mkdtemp(prefix="ajfar-test-config-")
os.environ["XDG_CONFIG_HOME"] = os.environ["AJFAR_TEST_CONFIG_HOME"]  # workers and children too

from argon2 import PasswordHasher  # noqa: E402

from ajfar_desk import i18n  # noqa: E402
from ajfar_desk.db import engine as db_engine  # noqa: E402
from ajfar_desk.domain import profile as profile_module  # noqa: E402
from ajfar_desk.services.store.store import Store  # noqa: E402
from ajfar_desk.services.sync import sync_enrol  # noqa: E402
from ajfar_desk.services.users import setup  # noqa: E402
from stores import empty_postgres, fresh_postgres, store_template, worker_database  # noqa: E402

PG_URL = worker_database(os.environ.get("AJFAR_TEST_PG_URL"))
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])

_empty_postgres = empty_postgres  # (the name the store tests import)


@pytest.fixture(scope="session", autouse=True)
def cheap_key_derivation():
    """argon2 at its lowest cost (a hash in well under a millisecond instead of ~0.1 s) and a
    small scrypt work factor for invitation files; hashes made here verify with any cost."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(setup, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        patch.setattr(sync_enrol, "SCRYPT_N", 2**4)
        yield


@pytest.fixture(scope="session", autouse=True)
def commits_without_waiting_for_the_disk():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(db_engine, "SQLITE_SYNCHRONOUS", "OFF")
        yield


_PROGRAM_SYNCHRONOUS = db_engine.SQLITE_SYNCHRONOUS


@pytest.fixture(autouse=True)
def durable_commits(request, monkeypatch):
    if request.node.get_closest_marker("durable") is not None:
        monkeypatch.setattr(db_engine, "SQLITE_SYNCHRONOUS", _PROGRAM_SYNCHRONOUS)


@pytest.fixture(scope="session")
def template_store(tmp_path_factory):
    """The SQLite file of a store migrated to the latest schema, nothing in it yet."""
    return store_template(tmp_path_factory.mktemp("template"))


_MIGRATING_OPEN = Store.__dict__["open"]  # a folder holding no store yet: the migrations run


@pytest.fixture(scope="session", autouse=True)
def stores_from_template(template_store):
    """Every plain SQLite store made in the session (``Store.open`` on a folder with no store
    yet), by a test or by a module's or the session's fixture, starts as a copy of the template
    instead of running the migrations again.  Tests of the migrations themselves opt out with
    ``@pytest.mark.migrations`` (``migrating_stores``)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Store, "open", template_store.open_copying(Store.open))
        yield


@pytest.fixture(autouse=True)
def migrating_stores(request, monkeypatch):
    if request.node.get_closest_marker("migrations") is not None:
        monkeypatch.setattr(Store, "open", _MIGRATING_OPEN)


@pytest.fixture(scope="module")
def collector_sees_this_module_only():
    """``gc.collect()`` in this module's tests looks only at what the module made: what was alive
    when it started is frozen (``gc.freeze``) until its last test, then handed back to the
    collector.  A full collection late in a worker's run walks every object the run has kept
    (0.2-0.5 s of CPU each, seconds on a loaded machine); a module that collects before each
    test (to close the connections its earlier tests left) pays that per test otherwise.
    Garbage from before the module is collected after it, never lost."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.collect()
        gc.freeze()  # what lives on stays out of the collector's way (``pytest_collection_finish``)


@pytest.fixture(autouse=True)
def bundled_profiles_again():
    """A store's own profile version is put in force for its association when it is opened
    (``services.profile.versions.ensure``): each test starts from the bundled ones again."""
    yield
    profile_module._in_force.clear()


@pytest.fixture(autouse=True)
def arabic_by_default():
    i18n.set_language("ar")
    yield
    i18n.set_language("ar")


@pytest.fixture(params=BACKENDS)
def store(request, tmp_path):
    if request.param == "postgresql":
        fresh_postgres(PG_URL)
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


# The files with the longest tests run first (measured on the 2-core machines: a single test of
# 7-12 s, or 20-40 s a file): a worker that runs out of tests takes half of what is left at the
# end of the other's queue (``--dist worksteal``), so the run ends on short tests instead of one
# core idling while the other finishes a long one.  The others keep their order, and every file
# stays in one piece (its module fixtures are made once).
LONG_FIRST = (
    "services/sync/test_sync_property.py",
    "services/demo/test_demo_casework.py",
    "services/store/test_many_processes.py",
    "test_cli_journey.py",
    "ui/test_screen_fit.py",
    "services/sync/test_sync_collisions.py",
    "services/sync/test_sync.py",
    "test_cli_journey_refusals.py",
    "ui/shell/test_quick_start.py",
)
_TESTS = Path(__file__).resolve().parent


# The cyclic garbage collector, tuned for a test run (a setting of this process only; the
# program and the commands a test starts keep Python's own).  A worker's run keeps 1.2-1.3 million
# objects (the imported libraries, module fixtures, caches) and with Python's thresholds
# (700, 10, 10) walked all of them in 50-90 full collections: 34-40 s of CPU per worker, 15% of
# the suite's.  What the imports made is frozen once collected (``gc.freeze``: never walked
# again, never garbage), and a collection waits for 50,000 new objects instead of 700, so the
# objects a test makes and drops are freed by their counts before the collector sees them.
# Garbage in cycles is still collected, a little later (memory: +4%).
GC_THRESHOLDS = (50_000, 20, 10)


def pytest_collection_finish(session):
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        try:
            path = item.path.resolve().relative_to(_TESTS).as_posix()
        except ValueError:
            return len(LONG_FIRST)
        return LONG_FIRST.index(path) if path in LONG_FIRST else len(LONG_FIRST)

    items.sort(key=rank)  # (stable: the rest in the order collected)
