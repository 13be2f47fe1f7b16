"""The interface language at run time: catalog, layout direction and Qt's own translations."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from ... import i18n

_QT_CATALOGS = ("qtbase", "qt")


def _install_qt_translations(app: QApplication, lang: str) -> None:
    for old in getattr(app, "_ajfar_translators", []):
        app.removeTranslator(old)
    installed = []
    if lang != "en":
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in _QT_CATALOGS:
            translator = QTranslator(app)
            if translator.load(f"{name}_{lang}", folder):
                app.installTranslator(translator)
                installed.append(translator)
                break  # qt_ar includes qtbase_ar: one is enough
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
        current.setLayoutDirection(direction(lang))
