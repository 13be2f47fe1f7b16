"""The main window's pages and who sees them: the toolbar shows what the signed-in role uses
(``WHO_SEES``); the services check permissions anyway, the window only hides what a role may
not use."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from ..domain import permissions as perm
from ..services.context import AppContext

PageFactory = Callable[[AppContext], QWidget]


def optional_page(module: str, class_name: str) -> PageFactory | None:
    """A page built by a module (its full name: ``ajfar_desk.ui...``) that may not be installed
    yet (None then: its action stays hidden).  The page takes ``ctx`` and may have an
    ``open_request(object)`` signal."""
    name = module
    try:
        if importlib.util.find_spec(name) is None:
            return None
    except (ImportError, ValueError):
        return None

    def build(ctx: AppContext) -> QWidget:
        return getattr(importlib.import_module(name), class_name)(ctx)

    return build


# The desk's roles; the administrator acts as a manager at the desk (small associations often
# have one person for both, README), and the services let it (``permissions.DESK``).
_DESK_ROLES = perm.DESK
# toolbar action -> who sees it (a manager sees everything but the user accounts; an
# administrator the desk's work and the accounts, not the researcher's or the committee's)
WHO_SEES: dict[str, Callable[[AppContext], bool]] = {
    "search": lambda ctx: ctx.role != perm.COMMITTEE,
    "new": lambda ctx: ctx.may(perm.EDIT_APPLICANT),
    "overdue": lambda ctx: ctx.role in _DESK_ROLES,
    "inbox": lambda ctx: ctx.role in (perm.RESEARCHER, perm.MANAGER),
    "committee": lambda ctx: ctx.may(perm.MANAGE_MEETINGS),
    "verify": lambda ctx: ctx.role in _DESK_ROLES,
    "guides": lambda ctx: ctx.role is not None,
    # the desk receives complaints; anyone else may have some assigned to follow up
    "complaints": lambda ctx: ctx.role is not None,
    "dashboard": lambda ctx: ctx.may(perm.VIEW_REPORTS),
    "audit": lambda ctx: ctx.may(perm.VIEW_AUDIT),
    "users": lambda ctx: ctx.may(perm.MANAGE_USERS),
    "sync": lambda ctx: ctx.may(perm.SYNC),
}
