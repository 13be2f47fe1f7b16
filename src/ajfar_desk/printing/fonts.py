"""The fonts printed documents use: Amiri (OFL, shipped as a Python package), embedded as subsets.

Amiri is a Naskh face with Latin, Arabic-Indic digits and the ligatures formal Arabic letters
expect. HarfBuzz (uharfbuzz) shapes with the very font file ReportLab embeds. A glyph is drawn
with its own character when it shows exactly that character; any other glyph (a contextual form,
a ligature, a Latin form of punctuation, a joining stroke HarfBuzz inserts) gets a private code
for each text it shows, and the PDF's ToUnicode map gives that text, so copying and searching
give the plain letters: a ligature of two letters copies as both, an inserted stroke as nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import uharfbuzz as hb
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "AjfarAmiri"
BOLD = "AjfarAmiri-Bold"
_FILES = {REGULAR: "Amiri-Regular.ttf", BOLD: "Amiri-Bold.ttf"}


def font_dir() -> Path:
    import fontpkg_amiri

    return Path(fontpkg_amiri.__file__).resolve().parent / "files"


def font_path(name: str = REGULAR) -> Path:
    return font_dir() / _FILES[name]


# Private code -> the text its glyph shows, per font face, so the PDF's ToUnicode map lets
# readers search and copy Arabic (contextual forms and ligatures have no code of their own).
# One code per (glyph, text): the same joined form may show different letters in two words.
PRIVATE_TEXT: dict[str, dict[int, str]] = {}


def _to_unicode_cmap(fontname: str, subset) -> str:
    face = fontname.split("+", 1)[-1]
    known = PRIVATE_TEXT.get(face, {})
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    for i, code in enumerate(subset):
        text = known[code] if code in known else chr(code)  # "" for an inserted stroke
        lines.append(f"<{i:02X}> <{text.encode('utf-16-be').hex().upper()}>")
    lines += ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@dataclass(frozen=True)
class ShapingFont:
    """A ReportLab font and the HarfBuzz font for the same file."""

    name: str
    rl: TTFont
    hb_font: hb.Font
    upem: int

    def glyph_char(self, gid: int, text: str, width: int, advance: int) -> str:
        """The character ReportLab draws for glyph ``gid`` showing ``text``: the characters it
        stands for when copied (one letter, a ligature's letters, or "" for a glyph HarfBuzz
        inserted), over ``width`` font units for a text extractor (its cluster's, when the
        cluster has several glyphs; ``advance`` is the glyph's own). The glyph's own character
        when it is that character alone, else a private code whose ToUnicode entry is ``text``
        (its width in the PDF only tells extractors where the letters are: every glyph is
        drawn at its own position)."""
        face = self.rl.face
        known = PRIVATE_TEXT.setdefault(self.face_name, {})
        if (
            width == advance
            and len(text) == 1
            and face.charToGlyph.get(ord(text)) == gid
            and ord(text) not in known
        ):
            return text
        name = f"{gid}|{width}|{text}"
        code = self.rl.hbAddPrivate(name, gid, self.rl.pdfScale(width))
        known[code] = text
        return chr(code)

    @property
    def face_name(self) -> str:
        name = self.rl.face.name
        return name.decode() if isinstance(name, bytes) else str(name)

    def scale(self, units: int, size: float) -> float:
        return units * size / self.upem


@cache
def get_font(name: str = REGULAR) -> ShapingFont:
    # (``getFont`` on a name not registered yet first searches ReportLab's Type 1 metrics files,
    # parsing each of them: 0.3 s before a first print; the registered names are asked instead)
    if name in pdfmetrics.getRegisteredFontNames():
        rl = pdfmetrics.getFont(name)
    else:
        rl = TTFont(name, str(font_path(name)))
        pdfmetrics.registerFont(rl)
    hb_font = rl.hbFont(1000)  # binds ReportLab's private-glyph table to this face
    return ShapingFont(name=name, rl=rl, hb_font=hb_font, upem=rl.hbFace.upem)
