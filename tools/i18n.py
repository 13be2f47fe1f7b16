#!/usr/bin/env python3
"""Keep the translation catalogs in step with the code (babel extraction).

    python tools/i18n.py update   extract msgids from src/, refresh resources/i18n/*.po
    python tools/i18n.py check    exit 1 listing msgids missing from a catalog

English msgids are the source; the English catalog repeats them, the Arabic one translates them.
Existing translations are kept; strings no longer in the code are dropped.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "ajfar_desk"
I18N = ROOT / "resources" / "i18n"
KEYWORDS = {"_": None, "N_": None, "gettext": None}


def extract() -> dict[str, list[tuple[str, int]]]:
    found: dict[str, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(SRC), method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    ):
        if isinstance(message, str) and message:
            found.setdefault(message, []).append((f"src/ajfar_desk/{filename}", lineno))
    return found


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
    for msgid, locations in sorted(messages.items()):
        template.add(msgid, locations=locations)
    I18N.mkdir(parents=True, exist_ok=True)
    with (I18N / "ajfar_desk.pot").open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True)
    for lang in ("ar", "en"):
        old = load(lang)
        new = Catalog(locale=lang, domain="ajfar_desk", project="Ajfar Desk")
        for msgid, locations in sorted(messages.items()):
            previous = old.get(msgid)
            string = previous.string if previous is not None and previous.string else ""
            if lang == "en" and not string:
                string = msgid
            new.add(msgid, string, locations=locations)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            write_po(fh, new, sort_output=True, width=100)
    print(f"{len(messages)} messages; catalogs written to {I18N}")


def missing() -> dict[str, list[str]]:
    messages = extract()
    result = {}
    for lang in ("ar", "en"):
        cat = load(lang)
        result[lang] = [m for m in messages if cat.get(m) is None or not cat.get(m).string]
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
