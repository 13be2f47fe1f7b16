"""The About box as a front-desk employee reads it (Ctrl+F1): the program and its version, the
association and its licence number in the profile's digits, where the work is kept, whom to ask;
Arabic first, right to left.  The technical details wait behind «Technical details» (Space),
and «Copy the details» puts them on the clipboard for support."""

from __future__ import annotations

import platform
import sqlite3

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.digits import to_arabic_digits
from ajfar_desk.identity import version
from ajfar_desk.ui.help.about_dialog import AboutDialog

DESK = (1366, 768 - 40)


def _about(qtbot, window) -> AboutDialog:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1,
                   Qt.KeyboardModifier.ControlModifier)
    dialog = window.help.about_dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def test_the_about_box_says_what_the_desk_needs_first(qtbot, window, ctx):
    dialog = _about(qtbot, window)
    assert dialog.isRightToLeft()
    assert "مكتب الأجفر" in dialog.windowTitle() and version() in dialog.version_label.text()
    said = dialog.association_label.text()
    assert ctx.profile.name_ar in said and ctx.branch.name("ar") in said
    assert "ترخيص رقم " + to_arabic_digits(ctx.profile.license_number) in said  # ٤٢٨٤
    data = dialog.data_label.text()
    assert "على هذا الجهاز" in data and str(ctx.store.data_dir) in data
    assert str(ctx.store.data_dir / "backups") in data
    assert "مدير النظام" in dialog.support_label.text()
    for label in (dialog.association_label, dialog.data_label, dialog.support_label):
        assert label.isVisible()
    # the technical details are not the first thing read
    assert not dialog.details.isVisible() and not dialog.versions.isVisible()
    assert "Python" not in " ".join((said, data, dialog.support_label.text()))
    assert dialog.width() <= DESK[0] and dialog.height() <= DESK[1]


def test_technical_details_open_with_the_keyboard_and_are_copied_whole(qtbot, window, ctx):
    dialog = _about(qtbot, window)
    size = dialog.size()
    assert QApplication.focusWidget() is dialog.details_button
    qtbot.keyClick(dialog.details_button, Qt.Key.Key_Space)
    assert dialog.details.isVisible() and dialog.size() == size  # the window did not grow
    text = dialog.details_text.toPlainText()
    for part in (f"Python: {platform.python_version()}", f"SQLite: {sqlite3.sqlite_version}",
                 str(ctx.store.data_dir), "Qt: ", f"Ajfar Desk: {version()}"):
        assert part in text, part
    assert "password" not in text.lower()
    QApplication.clipboard().clear()
    dialog.copy_button.setFocus()
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    assert QApplication.clipboard().text() == text and dialog.copied.text() == "نُسخت."
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_in_english_it_reads_left_to_right(qtbot, window, ctx):
    window.language_action.trigger()
    dialog = _about(qtbot, window)
    assert not dialog.isRightToLeft()
    assert ctx.profile.name_en in dialog.association_label.text()
    assert f"Licence no. {ctx.profile.license_number}" in dialog.association_label.text()
    assert "this computer" in dialog.data_label.text()


def test_each_data_path_reads_whole_on_a_line_of_its_own(qtbot, window, ctx):
    """The paths are not mixed into the Arabic sentence (where «/work/» ended one line and the
    rest began the next): each is a line of its own, isolated left to right."""
    dialog = _about(qtbot, window)
    lines = dialog.data_label.text().split("\n")
    for path in (ctx.store.data_dir, ctx.store.data_dir / "backups"):
        assert f"\u2066{path}\u2069" in lines, lines
    said = dialog.support_label.text()
    assert "«نسخ التفاصيل»" in said and "فزر" not in said  # the button named, no stray «ف»


def test_enter_on_technical_details_opens_them_and_enter_copies(qtbot, window, ctx):
    """Trial 10 (shots 98, 102): Enter on «Technical details» closed the box (it went on to the
    default button, «Close»), so «Copy the details» never appeared.  Enter presses the focused
    button; the keyboard then stands on «Copy the details», and Enter copies."""
    dialog = _about(qtbot, window)
    assert QApplication.focusWidget() is dialog.details_button
    qtbot.keyClick(dialog.details_button, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.details.isVisible()
    assert dialog.copy_button.isVisible() and QApplication.focusWidget() is dialog.copy_button
    QApplication.clipboard().clear()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert QApplication.clipboard().text() == dialog.details_text.toPlainText() != ""
    # Tab from the details button reaches the copy button next
    dialog.details_button.setFocus()
    qtbot.keyClick(dialog.details_button, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.copy_button
    qtbot.keyClick(dialog.details_button, Qt.Key.Key_Return)  # toggles them shut
    assert not dialog.details.isVisible() and dialog.isVisible()
