"""Both catalogs are complete and every translation keeps its placeholders."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from ajfar_desk import i18n

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import i18n as catalog_tool  # noqa: E402

PLACEHOLDER = re.compile(r"\{[a-z_]*\}")


def test_every_msgid_in_the_code_is_translated_in_both_catalogs():
    gaps = catalog_tool.missing()
    assert gaps == {"ar": [], "en": []}


def test_translations_keep_placeholders():
    for lang in ("ar", "en"):
        for msgid, string in i18n.catalog(lang).items():
            assert sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(string)), (lang, msgid)


def test_arabic_is_default_and_switchable():
    assert i18n.current_language() == "ar" and i18n.is_rtl()
    assert i18n._("Family name") != "Family name"
    i18n.set_language("en")
    assert i18n._("Family name") == "Family name" and not i18n.is_rtl()
