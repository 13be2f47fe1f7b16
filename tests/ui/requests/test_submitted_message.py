"""What the page says once a request is submitted (trial 9: «… في موعد أقصاه .», the date
missing): with a fixed answer period the date, with none (Aman) what to tell instead; after
confirmations or an exception alike; in the applicant's gender."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ajfar_desk.services.requests import requests
from ajfar_desk.ui.common import fmt
from printing.eligibility_scenario import draft

from ..conftest import type_text
from .test_request_tab_order import aman_desk  # noqa: F401 - the fixture


def submit_by_keys(qtbot, form) -> None:
    qtbot.keyClick(form.submit_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_submitted_with_an_exception_where_the_policy_sets_no_days(qtbot, aman_desk):  # noqa: F811
    ctx, window = aman_desk
    req = draft(ctx)
    window.open_request(req.id)
    form = window.page
    qtbot.keyClick(form, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    form.eligibility.override.setFocus()
    type_text(qtbot, form.eligibility.override, "حالة طارئة")
    submit_by_keys(qtbot, form)
    assert requests.get_request(ctx, req.id).status != "draft"
    text = form.result.message.text()
    assert " ." not in text and "أقصاه" not in text
    assert "تُبلَّغ المستفيدة" in text and "فور صدوره" in text
    # the exception is in the request's history: what was excepted, and why (Alt+2)
    qtbot.keyClick(form, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    model = form.timeline.model
    notes = [model.data(model.index(row, 4)) or "" for row in range(model.rowCount())]
    submitted = next(n for n in notes if "حالة طارئة" in n)
    condition = ctx.profile.program("community_families").eligibility.confirmations[0].text("ar")
    assert condition in submitted and "استثناءً" in submitted


def test_submitted_with_every_condition_confirmed(qtbot, aman_desk):  # noqa: F811
    ctx, window = aman_desk
    req = draft(ctx, "03456789")
    window.open_request(req.id)
    form = window.page
    qtbot.keyClick(form, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    for box in form.eligibility.checks.values():
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    submit_by_keys(qtbot, form)
    assert requests.get_request(ctx, req.id).status != "draft"
    text = form.result.message.text()
    assert " ." not in text and "فور صدوره" in text


def test_submitted_where_the_policy_sets_the_days(qtbot, window, ctx):
    import datetime as dt

    from printing.scenario import submitted_request

    # submitted today: on time (a late request's page says what to tell the caller instead)
    _applicant, request = submitted_request(ctx, on=dt.date.today())
    window.open_request(request.id)
    form = window.page
    due = requests.get_request(ctx, request.id).answer_due
    assert due is not None
    text = form.standing.text()  # opened, not just submitted: what comes next (trial 12)
    assert fmt.date_both(ctx.profile, due) in text and "أقصاه" not in text  # trial 11: a date, not a deadline (receipt: «لا تقل عن ١٤ يومًا»)


def test_a_program_accepted_at_the_desk_is_not_sent_to_the_committee():
    """Trial 10: after submitting a training request the page said «ارفعه إلى لجنة البحث»,
    a step that program has not; it is accepted at the desk."""
    from types import SimpleNamespace

    from ajfar_desk.domain.profile import get_profile
    from ajfar_desk.ui.requests.request_status import submitted_line

    aman = get_profile("aman")
    training = SimpleNamespace(reference="AMN-1448-000061", status="submitted", program="training",
                               answer_due=None)
    text = submitted_line(aman, training, "female")
    assert "لجنة" not in text and "«قبول الطلب»" in text and "البحث الاجتماعي" in text
    assert "تُبلَّغ المستفيدة" in text
    families = SimpleNamespace(**{**vars(training), "program": "community_families"})
    assert "لجنة البحث" in submitted_line(aman, families, "female")

