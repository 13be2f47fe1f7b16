"""Shared fixtures: a fresh store per test, initialised for an association."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from ajfar_desk import i18n  # noqa: E402
from ajfar_desk.services import setup  # noqa: E402
from ajfar_desk.services.store import Store  # noqa: E402


@pytest.fixture(autouse=True)
def arabic_by_default():
    i18n.set_language("ar")
    yield
    i18n.set_language("ar")


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "data")
    yield s
    s.close()


@pytest.fixture
def ctx(store):
    return setup.init_store(store, "ajfar", None, "admin", "password123", "مدير النظام")
