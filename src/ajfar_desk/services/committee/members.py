"""The committee's members as the accounts know them: offered to tick as a meeting's
attendees and its chair (outsiders are typed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ...db.models import User
from ...domain import permissions
from ...domain.errors import ValidationError
from ...i18n import _
from ..store.context import AppContext

COMMITTEE_ROLES = ("committee",)


@dataclass(frozen=True)
class Member:
    name: str  # the account's full name, as the papers print it
    gender: str
    username: str


def committee_members(ctx: AppContext) -> list[Member]:
    """Active accounts with a committee role, by name (whoever may open a meeting sees them)."""
    if not permissions.may(permissions.workflow_role(ctx.role), permissions.MANAGE_MEETINGS):
        ctx.require(permissions.MANAGE_MEETINGS)
    with ctx.reading() as s:
        rows = s.scalars(
            select(User).where(User.role.in_(COMMITTEE_ROLES), User.active.is_(True))
            .order_by(User.full_name)
        )
        return [Member(" ".join((u.full_name or u.username).split()), u.gender or "", u.username)
                for u in rows]


def chair_named(ctx: AppContext, username: str) -> str:
    """The full name (as the papers print it) of the active committee member whose account is
    ``username``: how the command line names a meeting's chair.  Anyone else is refused, naming
    the field."""
    wanted = (username or "").strip()
    for member in committee_members(ctx):
        if member.username == wanted:
            return member.name
    raise ValidationError("chair", _(
        "Chair: “{user}” is not an active member of the research committee; give the user "
        "name of a committee member's account (ajfar-desk users list)").format(user=wanted))
