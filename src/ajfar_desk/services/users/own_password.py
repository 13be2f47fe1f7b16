"""A person chooses their own password: at the first sign-in after an administrator gave them
one (a new account, a reset), before anything else is done under it."""

from __future__ import annotations

from dataclasses import replace

from argon2.exceptions import VerificationError

from ...db.models import User
from ...domain.errors import ValidationError
from ...i18n import _, ngettext
from ..store.context import AppContext, UserInfo
from ..store.rows import get_or_refuse
from .setup import _hasher, hash_password
from .users import MIN_PASSWORD


def check_password_rules(password: str, repeated: str) -> None:
    """The rules every password follows (the administrator's dialog and this one alike)."""
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError("password", ngettext(
            "The password needs at least {n} character",
            "The password needs at least {n} characters", MIN_PASSWORD).format(n=MIN_PASSWORD))
    if repeated != password:
        raise ValidationError("repeated", _("The two passwords differ"))


def choose_own_password(ctx: AppContext, password: str, repeated: str) -> UserInfo:
    """The signed-in person's own password replaces the one they were given (which it may not
    repeat); from now on nothing asks them to change it."""
    if ctx.user is None:
        raise ValidationError("user", _("Sign in first"))
    check_password_rules(password, repeated)
    with ctx.uow() as s:
        user = get_or_refuse(s, User, ctx.user.id, "user", _("No such user"))
        same: bool
        try:
            same = _hasher.verify(user.password_hash, password)
        except VerificationError:
            same = False
        if same:
            raise ValidationError(
                "password", _("Choose a password of your own, not the one you were given"))
        user.password_hash = hash_password(password)
        user.must_change_password = False
        ctx.audit(s, "password_changed", "user", user.id)
    ctx.user = replace(ctx.user, must_change_password=False)
    return ctx.user
