"""The main window's toolbar, its pages and who sees them, in one table (``TOOLBAR``), and what a
page can do (``OpensRequests``, ``ReactsToChanges``…), declared instead of guessed.

The toolbar shows what the signed-in role uses (``Tool.who_sees``); the services check
permissions anyway, the window only hides what a role may not use."""

from __future__ import annotations

import importlib
import importlib.util
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QStyle, QWidget

from ...domain import permissions as perm
from ...i18n import N_
from ...services.store.context import AppContext

PageFactory = Callable[[AppContext], QWidget]


# -- what a page can do: the main window wires a page by these, never by guessing -----------
@runtime_checkable
class OpensRequests(Protocol):
    """A page listing requests: ``open_request(request_id)`` opens one in the request form."""

    open_request: SignalInstance


@runtime_checkable
class AboutOneApplicant(Protocol):
    """A page about one applicant: her request, or a list whose selected row is hers (her
    complaint, her appointment).  Ctrl+E «Current file» opens her file from it."""

    def applicant_in_front(self) -> uuid.UUID | None: ...


@runtime_checkable
class OpensApplicants(Protocol):
    """A page listing applicants: ``open_applicant(applicant_id)`` opens the applicant's file."""

    open_applicant: SignalInstance


@runtime_checkable
class ReplacesStore(Protocol):
    """A page that may replace the whole store (a restore): ``store_replaced(result)`` tells the
    window, which closes without touching the store again; the program opens it anew."""

    store_replaced: SignalInstance


@runtime_checkable
class ReactsToChanges(Protocol):
    """A page that refreshes itself after a change made elsewhere (``services.store.events``)."""

    def on_change(self, topic: str, payload: object) -> None: ...


@runtime_checkable
class Retranslates(Protocol):
    """A page whose texts follow a change of language at run time."""

    def retranslate(self) -> None: ...


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
_SP = QStyle.StandardPixmap


@dataclass(frozen=True)
class Tool:
    """One toolbar action, in the toolbar's order: its label (a msgid), icon and key; what it
    opens, either a page built on first use (``page``) or a main-window method (``opens``);
    who sees it (None: the window shows it itself, e.g. the current file)."""

    key: str
    label: str
    icon: QStyle.StandardPixmap
    shortcut: str
    who_sees: Callable[[AppContext], bool] | None
    opens: str = "show_tool"  # a MainWindow method; show_tool(key) builds ``page`` on first use
    page: PageFactory | None = None
    in_toolbar: bool = True  # False: a button in the status bar (a manager's toolbar is full)
    # the roles for whom a toolbar tool is a button in the status bar instead (their toolbar is
    # full at 1280 px), with the same key
    status_bar_for: Callable[[AppContext], bool] | None = None


def _page(module: str, class_name: str) -> PageFactory:
    """A page of a module always there (its full name), imported when first opened."""
    def build(ctx: AppContext) -> QWidget:
        return getattr(importlib.import_module(module), class_name)(ctx)

    return build


# A manager sees everything but the user accounts; an administrator the desk's work and the
# accounts, not the researcher's or the committee's.  F1 is the program's help (the shortcuts
# sheet, which opens the guides on a button); the guides have a key of their own.
TOOLBAR: tuple[Tool, ...] = (
    Tool("search", N_("Search"), _SP.SP_FileDialogContentsView, "Ctrl+F",
         lambda ctx: ctx.role != perm.COMMITTEE, opens="show_home"),
    Tool("new", N_("New applicant"), _SP.SP_FileDialogNewFolder, "Ctrl+N",
         lambda ctx: ctx.may(perm.EDIT_APPLICANT), opens="new_applicant"),
    # the file of the applicant in front of the desk (her request's, her complaint's): F1 says so
    Tool("current", N_("Current file"), _SP.SP_FileIcon, "Ctrl+E", None, opens="show_current_file"),
    # the desk's list of what it is working on (drafts, returned, more information, accepted…);
    # a manager (and the administrator acting as one) watches it from the status bar, beside
    # the messages to applicants: their toolbar has no room left at 1280 px
    Tool("worklist", N_("Requests"), _SP.SP_FileDialogListView, "Ctrl+Shift+R",
         lambda ctx: ctx.role in _DESK_ROLES,
         page=_page("ajfar_desk.ui.requests.worklist_view", "WorklistView"),
         status_bar_for=lambda ctx: ctx.role in (perm.MANAGER, perm.ADMIN)),
    Tool("overdue", N_("Overdue"), _SP.SP_MessageBoxWarning, "Ctrl+Shift+O",
         lambda ctx: ctx.role in _DESK_ROLES, page=_page("ajfar_desk.ui.requests.overdue_view", "OverdueView")),
    Tool("inbox", N_("Researcher inbox"), _SP.SP_DirOpenIcon, "Ctrl+Shift+I",
         lambda ctx: ctx.role in (perm.RESEARCHER, perm.MANAGER),
         page=optional_page("ajfar_desk.ui.committee.researcher_inbox", "ResearcherInbox")),
    Tool("committee", N_("Committee"), _SP.SP_FileDialogListView, "Ctrl+Shift+M",
         lambda ctx: ctx.may(perm.MANAGE_MEETINGS),
         page=optional_page("ajfar_desk.ui.committee.committee_board", "CommitteeBoard")),
    Tool("verify", N_("Verify a document"), _SP.SP_DialogYesButton, "Ctrl+Shift+V",
         lambda ctx: ctx.role in _DESK_ROLES, opens="verify_document"),
    Tool("guides", N_("Guides"), _SP.SP_MessageBoxInformation, "Ctrl+Shift+G",
         lambda ctx: ctx.role is not None, opens="show_guides"),
    # the desk logs them; a researcher follows those referred to them
    Tool("enquiries", N_("Enquiries"), _SP.SP_DialogHelpButton, "Ctrl+Shift+J",
         lambda ctx: ctx.role in _DESK_ROLES or ctx.role == perm.RESEARCHER,
         page=optional_page("ajfar_desk.ui.enquiries.enquiries_view", "EnquiriesView")),
    # the day's appointments: the desk books them, a researcher receives some (a manager's
    # toolbar is full at 1280 px: the services let a manager book, the window shows the desk's)
    Tool("appointments", N_("Appointments"), _SP.SP_FileDialogInfoView, "Ctrl+Shift+T",
         lambda ctx: ctx.role in (perm.FRONT_DESK, perm.BRANCH_REP, perm.RESEARCHER),
         page=optional_page("ajfar_desk.ui.appointments.day_view", "AppointmentsView")),
    # the desk receives complaints; anyone else may have some assigned to follow up
    Tool("complaints", N_("Complaints"), _SP.SP_MessageBoxQuestion, "Ctrl+Shift+K",
         lambda ctx: ctx.role is not None, page=optional_page("ajfar_desk.ui.feedback.complaints_view", "ComplaintsView")),
    # the managers' outbox: queued, sent and failed messages to applicants, resent from here;
    # in the status bar, as a manager's toolbar has no room left at 1280 px with "Current file"
    Tool("outbox", N_("Messages to applicants"), _SP.SP_ArrowForward, "Ctrl+Shift+X",
         lambda ctx: ctx.may(perm.MANAGE_MESSAGES),
         page=optional_page("ajfar_desk.ui.messages.outbox_view", "OutboxView"), in_toolbar=False),
    Tool("dashboard", N_("Dashboard"), _SP.SP_ComputerIcon, "Ctrl+Shift+D",
         lambda ctx: ctx.may(perm.VIEW_REPORTS), page=_page("ajfar_desk.ui.reports.dashboard", "DashboardView")),
    Tool("audit", N_("Audit log"), _SP.SP_FileDialogDetailedView, "Ctrl+Shift+A",
         lambda ctx: ctx.may(perm.VIEW_AUDIT), page=_page("ajfar_desk.ui.users.audit_view", "AuditView")),
    Tool("users", N_("Users"), _SP.SP_DirHomeIcon, "Ctrl+Shift+U",
         lambda ctx: ctx.may(perm.MANAGE_USERS), page=_page("ajfar_desk.ui.users.users_view", "UsersView")),
    Tool("sync", N_("Exchange"), _SP.SP_BrowserReload, "Ctrl+Shift+Y",
         lambda ctx: ctx.may(perm.SYNC), page=optional_page("ajfar_desk.ui.sync.sync_view", "SyncView")),
    # trial 10: an administrator looked for the backups in the window and found only a folder's
    # name in the About box; a SQLite store's only (a server's are the server's tools')
    Tool("backups", N_("Backups"), _SP.SP_DriveHDIcon, "Ctrl+Shift+B",
         lambda ctx: ctx.may(perm.MANAGE_BACKUPS) and ctx.store.file is not None,
         page=_page("ajfar_desk.ui.backups.backups_view", "BackupsView")),
    # the association's profile: the version in force, export, check, import (head office);
    # in the status bar, as the administrator's toolbar is full at 1280 px
    Tool("profile", N_("Association profile"), _SP.SP_FileDialogInfoView, "Ctrl+Shift+P",
         lambda ctx: ctx.may(perm.MANAGE_PROFILE),
         page=_page("ajfar_desk.ui.profile.profile_view", "ProfileView"), in_toolbar=False),
)
