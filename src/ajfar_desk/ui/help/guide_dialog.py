"""«يوم في مكتب الاستقبال»: the receptionist's day in pictures (resources/guide: one HTML page per
language and the screens drawn by tools/guide_pictures.py), read in a text browser.

The pictures are drawn once, from the demonstration store of the Ajfar association (its reference
numbers «AJF-…», its Arabic-Indic digits), and ship as images: an association with another prefix
or digits is told so above them, with its own, so nobody looks for «AJF» in their numbers."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ...domain.digits import localize_digits
from ...i18n import DEFAULT_LANGUAGE, N_, _, current_language
from ...paths import resources_dir
from ..common import screen

IMAGE_WIDTH = 900  # the widest picture (tools/guide_pictures.py WIDTH): shown at its own size
LRM = "\u200e"
PICTURED_PREFIX, PICTURED_DIGITS = "AJF", "arabic"  # the store tools/guide_pictures.py draws
PICTURES_NOTE = N_(
    "The pictures come from a demonstration of the AlAjfar association: there, reference numbers "
    "begin with {pictured} and numbers are written {pictured_digits}. Here, reference numbers "
    "begin with {prefix} and numbers are written {digits}.")


def _code(prefix: str) -> str:
    """«AJF-» read left to right inside Arabic, its dash after it (the text browser's HTML
    drops the isolates ``fmt`` uses: left-to-right marks instead)."""
    return f"{LRM}{prefix}-{LRM}"


def guide_folder():
    return resources_dir() / "guide"


def guide_html(lang: str, prefix: str = PICTURED_PREFIX, digits: str = PICTURED_DIGITS) -> str:
    """The guide's page in ``lang`` (the Arabic one when there is none), told under its opening
    paragraph how this desk's reference numbers (``prefix``) and ``digits`` differ from the
    pictures' (nothing when they do not)."""
    folder = guide_folder()
    page = folder / f"guide.{lang}.html"
    if not page.is_file():
        page = folder / f"guide.{DEFAULT_LANGUAGE}.html"
    text = page.read_text(encoding="utf-8")
    if (prefix, digits) == (PICTURED_PREFIX, PICTURED_DIGITS):
        return text
    note = _(PICTURES_NOTE).format(
        pictured=_code(PICTURED_PREFIX), pictured_digits=localize_digits("123", PICTURED_DIGITS),
        prefix=_code(prefix), digits=localize_digits("123", digits))
    end = text.find("</p>") + len("</p>")  # after the opening paragraph, before the first step
    return f'{text[:end]}\n<p id="picturesNote"><i>{html.escape(note)}</i></p>{text[end:]}'


class GuideDialog(QDialog):
    def __init__(self, parent=None, ctx=None):
        """``ctx``: the desk's store, whose reference prefix and digits the pictures are
        compared with (None: nothing said)."""
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
        where = (ctx.branch.ref_prefix, ctx.profile.digits) if ctx is not None else ()
        self.browser.setHtml(guide_html(lang, *where))
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
