"""Compiled catalogs: the .mo is read when it matches its .po, compiled when missing, rebuilt
when out of date or damaged; a folder that cannot be written to falls back to the .po."""

from __future__ import annotations

import os
import shutil

import pytest

from ajfar_desk import i18n
from ajfar_desk.paths import resources_dir

MSGID = "Family name"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A copy of the Arabic catalog in a resources folder of its own (no .mo yet)."""
    target = tmp_path / "i18n" / "ar" / "LC_MESSAGES"
    target.mkdir(parents=True)
    shutil.copy(resources_dir() / "i18n" / "ar" / "LC_MESSAGES" / "ajfar_desk.po", target)
    monkeypatch.setattr(i18n, "resources_dir", lambda: tmp_path)
    i18n.catalog.cache_clear()
    yield target
    i18n.catalog.cache_clear()


def _translate(po, msgid: str, text: str) -> None:
    source = po.read_text(encoding="utf-8")
    start = source.index(f'msgid "{msgid}"\nmsgstr "') + len(f'msgid "{msgid}"\nmsgstr "')
    end = source.index('"\n', start)
    po.write_text(source[:start] + text + source[end:], encoding="utf-8")


def test_a_missing_mo_is_compiled_and_reads_as_the_po(folder):
    po, mo = folder / "ajfar_desk.po", folder / "ajfar_desk.mo"
    assert not mo.exists()
    table = i18n.catalog("ar")
    assert mo.is_file()
    assert table == i18n._read_po(po, "ar") and table[MSGID] == "اسم العائلة"
    assert len(table) > 1000 and "" not in table
    assert not list(folder.glob(".*.tmp"))  # written beside, then renamed into place


def test_a_current_mo_is_read_without_parsing_the_po(folder, monkeypatch):
    i18n.catalog("ar")  # compiled
    mo = folder / "ajfar_desk.mo"
    old = mo.stat().st_mtime_ns - 10**10
    os.utime(mo, ns=(old, old))  # older on disk than the .po (as pip and git leave files)
    import babel.messages.pofile

    def no_po(*_args, **_kwargs):
        raise AssertionError("the .po was parsed")

    monkeypatch.setattr(babel.messages.pofile, "read_po", no_po)
    i18n.catalog.cache_clear()
    assert i18n.catalog("ar")[MSGID] == "اسم العائلة"
    assert mo.stat().st_mtime_ns == old  # same content: kept


def test_a_stale_mo_is_rebuilt(folder):
    po, mo = folder / "ajfar_desk.po", folder / "ajfar_desk.mo"
    i18n.catalog("ar")
    before = mo.read_bytes()
    _translate(po, MSGID, "اسم الأسرة")  # the catalog edited after the .mo was built
    i18n.catalog.cache_clear()
    assert i18n.catalog("ar")[MSGID] == "اسم الأسرة"
    assert mo.read_bytes() != before
    assert i18n.read_mo(mo)[MSGID] == "اسم الأسرة"


def test_a_damaged_mo_is_rebuilt(folder):
    mo = folder / "ajfar_desk.mo"
    mo.write_bytes(b"not a catalog")
    assert i18n.catalog("ar")[MSGID] == "اسم العائلة"
    assert i18n.read_mo(mo)[MSGID] == "اسم العائلة"


def test_a_folder_that_cannot_be_written_reads_the_po(folder, monkeypatch):
    def read_only(_po, _mo):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(i18n, "compile_catalog", read_only)
    assert i18n.catalog("ar")[MSGID] == "اسم العائلة"
    assert not (folder / "ajfar_desk.mo").exists()


def test_gnu_gettext_reads_the_compiled_catalog(folder):
    import gettext

    i18n.catalog("ar")
    with (folder / "ajfar_desk.mo").open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext(MSGID) == "اسم العائلة"
