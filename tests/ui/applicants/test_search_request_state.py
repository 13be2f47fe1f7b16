"""The search results' «Request» column shows each applicant's request and its state — a draft's
too — found by name, typed with the keyboard; a typed reference shows that request."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.db.models import SupportRequest
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.common import fmt

from ..conftest import register, type_text


def _cells(home, column: int) -> dict[str, str]:
    model = home.model
    return {hit.national_id: model.data(model.index(row, column)) for row, hit in enumerate(model.rows)}


def test_the_request_column_shows_a_drafts_state_like_the_others(qtbot, window, ctx):
    drafted = register(ctx, 301, first_name="نوال")
    submitted = register(ctx, 302, first_name="نوال", birth_date="2/2/1991")
    nothing = register(ctx, 303, first_name="نوال", birth_date="3/3/1992")
    draft = requests.create_request(ctx, drafted.id, "food_aid", "interview", "")
    older = requests.create_request(ctx, submitted.id, "food_aid", "interview", "")
    newer = requests.create_request(ctx, submitted.id, "food_aid", "phone", "")
    with ctx.uow() as s:  # the newer one is further on its way (as the services would put it)
        s.get(SupportRequest, newer.id).status = wf.SUBMITTED
    home = window.home
    type_text(qtbot, home.search_box, "نوال")
    qtbot.waitUntil(lambda: len(home.model.rows) == 3)
    column = home.model.columnCount() - 1
    cells = _cells(home, column)
    assert fmt.ident(ctx.profile, draft.reference) in cells[drafted.national_id]
    assert wf.state_label(wf.DRAFT) in cells[drafted.national_id]
    assert fmt.ident(ctx.profile, newer.reference) in cells[submitted.national_id]
    assert wf.state_label(wf.SUBMITTED) in cells[submitted.national_id]
    assert cells[nothing.national_id] == ""

    home.search_box.clear()
    type_text(qtbot, home.search_box, older.reference)  # a typed reference: that request
    qtbot.waitUntil(lambda: len(home.model.rows) == 1)
    shown = _cells(home, column)[submitted.national_id]
    assert fmt.ident(ctx.profile, older.reference) in shown and wf.state_label(wf.DRAFT) in shown
    qtbot.keyClick(home.search_box, Qt.Key.Key_Return)
    assert window.page.applicant_id == submitted.id
