"""Line layout details: ligatures, wrapping inside the margins, isolates across lines."""

from __future__ import annotations

from ajfar_desk.printing.textlayout import balance_isolates, layout_line, wrap

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
