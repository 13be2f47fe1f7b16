"""The command line follows the window's rule: a password an administrator gives with
``users add`` or ``users set --password-file`` is for one sign-in (its owner chooses their own
then); ``--keep-password`` leaves it as given (a script's account)."""

from __future__ import annotations

from ajfar_desk.db.models import User
from ajfar_desk.services.store.store import Store
from test_cli import init, run


def _must_change(data) -> dict[str, bool]:
    store = Store.open(data)
    try:
        with store.reading() as s:
            return {u.username: u.must_change_password for u in s.query(User)}
    finally:
        store.close()


def test_users_add_and_reset_ask_for_the_owners_password_unless_kept(tmp_path):
    data = tmp_path / "data"
    init(data)
    env = {"AJFAR_NEW_USER_PASSWORD": "given-pass-1"}
    for name, extra in (("huda", ()), ("robot", ("--keep-password",))):
        done = run(data, "users", "add", name, "--role", "front_desk", "--name", "هدى", *extra,
                   env=env)
        assert done.returncode == 0, done.stderr
    assert _must_change(data) == {"admin": False, "huda": True, "robot": False}
    secret = tmp_path / "password.txt"
    secret.write_text("another-pass-2\n")
    done = run(data, "users", "set", "robot", "--password-file", str(secret))
    assert done.returncode == 0, done.stderr
    done = run(data, "users", "set", "huda", "--password-file", str(secret), "--keep-password")
    assert done.returncode == 0, done.stderr
    assert _must_change(data) == {"admin": False, "huda": False, "robot": True}
