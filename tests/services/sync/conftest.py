"""The three nodes most sync tests exchange between: head office on SQLite, and on PostgreSQL
too when AJFAR_TEST_PG_URL is set; two branch laptops."""

from __future__ import annotations

import pytest

from conftest import BACKENDS, PG_URL
from stores import fresh_postgres
from syncnodes import close, make_nodes


@pytest.fixture(params=BACKENDS)
def nodes(request, tmp_path):
    url = None
    if request.param == "postgresql":
        fresh_postgres(PG_URL)
        url = PG_URL
    made = make_nodes(tmp_path, hq_url=url)
    yield made
    close(made)
