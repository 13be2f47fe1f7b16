"""Right-to-left and mixed text for PDFs: Unicode bidi, then HarfBuzz shaping, then drawing.

ReportLab's own right-to-left support needs a bidi module that is not on PyPI; without it
numbers come out reversed. Here every line goes through the Unicode Bidirectional Algorithm of
python-bidi (a conformant implementation, isolates and bracket pairs included), which gives the
line in visual order with mirrored brackets. Runs of Arabic letters are then turned back into
logical order and shaped right to left by HarfBuzz, so letters join and ligatures form as the
font intends; everything else (digits, Latin, punctuation) is shaped left to right in the visual
order the algorithm chose. Lines are broken on logical text before reordering, as the UBA says.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from bidi import get_display
from bidi.mirror import MIRRORED

from .fonts import REGULAR, ShapingFont, get_font

_FEATURES = {"kern": True, "liga": True, "calt": True}
# Left-to-right runs are codes, numbers and Latin words: no ligatures, so "ff" or "fi" in a
# hash or a reference stays two letters (to read it back, and to search or copy it).
_LTR_FEATURES = {"kern": True, "liga": False, "clig": False, "dlig": False, "calt": False}


_LEVEL = re.compile(r"Level\(\s*(\d+),\s*\)")
# Lines break at spaces, never at a no-break space (codes, IBANs and phones stay whole).
_BREAK = re.compile(r"[^\S\u00a0\u202f]+")
# A date's era stays with its number: «١٤٤٨ هـ», «2026 م», "1448 AH" never part at the line's
# end (trial 9: «هـ» began the next line of a referral letter).  While lines are broken, the space
# before the mark, after a digit (or the isolate or mark that closes a number), is a joiner of
# our own; the line gets its ordinary space back (the text reads and copies as before).
_ERA = re.compile(
    r"(?<=[0-9\u0660-\u0669\u06f0-\u06f9\u200e\u200f\u2069])[^\S\u00a0\u202f]+"
    r"(?=(?:هـ|م|AH|CE)(?![\w\u0640]))")
_ERA_JOIN = "\ue000"  # private use: never in a paper's text


def keep_era(text: str) -> str:
    """``text`` with each date's era mark bound to its number (no line break between them)."""
    return _ERA.sub(_ERA_JOIN, text)


def embedding_levels(text: str, rtl: bool) -> list[int]:
    """Resolved bidi level of every character, from python-bidi's Rust implementation.

    python-bidi exposes its levels only through ``debug=True`` (one per UTF-8 byte); a test
    pins the format so an upgrade that changes it fails loudly rather than printing wrongly.
    """
    info = get_display(text, base_dir="R" if rtl else "L", debug=True)
    section = info[info.index("levels:") : info.index("paragraphs:")]
    by_byte = [int(m) for m in _LEVEL.findall(section)]
    levels, offset = [], 0
    for ch in text:
        levels.append(by_byte[offset])
        offset += len(ch.encode("utf-8"))
    if offset != len(by_byte):
        raise RuntimeError("unexpected python-bidi level output")
    return levels


def _runs(text: str, levels: list[int]):
    """Maximal runs of one level, in logical order."""
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or levels[i] != levels[start]:
            yield levels[start], text[start:i]
            start = i


def _visual_order(levels: list[int]) -> list[int]:
    """Rule L2: indices of runs (given their levels) in left-to-right display order."""
    order = list(range(len(levels)))
    if not levels:
        return order
    lowest_odd = min(lv for lv in levels if lv % 2) if any(lv % 2 for lv in levels) else None
    if lowest_odd is None:
        return order
    for k in range(max(levels), lowest_odd - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= k:
                j = i
                while j < len(order) and levels[order[j]] >= k:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return order


@dataclass(frozen=True)
class Glyph:
    char: str  # what ReportLab draws (a real or private code point)
    x: float  # offset from the line's left edge, points
    dy: float
    source: str  # the text this glyph shows, in reading order of its run
    gid: int = -1  # the font's glyph id; 0 is .notdef, a character the font does not have


@dataclass(frozen=True)
class Line:
    glyphs: tuple[Glyph, ...]
    width: float
    font: str
    size: float

    def missing(self) -> str:
        """Characters the font cannot draw (they would print as empty boxes)."""
        return "".join(g.source for g in self.glyphs if g.gid == 0)

    def visual_text(self) -> str:
        """The characters as the reader sees them, left to right (for tests and checks)."""
        return "".join(g.source for g in self.glyphs)  # glyphs are kept in drawing order


# Arabic letters, Arabic-Indic digits and Arabic signs (U+066B/U+066C): such a run is Arabic.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


_LATIN_OR_DIGIT = re.compile("[0-9A-Za-z\u00c0-\u024f]")


def run_script(text: str, rtl: bool) -> str:
    """The script a run is shaped in. Amiri's default forms of ``. ( ) / [ ] ! \\ { } |`` are
    the Arabic ones (the full stop is a raised dot: "1,250•5", "85•0%"); its Latin forms come
    only when the run is shaped as Latin. A run of Western digits and punctuation has no
    script of its own (HarfBuzz guesses none and takes the Arabic forms): it is Latin. A run
    with an Arabic character is Arabic. A run of punctuation alone takes its direction's: the
    full stop after an isolated date ends an English sentence ("…on 06/12/2026.") or an
    Arabic one. (A right-to-left run never holds a Latin letter or a Western digit.)"""
    if _ARABIC.search(text):
        return "Arab"
    if _LATIN_OR_DIGIT.search(text):
        return "Latn"
    return "Arab" if rtl else "Latn"


def _shape(font: ShapingFont, text: str, rtl: bool):
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.script = run_script(text, rtl)
    buf.direction = "rtl" if rtl else "ltr"
    buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(font.hb_font, buf, _FEATURES if rtl else _LTR_FEATURES)
    return buf.glyph_infos, buf.glyph_positions


def _copied(source: str) -> str:
    """What a glyph copies out as: its text, but nothing for bidi marks and isolates (drawn as
    invisible glyphs; a reference copied from the PDF is then typed back as printed)."""
    return "" if all(unicodedata.category(ch) == "Cf" for ch in source) else source


def _cluster_advances(infos, positions) -> dict[int, int]:
    """Advance of each cluster: all its glyphs together (font units)."""
    total: dict[int, int] = {}
    for info, pos in zip(infos, positions, strict=True):
        total[info.cluster] = total.get(info.cluster, 0) + pos.x_advance
    return total


@lru_cache(maxsize=8192)
def _shaped_piece(font_name: str, size: float, text: str, rtl: bool):
    """Glyphs of one piece, relative to its left edge, and its width.

    The first glyph of a cluster (its leftmost) carries the cluster's text and, for a text
    extractor, the width of the whole cluster; any other glyph of the cluster (the stroke Amiri
    inserts between kaf and lam) copies out as nothing (with its own width: pypdf follows each
    glyph to the next, poppler the boxes of glyphs with text), so the letters on both
    sides read as one word, not "الإلـكتروني" nor "الإل كتروني"."""
    font = get_font(font_name)
    infos, positions = _shape(font, text, rtl)
    clusters = sorted({info.cluster for info in infos})
    ends = {
        c: (clusters[i + 1] if i + 1 < len(clusters) else len(text)) for i, c in enumerate(clusters)
    }
    advances = _cluster_advances(infos, positions)
    glyphs = []
    x = 0.0
    seen: set[int] = set()
    for info, pos in zip(infos, positions, strict=True):
        if info.cluster in seen:
            source, advance = "", pos.x_advance
        else:
            seen.add(info.cluster)
            source, advance = text[info.cluster : ends[info.cluster]], advances[info.cluster]
        char = font.glyph_char(info.codepoint, _copied(source), advance, pos.x_advance)
        if rtl:  # HarfBuzz mirrors brackets in right-to-left runs; say so in the source
            source = "".join(MIRRORED.get(ch, ch) for ch in reversed(source))
        glyphs.append(
            Glyph(
                char=char,
                x=x + font.scale(pos.x_offset, size),
                dy=font.scale(pos.y_offset, size),
                source=source,
                gid=info.codepoint,
            )
        )
        x += font.scale(pos.x_advance, size)
    return tuple(glyphs), x


def layout_line(text: str, size: float, font: str = REGULAR, rtl: bool = True) -> Line:
    """One line (no wrapping) laid out left to right in visual order."""
    if not text:
        return Line((), 0.0, font, size)
    runs = list(_runs(text, embedding_levels(text, rtl)))
    glyphs: list[Glyph] = []
    x = 0.0
    for index in _visual_order([level for level, _ in runs]):
        level, piece = runs[index]
        shaped, width = _shaped_piece(font, size, piece, level % 2 == 1)
        glyphs.extend(Glyph(g.char, g.x + x, g.dy, g.source, g.gid) for g in shaped)
        x += width
    return Line(tuple(glyphs), x, font, size)


def text_width(text: str, size: float, font: str = REGULAR, rtl: bool | None = None) -> float:
    """Width of a word or phrase (joining changes widths, order does not). ``rtl`` None: right
    to left when it holds an Arabic letter, or no letter nor digit at all (punctuation alone is
    then measured in Amiri's Arabic forms, the wider)."""
    if not text:
        return 0.0
    if rtl is None:
        strong = any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text)
        rtl = strong or not _LATIN_OR_DIGIT.search(text)
    return _shaped_piece(font, size, text, rtl)[1]


_OPENERS = "\u2066\u2067\u2068"  # LRI, RLI, FSI
_PDI = "\u2069"


def balance_isolates(texts: list[str]) -> list[str]:
    """An isolate broken across lines is closed at the end of one line and reopened at the
    start of the next, so each line is reordered as the whole paragraph would be."""
    out, carried = [], ""
    for text in texts:
        stack = list(carried)
        for ch in text:
            if ch in _OPENERS:
                stack.append(ch)
            elif ch == _PDI and stack:
                stack.pop()
        out.append(carried + text + _PDI * len(stack))
        carried = "".join(stack)
    return out


def wrap(text: str, width: float, size: float, font: str = REGULAR, rtl: bool = True) -> list[Line]:
    """Break logical text into lines no wider than ``width``; explicit newlines are kept.

    Directions are decided once for the whole paragraph, not line by line: the paragraph's is
    ``rtl``, and an isolate whose direction comes from its first strong letter (FSI) is given
    it from its whole text first, so a line that starts in its middle with a Latin word keeps
    the direction the paragraph gave it."""
    texts = wrap_texts(resolve_first_strong(text), width, size, font)
    return [layout_line(t, size, font, rtl) for t in balance_isolates(texts)]


_STRONG_LTR = frozenset("L")
_STRONG_RTL = frozenset(("R", "AL"))


def resolve_first_strong(text: str) -> str:
    """Each FSI replaced by LRI or RLI, as rule P2-P3 resolves it over the isolate's whole
    text (up to its PDI or the paragraph's end; nested isolates skipped): the same levels
    for the whole text, and a part of it on a line of its own no longer decides alone."""
    if "\u2068" not in text:
        return text
    out = list(text)
    for i, ch in enumerate(text):
        if ch != "\u2068":
            continue
        depth, direction = 0, "\u2066"  # no strong letter: left to right
        for nxt in text[i + 1 :]:
            if nxt == "\n":
                break
            if nxt in _OPENERS:
                depth += 1
            elif nxt == _PDI:
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0:
                kind = unicodedata.bidirectional(nxt)
                if kind in _STRONG_LTR or kind in _STRONG_RTL:
                    direction = "\u2066" if kind in _STRONG_LTR else "\u2067"
                    break
        out[i] = direction
    return "".join(out)


def wrap_texts(text: str, width: float, size: float, font: str = REGULAR) -> list[str]:
    """The logical text of each line (greedy breaking at spaces)."""
    lines: list[str] = []
    space = text_width(" ", size, font)
    for paragraph in text.split("\n"):
        words = [w for w in _BREAK.split(keep_era(paragraph)) if w]
        if not words:
            lines.append("")
            continue
        current: list[str] = []
        current_width = 0.0
        for word in words:
            for part in _split_long(word, width, size, font):
                w = text_width(part.replace(_ERA_JOIN, " "), size, font)
                needed = w if not current else current_width + space + w
                if current and needed > width:
                    lines.append(" ".join(current).replace(_ERA_JOIN, " "))
                    current, current_width = [part], w
                else:
                    current.append(part)
                    current_width = needed
        lines.append(" ".join(current).replace(_ERA_JOIN, " "))
    return lines


def _split_long(word: str, width: float, size: float, font: str) -> list[str]:
    """A word wider than the line (a long e-mail, say) is cut where it has to be. A code
    (a phone, an IBAN: groups joined by no-break spaces) wider than the line is cut between
    its groups, each group whole."""
    if text_width(word.replace(_ERA_JOIN, " "), size, font) <= width:
        return [word]
    word = word.replace(_ERA_JOIN, "\u00a0")  # too long for a line: cut like a code
    if "\u00a0" in word.strip("\u00a0"):
        groups = word.split("\u00a0")
        if all(text_width(g, size, font) <= width for g in groups):
            parts, current = [], groups[0]
            for group in groups[1:]:
                joined = current + "\u00a0" + group
                if text_width(joined, size, font) > width:
                    parts.append(current)
                    current = group
                else:
                    current = joined
            return [*parts, current]
    parts, start = [], 0
    for end in range(1, len(word) + 1):
        if text_width(word[start:end], size, font) > width and end - 1 > start:
            parts.append(word[start : end - 1])
            start = end - 1
    parts.append(word[start:])
    return parts


def draw_line(canvas, line: Line, x: float, y: float) -> None:
    """Draw a laid-out line with its left edge at ``x`` and baseline at ``y``."""
    if not line.glyphs:
        return
    text = canvas.beginText()
    text.setFont(line.font, line.size)
    for g in line.glyphs:
        text.setTextOrigin(x + g.x, y + g.dy)
        text.textOut(g.char)
    canvas.drawText(text)
