"""Signing out is a service (the main window opens no transaction itself)."""

from __future__ import annotations

from sqlalchemy import select

from ajfar_desk.db.models import AuditEntry
from ajfar_desk.services.users import setup


def test_sign_out_is_audited_and_forgets_the_user(ctx):
    user_id = ctx.user_id
    setup.sign_out(ctx)
    assert ctx.user is None
    with ctx.store.reading() as s:
        entry = s.scalars(select(AuditEntry).where(AuditEntry.action == "sign_out")).one()
    assert entry.entity == "user" and entry.entity_id == str(user_id) and entry.user_id == user_id
