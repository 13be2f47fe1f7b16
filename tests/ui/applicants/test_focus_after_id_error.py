"""Trial 12 (shots 08, 09, 09a): at 1366×768 the ID number's error line made the form scroll,
and the field with the focus showed none (its red error frame took the place of the focus
frame): her typing went on into the full ID field, unseen, and was lost. The focused field is
always in view and always shows its focus, the errored one too."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication

from ..conftest import national_id, type_text
from ..fitcheck import room


def _wrong(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def _in_view(form, widget) -> bool:
    viewport = form.scroll_area.viewport()
    top_left = widget.mapTo(viewport, widget.rect().topLeft())
    return viewport.rect().contains(QRect(top_left, widget.size()))


def test_the_focused_field_shows_its_focus_and_stays_in_view_after_an_id_error(qtbot, window):
    window.resize(*room(QRect(0, 0, 1366, 728)))
    form = window.new_applicant()
    f = form.fields
    number = f.inputs["national_id"]
    type_text(qtbot, number, _wrong(national_id(4713)))
    assert f.boxes["national_id"].error.isVisible()
    assert QApplication.focusWidget() is number
    # focused and in error, its frame is not the one it has in error without the focus
    focused = _frame(number)
    qtbot.keyClick(number, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not number and number.property("invalid") is True
    assert _frame(number) != focused
    number.setFocus()
    # Tab through the whole form: each field with the focus is seen whole
    for _ in range(len(form.focus_chain()) + 2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if f.isAncestorOf(focused):
            assert _in_view(form, focused), focused
    form.dirty = False


def _frame(widget) -> tuple[int, ...]:
    """The colours of the widget's frame, down its two sides."""
    image = widget.grab().toImage()
    middle = image.height() // 2
    return tuple(image.pixel(x, middle) for x in (0, 1, 2, image.width() - 3, image.width() - 2, image.width() - 1))


def test_a_field_focused_by_its_error_or_a_key_is_brought_into_view(qtbot, window):
    window.resize(*room(QRect(0, 0, 1366, 680)))
    form = window.new_applicant()
    f = form.fields
    type_text(qtbot, f.inputs["national_id"], _wrong(national_id(4714)))
    form.scroll_area.verticalScrollBar().setValue(0)
    last = [w for w in form.focus_chain() if f.isAncestorOf(w) and w.isVisibleTo(form)][-1]
    last.setFocus()  # not by Tab: as a shortcut or an error would put it there
    qtbot.waitUntil(lambda: _in_view(form, last))
    form.dirty = False
