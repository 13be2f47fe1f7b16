"""Translation catalog: gettext-style ``_`` over babel-managed catalogs.

Source strings (msgids) are English; ``resources/i18n/<lang>/LC_MESSAGES/ajfar_desk.po`` holds
each language.  What the program reads is the compiled ``ajfar_desk.mo`` beside it (a tenth of
the time of parsing the .po at every start): installing builds it (``hatch_build.py``), and
when it is missing or older than its .po (a source checkout, a catalog just edited) it is
compiled here at first use, so there is no compile step that could be forgotten.  "Older" is
told by content, not by file times (which pip and git do not keep): each .mo carries the
SHA-256 of the .po it was compiled from.  A folder that cannot be written to is read from the
.po instead.  Arabic is the default language.

Counted messages go through ``ngettext(singular, plural, n)``: the catalog holds one form per
plural category of the language (Arabic six: zero, one, two, few 3–10, many 11–99, other
100+; English two) and its ``Plural-Forms`` header (the CLDR rule) picks the form for ``n``.
"""

from __future__ import annotations

import gettext as _gnu
import hashlib
import io
import os
import struct
from collections.abc import Callable
from functools import cache
from pathlib import Path

from .paths import resources_dir

DOMAIN = "ajfar_desk"
LANGUAGES = ("ar", "en")
DEFAULT_LANGUAGE = "ar"
RTL_LANGUAGES = frozenset({"ar"})

_state = {"lang": DEFAULT_LANGUAGE}
_MO_MAGIC = 0x950412DE
SOURCE_CONTEXT = "ajfar_desk"  # msgctxt of the entry holding the source .po's SHA-256
SOURCE_KEY = "source-sha256"
ENGLISH_PLURAL = "(n != 1)"


class Translations(dict):
    """msgid -> translation, plus the plural entries of the catalog: ``plurals`` maps a
    singular msgid to its forms (one per plural category of the language, in the order of the
    catalog's ``Plural-Forms``) and ``plural`` picks the form for a number."""

    def __init__(self, table=(), plurals=None, rule: str = ENGLISH_PLURAL):
        super().__init__(table)
        self.plurals: dict[str, tuple[str, ...]] = dict(plurals or {})
        self.rule = rule
        self.plural: Callable[[int], int] = _gnu.c2py(rule)


def plural_rule(header: str) -> str:
    """The C expression of a catalog header's ``Plural-Forms`` (English's when absent)."""
    for line in header.splitlines():
        name, _sep, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            for part in value.split(";"):
                key, _eq, expr = part.partition("=")
                if key.strip() == "plural" and expr.strip():
                    return expr.strip()
    return ENGLISH_PLURAL


def po_file(lang: str) -> Path:
    return resources_dir() / "i18n" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_file(lang: str) -> Path:
    return po_file(lang).with_suffix(".mo")


def compile_catalog(po: Path, mo: Path) -> Path:
    """Compile a .po into a .mo (babel), written beside and renamed into place whole (two
    programs starting at once never read half a file).  Fuzzy and untranslated entries are left
    out, as gettext does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    lang = po.parent.parent.name
    source = po.read_bytes()
    cat = read_po(io.BytesIO(source), locale=lang)
    cat.add(SOURCE_KEY, hashlib.sha256(source).hexdigest(), context=SOURCE_CONTEXT)
    tmp = mo.with_name(f".{mo.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            write_mo(fh, cat, use_fuzzy=False)
        os.replace(tmp, mo)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return mo


def read_mo(path: Path) -> Translations:
    """msgid -> translation from a GNU .mo file; plural entries in ``.plurals``."""
    return _read_mo(path)[0]


def _read_mo(path: Path) -> tuple[Translations, str | None]:
    """The translations of a .mo file, and the SHA-256 of the .po it was compiled from."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == _MO_MAGIC else ">"
    if struct.unpack(order + "I", data[:4])[0] != _MO_MAGIC:
        raise ValueError(f"{path} is not a .mo file")
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    table: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    source = None
    rule = ENGLISH_PLURAL
    stamp = f"{SOURCE_CONTEXT}\x04{SOURCE_KEY}"
    for i in range(count):
        id_len, id_at = struct.unpack_from(order + "2I", data, originals + 8 * i)
        str_len, str_at = struct.unpack_from(order + "2I", data, translations + 8 * i)
        msgid = data[id_at:id_at + id_len].decode("utf-8")
        string = data[str_at:str_at + str_len].decode("utf-8")
        if not msgid:
            rule = plural_rule(string)
        elif msgid == stamp:
            source = string
        elif "\x04" in msgid:
            continue
        elif "\x00" in msgid:
            plurals[msgid.split("\x00")[0]] = tuple(string.split("\x00"))
        else:
            table[msgid] = string
    return Translations(table, plurals, rule), source


def _read_po(path: Path, lang: str) -> Translations:
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    table = {
        msg.id: msg.string
        for msg in cat
        if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy
    }
    plurals = {
        msg.id[0]: tuple(msg.string)
        for msg in cat
        if isinstance(msg.id, tuple)
        and isinstance(msg.string, tuple | list)  # babel reads a plural entry's strings as a tuple
        and any(msg.string)
        and not msg.fuzzy
        and not msg.context
    }
    return Translations(table, plurals, cat.plural_expr)


def _compiled(mo: Path, po: Path) -> Translations | None:
    """The .mo's translations when it was compiled from the .po as it is now, else None."""
    try:
        table, source = _read_mo(mo)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, struct.error, UnicodeDecodeError):
        return None  # damaged: compiled again
    try:
        current = hashlib.sha256(po.read_bytes()).hexdigest()
    except FileNotFoundError:  # an installation shipped with the .mo alone
        return table
    return table if source == current else None


@cache
def catalog(lang: str) -> Translations:
    """msgid -> translation for one language (untranslated entries are left out)."""
    po, mo = po_file(lang), mo_file(lang)
    table = _compiled(mo, po)
    if table is not None:
        return table
    if not po.exists():
        return Translations()
    try:
        return read_mo(compile_catalog(po, mo))
    except OSError:  # a read-only installation: read the .po itself
        return _read_po(po, lang)


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


def ngettext(singular: str, plural: str, n: int, lang: str | None = None) -> str:
    """The form of a counted message for ``n`` (gettext's ngettext): the catalog's form for
    the plural category of ``n`` in the language (Arabic has six: zero, one, two, few 3–10,
    many 11–99, other 100+), else the English singular for 1 and plural otherwise.  The caller
    fills the placeholders, writing ``n`` in the profile's digits."""
    table = catalog(lang or current_language())
    forms = table.plurals.get(singular)
    if forms:
        try:
            form = forms[table.plural(abs(int(n)))]
        except IndexError:
            form = ""
        if form:
            return form
    return singular if n == 1 else plural


def N_(message: str) -> str:  # noqa: N802 - gettext convention: mark for extraction only
    return message
