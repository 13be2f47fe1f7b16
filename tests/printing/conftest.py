from __future__ import annotations

import pytest

from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .scenario import submitted_request


@pytest.fixture
def desk(tmp_path):
    """A store of one association with a submitted request (SQLite: papers are not backend
    specific; the services' own tests run on both backends)."""
    store = Store.open(tmp_path / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    applicant, request = submitted_request(ctx)
    yield ctx, applicant, request
    store.close()

