#!/usr/bin/env python3
"""Keep the translation catalogs in step with the code (babel extraction).

    python tools/i18n.py update   extract msgids from src/, refresh resources/i18n/*.po
    python tools/i18n.py check    exit 1 listing msgids missing from a catalog

English msgids are the source; the English catalog repeats them, the Arabic one translates them.
Counted messages (``ngettext(singular, plural, n)``) become plural entries: one form per plural
category of the language (Arabic six: zero, one, two, few, many, other; English two), and
``check`` reports an entry with any form empty.  Existing translations are kept; strings no
longer in the code are dropped.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "ajfar_desk"
I18N = ROOT / "resources" / "i18n"
KEYWORDS = {"_": None, "N_": None, "gettext": None, "ngettext": (1, 2)}
Msgid = str | tuple[str, str]  # a plain message, or (singular, plural) of a counted one


def extract() -> dict[Msgid, list[tuple[str, int]]]:
    found: dict[Msgid, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        if isinstance(message, tuple):
            message = tuple(message[:2])
            if not all(isinstance(part, str) and part for part in message):
                continue
        elif not (isinstance(message, str) and message):
            continue
        found.setdefault(message, []).append((f"src/ajfar_desk/{filename}", lineno))
    for message, where in _nested().items():
        if message not in found:
            found[message] = where
    return found


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value else None


def _nested() -> dict[Msgid, list[tuple[str, int]]]:
    """Every keyword call with literal text, read from the syntax tree: babel's extractor
    misses one inside another call's arguments (``_(ROLES.get(role, N_("Not signed in")))``
    left «Not signed in» out of both catalogs, and English inside Arabic sentences)."""
    found: dict[Msgid, list[tuple[str, int]]] = {}
    for path in sorted(SRC.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            message: Msgid | None = None
            if node.func.id in ("_", "N_", "gettext") and node.args:
                message = _literal(node.args[0])
            elif node.func.id == "ngettext" and len(node.args) >= 2:
                one, many = _literal(node.args[0]), _literal(node.args[1])
                message = (one, many) if one and many else None
            if message is not None:
                where = f"src/ajfar_desk/{path.relative_to(SRC).as_posix()}"
                found.setdefault(message, []).append((where, node.lineno))
    return found


def plural_messages() -> list[tuple[str, str]]:
    """(singular, plural) of every counted message in the code."""
    return sorted(m for m in extract() if isinstance(m, tuple))


def _key(msgid: Msgid) -> str:
    return msgid[0] if isinstance(msgid, tuple) else msgid


def _kept(previous, msgid: Msgid, forms: int):
    """The previous translation when it has the shape the message needs now."""
    if previous is None or isinstance(previous.id, tuple) != isinstance(msgid, tuple):
        return None
    if isinstance(msgid, tuple):
        string = tuple(previous.string) + ("",) * forms
        return string[:forms]
    return previous.string or None


def complete(message, msgid: Msgid, forms: int) -> bool:
    """The entry translates the message: its text, or every plural form of it."""
    if message is None or isinstance(message.id, tuple) != isinstance(msgid, tuple):
        return False
    if isinstance(msgid, tuple):
        string = tuple(message.string)
        return len(string) == forms and all(string)
    return bool(message.string)


def po_path(lang: str) -> Path:
    return I18N / lang / "LC_MESSAGES" / "ajfar_desk.po"


def load(lang: str) -> Catalog:
    path = po_path(lang)
    if path.exists():
        with path.open("rb") as fh:
            return read_po(fh, locale=lang)
    return Catalog(locale=lang, domain="ajfar_desk")


def update() -> None:
    messages = extract()
    template = Catalog(domain="ajfar_desk", project="Ajfar Desk")
    for msgid, locations in sorted(messages.items(), key=lambda item: _key(item[0])):
        template.add(msgid, locations=locations)
    I18N.mkdir(parents=True, exist_ok=True)
    with (I18N / "ajfar_desk.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True)
    for lang in ("ar", "en"):
        old = load(lang)
        new = Catalog(locale=lang, domain="ajfar_desk", project="Ajfar Desk")
        for msgid, locations in sorted(messages.items(), key=lambda item: _key(item[0])):
            string = _kept(old.get(_key(msgid)), msgid, new.num_plurals)
            if lang == "en" and not (string and all(string) if isinstance(msgid, tuple) else string):
                string = msgid
            if string is None:
                string = ("",) * new.num_plurals if isinstance(msgid, tuple) else ""
            new.add(msgid, string, locations=locations)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, new, sort_output=True, width=100)
    print(f"{len(messages)} messages; catalogs written to {I18N}")


def missing() -> dict[str, list[Msgid]]:
    """The messages of the code each catalog does not translate (a counted one is missing
    while any of its plural forms is empty)."""
    messages = extract()
    result = {}
    for lang in ("ar", "en"):
        cat = load(lang)
        result[lang] = [m for m in messages if not complete(cat.get(_key(m)), m, cat.num_plurals)]
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["check"]:
        gaps = missing()
        for lang, ids in gaps.items():
            for msgid in ids:
                print(f"{lang}: missing {msgid!r}")
        return 1 if any(gaps.values()) else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
