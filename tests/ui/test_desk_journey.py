"""One interview day at a real desk (1366×768 less the taskbar), keyboard only, every role in
turn at the same desk (each signs in after the last one's Ctrl+Shift+Q, and gets the main
window the application builds then): first run, registration, request, refusal and fix,
declaration, submission, researcher, committee, delivery, survey, complaint, dashboard.

Only the signature is drawn (the applicant signs on the pad with a pen or the mouse); every
other step is a key.  After each step the focus must be inside the active window and the next
step's button on the screen (``journey_keys.ready``)."""

from __future__ import annotations

import importlib.util

from PySide6.QtCore import QRect, Qt

from ajfar_desk.domain import permissions as perm
from ajfar_desk.domain import workflow as wf
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import users

from .conftest import national_id
from .journey_desk import (
    PASSWORD,
    STAFF,
    add_document,
    add_member,
    day_text,
    declaration_then_submit,
    desk_delivers,
    desk_records_a_complaint,
    first_run,
    hand_over,
    main_window,
    register_applicant,
    request_refused_then_fixed,
)
from .journey_keys import ALT, SCREEN, press, ready, shot
from .journey_roles import (
    committee_decides,
    manager_closes_the_complaint,
    manager_dashboard,
    researcher,
)

K = Qt.Key


def test_an_interview_day_at_the_desk_by_keyboard(qtbot, app, tmp_path, monkeypatch):
    if importlib.util.find_spec("ajfar_desk.ui.common.screen") is not None:  # the windows' own sizing
        from ajfar_desk.ui.common import screen

        monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(SCREEN))
    store = Store.open(tmp_path / "desk")
    try:
        ctx = first_run(qtbot, store)
        assert ctx.role == perm.ADMIN
        window = main_window(qtbot, ctx)
        for username, (role, name) in STAFF.items():
            users.create_user(ctx, username, name, role, PASSWORD)
        ctx, window = hand_over(qtbot, window, store, "desk")
        nid = national_id(7321)
        view = register_applicant(qtbot, window, ctx, nid)
        ready(qtbot, window, view.request_button)
        add_member(qtbot, window, view)
        add_document(qtbot, window, view, 1, "national_id", day_text(700))
        add_document(qtbot, window, view, 3, "family_record", "")
        add_document(qtbot, window, view, 4, "income_proof", day_text(-3))  # expired three days ago
        shot(window, "02-applicant-file")
        form = request_refused_then_fixed(qtbot, window, ctx, view)
        declaration_then_submit(qtbot, window, ctx, form)
        press(qtbot, K.Key_R, ALT)  # the desk refers the case to the social researcher
        assert requests.get_request(ctx, form.request.id).status == wf.WITH_RESEARCHER
        ready(qtbot, window, form.back_button)
        request_id = form.request.id

        ctx, window = hand_over(qtbot, window, store, "researcher")
        researcher(qtbot, window, ctx, request_id)
        ctx, window = hand_over(qtbot, window, store, "member")
        committee_decides(qtbot, window, ctx, request_id)
        ctx, window = hand_over(qtbot, window, store, "desk")
        desk_delivers(qtbot, window, ctx, nid, request_id)
        complaint = desk_records_a_complaint(qtbot, window, ctx, nid)
        ctx, window = hand_over(qtbot, window, store, "boss")
        manager_closes_the_complaint(qtbot, window, ctx, complaint.id)
        manager_dashboard(qtbot, window)
    finally:
        store.close()
