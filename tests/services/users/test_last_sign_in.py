"""The Users page's «last sign-in»: each account's latest successful sign-in, read from the
audit log in one grouped query; a failed attempt does not count, an account never used has none."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.users import setup, users


def test_the_last_successful_sign_in_of_each_account(ctx):
    users.create_user(ctx, "huda", "هدى", "front_desk", "password123", "female")
    users.create_user(ctx, "sami", "سامي", "front_desk", "password123")
    other = setup.open_context(ctx.store)
    assert {u.username: u.last_sign_in for u in users.list_users(ctx)}["huda"] is None
    setup.sign_in(other, "huda", "password123")
    once = {u.username: u.last_sign_in for u in users.list_users(ctx)}["huda"]
    setup.sign_in(other, "huda", "password123")
    with pytest.raises(ValidationError):
        setup.sign_in(other, "sami", "wrong-password")  # a failed attempt is not a sign-in
    seen = {u.username: u.last_sign_in for u in users.list_users(ctx)}
    assert seen["sami"] is None
    assert once is not None and seen["huda"] is not None and seen["huda"] >= once
    assert dt.datetime.now(dt.UTC).replace(tzinfo=None) - seen["huda"].replace(tzinfo=None) < dt.timedelta(minutes=5)
