from difflib import SequenceMatcher

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.text import (
    FSI,
    PDI,
    full_name,
    isolate,
    name_similarity,
    name_tokens,
    normalize_name,
    similar_names,
    strip_bidi_controls,
    token_similarity,
    tokens_of_normalized,
)
from ajfar_desk.domain.validation import max_length, optional_text, required_text


@pytest.fixture(autouse=True)
def english_messages(arabic_by_default):
    """These tests read the English msgids; the Arabic catalog is checked in test_i18n."""
    from ajfar_desk import i18n

    i18n.set_language("en")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("عبدُ اللّه بن أحمد", "عبدالله ابن احمد"),
        ("عبد الرحمن", "عبدالرحمن"),
        ("إبراهيم", "ابراهيم"),
        ("آمنة", "امنه"),
        ("ٱلهدى", "الهدي"),
        ("مؤمن", "مومن"),
        ("هانئ", "هاني"),
        ("محمـــد", "محمد"),
        ("  محمد\u200c   علي\t", "محمد علي"),
        ("\u200fفاطمة\u200e", "فاطمه"),
        ("ﷲ", "الله"),  # presentation-form ligature, folded by NFKC
        ("Ahmed ALI", "ahmed ali"),
        ("José", "jose"),
        ("محمد-علي", "محمد علي"),
    ],
)
def test_normalize_name_equivalences(a, b):
    assert normalize_name(a) == normalize_name(b)


def test_normalize_name_values():
    assert normalize_name("عبدُ اللّه بن أحمد") == "عبدالله بن احمد"
    assert normalize_name("خالد ابن الوليد") == "خالد بن الوليد"
    assert normalize_name("عبد العزيز آل سعود") == "عبدالعزيز ال سعود"
    assert normalize_name("عبد") == "عبد"
    assert normalize_name("عبد محمد") == "عبد محمد"  # only "عبد" + a word starting with "ال" joins
    assert normalize_name("لابن") == "لابن"  # "ابن" only as a word
    assert normalize_name("بنت") == "بنت"
    assert normalize_name("") == ""


@given(st.text())
def test_normalize_name_idempotent(text):
    once = normalize_name(text)
    assert normalize_name(once) == once


arabic_words = st.lists(
    st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهويأإآةىؤئءـًٌٍَُِّْ", min_size=1, max_size=8),
    min_size=1,
    max_size=5,
)


@given(arabic_words)
def test_normalize_name_idempotent_arabic(words):
    text = " ".join(["عبد", "ال" + words[0], "ابن", *words[1:]])
    once = normalize_name(text)
    assert normalize_name(once) == once
    assert "  " not in once and once == once.strip()


def test_name_tokens():
    assert name_tokens("عبدُ اللّه بن أحمد  الغامدي") == ["عبدالله", "احمد", "الغامدي"]
    assert name_tokens("فاطمة بنت محمد") == ["فاطمه", "محمد"]
    assert name_tokens("") == []


def test_name_similarity():
    assert name_similarity("عبدُ اللّه بن أحمد الغامدي", "عبدالله ابن احمد الغامدى") == 1.0
    assert name_similarity("محمد أحمد علي الغامدي", "محمد أحمد علي الغامدي") == 1.0
    one_differs = name_similarity("محمد أحمد علي الغامدي", "محمد سعيد علي الغامدي")
    assert one_differs == pytest.approx(0.75)
    assert one_differs < 0.8
    assert name_similarity("محمد أحمد علي الغامدي", "محمد أحمد الغامدي") >= 0.8  # no grandfather
    typo = name_similarity("عبدالرحمن سعد القحطاني", "عبدالرحمان سعد القحطاني")
    assert 0.9 < typo < 1.0
    assert name_similarity("محمد أحمد علي الغامدي", "خالد سعيد فهد العتيبي") < 0.3
    assert name_similarity("حسن علي", "حسين علي") == 0.5  # short names are not near-spellings
    assert name_similarity("", "") == 1.0
    assert name_similarity("محمد", "") == 0.0


@given(st.text(max_size=30), st.text(max_size=30))
def test_name_similarity_bounds(a, b):
    s = name_similarity(a, b)
    assert 0.0 <= s <= 1.0
    assert s == pytest.approx(name_similarity(b, a))
    assert name_similarity(a, a) == 1.0


def _difflib_part_score(a: str, b: str) -> float:
    """The name-part score as it was before rapidfuzz: difflib for every pair."""
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 4:
        return 0.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return ratio if ratio >= 0.8 else 0.0


PART = st.text(alphabet="ابتسعدلمنهوي", min_size=1, max_size=9)


@given(PART, PART)
def test_a_name_part_scores_as_difflib_scored_it(a, b):
    from ajfar_desk.domain.text import _token_similarity

    assert _token_similarity(a, b) == _difflib_part_score(a, b)


@pytest.mark.parametrize("a, b", [
    ("abcdefghij", "abcdefghzz"),  # exactly 0.8: kept, as difflib kept it
    ("abcd", "bcda"),  # difflib 0.75 where the longest common subsequence gives 0.75 too
    ("عبدالرحمن", "عبدالرحمان"), ("الغامدي", "الغامد"), ("سلطان", "سلطانه"),
])
def test_the_rapidfuzz_bound_never_drops_a_pair_difflib_keeps(a, b):
    from ajfar_desk.domain.text import _token_similarity

    assert _token_similarity(a, b) == _difflib_part_score(a, b)


@st.composite
def _query_and_names(draw):
    """A query and names born the same day: many share parts with it, some a part typed a bit
    differently (a letter added or dropped), the rest are others."""
    query = draw(st.lists(PART, min_size=0, max_size=5))
    part = PART | st.sampled_from(query) if query else PART
    if query:
        varied = st.sampled_from(query).flatmap(lambda p: st.sampled_from([p + "ي", p[:-1] or p, "ا" + p]))
        part = part | varied
    names = draw(st.lists(st.lists(part, min_size=0, max_size=5), max_size=30))
    return query, [" ".join(n) for n in names]


@given(_query_and_names())
def test_similar_names_finds_what_scoring_every_name_finds(case):
    """The skip of names without enough near parts changes no decision and no score."""
    query, names = case
    expected = {}
    for name in names:
        score = token_similarity(query, tokens_of_normalized(name))
        if score >= 0.8:
            expected[name] = score
    assert similar_names(query, names, 0.8) == expected


def test_full_name():
    assert full_name("محمد", "أحمد", "علي", "الغامدي") == "محمد أحمد علي الغامدي"
    assert full_name(" محمد ", "", None, "الغامدي") == "محمد الغامدي"
    assert full_name("عبد  الله", " ", None, None) == "عبد الله"
    assert full_name(None, None, None, None) == ""


def test_isolate_and_strip():
    assert isolate("13/10/2024") == f"{FSI}13/10/2024{PDI}"
    assert isolate("") == ""
    assert (
        strip_bidi_controls("\u200e\u200f\u061c\u202aa\u202c\u2066b\u2069" + isolate("c")) == "abc"
    )


def test_validation_helpers():
    assert required_text("  محمد ", "first_name", "First name") == "محمد"
    with pytest.raises(ValidationError) as err:
        required_text("   ", "first_name", "First name")
    assert err.value.field == "first_name" and err.value.message == "First name is required"
    with pytest.raises(ValidationError):
        required_text(None, "first_name", "First name")
    assert (
        optional_text("  ") is None and optional_text(" a ") == "a" and optional_text(None) is None
    )
    assert max_length("abc", "notes", "Notes", 3) == "abc"
    assert max_length(None, "notes", "Notes", 3) is None
    with pytest.raises(ValidationError) as err:
        max_length("abcd", "notes", "Notes", 3)
    assert err.value.field == "notes" and "at most 3" in err.value.message


_TRICKY = (
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" "أإآٱةىؤئء" "\u064b\u064e\u0650\u0651\u0652\u0654\u0655\u0670\u0640"
    " \t\n\u00a0\u2003\u3000\u1680\x1c\x85\u2028\u200b\u200c\u200d\u200e\u200f\u2068\u2069\ufeff"
    "\u00a8\u00b4\ufe70\ufe72\ufe7c\ufb50\ufe8d\ufdf2\ufdfa\u0301\u0308\u0327"
    "-_.,،" "AaÉéçΣσςİıßﬁ" "0123٠١٢۴"
)


@given(st.text(alphabet=_TRICKY, max_size=40) | st.text(max_size=20))
def test_folding_word_by_word_is_folding_the_whole_text(text):
    """``normalize_name`` folds each word once and keeps it; that must be exactly the text's
    own fold (combining marks at a word's edge, spaces from compatibility forms, final sigma)."""
    from ajfar_desk.domain.text import _fold, _fold_words

    assert _fold_words(text) == _fold(text)
    once = _fold(text)
    expected = once if once.isascii() or not once else _fold(once)
    assert normalize_name(text) == expected
    assert normalize_name(text) == expected  # its words now known folded (``_STABLE``): at once
