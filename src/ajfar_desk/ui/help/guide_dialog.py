"""«يوم موظف الاستقبال»: the receptionist's day in pictures (resources/guide: one HTML page per
language and the screens drawn by tools/guide_pictures.py), read in a text browser."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ...i18n import DEFAULT_LANGUAGE, _, current_language
from ...paths import resources_dir
from ..common import screen

IMAGE_WIDTH = 900  # the widest picture (tools/guide_pictures.py WIDTH): shown at its own size


def guide_folder():
    return resources_dir() / "guide"


def guide_html(lang: str) -> str:
    """The guide's page in ``lang`` (the Arabic one when there is none)."""
    folder = guide_folder()
    page = folder / f"guide.{lang}.html"
    if not page.is_file():
        page = folder / f"guide.{DEFAULT_LANGUAGE}.html"
    return page.read_text(encoding="utf-8")


class GuideDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("The receptionist's day"))
        lang = current_language()
        self.browser = QTextBrowser()
        self.browser.setObjectName("guide")
        self.browser.setOpenLinks(False)
        self.browser.setSearchPaths([str(guide_folder())])
        direction = (Qt.LayoutDirection.RightToLeft if lang == "ar"
                     else Qt.LayoutDirection.LeftToRight)
        self.browser.setLayoutDirection(direction)
        option = QTextOption()  # paragraphs start on the language's side, whatever their first word
        option.setTextDirection(direction)
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        self.browser.document().setDefaultTextOption(option)
        self.browser.setHtml(guide_html(lang))
        buttons = QDialogButtonBox()
        close = buttons.addButton(_("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setDefault(True)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(IMAGE_WIDTH + 60, 640)  # within a 1280×720 screen, the pictures whole
        screen.stay_on_screen(self)  # its title bar too
        self.browser.setFocus()  # the arrows and Page Down scroll it at once
