"""Who may do what. The services check these; the GUI only hides what a role may not use.

Workflow steps (submit, refer, decide, deliver...) are governed by ``domain.workflow``; this
table covers everything else. Roles: front_desk, branch_rep (a front desk on a laptop),
researcher, committee, manager, admin.
"""

from __future__ import annotations

from ..i18n import N_, _
from .errors import ValidationError
from .people import ROLES

FRONT_DESK, BRANCH_REP, RESEARCHER, COMMITTEE, MANAGER, ADMIN = (
    "front_desk",
    "branch_rep",
    "researcher",
    "committee",
    "manager",
    "admin",
)
DESK = frozenset({FRONT_DESK, BRANCH_REP, MANAGER, ADMIN})

VIEW_APPLICANT = "applicant.view"
EDIT_APPLICANT = "applicant.edit"
EDIT_REQUEST = "request.edit"
ISSUE_PAPER = "paper.issue"
VIEW_STUDY = "study.view"
WRITE_STUDY = "study.write"
MANAGE_MEETINGS = "meeting.manage"
DECIDE = "meeting.decide"
RECORD_DELIVERY = "delivery.record"
VIEW_AUDIT = "audit.view"
MANAGE_USERS = "users.manage"
PERSONAL_DATA = "data.person"  # export everything about one person, anonymise
BULK_DATA = "data.bulk"  # import and export of whole tables
VIEW_REPORTS = "reports.view"
RECORD_FEEDBACK = "feedback.record"  # take a satisfaction survey, receive a complaint
MANAGE_COMPLAINTS = "complaints.manage"  # assign, escalate, resolve anyone's complaint
MANAGE_LIBRARY = "library.manage"  # add documents to the employee's library
RECORD_ENQUIRY = "enquiry.record"  # log an enquiry, a call or a letter; link it to a request
COORDINATE = "coordination.manage"  # the consortium of associations: members, exchange files
COORDINATION_LOOKUP = "coordination.lookup"  # is this person known to another member?
BOOK_APPOINTMENT = "appointment.book"  # book, cancel, mark attended or missed
SYNC = "data.sync"  # exchange bundles with other nodes, settle conflicts and duplicates
MANAGE_MESSAGES = "messages.manage"  # resend messages to applicants, try the channels
MANAGE_BACKUPS = "store.backups"  # back the store up from the window, restore a backup
MANAGE_PROFILE = "store.profile"  # import a revised association profile, export the one in force

ALLOWED: dict[str, frozenset[str]] = {
    VIEW_APPLICANT: frozenset(ROLES),
    EDIT_APPLICANT: DESK,
    EDIT_REQUEST: DESK,
    ISSUE_PAPER: DESK,
    VIEW_STUDY: frozenset({RESEARCHER, COMMITTEE, MANAGER}),
    WRITE_STUDY: frozenset({RESEARCHER}),
    MANAGE_MEETINGS: frozenset({COMMITTEE, MANAGER}),
    DECIDE: frozenset({COMMITTEE}),
    RECORD_DELIVERY: DESK,
    VIEW_AUDIT: frozenset({MANAGER, ADMIN}),
    MANAGE_USERS: frozenset({ADMIN}),
    PERSONAL_DATA: frozenset({MANAGER, ADMIN}),
    BULK_DATA: frozenset({MANAGER, ADMIN}),
    VIEW_REPORTS: frozenset({MANAGER, ADMIN}),
    RECORD_FEEDBACK: DESK,
    MANAGE_COMPLAINTS: frozenset({MANAGER, ADMIN}),
    SYNC: frozenset({BRANCH_REP, MANAGER, ADMIN}),
    RECORD_ENQUIRY: DESK,
    MANAGE_LIBRARY: frozenset({MANAGER, ADMIN}),
    COORDINATE: frozenset({MANAGER, ADMIN}),
    COORDINATION_LOOKUP: DESK,
    BOOK_APPOINTMENT: DESK | {RESEARCHER},
    MANAGE_MESSAGES: frozenset({MANAGER, ADMIN}),
    MANAGE_BACKUPS: frozenset({ADMIN}),
    MANAGE_PROFILE: frozenset({ADMIN}),
}

LABELS = {
    VIEW_APPLICANT: N_("open an applicant's file"),
    EDIT_APPLICANT: N_("register or change an applicant"),
    EDIT_REQUEST: N_("create or change a request"),
    ISSUE_PAPER: N_("issue and print papers"),
    VIEW_STUDY: N_("read a social study"),
    WRITE_STUDY: N_("write a social study"),
    MANAGE_MEETINGS: N_("hold committee meetings"),
    DECIDE: N_("decide requests in the committee"),
    RECORD_DELIVERY: N_("record a delivered service"),
    VIEW_AUDIT: N_("read the audit log"),
    MANAGE_USERS: N_("manage users"),
    PERSONAL_DATA: N_("export or anonymise a person's data"),
    BULK_DATA: N_("import or export data"),
    VIEW_REPORTS: N_("read the reports"),
    RECORD_FEEDBACK: N_("record a satisfaction survey or a complaint"),
    MANAGE_COMPLAINTS: N_("assign and resolve complaints"),
    SYNC: N_("exchange data with head office and the branches"),
    RECORD_ENQUIRY: N_("record an enquiry"),
    MANAGE_LIBRARY: N_("add documents to the library"),
    COORDINATE: N_("manage the coordination between associations"),
    COORDINATION_LOOKUP: N_("ask whether another association knows a person"),
    BOOK_APPOINTMENT: N_("book appointments"),
    MANAGE_MESSAGES: N_("resend messages to applicants"),
    MANAGE_BACKUPS: N_("back up the store or restore a backup"),
    MANAGE_PROFILE: N_("import or export the association's profile"),
}


# who may, said after a refusal where the refused would otherwise not know whom to turn to
# (trial 9: a manager refused a committee decision was not told who takes it)
WHO_MAY = {
    DECIDE: N_("only the committee's members decide requests, in the committee's meetings"),
}


class PermissionDenied(ValidationError):
    def __init__(self, role: str | None, operation: str):
        if role in ROLES:
            message = _("A {role} may not {operation}").format(
                role=_(ROLES[role]), operation=_(LABELS[operation]))
        else:  # nobody signed in (a refresh after signing out), or a role this program lacks
            message = _("Sign in first: only a signed-in user may {operation}").format(
                operation=_(LABELS[operation]))
        if operation in WHO_MAY:
            message = _("{refusal}: {who}.").format(refusal=message, who=_(WHO_MAY[operation]))
        super().__init__("permission", message)
        self.role, self.operation = role, operation

    def log_text(self) -> str:
        return f"PermissionDenied: {self.role or 'nobody signed in'} may not {self.operation}"


def may(role: str | None, operation: str) -> bool:
    return role is not None and role in ALLOWED[operation]


def require(role: str | None, operation: str) -> None:
    if not may(role, operation):
        raise PermissionDenied(role, operation)


def workflow_role(role: str | None) -> str:
    """The role the workflow rules know: a branch representative works as the front desk, an
    administrator as a manager (small associations often have one person for both)."""
    return {BRANCH_REP: FRONT_DESK, ADMIN: MANAGER}.get(role or "", role or "")
