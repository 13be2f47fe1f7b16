"""Before the request is made, the page lists the documents the chosen program requires with a
non-Saudi's «national ID» read as the iqama, as the request's checklist then does (trial 10: «الهوية
الوطنية» for a Sudanese walk-in before, «الإقامة» after)."""

from __future__ import annotations

from ajfar_desk.services.requests import requests
from ajfar_desk.ui.requests.request_form import RequestForm

from ..conftest import national_id, pick_code, register


def _labels(form: RequestForm) -> list[str]:
    return [form.checklist.item(i).text() for i in range(form.checklist.count())]


def test_a_resident_is_shown_the_iqama_before_and_after_the_request_is_made(qtbot, app, ctx):
    program = next(p for p in ctx.profile.programs if "national_id" in p.required_documents)
    iqama = ctx.profile.document_kind("iqama").name("ar")
    national = ctx.profile.document_kind("national_id").name("ar")
    person = register(ctx, 71, national_id=national_id(71, "2"), nationality="SD")
    form = RequestForm(ctx, person.id)
    qtbot.addWidget(form)
    pick_code(qtbot, form.program, program.code)
    before = _labels(form)
    assert any(iqama in line for line in before) and not any(national in line for line in before)
    made = requests.create_request(ctx, person.id, program.code, ctx.profile.channels[0].code)
    assert iqama in {line.label for line in requests.get_request(ctx, made.id).checklist}
    saudi = RequestForm(ctx, register(ctx, 72).id)
    qtbot.addWidget(saudi)
    pick_code(qtbot, saudi.program, program.code)
    assert any(national in line for line in _labels(saudi))
