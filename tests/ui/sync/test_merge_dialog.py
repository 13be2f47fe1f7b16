"""Trial b: merging one person's two files (head office's and a branch's) by keyboard.  The
duplicate list showed a name and a branch per file and the merge kept the first file's values,
dropping head office's spelling, phone and city without a word.  Now the merge dialog shows what
the second file says otherwise; Space takes a value, Tab moves on, Enter merges."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ajfar_desk.services.sync import sync_review
from services.sync.test_sync import set_field, value
from services.sync.test_sync_merge_files import two_files
from ui.sync.test_sync_ui import nodes, page  # noqa: F401 - the fixture


def test_the_second_files_name_and_phone_are_taken_by_keyboard(qtbot, app, nodes):  # noqa: F811
    hq, first, second, dup = two_files(nodes)
    set_field(hq, first.id, notes="")
    view = page(qtbot, hq)
    view.tabs.setCurrentWidget(view.duplicates)
    view.duplicates.merge_button.setFocus()
    qtbot.keyClick(view.duplicates.merge_button, Qt.Key.Key_Space)
    dialog = view.duplicates.dialog
    qtbot.waitExposed(dialog)
    assert set(dialog.boxes) == {"name", "phone", "city"}  # notes: added, not chosen
    text = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "حبونا" in text and second.full_name in text
    assert dialog.focusWidget() is dialog.boxes["name"]  # opens on its first choice
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.boxes["phone"]
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sync_review.duplicates(hq) == [])
    assert value(hq, first.id, "full_name") == second.full_name
    assert (value(hq, first.id, "phone"), value(hq, first.id, "phone2")) == ("+966509876543", "+966551234567")
    assert value(hq, first.id, "city") == "نجران"  # not ticked: the first file's stays
    assert "حبونا" in value(hq, first.id, "notes")  # and the other one is in its notes
    assert view.duplicates.model.rows == []


def test_esc_after_ticking_asks_before_losing_the_choice(qtbot, app, nodes, answers):  # noqa: F811
    hq, first, second, dup = two_files(nodes)
    view = page(qtbot, hq)
    view.duplicates.merge()
    dialog = view.duplicates.dialog
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    answers.replies = [False]  # "no": stay
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert answers.asked and dialog.isVisible()
    assert [d.status for d in sync_review.duplicates(hq, None)] == ["open"]


def test_the_review_tabs_and_the_merge_answer_keys_from_anywhere_on_the_page(qtbot, app, nodes):  # noqa: F811
    """Trial b: Ctrl+PgDown did nothing on the exchange page; the duplicates tab was reached
    only by Shift+Tab onto the tab bar and an arrow, the merge button by more Tabs."""
    hq, first, second, dup = two_files(nodes)
    view = page(qtbot, hq)
    view.activateWindow()
    view.peers.setFocus()
    qtbot.waitUntil(view.peers.hasFocus)
    assert view.tabs.currentWidget() is view.conflicts
    qtbot.keyClick(view.peers, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentWidget() is view.duplicates
    qtbot.keyClick(view.peers, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.tabs.currentWidget() is view.conflicts
    qtbot.keyClick(view.peers, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
    dialog = view.duplicates.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sync_review.duplicates(hq) == [])
