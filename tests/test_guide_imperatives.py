"""The Arabic F1 guide («يوم في مكتب الاستقبال») speaks to a woman employee as to a man no more
than the catalog does: its headings and steps read as verbal nouns, passives or «يُرجى», checked
with the catalog's own word lists (`test_i18n_imperatives.masculine_address`)."""

from __future__ import annotations

import html
import re
from pathlib import Path

from test_i18n_imperatives import masculine_address

GUIDE = Path(__file__).resolve().parents[1] / "resources" / "guide" / "guide.ar.html"


def guide_text() -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", GUIDE.read_text(encoding="utf-8")))


def test_the_arabic_guide_does_not_address_the_reader_as_a_man():
    found = [(line.strip(), words) for line in guide_text().splitlines()
             if (words := masculine_address(line))]
    assert not found, f"{len(found)} lines address the reader as a man:\n" + "\n".join(
        f"{words}: {line}" for line, words in found)
