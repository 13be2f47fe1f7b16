"""The guide's pictures show the demonstration association's numbers («AJF-…», ١٢٣); a desk of
another association (or digits) is told so above them, with its own prefix and digits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.services.users import setup
from ajfar_desk.ui.help.guide_dialog import GuideDialog, guide_html
from ajfar_desk.ui.shell.app import build_main_window

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _guide_text(qtbot, window) -> str:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F1, SHIFT)
    dialog = window.help.guide_dialog
    assert isinstance(dialog, GuideDialog) and dialog.isVisible()
    text = strip_bidi_controls(dialog.browser.toPlainText())
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    return text


def test_another_associations_desk_is_told_its_own_prefix_and_digits(qtbot, app, store):
    ctx = setup.init_store(store, "aman", None, "admin", "password123")  # AMN, Western digits
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    text = _guide_text(qtbot, window)
    note = next(line for line in text.splitlines() if "الصور" in line)
    assert "AJF-" in note and "١٢٣" in note  # what the pictures show
    assert "AMN-" in note and "123" in note  # what this desk shows
    assert text.index(note) < text.index("١. البحث عن المستفيد")  # read before the first step


def test_the_demonstrations_own_association_is_told_nothing(qtbot, window):
    text = _guide_text(qtbot, window)  # Ajfar's head office: AJF-, Arabic-Indic digits
    assert "AJF-" not in text and "الصور مأخوذة" not in text


def test_the_english_page_says_it_too():
    page = strip_bidi_controls(guide_html("en", "NJR", "western"))
    assert page.count('id="picturesNote"') == 1 and "NJR-" in page
    assert guide_html("en") == guide_html("en", "AJF", "arabic")
    assert 'id="picturesNote"' not in guide_html("en")
