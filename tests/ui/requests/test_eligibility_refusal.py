"""Submitting with a confirmation not ticked, at the real desk (1366×768, a 40-pixel taskbar):
the refusal names the confirmation, the page brings its box into view and the keyboard is on
it, so one Space ticks it (trial: the new employee pressed Ctrl+Enter, read a paragraph and
did not find the box, below the visible part of the page)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.requests import requests
from ajfar_desk.ui.common import screen
from ajfar_desk.ui.requests.request_form import RequestForm

from .test_eligibility_ui import _draft, aman_window  # noqa: F401 - the Aman store's window

CTRL = Qt.KeyboardModifier.ControlModifier
DESK = QRect(0, 0, 1366, 728)


def wholly_seen(widget: QWidget, form: RequestForm) -> bool:
    """Painted whole, inside the scrolled middle's visible part."""
    viewport = form.middle.viewport()
    inside = QRect(widget.mapTo(viewport, widget.rect().topLeft()), widget.size())
    return widget.visibleRegion().boundingRect() == widget.rect() and viewport.rect().contains(inside)


def key(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = QApplication.focusWidget()
    assert widget is not None, "the focus was lost"
    qtbot.keyClick(widget, key, modifier)


def desk_page(qtbot, window, request_id) -> RequestForm:
    window.resize(DESK.width() - 8, DESK.height() - 32)  # maximised under a title bar
    window.open_request(request_id)
    form = window.page
    assert isinstance(form, RequestForm)
    qtbot.waitUntil(lambda: form.middle.viewport().height() > 0)
    return form


def settled(qtbot, form: RequestForm) -> None:
    """The page laid out again (a tab shown, a line shown): as the eye sees it a moment later."""
    content = form.middle.widget()
    qtbot.waitUntil(lambda: content.height() >= content.minimumSizeHint().height())


def test_the_refusal_names_the_unticked_confirmation_and_the_keyboard_is_on_it(
        qtbot, monkeypatch, aman_window):  # noqa: F811 - the fixture imported above
    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(DESK))
    ctx, window = aman_window
    req, program = _draft(ctx, "04567891")
    form = desk_page(qtbot, window, req.id)
    panel = form.eligibility
    key(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)  # the eligibility tab, as at the desk
    settled(qtbot, form)
    boxes = list(panel.checks.values())
    assert len(boxes) == len(program.eligibility.confirmations) >= 3
    assert all(box.height() >= box.sizeHint().height() for box in boxes), "none squeezed"
    assert not wholly_seen(boxes[-1], form), "the case of the trial: boxes below the fold"

    key(qtbot, Qt.Key.Key_Return, CTRL)  # submit
    assert requests.get_request(ctx, req.id).status == "draft"
    said = strip_bidi_controls(form.error.text())
    assert f"«{boxes[0].text()}»" in said, said  # named by its words
    assert "المتقدمة غير مستوفية" in said  # the verdict, in her gender
    assert QApplication.focusWidget() is boxes[0]
    settled(qtbot, form)
    assert wholly_seen(boxes[0], form) and form.error.isVisible()
    key(qtbot, Qt.Key.Key_Space)  # one Space ticks it
    assert boxes[0].isChecked()
    qtbot.waitUntil(lambda: not form.error.isVisible())  # answered: the refusal goes
    key(qtbot, Qt.Key.Key_Tab)  # Tab goes on to the next box
    assert QApplication.focusWidget() is boxes[1]
    key(qtbot, Qt.Key.Key_Space)

    # from the documents tab, the last box out of sight: the refusal brings it
    key(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    settled(qtbot, form)
    assert not boxes[-1].isVisible()
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert form.tabs.currentWidget() is panel
    assert QApplication.focusWidget() is boxes[-1]
    assert f"«{boxes[-1].text()}»" in strip_bidi_controls(form.error.text())
    settled(qtbot, form)
    assert wholly_seen(boxes[-1], form)
    key(qtbot, Qt.Key.Key_Space)
    key(qtbot, Qt.Key.Key_Return, CTRL)
    assert requests.get_request(ctx, req.id).status == "submitted"


def test_the_other_unticked_confirmations_are_counted(qtbot, monkeypatch, aman_window):  # noqa: F811
    monkeypatch.setattr(screen, "screen_area", lambda _widget=None: QRect(DESK))
    ctx, window = aman_window
    req, program = _draft(ctx, "05678912")
    form = desk_page(qtbot, window, req.id)
    qtbot.keyClick(form.submit_button, Qt.Key.Key_Return, CTRL)
    assert len(program.eligibility.confirmations) == 3  # the one named, and two more
    said = strip_bidi_controls(form.error.text())
    assert "ولا من تأكيدَين آخرَين تحته" in said and "مفتاح المسافة" in said
