"""Eligibility at the desk (Aman, policy 003): lines explained, confirmations ticked, override."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.requests import requests
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup
from printing.scenario import sign_declaration

from ..conftest import type_text


@pytest.fixture
def aman_window(qtbot, app, tmp_path):
    from ajfar_desk.ui.shell.app import build_main_window

    store = Store.open(tmp_path / "aman")
    ctx = setup.init_store(store, "aman", None, "admin", "password123", "مدير")
    win = build_main_window(ctx)
    qtbot.addWidget(win)
    win.show()
    yield ctx, win
    store.close()


def _draft(ctx, nid_body: str):
    a = applicants.register(
        ctx,
        ApplicantInput(
            national_id=make_national_id(1, nid_body), first_name="سارة", father_name="علي",
            grandfather_name="حسن", family_name="اليامي", birth_date="1/1/1420", nationality="SA",
            gender="female", marital_status="single", phone="0551112222", city="الرياض",
            category="trainee", consent=True,
        ),
        confirm_similar=True,
    )
    program = ctx.profile.program("training")
    for kind in program.required_documents:
        expiry = "2030-01-01" if ctx.profile.document_kind(kind).has_expiry else ""
        applicants.add_document(ctx, a.id, DocumentInput(kind, "" if kind == "national_id" else "N-1", "", expiry))
    req = requests.create_request(ctx, a.id, "training", "interview")
    sign_declaration(ctx, req.id)
    return req, program


def test_confirmations_ticked_then_submitted(qtbot, aman_window):
    ctx, window = aman_window
    req, program = _draft(ctx, "02345678")
    window.open_request(req.id)
    form = window.page
    panel = form.eligibility
    assert set(panel.checks) == set(program.eligibility.confirmation_codes)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.error.isVisible() and form.tabs.currentWidget() is panel
    failed = [panel.lines.item(i) for i in range(panel.lines.count())
              if panel.lines.item(i).data(Qt.ItemDataRole.UserRole) is False]
    assert len(failed) == len(program.eligibility.confirmations)
    assert panel.override.isVisible()
    for box in panel.checks.values():
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not panel.override.isVisible())  # the ticks refresh the panel soon
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert requests.get_request(ctx, req.id).status == "submitted"


def test_submitted_anyway_with_a_reason(qtbot, aman_window):
    ctx, window = aman_window
    req, _program = _draft(ctx, "03456789")
    window.open_request(req.id)
    form = window.page
    form.tabs.setCurrentWidget(form.eligibility)
    type_text(qtbot, form.eligibility.override, "حالة إنسانية عاجلة بقرار المدير")
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert requests.get_request(ctx, req.id).status == "submitted"
