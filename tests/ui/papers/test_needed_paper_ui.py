"""From the refusal of the declaration to the paper the applicant takes home, by the keyboard:
the refusal names what is missing and offers «المستندات المطلوبة…» (Alt+M); the key opens the
paper's preview, it prints, and the papers panel lists it. A complete draft offers no such paper."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from ajfar_desk.db.models import Document
from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.requests.request_form import RequestForm
from printing.scenario import submitted_request
from ui.requests.test_request_actions_fit import on_screen

from .printing import print_to_pdf

ALT = Qt.KeyboardModifier.AltModifier


def _open(qtbot, window, request_id) -> RequestForm:
    window.open_request(request_id)
    form = window.page
    assert isinstance(form, RequestForm)
    return form


def test_the_refusal_offers_the_paper_and_alt_m_prints_it(qtbot, window, ctx, tmp_path):
    applicant, draft = submitted_request(ctx, first="نورة", nid_body="05432198", gender="female",
                                         submit=False)
    required = ctx.profile.program(draft.program).required_documents
    gone = [k for k in required if k != "national_id"][:2]
    with ctx.uow() as s:
        for doc in s.scalars(select(Document).where(Document.applicant_id == applicant.id,
                                                    Document.kind.in_(gone))):
            s.delete(doc)
    form = _open(qtbot, window, draft.id)
    panel = form.papers
    assert panel.needed_button.isVisible() and panel.needed_button.isEnabled()
    qtbot.keyClick(form, Qt.Key.Key_P, ALT)  # the declaration: refused, documents missing
    message = strip_bidi_controls(form.error.text())
    assert "لا يُصدر الإقرار قبل اكتمال المستندات." in message
    assert "تُعطى المتقدمة قائمة بما تُحضره: «المستندات المطلوبة…» (Alt+M)." in message
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.checklist, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_M, ALT)  # where the keyboard is
    preview = panel.preview
    assert preview is not None and preview.isVisible()
    pdf = PdfReader(io.BytesIO(preview.pdf_bytes))
    assert "المستندات المطلوبة لاستكمال طلبك" in pdf.metadata["/Title"] and len(pdf.pages) == 1
    issued = documents.list_documents(ctx, draft.id)
    assert [d.kind for d in issued] == [paper.NEEDED]
    needed = issued[0]
    assert {d["kind"] for d in needed.content["documents"] if d["state"] != "ok"} == set(gone)
    assert print_to_pdf(preview, tmp_path / "needed.pdf")
    preview.close()
    assert documents.get_document(ctx, needed.number).print_count == 1  # counted and audited
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    line = panel.list.item(0).text()
    assert "المستندات المطلوبة" in line and "طُبع" in line
    # asked again: the same paper, now a copy (no second number for the same day and documents)
    window.activateWindow()  # the preview closed: the keyboard back on the request page
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or form, Qt.Key.Key_M, ALT)
    assert panel.preview.isVisible() and "نسخة" in PdfReader(
        io.BytesIO(panel.preview.pdf_bytes)).metadata["/Title"]
    panel.preview.close()
    assert len(documents.list_documents(ctx, draft.id)) == 1


def test_a_complete_draft_has_nothing_to_take_home(qtbot, window, ctx):
    _a, draft = submitted_request(ctx, first="سعد", nid_body="05432177", submit=False)
    form = _open(qtbot, window, draft.id)
    button = form.papers.needed_button
    assert button.isVisible() and not button.isEnabled()
    assert button.toolTip() == "لا ينقص الطلب مستند: يُطبع الإقرار"
    qtbot.keyClick(form, Qt.Key.Key_M, ALT)
    assert form.papers.preview is None and documents.list_documents(ctx, draft.id) == []
    assert "غير متاح" in form.error.text() or "Alt+M" in form.error.text()


AREAS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("size", list(AREAS))
def test_the_button_fits_the_real_desk(qtbot, app, ctx, monkeypatch, size, lang, tmp_path):
    """A draft's paper buttons with «Documents needed…» among them: all on the screen at
    1280×720 in English (the widest words), and the window not grown."""
    from ajfar_desk.ui.common import screen
    from ajfar_desk.ui.shell.app import build_main_window
    from ajfar_desk.ui.shell.language import apply_language

    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(AREAS[size]))
    applicant, draft = submitted_request(ctx, submit=False)
    with ctx.uow() as s:
        for doc in s.scalars(select(Document).where(Document.applicant_id == applicant.id,
                                                    Document.kind != "national_id")):
            s.delete(doc)
    apply_language(lang, app)
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    opened = window.size()
    form = _open(qtbot, window, draft.id)
    qtbot.wait(20)
    p = form.papers
    for button in (p.declaration_button, p.needed_button, p.preview_button, p.signed_button):
        assert button.isVisible() and on_screen(button, window), (button.objectName(), size, lang)
    assert window.size() == opened
    window.grab().save(str(tmp_path / f"page-{size}-{lang}.png"))
