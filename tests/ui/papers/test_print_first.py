"""«Signed on paper…» waits until the declaration is printed, and says why where it can be read:
a line under it, in the applicant's gender, with the key that prints (a keyboard user never
sees a tooltip).  Printed from there with the keyboard, the keyboard lands on «Signed on
paper…»: Space records the signature."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk import i18n
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicants import DocumentInput
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.requests.request_form import RequestForm

from ..conftest import register
from .printing import print_to_pdf

ALT = Qt.KeyboardModifier.AltModifier


def waiting_declaration(ctx, gender: str, seed: int):
    """A draft whose declaration is issued to be signed by hand, and not printed yet."""
    first = "نورة" if gender == "female" else "سعد"
    person = register(ctx, seed, gender=gender, first_name=first)
    program = max(ctx.profile.programs, key=lambda p: len(p.required_documents))
    for kind in program.required_documents:
        expiry = "2035-01-01" if ctx.profile.document_kind(kind).has_expiry else ""
        number = "" if kind in ("national_id", "iqama") else "A-1"
        applicants.add_document(ctx, person.id, DocumentInput(kind, number, "2020-01-01", expiry))
    request = requests.create_request(ctx, person.id, program.code, "interview")
    doc = documents.issue(ctx, request.id, "declaration")  # no image: signed on the paper
    return request, doc


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus was lost"
    qtbot.keyClick(widget, key, modifier)


@pytest.mark.parametrize(("gender", "words"), [
    ("female", "يُطبع الإقرار أولًا لتوقّع عليه المستفيدة"),
    ("male", "يُطبع الإقرار أولًا ليوقّع عليه المستفيد"),
])
def test_the_reason_under_the_greyed_button_in_the_applicants_gender(qtbot, window, ctx, gender,
                                                                      words):
    request, _doc = waiting_declaration(ctx, gender, 41 if gender == "female" else 42)
    window.open_request(request.id)
    panel = window.page.papers
    assert not panel.signed_button.isEnabled()
    hint = panel.print_first
    assert hint.isVisible() and not hint.visibleRegion().isEmpty()  # seen, not a tooltip
    said = strip_bidi_controls(hint.text())
    assert words in said and "معاينة وطباعة" in said and "Alt+V" in said
    # under the buttons' row (outside the scrolled content: always on the screen)
    assert hint.parentWidget() is panel.action_row and not window.page.middle.isAncestorOf(hint)

    i18n.set_language("en")
    window.page.retranslate()
    said = strip_bidi_controls(hint.text())
    assert "Print the declaration first for the applicant to sign it" in said
    assert "(woman)" not in said


def test_printed_from_the_hint_then_signed_with_the_keyboard(qtbot, window, ctx, answers, tmp_path):
    request, doc = waiting_declaration(ctx, "female", 43)
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    panel = form.papers
    assert panel.print_first.isVisible() and not panel.signed_button.isEnabled()
    form.back_button.setFocus()  # anywhere on the page: the key the line names
    key(qtbot, Qt.Key.Key_V, ALT)
    preview = panel.preview
    assert preview is not None and preview.isVisible()
    assert print_to_pdf(preview, tmp_path / "declaration.pdf")  # the desk's printer
    preview.activateWindow()
    qtbot.waitUntil(preview.isActiveWindow)
    key(qtbot, Qt.Key.Key_Escape)
    assert not preview.isVisible()
    # printed: the line goes, the button is there, and the keyboard on it
    qtbot.waitUntil(lambda: panel.signed_button.isEnabled() and not panel.print_first.isVisible())
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.signed_button)
    answers.replies = [False]  # no scan to attach
    key(qtbot, Qt.Key.Key_Space)
    assert documents.get_document(ctx, doc.number).signed
    qtbot.waitUntil(lambda: not panel.signed_button.isEnabled())
    assert not panel.print_first.isVisible()  # signed: nothing waits


def test_the_link_prints_too(qtbot, window, ctx):
    request, doc = waiting_declaration(ctx, "male", 44)
    window.open_request(request.id)
    panel = window.page.papers
    panel.print_first.linkActivated.emit("print")  # as a click on the link does
    assert panel.preview is not None and panel.preview.isVisible()
    assert doc.number in panel.preview.windowTitle()
    panel.preview.close()


def test_no_line_once_the_declaration_is_printed(qtbot, window, ctx):
    request, doc = waiting_declaration(ctx, "male", 45)
    documents.record_print(ctx, doc.number, copy=False)
    window.open_request(request.id)
    panel = window.page.papers
    assert panel.signed_button.isEnabled() and not panel.print_first.isVisible()


def test_a_declaration_issued_again_is_the_one_selected(qtbot, window, ctx):
    """A second declaration (the first signed): issued with the keyboard, it is the selected
    paper, so «Signed on paper…» and its line are about it (the first stayed selected)."""
    request, first = waiting_declaration(ctx, "female", 46)
    documents.record_print(ctx, first.number, copy=False)
    documents.record_wet_signature(ctx, first.number)
    window.open_request(request.id)
    panel = window.page.papers
    assert panel.selected().number == first.number and not panel.print_first.isVisible()
    key(qtbot, Qt.Key.Key_P, ALT)
    dialog = panel.dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    key(qtbot, Qt.Key.Key_H, ALT)  # signed by hand on the printed paper
    key(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    panel.preview.close()  # closed without printing
    qtbot.waitUntil(lambda: panel.selected() is not None and panel.selected().number != first.number)
    assert panel.print_first.isVisible() and not panel.signed_button.isEnabled()
