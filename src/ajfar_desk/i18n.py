"""Translation catalog: gettext-style ``_`` over babel-managed ``.po`` files.

Source strings (msgids) are English; ``resources/i18n/<lang>/LC_MESSAGES/ajfar_desk.po`` holds
each language.  The catalogs are read with babel at first use, so there is no compile step that
could be forgotten.  Arabic is the default language.
"""

from __future__ import annotations

from functools import cache

from babel.messages.pofile import read_po

from .paths import resources_dir

DOMAIN = "ajfar_desk"
LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
RTL_LANGUAGES = frozenset({"ar"})

_state = {"lang": DEFAULT_LANGUAGE}


@cache
def catalog(lang: str) -> dict[str, str]:
    """msgid -> translation for one language (untranslated entries are left out)."""
    path = resources_dir() / "i18n" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    table: dict[str, str] = {}
    for msg in cat:
        if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy:
            table[msg.id] = msg.string
    return table


def set_language(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _state["lang"] = lang


def current_language() -> str:
    return _state["lang"]


def is_rtl(lang: str | None = None) -> bool:
    return (lang or current_language()) in RTL_LANGUAGES


def gettext(message: str, lang: str | None = None) -> str:
    return catalog(lang or current_language()).get(message, message)


_ = gettext


def N_(message: str) -> str:  # noqa: N802 - gettext convention: mark for extraction only
    return message
