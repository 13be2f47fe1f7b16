"""Staff accounts for tests: one user per role, and a way to act as any of them."""

from __future__ import annotations

from ajfar_desk.services.users import setup, users

PASSWORD = "password123"


def staff_accounts(ctx, table: dict[str, tuple[str, str]], password: str = PASSWORD):
    """Create ``table`` (username -> (role, full name)); the returned ``as_(username)`` signs
    that person in on ``ctx`` ("admin" goes back to the administrator) and returns ``ctx``."""
    admin = ctx.user
    for username, (role, name) in table.items():
        users.create_user(ctx, username, name, role, password)

    def as_(username: str):
        if username == "admin":
            ctx.user = admin
        else:
            setup.sign_in(ctx, username, password)
        return ctx

    return as_
