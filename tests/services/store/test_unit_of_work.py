"""One unit of work per user action: the changes it announces reach the open views after its
commit (they can read what changed), never after a rollback, and never twice."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.store.events import APPLICANT_CHANGED, REQUEST_CHANGED
from test_services import person


class Seen:
    """A view listening to every change; it reads the store when told, as the screens do."""

    def __init__(self, ctx):
        self.ctx = ctx
        self.changes: list[tuple[str, object]] = []
        self.counted: list[int] = []
        ctx.events.subscribe("*", self)

    def __call__(self, topic, payload):
        self.changes.append((topic, payload))
        with self.ctx.store.reading() as s:
            self.counted.append(s.scalar(select(func.count()).select_from(Applicant)))


def test_changes_are_emitted_after_the_commit_in_order(ctx):
    seen = Seen(ctx)
    with ctx.uow():
        ctx.changed(APPLICANT_CHANGED, "a")
        ctx.changed(REQUEST_CHANGED, "r")
        assert seen.changes == []  # not before the commit
    assert seen.changes == [(APPLICANT_CHANGED, "a"), (REQUEST_CHANGED, "r")]


def test_no_change_is_emitted_when_the_unit_of_work_rolls_back(ctx):
    seen = Seen(ctx)
    with pytest.raises(ValidationError), ctx.uow():
        ctx.changed(APPLICANT_CHANGED, "a")
        raise ValidationError("x", "refused")
    assert seen.changes == []
    with ctx.uow():  # the next unit of work starts with nothing left over
        pass
    assert seen.changes == []


def test_a_unit_of_work_inside_another_emits_at_its_own_commit_only(ctx):
    seen = Seen(ctx)
    with pytest.raises(ValidationError), ctx.uow():
        ctx.changed(REQUEST_CHANGED, "outer")
        with ctx.uow():
            ctx.changed(APPLICANT_CHANGED, "inner")
        assert seen.changes == [(APPLICANT_CHANGED, "inner")]  # committed on its own
        raise ValidationError("x", "refused")
    assert seen.changes == [(APPLICANT_CHANGED, "inner")]


def test_outside_a_unit_of_work_a_change_is_emitted_at_once(ctx):
    seen = Seen(ctx)
    ctx.changed(APPLICANT_CHANGED, None)
    assert seen.changes == [(APPLICANT_CHANGED, None)]


def test_a_refused_service_call_emits_nothing_and_a_saved_one_emits_once(ctx):
    seen = Seen(ctx)
    saved = applicants.register(ctx, person())
    assert seen.changes == [(APPLICANT_CHANGED, saved.id)]
    assert seen.counted == [1]  # the listener read the committed file
    with pytest.raises(applicants.ExistingApplicant):  # refused inside its transaction
        applicants.register(ctx, person())
    assert seen.changes == [(APPLICANT_CHANGED, saved.id)]
