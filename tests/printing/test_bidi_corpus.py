"""Bidi corpus: the visual order ``layout_line`` draws, checked against Qt's own UBA.

Every string below is the kind of mixed Arabic/Latin line that front-office paperwork of a
Saudi non-profit prints: national IDs, phone numbers (bare and inside isolates), Hijri and
Gregorian dates, reference numbers, amounts, percentages, e-mail addresses, product names,
brackets, diacritics. For each one, the order in which our engine (python-bidi levels, L2
reordering, HarfBuzz shaping) places characters left to right must equal the order Qt's
QTextLayout gives, which is an independent implementation of the Unicode Bidirectional
Algorithm (UAX #9), shaping with the same Amiri font so that no font fallback splits runs.
"""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextLayout, QTextOption

from ajfar_desk.printing.fonts import REGULAR, font_path, get_font
from ajfar_desk.printing.textlayout import embedding_levels, layout_line, text_width

LRI, RLI, FSI, PDI = "\u2066", "\u2067", "\u2068", "\u2069"
_CONTROLS = frozenset(LRI + RLI + FSI + PDI + "\u200e\u200f\u061c")
# Bidi_Mirrored characters the corpus may use (and nothing else that mirrors).
_MIRROR = {a: b for a, b in ("()", ")(", "[]", "][", "{}", "}{", "<>", "><", "«»", "»«")}

PHONE = "+966 55 123 4567"
SIZE = 12.0

# (text, right-to-left paragraph?)
CORPUS: list[tuple[str, bool]] = [
    # --- identity and contact details ---
    ("رقم الهوية: 1023456789", True),
    ("رقم الهوية: ١٠٢٣٤٥٦٧٨٩", True),
    ("رقم الهوية الوطنية 1098765432 صادرة من الرياض", True),
    (f"رقم الجوال: {PHONE}", True),
    (f"رقم الجوال: {LRI}{PHONE}{PDI}", True),
    (f"للتواصل {FSI}{PHONE}{PDI} أو {FSI}٠٥٥١٢٣٤٥٦٧{PDI}", True),
    (f"رقم الهوية {LRI}1023456789{PDI}، رقم الجوال {LRI}{PHONE}{PDI}", True),
    (f"اتصل على ({PHONE}) خلال الدوام", True),
    ("الهاتف الأرضي 011-4567890 تحويلة 205", True),
    (f"{PHONE} هو رقم المستفيد", True),
    ("البريد الإلكتروني: info@ajfar.org.sa", True),
    (f"راسلنا على {LRI}support@ajfar.org.sa{PDI} للاستفسار", True),
    ("الموقع: www.ajfar.org.sa", True),
    ("رمز التحقق: 4821", True),
    # --- dates and times ---
    ("تاريخ الطلب 1446/04/10 هـ", True),
    ("تاريخ الطلب ١٤٤٦/٠٤/١٠ هـ", True),
    ("الموافق 2024-10-13 م", True),
    ("تاريخ الميلاد: 1990-05-21 (الموافق 1410/10/26)", True),
    (f"من {FSI}1446/04/10{PDI} إلى {FSI}1446/05/10{PDI}", True),
    ("الوقت 10:30 صباحاً", True),
    ("من 08:00 إلى 14:00", True),
    # --- reference numbers and codes ---
    ("رقم المرجع AJF-1447-000123", True),
    ("الطلب NJR1-1447-000045 قيد المراجعة", True),
    ("المرجع [AJF-1447-000123] بتاريخ ١٤٤٧/٠٣/١٥", True),
    ("سجل تجاري رقم 4030123456 بتاريخ 1445/07/01", True),
    ("الآيبان: SA03 8000 0000 6080 1016 7519", True),
    ("المستودع: A-12 / الرف 3", True),
    ("رقم الطلب: 123-456", True),
    # --- Latin words and product names ---
    ("تم تصدير الكشف إلى Microsoft Excel بنجاح", True),
    ("قدم الطلب عبر Google Forms في 2024-09-01", True),
    ("الإصدار v2.1 من نظام Ajfar Desk", True),
    ("Excel (نسخة 2016)", True),
    ("المستخدم admin (مدير النظام)", True),
    ("ملف PDF (2 صفحات)", True),
    ("تقرير الربع Q3 لعام 2024", True),
    # --- brackets ---
    ("(واتساب)", True),
    ("(مستفيد جديد)", True),
    ("الحالة: [مكتمل]", True),
    ("{ملاحظة} يرجى إحضار صورة الهوية", True),
    ("الملف <سري> لا يطبع", True),
    ("«جمعية أجفار الخيرية»", True),
    ("(1) الاسم الكامل", True),
    ("1. الاسم الكامل", True),
    ("المستفيدة: فاطمة (أرملة) - عدد الأبناء 4", True),
    ("برنامج (Microsoft Excel) للتقارير", True),
    ("الرقم (1023456789) غير صحيح", True),
    # --- amounts and percentages ---
    ("المبلغ المعتمد (1,500.50 ريال)", True),
    ("المبلغ ١٬٥٠٠٫٥٠ ريال سعودي", True),
    ("المبلغ 1,500.50 ر.س", True),
    ("الدخل الشهري 3,200 ريال (تقريبي)", True),
    ("نسبة الخصم %15 من الإجمالي", True),
    ("نسبة الخصم ١٥٪ من الإجمالي", True),
    ("الدفعة -500 ريال", True),
    ("المجموع = 250 + 100", True),
    ("الصفحة 3 من 12", True),
    ("الصفحة ٣ من ١٢", True),
    ("عدد أفراد الأسرة: ٦ أفراد", True),
    # --- diacritics and lam-alef ---
    ("بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ", True),
    ("عَلَى الْمُسْتَفِيدِ تَحْدِيثُ بَيَانَاتِهِ قَبْلَ 1447/01/01", True),
    ("لا يوجد طلبات سابقة", True),
    ("لا إله إلا الله", True),
    ("الْأَسْمَاء: (عَبْدُ اللَّهِ) و(سَلْمَى)", True),
    # --- left-to-right paragraphs ---
    ("Applicant: محمد بن عبدالله, ID 1023456789", False),
    ("Request AJF-1447-000123 for فاطمة الزهراني", False),
    ("Paid ١٬٥٠٠٫٥٠ SAR to جمعية أجفار", False),
    (f"Beneficiary (أم خالد) called on {PHONE}", False),
    (f"Name: {RLI}عبدالرحمن العتيبي{PDI} (verified)", False),
    ("Date: 1446/04/10 هـ (2024-10-13)", False),
    ("Discount 15% - خصم ١٥٪", False),
    ("Contact نورة at nora@ajfar.org.sa", False),
    ("Family size: ٦ (ستة أفراد)", False),
    ("Status [مكتمل] since 2024-10-13", False),
    ("The word لا means no", False),
    ("مرحبا 123 abc", False),
    # --- nested levels (several runs at level >= 2 reordered together, rule L2) ---
    (f"ملاحظة: {LRI}see محمد file{PDI} مرفق", True),
    (f"العنوان {LRI}Riyadh, حي النخيل 12345{PDI}", True),
    (f"Note: {RLI}الطلب AJF-1447-000123 مكتمل{PDI} ok", False),
    (f"Ref {FSI}المرجع ١٤٤٧/٠٣/١٥{PDI} and {FSI}AJF-1447-000123{PDI}", False),
]


def _ids() -> list[str]:
    return [f"{'rtl' if rtl else 'ltr'}-{i:02d}" for i, (_, rtl) in enumerate(CORPUS)]


# --- Qt's side -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def amiri(qapp) -> QFont:
    font_id = QFontDatabase.addApplicationFont(str(font_path()))
    assert font_id != -1, "Qt could not load Amiri"
    family = QFontDatabase.applicationFontFamilies(font_id)[0]
    font = QFont(family)
    font.setPixelSize(24)
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return font


def qt_visual(text: str, rtl: bool, font: QFont) -> str:
    """The characters of ``text`` left to right as Qt lays them out (brackets mirrored).

    Qt reports, per glyph, its position and the string index of the cluster it belongs to.
    Characters with no glyph of their own (marks merged into a cluster, ligature components)
    follow their cluster; a cluster is placed by its advancing glyph (mark offsets ignored), and
    inside a right-to-left cluster the characters are read in reverse logical order.
    """
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    )
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    assert layout.lineCount() == 1

    flags = QTextLayout.GlyphRunRetrievalFlag
    runs = layout.glyphRuns(
        0,
        len(text),
        flags.RetrieveGlyphIndexes | flags.RetrieveGlyphPositions | flags.RetrieveStringIndexes,
    )
    # cluster start index -> [x of advancing glyphs, x of all glyphs, right-to-left?]
    clusters: dict[int, tuple[list[float], list[float], bool]] = {}
    for run in runs:
        raw: QRawFont = run.rawFont()
        assert raw.familyName() == font.family(), f"Qt fell back to {raw.familyName()!r}"
        glyphs = run.glyphIndexes()
        advances = raw.advancesForGlyphIndexes(glyphs)
        for index, pos, adv in zip(run.stringIndexes(), run.positions(), advances, strict=True):
            advancing, every, _ = clusters.setdefault(index, ([], [], run.isRightToLeft()))
            every.append(pos.x())
            if adv.x() > 0:
                advancing.append(pos.x())

    starts = sorted(clusters)
    assert starts and all(ch in _CONTROLS for ch in text[: starts[0]]), text
    placed = []
    for k, start in enumerate(starts):
        end = starts[k + 1] if k + 1 < len(starts) else len(text)
        advancing, every, is_rtl = clusters[start]
        chars = text[start:end]
        if is_rtl:
            chars = "".join(_MIRROR.get(ch, ch) for ch in reversed(chars))
        placed.append((min(advancing or every), chars))
    placed.sort(key=lambda item: item[0])
    return "".join(chars for _, chars in placed)


# --- comparison ------------------------------------------------------------------------------


def _no_controls(s: str) -> str:
    """Bidi format characters are invisible; where their empty glyph sits means nothing."""
    return "".join(ch for ch in s if ch not in _CONTROLS)


def _bases(s: str) -> str:
    """Without combining marks: the order of what advances the pen."""
    return "".join(ch for ch in _no_controls(s) if not unicodedata.combining(ch))


@pytest.mark.parametrize(("text", "rtl"), CORPUS, ids=_ids())
def test_visual_order_matches_qt(text: str, rtl: bool, amiri: QFont) -> None:
    line = layout_line(text, SIZE, rtl=rtl)
    theirs = qt_visual(text, rtl, amiri)
    # 1. Order of what is drawn, by x position (visual_text sorts glyphs by x). Marks are left
    #    out here: a mark's x includes its offset onto the letter, so x alone cannot say
    #    whether it is read before or after that letter.
    ours = line.visual_text()
    assert _bases(ours) == _bases(theirs), (
        f"\ninput: {text!r} ({'RTL' if rtl else 'LTR'})"
        f"\nours:  {_bases(ours)!r}\nqt:    {_bases(theirs)!r}"
    )
    # 2. With the marks: glyphs are emitted in visual order, each mark next to its letter.
    ours_full = "".join(g.source for g in line.glyphs)
    assert _no_controls(ours_full) == _no_controls(theirs), (
        f"\ninput: {text!r} ({'RTL' if rtl else 'LTR'})"
        f"\nours:  {_no_controls(ours_full)!r}\nqt:    {_no_controls(theirs)!r}"
    )


def test_corpus_is_large_and_mixed() -> None:
    assert len(CORPUS) >= 50
    assert len({text for text, _ in CORPUS}) == len(CORPUS)
    assert sum(not rtl for _, rtl in CORPUS) >= 8
    for text, _ in CORPUS:
        assert any(unicodedata.bidirectional(ch) in ("R", "AL") for ch in text), text
        assert all(ord(ch) < 0x10000 for ch in text), "keep UTF-16 and str indexes equal"


def test_corpus_is_covered_by_amiri() -> None:
    """Characters Amiri lacks would make Qt fall back to another font and split runs."""
    cmap = get_font(REGULAR).rl.face.charToGlyph
    missing = {
        ch for text, _ in CORPUS for ch in text if ch not in _CONTROLS and ord(ch) not in cmap
    }
    assert not missing, sorted(missing)


def test_corpus_mirrors_only_known_brackets() -> None:
    mirrored = {ch for text, _ in CORPUS for ch in text if unicodedata.mirrored(ch)}
    assert mirrored <= set(_MIRROR), sorted(mirrored - set(_MIRROR))


# --- small pinned cases ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rtl", "levels"),
    [
        ("abc", True, [2, 2, 2]),
        # AL letters 1, the space between AL and EN stays 1 (N1: R then EN-as-R), digits 2.
        ("مرحبا 123", True, [1, 1, 1, 1, 1, 1, 2, 2, 2]),
        # LTR paragraph: Arabic word 1, digits after AL become AN (W2) -> 2, neutral space
        # between AL and AN resolves to R (N1) -> 1.
        ("ab مرحبا 12", False, [0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2]),
        # Isolate: the initiator and PDI take the outer level; content is LTR (2 in RTL).
        (f"رقم {LRI}+966{PDI}", True, [1, 1, 1, 1, 1, 2, 2, 2, 2, 1]),
    ],
)
def test_embedding_levels(text: str, rtl: bool, levels: list[int]) -> None:
    assert embedding_levels(text, rtl) == levels


def test_brackets_are_mirrored_in_rtl() -> None:
    line = layout_line("(واتساب)", SIZE, rtl=True)
    drawn = [g for g in sorted(line.glyphs, key=lambda g: g.x) if g.source]
    assert drawn[0].source == "("
    assert drawn[-1].source == ")"
    assert line.visual_text() == "(باستاو)"


@pytest.mark.parametrize(("text", "rtl"), CORPUS, ids=_ids())
def test_glyphs_are_emitted_left_to_right(text: str, rtl: bool) -> None:
    """Letters come in non-decreasing x from 0, within the width; the width is the advances' sum.

    ``layout_line`` emits runs in visual order, each shaped into glyphs in visual order, so
    glyphs that start a cluster and are not marks go left to right (marks are offset onto
    their letter, so their x may fall on either side of it); the line width is
    the sum of the run widths, which equals the sum of the advances of the pieces.
    """
    line = layout_line(text, SIZE, rtl=rtl)
    xs = [g.x for g in line.glyphs if g.source and not unicodedata.combining(g.source[0])]
    assert xs == sorted(xs)
    assert xs[0] == pytest.approx(0.0, abs=1e-6)
    # marks may hang a little past the letter they sit on
    assert all(-SIZE / 2 <= g.x <= line.width + SIZE / 2 for g in line.glyphs)
    # Width does not depend on order: it is the sum of the shaped level runs' advances.
    levels = embedding_levels(text, rtl)
    pieces, start = [], 0
    for i in range(1, len(text) + 1):
        if i == len(text) or levels[i] != levels[start]:
            pieces.append((text[start:i], levels[start] % 2 == 1))
            start = i
    widths = sum(text_width(p, SIZE, rtl=rtl) for p, rtl in pieces)
    assert line.width == pytest.approx(widths, rel=1e-9)
