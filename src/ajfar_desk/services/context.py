"""What every use case needs: the store, the association profile, the branch and the user."""

from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..domain import permissions
from ..domain.profile import AssociationProfile, Branch
from . import audit_chain
from .events import Events
from .store import Store


@dataclass(frozen=True)
class UserInfo:
    id: uuid.UUID
    username: str
    full_name: str
    role: str


@dataclass
class AppContext:
    store: Store
    profile: AssociationProfile
    branch: Branch
    user: UserInfo | None = None
    events: Events = field(default_factory=Events)

    @contextmanager
    def uow(self):
        """One user action = one transaction."""
        with self.store.transaction() as session:
            yield session

    @contextmanager
    def reading(self):
        with self.store.reading() as session:
            yield session

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None

    def may(self, operation: str) -> bool:
        return permissions.may(self.role, operation)

    def require(self, operation: str) -> None:
        """Refuse (PermissionDenied, a ValidationError) unless the signed-in role may."""
        permissions.require(self.role, operation)

    @property
    def user_id(self) -> uuid.UUID | None:
        return self.user.id if self.user else None

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
