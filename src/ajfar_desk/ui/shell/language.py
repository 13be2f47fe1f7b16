"""The interface language at run time: catalog, layout direction and Qt's own translations."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from ... import i18n
from ...i18n import N_
from ..common.collector import collector_paused

_QT_CATALOGS = ("qtbase", "qt")
log = logging.getLogger(__name__)
# Qt 6's file dialog asks for «&Look in:» and «Files of &type:», which its Arabic catalog
# (made for the older «Look in:») does not have: the dialog spoke English there.
QT_GAPS = {
    ("QFileDialog", "&Look in:"): N_("&Look in:"),
    ("QFileDialog", "Files of &type:"): N_("Files of &type:"),
}


class QtGaps(QTranslator):
    """Qt's own strings that Qt's catalog for the language lacks, from the program's catalog
    (none for every other string, so Qt's catalog answers those)."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: ARG002 (Qt's signature)
        msgid = QT_GAPS.get((context, source))
        return i18n._(msgid) if msgid else None  # None: a null QString (Qt asks the next catalog)

    def isEmpty(self) -> bool:
        return False


def translation_folders() -> list[str]:
    """Where Qt's own catalogs may be: Qt's translations folder, then PySide6's folders as a
    bundle may lay them out (where Qt's folder points at nothing installed, Qt's dialogs would
    speak English)."""
    import PySide6

    package = Path(PySide6.__file__).parent
    folders = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
               str(package / "Qt" / "translations"), str(package / "translations")]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        folders += [str(Path(frozen) / "PySide6" / "Qt" / "translations"),
                    str(Path(frozen) / "PySide6" / "translations")]
    return list(dict.fromkeys(f for f in folders if f))


def _install_qt_translations(app: QApplication, lang: str) -> None:
    for old in getattr(app, "_ajfar_translators", []):
        app.removeTranslator(old)
    installed = []
    if lang != "en":
        translator = QTranslator(app)
        # qt_ar includes qtbase_ar: one is enough (the bundle keeps qtbase_ar alone)
        if any(translator.load(f"{name}_{lang}", folder)
               for folder in translation_folders() for name in _QT_CATALOGS):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt's own %s translations were not found in %s", lang, translation_folders())
        gaps = QtGaps(app)  # installed last, asked first
        app.installTranslator(gaps)
        installed.append(gaps)
    # PySide6 objects take Python attributes; the stubs declare none (a test reads this one)
    app._ajfar_translators = installed  # type: ignore[attr-defined]


def direction(lang: str | None = None) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if i18n.is_rtl(lang) else Qt.LayoutDirection.LeftToRight


def apply_language(lang: str, app: QApplication | None = None) -> None:
    """Switch catalog, Qt's translations, default locale and layout direction (views then retranslate)."""
    current = app or QApplication.instance()
    i18n.set_language(lang)
    QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.SaudiArabia) if lang == "ar" else QLocale(QLocale.Language.English))
    if isinstance(current, QApplication):  # the program's (None before it is made)
        _install_qt_translations(current, lang)
        # Qt walks every open window here, running Python code on the way: no window may be
        # deleted by the garbage collector under the walk (``common.collector``)
        with collector_paused():
            current.setLayoutDirection(direction(lang))
