"""First run: bind a store to an association and branch, create the administrator."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy import func, select

from ...db.base import new_id
from ...db.models import StoreMeta, User
from ...domain.audit import UNKNOWN_USER
from ...domain.errors import ValidationError
from ...domain.people import GENDERS
from ...domain.profile import bundled_profile, install_profile
from ...i18n import _, ngettext
from ..profile import versions
from ..profile.versions import ProfileFiles
from ..store.context import AppContext, UserInfo
from ..store.store import Store
from . import anchor_pace

MIN_PASSWORD = 8
_hasher = PasswordHasher()


def user_info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.full_name, user.role, user.gender,
                    bool(user.must_change_password))


def is_initialized(store: Store) -> bool:
    return "association" in store.meta()


def init_store(
    store: Store,
    association: str,
    branch: str | None,
    admin_username: str,
    admin_password: str,
    admin_full_name: str = "",
    admin_gender: str = "male",
    files: ProfileFiles | None = None,
) -> AppContext:
    """Set up the store for ``association``, its profile the bundled file, or ``files`` (a
    sixth association's, read by ``services.profile.profiles.read``) when given: that text is
    the store's first version of its profile, the one in force from now on."""
    if files is not None and files.association != association:
        message = _("The profile file is for the association “{file}”, not “{given}”")
        raise ValidationError("association", message.format(file=files.association, given=association))
    profile = bundled_profile(association) if files is None else versions.load_files(store.data_dir, files)
    branch_obj = profile.branch(branch) if branch else profile.branches[0]
    if is_initialized(store):
        raise ValidationError("association", _("This store is already set up for an association"))
    username = (admin_username or "").strip()
    if admin_gender not in GENDERS:
        raise ValidationError("gender", _("Choose the gender"))
    if not username:
        raise ValidationError("username", _("User name is required"))
    if len(admin_password or "") < MIN_PASSWORD:
        raise ValidationError(
            "password", ngettext("Password must be at least {n} character", "Password must be at least {n} characters", MIN_PASSWORD).format(n=MIN_PASSWORD)
        )
    from ..sync import sync_node  # every change from here on is recorded for the exchange

    sync_node.create(store, branch_obj.code)
    with store.transaction() as s:
        s.add_all(
            [
                StoreMeta(key="association", value=profile.id),
                StoreMeta(key="branch", value=branch_obj.code),
                StoreMeta(key="store_id", value=str(new_id())),
                StoreMeta(key="created_at", value=dt.datetime.now(dt.UTC).isoformat()),
            ]
        )
        user = User(
            branch=branch_obj.code,
            username=username,
            full_name=admin_full_name.strip() or username,
            password_hash=_hasher.hash(admin_password),
            role="admin",
            gender=admin_gender,
        )
        s.add(user)
        s.flush()
        info = user_info(user)
        first = versions.first_version(s, files or versions.bundled_files(association))
    install_profile(profile)
    return AppContext(store, profile, branch_obj, info, profile_seq=first.seq)


def open_context(store: Store) -> AppContext | None:
    """The context of an initialised store, signed in as nobody yet; None before first run."""
    meta = store.meta()
    if "association" not in meta:
        return None
    profile, seq = versions.ensure(store, meta["association"])  # the store's own, not the bundled file
    from ..sync import sync_node

    sync_node.ensure(store, meta["branch"])
    return AppContext(store, profile, profile.branch(meta["branch"]), profile_seq=seq)


MAX_FAILED_ATTEMPTS = 5
LOCKOUT = dt.timedelta(minutes=15)


def sign_in(
    ctx: AppContext, username: str, password: str, now: dt.datetime | None = None
) -> UserInfo:
    """Check the password (argon2). After five wrong passwords in a row the account is locked
    for 15 minutes; every attempt is in the audit log."""
    now = now or dt.datetime.now(dt.UTC)
    wrong = ValidationError("password", _("Unknown user name or wrong password"))
    refusal: ValidationError | None = None
    with ctx.uow(check_account=False) as s:  # who signs in is not yet who was
        user = s.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
        if user is None or not user.active:
            # never what was typed: someone who typed the password there would show it to managers
            if user is None:
                ctx.audit(s, "sign_in_failed", "user", UNKNOWN_USER)
            else:
                ctx.audit(s, "sign_in_failed", "user", user.id, disabled=True)
            refusal = ValidationError("username", wrong.message)
        elif user.locked_until is not None and user.locked_until > now:
            local = user.locked_until.astimezone().strftime("%H:%M")
            message = _("Too many wrong passwords: this account is locked until {time}")
            refusal = ValidationError("password", message.format(time=local))
            ctx.audit(s, "sign_in_failed", "user", user.id, locked=True)
        else:
            try:
                _hasher.verify(user.password_hash, password)
            except VerificationError:
                user.failed_attempts += 1
                if user.failed_attempts >= MAX_FAILED_ATTEMPTS:
                    user.locked_until, user.failed_attempts = now + LOCKOUT, 0
                    ctx.audit(s, "locked", "user", user.id)
                ctx.audit(s, "sign_in_failed", "user", user.id)
                refusal = wrong
            else:
                user.failed_attempts, user.locked_until = 0, None
                if _hasher.check_needs_rehash(user.password_hash):
                    user.password_hash = _hasher.hash(password)
                ctx.user = user_info(user)
                ctx.audit(s, "sign_in", "user", user.id)
    if refusal is not None:  # raised after the commit, so the failed attempt is counted
        raise refusal
    assert ctx.user is not None  # no refusal: signed in above
    return ctx.user


def sign_out(ctx: AppContext) -> None:
    """The signed-in user leaves the desk: recorded in the audit log, then forgotten."""
    with ctx.uow() as s:
        ctx.audit(s, "sign_out", "user", ctx.user_id or "")
    ctx.user = None
    anchor_pace.flush(ctx.store)  # the desk is left: everything it committed anchored now


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def first_user(ctx: AppContext) -> UserInfo | None:
    """The administrator created at first run (for a desk that signs in automatically)."""
    with ctx.reading() as s:
        user = s.scalar(select(User).where(User.role == "admin").order_by(User.created_at))
        return user_info(user) if user else None


def acting_user(ctx: AppContext, username: str | None) -> UserInfo:
    """The account a tool without a sign-in acts as (the command line): the one named, else the
    first active administrator.  An unknown or disabled account is refused."""
    with ctx.reading() as s:
        if username and username.strip():
            name = username.strip()
            user = s.scalar(select(User).where(func.lower(User.username) == name.lower()))
            if user is None:
                raise ValidationError("user", _("No user named {username}").format(username=name))
            if not user.active:
                raise ValidationError(
                    "user", _("The account {username} is disabled").format(username=user.username)
                )
        else:
            user = s.scalar(
                select(User)
                .where(User.role == "admin", User.active.is_(True))
                .order_by(User.created_at)
                .limit(1)
            )
            if user is None:
                raise ValidationError("user", _("No active administrator account"))
        return user_info(user)

