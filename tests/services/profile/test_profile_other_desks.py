"""Two desks on one store (head office's PostgreSQL, or one SQLite file): a ``profile import`` at
one is in force at the other from its next operation, not from its next sign-in.  The desk
learns the version in force from the read every transaction sends anyway (the signed-in
account's): no statement of its own while the version is unchanged."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from ajfar_desk.services.applicants import search
from ajfar_desk.services.profile import profiles
from ajfar_desk.services.store.events import PROFILE_CHANGED
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup, users
from conftest import PG_URL

AJFAR_NAME = 'name_ar = "جمعية التنمية الأهلية بالأجفر"'


def revise(ctx, folder, old: str, new: str):
    path = folder / "revised.toml"
    profiles.export(ctx, path)
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.fixture
def other_desk(ctx, tmp_path):
    """A second desk on the same store: its own connections; at head office on PostgreSQL its
    own data folder too (another machine), on SQLite the same file."""
    if ctx.store.url.startswith("postgresql"):
        store = Store.open(tmp_path / "desk2", db_url=PG_URL)
    else:
        store = Store.open(ctx.store.data_dir)
    other = setup.open_context(store)
    other.user = setup.sign_in(other, "admin", "password123")
    yield other
    store.close()


def _statements(store):
    seen: list[str] = []

    def keep(_conn, _cursor, statement, *_args):
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", keep)
    return seen, lambda: event.remove(store.engine, "before_cursor_execute", keep)


def test_an_import_at_one_desk_is_in_force_at_the_others_next_operation(ctx, other_desk, tmp_path):
    told: list = []
    other_desk.events.subscribe(PROFILE_CHANGED, lambda _topic, number: told.append(number))
    assert other_desk.profile.digits == "arabic"
    path = revise(ctx, tmp_path, 'digits = "arabic"', 'digits = "western"')
    version = profiles.import_file(ctx, path)
    assert ctx.profile.digits == "western"
    assert other_desk.profile.digits == "arabic"  # nothing asked yet

    search.search(other_desk, "عبدالله")  # a read: the next operation
    assert other_desk.profile.digits == "western" and told == [version.number]
    assert profiles.current(other_desk).number == version.number

    # a write takes it too, before its own work: the new name is the one it reads
    path = revise(ctx, tmp_path, AJFAR_NAME, 'name_ar = "جمعية الأجفر (المراجعة)"')
    profiles.import_file(ctx, path)
    users.create_user(other_desk, "desk2", "نورة القحطاني", "front_desk", "password123")
    assert other_desk.profile.name_ar == "جمعية الأجفر (المراجعة)"
    assert told == [version.number, version.number + 1]
    assert other_desk.branch.code == ctx.branch.code


def test_an_unchanged_version_costs_no_statement_of_its_own(ctx, other_desk):
    search.search(other_desk, "عبدالله")  # settled
    seen, stop = _statements(other_desk.store)
    try:
        search.search(other_desk, "عبدالله")
        users.list_users(other_desk)
    finally:
        stop()
    read = [s for s in seen if "profile_version" in s]
    assert read and all("app_user" in s for s in read), read  # only with the account's read
