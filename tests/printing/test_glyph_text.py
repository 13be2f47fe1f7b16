"""Glyphs as a reader sees them and as a PDF reader copies them: separators drawn with the
font's proper forms in every script, and a text layer that gives the plain letters."""

from __future__ import annotations

import io
import json
import re

from reportlab.pdfgen.canvas import Canvas

from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.printing.fonts import get_font
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.textlayout import draw_line, layout_line
from ajfar_desk.services.papers import receipts

from .pdfcheck import read
from .pdfcheck import text as pdf_text
from .test_receipt import right_to_left

AMIRI = get_font()


def default_gid(ch: str) -> int:
    """The glyph the font's character map gives ``ch`` (Amiri's Arabic form of punctuation)."""
    return AMIRI.rl.face.charToGlyph[ord(ch)]


def drawn(text: str, ch: str, rtl: bool = True) -> set[int]:
    """Glyph ids drawn for every ``ch`` of ``text`` laid out as one line."""
    return {g.gid for g in layout_line(text, 10, rtl=rtl).glyphs if g.source == ch}


def test_western_digits_take_the_latin_full_stop_slash_and_brackets():
    latin_stop = drawn("No. 5", ".", rtl=False)  # an English word's full stop
    assert len(latin_stop) == 1 and latin_stop != {default_gid(".")}
    for text, rtl in [
        ("1,250.50", False),  # an amount alone
        ("المبلغ 1,250.50 ريال", True),  # inside an Arabic sentence
        ("85.0%", False),
        ("نسبة الرضا 85.0%", True),
        ("on 06/12/2026.", False),
        ("Amount 1,250.50 SAR", False),
    ]:
        assert drawn(text, ".", rtl) == latin_stop, text
    assert drawn("06/12/2026", "/", rtl=False) != {default_gid("/")}
    # The full stop after an isolated date, alone in its run, ends an English sentence.
    assert drawn("expected on \u206806/12/2026\u2069.", ".", rtl=False) == latin_stop
    assert drawn("(12)", "(", rtl=False) != {default_gid("(")}


def test_arabic_indic_numbers_and_arabic_sentences_keep_the_arabic_forms():
    line = layout_line("المبلغ ١٬٢٥٠٫٥٠ ريال", 10)
    gids = {g.source: g.gid for g in line.glyphs}
    assert gids["\u066b"] == default_gid("\u066b") and gids["\u066c"] == default_gid("\u066c")
    assert "." not in gids and "," not in gids
    # The full stop of an Arabic sentence and a date in Arabic-Indic digits stay Arabic.
    assert drawn("انتهى الطلب.", ".") == {default_gid(".")}
    assert drawn("١٤٤٨/٠٦/١٥", "/") == {default_gid("/")}


def pdf_of(lines: list[str]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out)
    for i, text in enumerate(lines):
        draw_line(canvas, layout_line(text, 12), 40, 780 - 24 * i)
    canvas.save()
    return out.getvalue()


def test_the_text_layer_gives_plain_letters_for_every_joined_form():
    """Amiri joins kaf and lam with a stroke HarfBuzz inserts (a glyph of its own, drawn like
    a tatweel): it copies out as nothing, and each joined form copies as the letters it shows
    in that word, whatever it showed in the words drawn before it."""
    words = ["لكل", "الكتاب", "البريد الإلكتروني", "محددة", "كلمة", "سلكي"]
    text = "\n".join(page.extract_text() for page in read(pdf_of(words)).pages)
    assert "\u0640" not in text
    assert not re.search("[\ue000-\uf8ff]", text)
    for word in words:
        assert word in text, word


def test_a_receipt_copies_out_its_arabic_words_exactly(desk):
    """A paper whose Arabic has no tatweel (but in the Hijri era mark «هـ», written so): the
    text layer has none either, and every word a reader searches for («الإلكتروني») is found
    letter for letter."""
    ctx, _a, request = desk
    doc = receipts.receipt_for(ctx, request.id, lang="ar")
    reader = read(render(doc, ctx.profile))
    plain = pdf_text(reader)
    assert "\u0640" not in json.dumps(doc.content, ensure_ascii=False)  # none in the source
    assert "\u0640" not in plain.replace("هـ", "") and not re.search("[\ue000-\uf8ff]", plain)
    # Read by glyph position (pypdf's plain extraction hands a line drawn from two of the
    # font's subsets back in pieces; the PNGs and other readers read it whole).
    words = re.sub(r"\s+", " ", strip_bidi_controls(right_to_left(reader)))
    assert "الإلكتروني" in words
    for channel in ctx.profile.channels:
        assert channel.name("ar") in words, channel.code
