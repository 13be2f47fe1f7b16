"""The applicant's file, documents and a request submitted only when its documents are valid."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from ajfar_desk.domain import requests as rules
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.applicants.applicant_view import ApplicantFileView
from ajfar_desk.ui.requests.request_form import RequestForm

from ..conftest import register, type_text
from ..papers.test_papers_ui import draw


def _future(days: int) -> str:
    d = dt.date.today() + dt.timedelta(days=days)
    return f"{d.day}/{d.month}/{d.year}"


def _add_document(qtbot, owner, kind: str, expiry: str = "", number: str = "") -> None:
    dialog = owner.document_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.kind.set_code(kind)
    type_text(qtbot, dialog.number, number)
    type_text(qtbot, dialog.expiry_date, expiry)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_add_document_then_request_refused_until_documents_are_complete(qtbot, window, ctx, tmp_path):
    person = register(ctx, 21, category="disability")
    window.open_applicant(person.id)
    view = window.page
    assert isinstance(view, ApplicantFileView)

    # A document with a bad expiry date is refused, the error under the field.
    qtbot.mouseClick(view.add_document_button, Qt.MouseButton.LeftButton)
    _add_document(qtbot, view, "national_id", expiry="99/99/2030")
    assert view.document_dialog.boxes["expiry_date"].error.isVisible()
    view.document_dialog.expiry_date.clear()
    scan = tmp_path / "id.png"
    scan.write_bytes(b"\x89PNG scan")
    view.document_dialog.attach(scan)
    _add_document(qtbot, view, "national_id", expiry=_future(400), number=person.national_id)
    assert not view.document_dialog.isVisible()
    qtbot.waitUntil(lambda: len(view.documents_model.rows) == 1)
    assert view.documents_model.rows[0].scan_name == "id.png"

    qtbot.mouseClick(view.request_button, Qt.MouseButton.LeftButton)
    form = window.page
    assert isinstance(form, RequestForm)
    form.program.set_code("disability_support")
    form.program.activated.emit(form.program.currentIndex())
    assert form.checklist.count() == 2  # the program's documents, before the request exists
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    assert form.request is not None and form.request.reference.startswith("AJF-")
    assert form.request.channel == "interview"
    assert "AJF" in form.reference.text()
    states = [form.checklist.item(i).data(256) for i in range(form.checklist.count())]
    assert states == [rules.OK, rules.MISSING]

    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.error.isVisible()
    missing_name = ctx.profile.document_kind("disability_report").name()
    assert missing_name in form.error.text()
    assert ctx.profile.document_kind("national_id").name() not in form.error.text()
    assert requests.get_request(ctx, form.request.id).status == rules.DRAFT

    qtbot.mouseClick(form.document_button, Qt.MouseButton.LeftButton)
    assert form.document_dialog.kind.code() == "disability_report"  # the missing one, preselected
    _add_document(qtbot, form, "disability_report")
    qtbot.waitUntil(lambda: [form.checklist.item(i).data(256) for i in range(form.checklist.count())] == [rules.OK, rules.OK])

    # Complete, but the declaration is not signed yet: refused, saying so.
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.error.isVisible() and requests.get_request(ctx, form.request.id).status == rules.DRAFT
    qtbot.mouseClick(form.papers.declaration_button, Qt.MouseButton.LeftButton)
    draw(form.papers.dialog.pad_box.pad, [(30, 90), (90, 50), (160, 100)])
    qtbot.mouseClick(form.papers.dialog.ok_button, Qt.MouseButton.LeftButton)
    form.papers.preview.close()

    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert not form.error.isVisible()
    submitted = requests.get_request(ctx, form.request.id)
    assert submitted.status == rules.SUBMITTED
    assert form.result.isVisible()
    assert str(submitted.answer_due.year) in form.result.message.text().translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
    assert not form.submit_button.isVisible()

    qtbot.mouseClick(form.back_button, Qt.MouseButton.LeftButton)
    view = window.page
    assert isinstance(view, ApplicantFileView)
    assert [r.status for r in view.requests_model.rows] == [rules.SUBMITTED]


def test_household_member_add_and_remove(qtbot, window, ctx):
    person = register(ctx, 22)
    window.open_applicant(person.id)
    view = window.page
    qtbot.mouseClick(view.add_member_button, Qt.MouseButton.LeftButton)
    dialog = view.member_dialog
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.boxes["member_name"].error.isVisible() and dialog.boxes["relation"].error.isVisible()
    type_text(qtbot, dialog.name, "سارة محمد الشهري")
    dialog.relation.set_code("daughter")
    dialog.gender.set_code("female")
    type_text(qtbot, dialog.birth_date, "1/1/2015")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(view.members_model.rows) == 1)
    assert "٢" in view.tabs.tabText(0) or "2" in view.tabs.tabText(2) or "١" in view.tabs.tabText(2)
    view.tabs.setCurrentIndex(2)
    view.members_table.setCurrentIndex(view.members_model.index(0, 0))
    view.remove_member()
    qtbot.waitUntil(lambda: view.members_model.rows == [])
    assert applicants.get(ctx, person.id).members == ()
