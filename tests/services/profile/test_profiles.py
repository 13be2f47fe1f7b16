"""An association revises its own policy: head office's administrator exports the profile in
force, edits it, imports it; the store keeps every version; the branches take head office's
with the next exchange; an upgrade's newer bundled file never replaces the store's own."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ajfar_desk.domain import profile as profile_module
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.services.profile import profiles, versions
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from conftest import BACKENDS
from syncnodes import close, exchange, make_nodes, nodes_on

NEW_NAME = 'name_ar = "جمعية نجران لحماية المستهلك (السياسة المراجعة)"'


def revised(ctx, folder: Path, old: str, new: str) -> Path:
    """The profile in force exported to ``folder`` and edited: ``old`` becomes ``new``."""
    path = folder / "revised.toml"
    profiles.export(ctx, path)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def name_line(ctx) -> str:
    return f'name_ar = "{ctx.profile.name_ar}"'


@pytest.fixture
def nodes(tmp_path):
    made = make_nodes(tmp_path)
    yield made
    close(made)


@pytest.fixture(params=BACKENDS)
def nodes_pg_too(request, tmp_path):
    """Head office on SQLite, and on PostgreSQL (as a real head office) when the tests have one."""
    made = nodes_on(request.param, tmp_path)
    yield made
    close(made)


def test_a_revised_profile_imported_at_head_office_is_in_force_at_the_branch(nodes_pg_too, tmp_path):
    hq, shr = nodes_pg_too["HQ"], nodes_pg_too["SHR"]
    path = revised(hq, tmp_path, name_line(hq), NEW_NAME)
    version = profiles.import_file(hq, path)
    assert version.number == 2 and version.imported_by == "admin"
    assert hq.profile.name_ar.endswith("(السياسة المراجعة)")
    assert profiles.current(hq).sha256 == versions.ProfileFiles(
        "najran", path.read_text(encoding="utf-8"), "", "").sha256

    told = exchange(shr, hq)  # the branch still runs version 1: head office is told
    assert "SHR" in told.profile_note or "شرورة" in told.profile_note
    assert not shr.profile.name_ar.endswith("(السياسة المراجعة)")

    result = exchange(hq, shr)
    assert result.profile_note
    assert shr.profile.name_ar.endswith("(السياسة المراجعة)")
    at_branch = profiles.history(shr)
    assert [(v.number, v.source) for v in at_branch][:1] == [(2, "head_office")]
    assert at_branch[0].sha256 == version.sha256

    shr.store.close()  # opened again: the store's version, not the program's file
    store = Store.open(tmp_path / "SHR")
    try:
        ctx = setup.open_context(store)
        assert ctx.profile.name_ar.endswith("(السياسة المراجعة)")
        ctx.user = setup.sign_in(ctx, "admin", "password123")
        assert exchange(ctx, hq).profile_note == ""  # the same version now: nothing to say
    finally:
        store.close()


def test_a_branch_refuses_an_import_of_its_own(nodes, tmp_path):
    shr = nodes["SHR"]
    path = revised(shr, tmp_path, name_line(shr), NEW_NAME)
    with pytest.raises(ValidationError, match="إلا المقر الرئيسي"):
        profiles.import_file(shr, path)
    assert len(profiles.history(shr)) == 1


def test_a_bad_file_is_refused_naming_its_line_and_key_and_nothing_changes(nodes, tmp_path):
    hq = nodes["HQ"]
    path = revised(hq, tmp_path, 'digits = "', 'digits = "roman')
    line = next(n for n, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("digits"))
    assert profiles.check(hq, path) == [
        f"{path}:{line}: digits: " + "يجب أن يكون واحدًا من: arabic, western"]
    with pytest.raises(profiles.ProfileRefused) as refused:
        profiles.import_file(hq, path)
    assert f":{line}: digits:" in refused.value.reasons[0]
    assert len(profiles.history(hq)) == 1
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "najran"\ncode = \n', encoding="utf-8")
    assert profiles.check(hq, broken)[0].startswith(f"{broken}:2: code:")  # the key on that line


def test_an_import_that_removes_what_rows_use_is_refused_naming_them(nodes, tmp_path):
    hq = nodes["HQ"]
    from ajfar_desk.services.applicants import applicants
    from ajfar_desk.services.applicants.applicant_input import ApplicantInput
    from ajfar_desk.services.requests import requests

    person = applicants.register(hq, ApplicantInput(
        national_id="", id_type="none", first_name="سالم", family_name="الحربي",
        birth_date="1/1/1985", gender="male", consent=True, category="consumer"))
    program = hq.profile.programs[0].code
    requests.create_request(hq, person.id, program, "interview")
    path = revised(hq, tmp_path, f'code = "{program}"', 'code = "renamed_program"')
    errors = profiles.check(hq, path)
    assert errors == [f"ملف التعريف الجديد يحذف البرنامج «{program}»، وما زال صف واحد في جدول "
                      "«support_request» يستعمل هذا الرمز"]
    with pytest.raises(profiles.ProfileRefused):
        profiles.import_file(hq, path)
    assert profiles.current(hq).number == 1


def test_only_the_system_administrator_imports(nodes, tmp_path):
    hq = nodes["HQ"]
    path = revised(hq, tmp_path, name_line(hq), NEW_NAME)
    users.create_user(hq, "mgr", "Manager", "manager", "password123")
    manager = setup.sign_in(hq, "mgr", "password123")
    admin, hq.user = hq.user, manager
    try:
        with pytest.raises(PermissionDenied):
            profiles.import_file(hq, path)
    finally:
        hq.user = admin


def test_an_upgrade_bringing_a_newer_bundled_file_does_not_overwrite_the_stores_own(
        tmp_path, monkeypatch):
    store = Store.open(tmp_path / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "مدير")
    first = profiles.current(ctx)
    store.close()
    upgraded = tmp_path / "program" / "associations"
    shutil.copytree(profile_module.profiles_dir(), upgraded)
    bundled = upgraded / "ajfar.toml"
    bundled.write_text(bundled.read_text(encoding="utf-8").replace(
        'digits = "', 'digits = "western" #', 1), encoding="utf-8")
    monkeypatch.setattr(profile_module, "profiles_dir", lambda: upgraded)
    profile_module.bundled_profile.cache_clear()
    try:
        assert profile_module.bundled_profile("ajfar").digits == "western"
        store = Store.open(tmp_path / "data")
        try:
            again = setup.open_context(store)
            assert again.profile.digits == "arabic"
            assert [v.sha256 for v in profiles.history(again)] == [first.sha256]
        finally:
            store.close()
    finally:
        profile_module.bundled_profile.cache_clear()


def test_a_sixth_association_starts_from_its_own_file(tmp_path):
    source = profile_module.profiles_dir() / "ajfar.toml"
    folder = tmp_path / "sixth"
    (folder / "policies").mkdir(parents=True)
    shutil.copy(profile_module.profiles_dir() / "policies" / "ajfar.txt", folder / "policies" / "sixth.txt")
    text = source.read_text(encoding="utf-8")
    text = text.replace('id = "ajfar"', 'id = "sixth"', 1).replace('"AJF"', '"SXA"')
    text = text.replace("policies/ajfar.txt", "policies/sixth.txt")
    (folder / "association.toml").write_text(text, encoding="utf-8")
    checked = profiles.read(folder / "association.toml")
    store = Store.open(tmp_path / "data")
    ctx = setup.init_store(store, "sixth", None, "admin", "password123", "مدير", files=checked.files)
    assert ctx.profile.code == "SXA" and profiles.current(ctx).source == "imported"
    store.close()
    shutil.rmtree(folder)  # the store keeps its files: the one given is not needed again
    store = Store.open(tmp_path / "data")
    try:
        ctx = setup.open_context(store)
        assert ctx.profile.id == "sixth" and ctx.profile.policy_text().strip()
    finally:
        store.close()


def test_a_sixth_associations_laptop_joins_with_head_offices_profile(tmp_path):
    """The program brings no file for it: the invitation carries head office's version."""
    from ajfar_desk.services.sync import sync_enrol
    from syncnodes import PASSPHRASE

    folder = tmp_path / "sixth"
    shutil.copytree(profile_module.profiles_dir() / "policies", folder / "policies")
    text = (profile_module.profiles_dir() / "najran.toml").read_text(encoding="utf-8")
    (folder / "sixth.toml").write_text(
        text.replace('id = "najran"', 'id = "sixth"', 1).replace('"NJR"', '"SXA"'), encoding="utf-8")
    hq_store = Store.open(tmp_path / "hq")
    hq = setup.init_store(hq_store, "sixth", None, "admin", "password123", "مدير",
                          files=profiles.read(folder / "sixth.toml").files)
    invitation = sync_enrol.invite(hq, "SHR", PASSPHRASE)
    shr, _result = sync_enrol.join(Store.open(tmp_path / "SHR"), invitation, PASSPHRASE)
    try:
        assert shr.profile.id == "sixth" and shr.branch.code == "SHR"
        assert [(v.number, v.source, v.sha256) for v in profiles.history(shr)] == [
            (1, "head_office", profiles.current(hq).sha256)]
    finally:
        shr.store.close()
        hq_store.close()
