"""What every use case needs: the store, the association profile, the branch and the user."""

from __future__ import annotations

import datetime as dt
import json
import threading
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ...db.base import Clock, clock_in_force, utcnow
from ...db.models import User
from ...db.profile_versions import IN_FORCE_SEQ
from ...domain import permissions
from ...domain.digits import follow_profile
from ...domain.errors import ValidationError
from ...domain.profile import AssociationProfile, Branch
from ...i18n import _
from ..users import audit_chain
from .events import Events
from .store import Store

# built once: every transaction sends it, and building a statement costs more than its lookup;
# the profile's version in force comes with it
_ACCOUNT = select(User.role, User.active, IN_FORCE_SEQ).where(User.id == bindparam("account"))


@dataclass(frozen=True)
class UserInfo:
    id: uuid.UUID
    username: str
    full_name: str
    role: str
    gender: str = "male"  # "female": the role names her in the feminine (domain.role_titles)
    # the password was given by an administrator: its owner chooses their own before working
    must_change_password: bool = False


class AccountDisabled(ValidationError):
    """The signed-in account was disabled (or removed) since sign-in: nothing more is done."""

    def __init__(self) -> None:
        super().__init__(
            "user", _("Your account has been disabled: ask an administrator, then sign in again")
        )


@dataclass
class AppContext:
    store: Store
    profile: AssociationProfile
    branch: Branch
    user: UserInfo | None = None
    events: Events = field(default_factory=Events)
    # the time the services write (rows, steps, audit entries): None, the real time; the demo
    # passes a clock of its past days, so what it records carries the time it happened
    clock: Clock | None = None
    # the ``seq`` of the profile version this context runs (None: not known yet, the first
    # transaction's read says it): another desk's ``profile import`` (or head office's version
    # adopted by a sync at a branch) is taken at this desk's next transaction
    profile_seq: int | None = None
    # per thread: the operations required since the last transaction began, and how deep in
    # transactions this thread is (the GUI runs services on worker threads)
    _local: threading.local = field(
        default_factory=threading.local, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # the messages shown at this desk (error lines, refusals) write the profile's digits
        follow_profile(self.profile.digits)

    @contextmanager
    def uow(self, *, check_account: bool = True):
        """One user action = one unit of work: one transaction, and the changes announced inside
        it (``changed``) emitted once it has committed, none when it rolled back.  The signed-in
        account is read first, in the same transaction: disabled or demoted since sign-in takes
        effect at once."""
        changes: list[tuple[str, object]] = []
        stack = getattr(self._local, "changes", None)
        if stack is None:
            stack = self._local.changes = []
        stack.append(changes)
        try:
            with clock_in_force(self.clock), self.store.transaction() as session, \
                    self._checked(session, check_account, True):
                session.info["ctx"] = self  # for what a service queues in its transaction (outbox)
                yield session
        finally:
            stack.pop()
        for topic, payload in changes:  # committed: the open views may refresh now
            self.events.emit(topic, payload)

    def changed(self, topic: str, payload: object = None) -> None:
        """Announce a change (``events.APPLICANT_CHANGED``…): emitted after the current unit of
        work commits, never after a rollback; at once when no unit of work is open."""
        stack = getattr(self._local, "changes", None)
        if stack:
            stack[-1].append((topic, payload))
        else:
            self.events.emit(topic, payload)

    @contextmanager
    def reading(self):
        with self.store.reading() as session, self._checked(session, True):
            yield session

    @contextmanager
    def _checked(self, session: Session, check_account: bool, writing: bool = False):
        local = self._local
        pending, local.pending = getattr(local, "pending", ()), ()
        if check_account and self.user is not None:
            self._refresh_account(session, self.user, pending, writing)
        local.depth = getattr(local, "depth", 0) + 1
        try:
            yield
        finally:
            local.depth -= 1

    def _refresh_account(self, session: Session, user: UserInfo, pending, writing: bool) -> None:
        """One primary-key read of the stored account: its role replaces the one read at
        sign-in, and every operation required before this transaction is checked again.  A unit
        of work takes its audit lane in the same read (head office: one round trip, not two)."""
        if writing:
            stored = audit_chain.account_and_lane(session, user.id, self.branch.code,
                                                  self.store.data_dir)
        else:
            stored = session.connection().execute(_ACCOUNT, {"account": user.id}).first()
        if stored is None or not stored.active:
            raise AccountDisabled()
        if stored.role != user.role:
            self.user = replace(user, role=stored.role)
        for operation in pending:
            permissions.require(stored.role, operation)
        self._follow_version(session, stored.profile_seq)

    def _follow_version(self, session: Session, seq: int | None) -> None:
        """The profile version in force, read with the account: another than this context's
        (another desk imported one) is put in force here before the transaction goes on."""
        if seq is None or seq == self.profile_seq:
            return
        if self.profile_seq is None:  # a context made without it: from now on
            self.profile_seq = seq
            return
        from ..profile.versions import follow  # rare: only when another desk changed it

        follow(self, session, seq)

    def now(self) -> dt.datetime:
        """The time the services write now (``clock``'s, else the real time)."""
        return utcnow() if self.clock is None else self.clock()

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None

    def may(self, operation: str) -> bool:
        return permissions.may(self.role, operation)

    def require(self, operation: str) -> None:
        """Refuse (PermissionDenied, a ValidationError) unless the signed-in role may.  Outside a
        transaction the operation is checked again against the stored account when the next one
        begins (see ``uow``)."""
        if not self.may(operation) and self.user is not None and not getattr(self._local, "depth", 0):
            with self.reading():  # promoted since sign-in? the stored account says
                pass
        permissions.require(self.role, operation)
        local = self._local
        if not getattr(local, "depth", 0):
            local.pending = (*getattr(local, "pending", ()), operation)

    @property
    def user_id(self) -> uuid.UUID | None:
        return self.user.id if self.user else None

    def hold_audit_head(self, session: Session) -> None:
        """Take the head of the chain this transaction's audit entries will go to now, before a
        lock other desks wait for (it is held to the commit either way)."""
        audit_chain.hold(session, self.branch.code, self.store.data_dir)

    def audit(
        self, session: Session, action: str, entity: str, entity_id: object = "", **details
    ) -> None:
        audit_chain.append(
            session,
            branch=self.branch.code,
            user_id=self.user_id,
            action=action,
            entity=entity,
            entity_id=str(entity_id),
            details=json.dumps(details, ensure_ascii=False, default=str) if details else "",
            data_dir=self.store.data_dir,
            store=self.store,
        )
