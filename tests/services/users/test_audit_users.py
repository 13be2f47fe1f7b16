"""The audit log's hash chain, user accounts, roles and sign-in lockout."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, func, select, update

from ajfar_desk.db.models import AuditEntry
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.permissions import PermissionDenied
from ajfar_desk.services.users import audit, setup, users


def _writes(ctx, n: int) -> None:
    for i in range(n):
        with ctx.uow() as s:
            ctx.audit(s, "test", "thing", f"T{i}", note="ملاحظة", n=i)


def test_chain_is_intact_then_every_kind_of_tampering_is_found(ctx):
    _writes(ctx, 6)
    assert audit.verify(ctx) == []
    lines = audit.entries(ctx, action="test")
    assert [line.entity_id for line in lines][:2] == ["T5", "T4"] and lines[0].details["n"] == 5

    with ctx.reading() as s:
        original = s.scalar(select(AuditEntry.details).where(AuditEntry.entity_id == "T2"))
    with ctx.store.engine.begin() as s:  # someone edits an entry's details directly in the database
        s.execute(update(AuditEntry).where(AuditEntry.entity_id == "T2").values(details='{"n": 99}'))
    problems = audit.verify(ctx)
    assert [(p.kind, p.seq) for p in problems] == [("altered", _seq(ctx, "T2"))]

    with ctx.store.engine.begin() as s:  # ... puts it back, then deletes another one
        s.execute(
            update(AuditEntry)
            .where(AuditEntry.entity_id == "T2")
            .values(details=original)
        )
    assert audit.verify(ctx) == []
    gone = _seq(ctx, "T3")
    with ctx.store.engine.begin() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.entity_id == "T3"))
    kinds = {(p.kind, p.seq) for p in audit.verify(ctx)}
    assert ("missing", gone) in kinds


def test_removing_the_last_entries_is_found(ctx):
    _writes(ctx, 3)
    with ctx.store.engine.begin() as s:
        s.execute(delete(AuditEntry).where(AuditEntry.entity_id == "T2"))
    assert [p.kind for p in audit.verify(ctx)] == ["head", "cut"]  # the head row, and the anchor


def _seq(ctx, entity_id: str) -> int:
    with ctx.reading() as s:
        return s.scalar(select(AuditEntry.seq).where(AuditEntry.entity_id == entity_id))


def test_users_roles_and_permissions(ctx):
    clerk = users.create_user(ctx, "clerk", "موظف الاستقبال", "front_desk", "password123")
    assert clerk.role == "front_desk"
    with pytest.raises(ValidationError) as err:
        users.create_user(ctx, "CLERK", "x", "front_desk", "password123")
    assert err.value.field == "username"
    with pytest.raises(ValidationError) as err:
        users.create_user(ctx, "", "", "boss", "short")
    assert {f for f, _m in err.value.errors} == {"username", "full_name", "role", "password"}
    setup.sign_in(ctx, "clerk", "password123")
    with pytest.raises(PermissionDenied):
        users.list_users(ctx)  # a front desk does not manage users
    with pytest.raises(PermissionDenied):
        audit.verify(ctx)


def test_lockout_after_five_wrong_passwords(ctx):
    users.create_user(ctx, "clerk", "موظف", "front_desk", "password123")
    admin = ctx.user
    now = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
    for _ in range(5):
        with pytest.raises(ValidationError):
            setup.sign_in(ctx, "clerk", "wrong-password", now=now)
    with pytest.raises(ValidationError) as err:  # even the right password, while locked
        setup.sign_in(ctx, "clerk", "password123", now=now + dt.timedelta(minutes=5))
    assert err.value.field == "password"
    assert setup.sign_in(ctx, "clerk", "password123", now=now + dt.timedelta(minutes=16)).username == "clerk"
    ctx.user = admin
    with ctx.reading() as s:
        failed = s.scalar(select(func.count()).where(AuditEntry.action == "sign_in_failed"))
        locked = s.scalar(select(func.count()).where(AuditEntry.action == "locked"))
    assert (failed, locked) == (6, 1)
    assert audit.verify(ctx) == []
