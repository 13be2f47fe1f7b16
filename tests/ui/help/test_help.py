"""The Help menu by keyboard: About (versions, licences), the shortcuts registered on the
window, and the receptionist's guide with its pictures."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence, QTextDocument
from PySide6.QtWidgets import QApplication

from ajfar_desk.i18n import _
from ajfar_desk.identity import licence, version
from ajfar_desk.paths import resources_dir
from ajfar_desk.ui.help.about_dialog import AboutDialog
from ajfar_desk.ui.help.guide_dialog import IMAGE_WIDTH, GuideDialog, guide_html
from ajfar_desk.ui.shell.shortcuts_sheet import ShortcutsSheet

from ..conftest import type_text  # noqa: F401 - the same fixtures' module

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
DESK = (1366, 768 - 40)  # the laptop's screen, its taskbar taken off
GUIDE = resources_dir() / "guide"


def _press(qtbot, window, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(QApplication.focusWidget() or window, key, modifier)


def _fits(dialog) -> bool:
    return dialog.width() <= DESK[0] and dialog.height() <= DESK[1]


def test_the_help_menu_holds_the_shortcuts_the_guide_and_about(window):
    menu = window.help.menu
    actions = [a for a in menu.actions() if not a.isSeparator()]
    assert actions == [window.shortcuts_action, window.help.guide_action, window.help.about_action]
    assert window.help.button.text() == "مساعدة" and window.help.button.menu() is menu
    assert [a.shortcut().toString() for a in actions] == ["F1", "Shift+F1", "Ctrl+F1"]


def test_about_opens_with_ctrl_f1_and_tells_the_versions_and_licences(qtbot, window):
    _press(qtbot, window, Qt.Key.Key_F1, CTRL)
    dialog = window.help.about_dialog
    assert isinstance(dialog, AboutDialog) and dialog.isVisible()
    assert dialog.isRightToLeft() and _fits(dialog)
    assert version() in dialog.version_label.text() and licence() in dialog.licence_label.text()
    names = {name: value for name, value in dialog.rows(dialog.versions)}
    assert set(names) == {"Ajfar Desk", "Python", "Qt", "PySide6", "SQLAlchemy", "ReportLab", "SQLite"}
    assert names["Ajfar Desk"] == version() and all(re.match(r"\d+\.\d+", v) for v in names.values())
    qtbot.waitUntil(lambda: dialog.third_party.rowCount() > 10, timeout=10_000)
    packages = {row[0].lower().replace("_", "-"): row for row in dialog.rows(dialog.third_party)}
    assert "LGPL" in packages["pyside6-essentials"][2] and "ajfar-desk" not in packages
    assert {"sqlalchemy", "reportlab", "babel", "fontpkg-amiri"} <= set(packages)
    assert "pytest" not in packages  # the program's own dependencies only, not the test tools
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_shortcuts_sheet_lists_the_keys_registered_on_the_window(qtbot, window):
    _press(qtbot, window, Qt.Key.Key_F1)
    sheet = window.shortcuts_sheet
    assert isinstance(sheet, ShortcutsSheet) and sheet.isVisible() and _fits(sheet)
    rows = sheet.rows()
    start = rows.index((_("Main window"), ""))
    end = next(i for i, row in enumerate(rows) if i > start and row[1] == "")
    listed = {text for text, _key in rows[start + 1:end]}
    registered = {a.text() for a in window.findChildren(type(window.shortcuts_action))
                  if a.parent() is window and a.isVisible() and not a.shortcut().isEmpty()}
    assert listed == registered
    assert {_("About Ajfar Desk"), _("The receptionist's day (guide)"), _("Sign out")} <= listed
    qtbot.keyClick(sheet.table, Qt.Key.Key_Escape)
    assert not sheet.isVisible()


def test_the_guide_opens_with_shift_f1_and_shows_its_pictures(qtbot, window):
    _press(qtbot, window, Qt.Key.Key_F1, SHIFT)
    dialog = window.help.guide_dialog
    assert isinstance(dialog, GuideDialog) and dialog.isVisible() and _fits(dialog)
    assert dialog.browser.isRightToLeft()
    qtbot.waitUntil(dialog.browser.hasFocus)  # the arrows and Page Down scroll it at once
    text = dialog.browser.toPlainText()
    assert text.startswith("يوم في مكتب الاستقبال")  # not «موظف»: most at the desk are women (trial 11)
    sources = re.findall(r'<img src="([^"]+)"', guide_html("ar"))
    assert len(sources) >= 6
    document = dialog.browser.document()
    for source in sources:
        image = document.resource(QTextDocument.ResourceType.ImageResource, QUrl(source))
        assert image is not None and not image.isNull() and 500 <= image.width() <= IMAGE_WIDTH, source
    qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_guides_pictures_are_few_small_and_all_shown():
    pictures = sorted(p.name for p in GUIDE.glob("*.png"))
    assert 6 <= len(pictures) <= 8
    assert all((GUIDE / p).stat().st_size <= 150_000 for p in pictures)
    for lang in ("ar", "en"):  # each language's page shows every picture, once
        assert sorted(re.findall(r'<img src="([^"]+)"', guide_html(lang))) == pictures


def test_the_keys_the_guide_names_are_registered_keys(window):
    """The guide names keys: each is one the program has (a window action or a page's key)."""
    from ajfar_desk.ui.applicants.file_keys import file_rows
    from ajfar_desk.ui.papers.receipt_offer import RECEIPT_SHORTCUT
    from ajfar_desk.ui.requests.request_keys import shortcut_rows

    window.set_language("en")
    known = {a.shortcut().toString() for a in window.findChildren(type(window.shortcuts_action))
             if not a.shortcut().isEmpty()}
    known |= {QKeySequence(key.strip("\u2066\u2069")).toString()
              for _text, key in file_rows() + shortcut_rows()}
    known |= {"Enter", RECEIPT_SHORTCUT}  # the form's save; the receipt offered on submission
    for lang in ("ar", "en"):
        named = set(re.findall(r"<b>([^<]+)</b>", guide_html(lang)))
        assert named and named <= known, named - known
