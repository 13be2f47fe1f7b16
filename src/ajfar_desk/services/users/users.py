"""User accounts and roles (administrators only)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, replace

from sqlalchemy import func, select

from ...db.models import AuditEntry, User
from ...domain import permissions
from ...domain.errors import FieldErrors, ValidationError
from ...domain.people import GENDERS, ROLES, has_full_name
from ...domain.role_titles import role_title
from ...domain.validation import max_length, required_text
from ...i18n import _, ngettext
from ..store.context import AppContext
from ..store.events import USER_CHANGED
from ..store.rows import get_or_refuse
from .setup import hash_password

MIN_PASSWORD = 8
FULL_NAME_LENGTH = 200  # app_user.full_name


def _check_full_name(full_name: str) -> None:
    required_text(full_name, "full_name", _("Full name"))
    max_length(full_name, "full_name", _("Full name"), FULL_NAME_LENGTH)


@dataclass(frozen=True)
class UserView:
    id: uuid.UUID
    username: str
    full_name: str
    role: str
    active: bool
    locked: bool
    gender: str = "male"
    last_sign_in: dt.datetime | None = None  # the last successful sign-in on this store
    must_change_password: bool = False  # chooses their own password at the next sign-in

    @property
    def has_full_name(self) -> bool:
        return has_full_name(self.full_name, self.username)

    @property
    def title(self) -> str:
        """The role as it names this person («موظفة علاقات المستفيدين» for a woman)."""
        return role_title(self.role, self.gender)


def _view(u: User) -> UserView:
    return UserView(u.id, u.username, u.full_name, u.role, u.active, u.locked_until is not None,
                    u.gender, must_change_password=bool(u.must_change_password))


def _check_gender(gender: str) -> None:
    if gender not in GENDERS:
        raise ValidationError("gender", _("Choose the gender"))


def list_users(ctx: AppContext) -> list[UserView]:
    ctx.require(permissions.MANAGE_USERS)
    with ctx.reading() as s:
        # each account's last sign-in, from the audit log (one grouped read, not one per row)
        last = {entity: at for entity, at in s.execute(
            select(AuditEntry.entity_id, func.max(AuditEntry.at))
            .where(AuditEntry.action == "sign_in", AuditEntry.entity == "user")
            .group_by(AuditEntry.entity_id))}
        return [replace(_view(u), last_sign_in=last.get(str(u.id)))
                for u in s.scalars(select(User).order_by(User.username))]


def colleagues(ctx: AppContext) -> list[UserView]:
    """The active accounts a manager may hand work to (a complaint to follow up), by name."""
    ctx.require(permissions.MANAGE_COMPLAINTS)
    with ctx.reading() as s:
        rows = s.scalars(select(User).where(User.active.is_(True)).order_by(User.full_name))
        return [_view(u) for u in rows]


def create_user(
    ctx: AppContext, username: str, full_name: str, role: str, password: str,
    gender: str = "male",
    must_change_password: bool = False,
) -> UserView:
    """A new account.  ``must_change_password``: the password is the administrator's, given to
    the person; they choose their own at their first sign-in (the window and the command line
    ask it; accounts made by scripts, the demo and tests are left as given)."""
    ctx.require(permissions.MANAGE_USERS)
    errors = FieldErrors()
    username, full_name = (username or "").strip(), (full_name or "").strip()
    errors.check("username", lambda: required_text(username, "username", _("User name")))
    errors.check("full_name", lambda: _check_full_name(full_name))
    if role not in ROLES:
        errors.add("role", _("Choose a role"))
    errors.check("gender", lambda: _check_gender(gender))
    if len(password or "") < MIN_PASSWORD:
        errors.add("password", ngettext("The password needs at least {n} character", "The password needs at least {n} characters", MIN_PASSWORD).format(n=MIN_PASSWORD))
    errors.raise_if_any()
    with ctx.uow() as s:
        taken = s.scalar(select(User.id).where(func.lower(User.username) == username.lower()))
        if taken:
            raise ValidationError("username", _("This user name is taken"))
        user = User(
            branch=ctx.branch.code,
            username=username,
            full_name=full_name,
            password_hash=hash_password(password),
            role=role,
            gender=gender,
            must_change_password=must_change_password,
        )
        s.add(user)
        s.flush()
        ctx.audit(s, "create", "user", user.id, role=role, gender=gender,
                  **({"must_change_password": True} if must_change_password else {}))
        return _view(user)


def update_user(
    ctx: AppContext,
    user_id: uuid.UUID,
    *,
    role: str | None = None,
    active: bool | None = None,
    password: str | None = None,
    full_name: str | None = None,
    gender: str | None = None,
    must_change_password: bool = False,
) -> UserView:
    """Change a role, disable or enable an account, set a new password (which also unlocks),
    give the person's full name (printed on the papers they issue) and gender (their title).
    ``must_change_password`` with a new password: its owner chooses their own at their next
    sign-in (never asked of the administrator setting their own)."""
    ctx.require(permissions.MANAGE_USERS)
    if gender is not None:
        _check_gender(gender)
    if role is not None and role not in ROLES:
        raise ValidationError("role", _("Choose a role"))
    if full_name is not None:
        full_name = full_name.strip()
        _check_full_name(full_name)
    if password is not None and len(password) < MIN_PASSWORD:
        raise ValidationError(
            "password", ngettext("The password needs at least {n} character", "The password needs at least {n} characters", MIN_PASSWORD).format(n=MIN_PASSWORD)
        )
    with ctx.uow() as s:
        user = get_or_refuse(s, User, user_id, "user", _("No such user"))
        if user.id == ctx.user_id and (active is False or (role and role != user.role)):
            raise ValidationError("user", _("You cannot disable your own account or change your own role"))
        changes: dict[str, object] = {}
        if role is not None and role != user.role:
            user.role, changes["role"] = role, role
        if active is not None and active != user.active:
            user.active, changes["active"] = active, active
        if full_name is not None and full_name != user.full_name:
            user.full_name, changes["full_name"] = full_name, full_name
        if gender is not None and gender != user.gender:
            user.gender, changes["gender"] = gender, gender
        if password is not None:
            user.password_hash = hash_password(password)
            user.failed_attempts, user.locked_until = 0, None
            user.must_change_password = must_change_password and user.id != ctx.user_id
            changes["password"] = "reset"
            if user.must_change_password:
                changes["must_change_password"] = True
        ctx.audit(s, "update", "user", user.id, **changes)
        ctx.changed(USER_CHANGED, user.id)
        s.flush()
        if ctx.user is not None and user.id == ctx.user.id:  # the status bar names her anew
            ctx.user = replace(ctx.user, full_name=user.full_name, gender=user.gender)
        return _view(user)

