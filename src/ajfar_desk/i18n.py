"""Translation catalog: gettext-style ``_`` over babel-managed catalogs.

Source strings (msgids) are English; ``resources/i18n/<lang>/LC_MESSAGES/ajfar_desk.po`` holds
each language.  What the program reads is the compiled ``ajfar_desk.mo`` beside it (a tenth of
the time of parsing the .po at every start): installing builds it (``hatch_build.py``), and
when it is missing or older than its .po (a source checkout, a catalog just edited) it is
compiled here at first use, so there is no compile step that could be forgotten.  "Older" is
told by content, not by file times (which pip and git do not keep): each .mo carries the
SHA-256 of the .po it was compiled from.  A folder that cannot be written to is read from the
.po instead.  Arabic is the default language.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
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


def read_mo(path: Path) -> dict[str, str]:
    """msgid -> translation from a GNU .mo file (plural entries and the header left out)."""
    return _read_mo(path)[0]


def _read_mo(path: Path) -> tuple[dict[str, str], str | None]:
    """The translations of a .mo file, and the SHA-256 of the .po it was compiled from."""
    data = path.read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == _MO_MAGIC else ">"
    if struct.unpack(order + "I", data[:4])[0] != _MO_MAGIC:
        raise ValueError(f"{path} is not a .mo file")
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])
    table: dict[str, str] = {}
    source = None
    stamp = f"{SOURCE_CONTEXT}\x04{SOURCE_KEY}"
    for i in range(count):
        id_len, id_at = struct.unpack_from(order + "2I", data, originals + 8 * i)
        str_len, str_at = struct.unpack_from(order + "2I", data, translations + 8 * i)
        msgid = data[id_at:id_at + id_len].decode("utf-8")
        if msgid and "\x00" not in msgid and "\x04" not in msgid:
            table[msgid] = data[str_at:str_at + str_len].decode("utf-8")
        elif msgid == stamp:
            source = data[str_at:str_at + str_len].decode("ascii")
    return table, source


def _read_po(path: Path, lang: str) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    return {
        msg.id: msg.string
        for msg in cat
        if msg.id and isinstance(msg.id, str) and msg.string and not msg.fuzzy
    }


def _compiled(mo: Path, po: Path) -> dict[str, str] | None:
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
def catalog(lang: str) -> dict[str, str]:
    """msgid -> translation for one language (untranslated entries are left out)."""
    po, mo = po_file(lang), mo_file(lang)
    table = _compiled(mo, po)
    if table is not None:
        return table
    if not po.exists():
        return {}
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


def N_(message: str) -> str:  # noqa: N802 - gettext convention: mark for extraction only
    return message
