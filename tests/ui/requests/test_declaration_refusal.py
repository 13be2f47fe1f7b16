"""Submitting with a declaration not signed yet: the refusal says what its paper still needs, by
its state, names the button and its key, and puts the keyboard on it.  «Signed on paper…» has a
key of its own (Alt+W), in its tooltip and in the shortcuts sheet (F1), used by no other control
of the request page.

Trial: the declaration was issued and printed; Ctrl+Return said «issue it…», and «Signed on
paper…» was eleven Tabs away."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.papers import documents
from ajfar_desk.ui.common.key_text import key_text
from ajfar_desk.ui.requests.request_form import RequestForm
from ajfar_desk.ui.requests.request_keys import REQUEST_KEYS, shortcut_rows

from ..papers.test_print_first import waiting_declaration

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def _page(qtbot, window, request) -> RequestForm:
    window.open_request(request.id)
    form = window.page
    assert isinstance(form, RequestForm)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return form


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus was lost"
    qtbot.keyClick(widget, key, modifier)


def test_printed_not_signed_the_refusal_points_at_signed_on_paper(qtbot, window, ctx, answers):
    request, doc = waiting_declaration(ctx, "female", 51)
    documents.record_print(ctx, doc.number, copy=False)  # printed at the desk
    form = _page(qtbot, window, request)
    panel = form.papers
    form.tabs.setCurrentIndex(1)  # on another tab, the focus elsewhere
    form.back_button.setFocus()
    _press(qtbot, Qt.Key.Key_Return, CTRL)
    said = strip_bidi_controls(form.error.text())
    assert "لم يُسجَّل توقيع المتقدمة عليه بعد" in said
    assert "تسجيل توقيعها على الورق: «وُقّع على الورق…» (Alt+W)" in said
    assert "يُصدَر الإقرار" not in said  # it is issued
    assert form.tabs.currentIndex() == 0
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.signed_button)
    answers.replies = [False]  # no scan to attach
    _press(qtbot, Qt.Key.Key_Space)
    assert documents.get_document(ctx, doc.number).signed


def test_not_printed_the_refusal_says_print_it(qtbot, window, ctx):
    request, _doc = waiting_declaration(ctx, "male", 52)
    form = _page(qtbot, window, request)
    form.back_button.setFocus()
    _press(qtbot, Qt.Key.Key_Return, CTRL)
    said = strip_bidi_controls(form.error.text())
    assert "لم يُطبع بعد" in said and "(Alt+V)" in said and "يُصدَر الإقرار" not in said
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.papers.preview_button)


def test_alt_w_records_the_signature_from_anywhere_on_the_page(qtbot, window, ctx, answers):
    request, doc = waiting_declaration(ctx, "female", 53)
    documents.record_print(ctx, doc.number, copy=False)
    form = _page(qtbot, window, request)
    signed = form.papers.signed_button
    assert "Alt+W" in strip_bidi_controls(form.keys.tooltip(signed))
    form.tabs.setCurrentIndex(2)
    form.back_button.setFocus()
    answers.replies = [False]
    _press(qtbot, Qt.Key.Key_W, ALT)
    assert documents.get_document(ctx, doc.number).signed


def test_alt_w_is_the_request_pages_own_and_in_the_sheet():
    sequences = [key.sequence for key in REQUEST_KEYS]
    assert len(sequences) == len(set(sequences)) and "Alt+W" in sequences
    assert key_text("Alt+W") in [key for _what, key in shortcut_rows()]
