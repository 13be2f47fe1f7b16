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
    strip_bidi_controls,
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
