"""Line layout details: ligatures, wrapping inside the margins, isolates across lines."""

from __future__ import annotations

from ajfar_desk.domain.profile import get_profile
from ajfar_desk.printing.textlayout import (
    balance_isolates,
    layout_line,
    text_width,
    wrap,
    wrap_texts,
)
from ajfar_desk.printing.values import Formatter

FSI, PDI = "\u2068", "\u2069"


def test_codes_keep_every_letter_while_arabic_forms_ligatures():
    code = layout_line("ff fi fl 7380faead87e6ff0", 10, rtl=False)
    assert "".join(g.char for g in code.glyphs) == "ff fi fl 7380faead87e6ff0"
    lam_alef = layout_line("لا", 10)  # Amiri draws lam-alef as two glyphs made to meet
    alone = layout_line("ل", 10).glyphs[0].gid
    assert alone not in {g.gid for g in lam_alef.glyphs} and lam_alef.visual_text() == "ال"
    assert all(ord(g.char) >= 0xE000 for g in layout_line("محمد", 10).glyphs)  # joined forms


def test_wrapped_lines_stay_inside_the_width():
    text = (
        "أقر أنا المتقدم/ عبدالرحمن عبدالمحسن عبدالعزيز آل عبداللطيف الشمراني بأن البيانات صحيحة "
        "والعنوان: حي الملك فهد، شارع الأمير سلطان بن عبدالعزيز، الرياض 12345-6789 "
        "https://example.org/a/very/long/address/that/cannot/be/broken/at/spaces/at/all"
    )
    for width in (80.0, 150.0, 300.0):
        lines = wrap(text, width, 11)
        assert len(lines) > 1
        assert all(line.width <= width + 0.01 for line in lines), width
        drawn = "".join(line.visual_text() for line in lines)
        assert drawn.count("٫") == 0 and "12345-6789" in drawn


def test_an_isolate_broken_across_lines_is_closed_and_reopened():
    texts = ["الاسم " + FSI + "عبد", "الرحمن" + PDI + " رقم"]
    balanced = balance_isolates(texts)
    assert balanced == ["الاسم " + FSI + "عبد" + PDI, FSI + "الرحمن" + PDI + " رقم"]
    lines = wrap("الاسم " + FSI + "عبدالرحمن عبدالمحسن الشمراني" + PDI + " رقم 1012345672", 90, 11)
    assert all(line.width <= 90.01 for line in lines)


def test_a_wrapped_line_starting_with_a_latin_word_keeps_the_paragraph_direction():
    """A free text (an isolate that takes its direction from its first letter) is Arabic; the
    line that starts in its middle with a Latin word is still laid out right to left."""
    first = "ملاحظة الباحث: راجع المتقدم الجمعية وأحضر"
    text = f"{first} {FSI}الملف بصيغة Word ثم PDF للتوقيع{PDI}"
    head = f"{first} {FSI}الملف بصيغة"
    width = text_width(head.replace(FSI, ""), 11) + 2
    lines = wrap(text, width, 11)
    second = next(line for line in lines if "W" in line.visual_text())
    xs = {g.source: g.x for g in second.glyphs if g.source in ("W", "P")}
    assert wrap_texts(text, width, 11)[1].startswith("Word")  # the line starts with it
    assert xs["W"] > xs["P"]  # right to left: "Word" (read first) on the right of "PDF"


def test_codes_never_break_inside_a_group():
    f = Formatter(get_profile("ajfar"), "en")
    phone = f.phone("+966551234567")
    iban = f.code("SA03 8000 0000 6080 1016 7519")
    for code, groups in ((phone, ["+966", "55", "123", "4567"]), (iban, ["SA03", "8000", "0000", "6080", "1016", "7519"])):
        text = f"Mobile and account: {code} as given"
        whole = text_width(code, 10.5)
        narrow = text_width("Mobile and account:", 10.5) + 4
        for width in (narrow, whole + 1):
            drawn = [_bare(line.visual_text()) for line in wrap(text, width, 10.5, rtl=False)]
            assert all(line.width <= max(width, whole) + 0.01 for line in wrap(text, width, 10.5))
            if width > whole:  # the code moves to the next line whole
                assert any(_bare(code) in line for line in drawn), drawn
            for group in groups:  # a group is never cut
                assert any(group in line for line in drawn), (group, drawn)


def _bare(text: str) -> str:
    return "".join(ch for ch in text if ch not in "\u2066\u2067\u2068\u2069\u200e\u200f")
