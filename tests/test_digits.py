from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ajfar_desk.domain.digits import (
    digits_only,
    localize_digits,
    localize_outside_codes,
    normalize_digits,
    parse_amount,
    parse_int,
    to_arabic_digits,
)
from ajfar_desk.domain.errors import ValidationError


@pytest.fixture(autouse=True)
def english_messages(arabic_by_default):
    """These tests read the English msgids; the Arabic catalog is checked in test_i18n."""
    from ajfar_desk import i18n

    i18n.set_language("en")


def test_normalize_digits_all_scripts():
    assert normalize_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert normalize_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert normalize_digits("١٢٫٥") == "12.5"
    assert normalize_digits("١٬٠٠٠") == "1,000"
    assert normalize_digits("رقم ١٢ abc") == "رقم 12 abc"


def test_to_arabic_and_localize():
    assert to_arabic_digits("13/10/2024") == "١٣/١٠/٢٠٢٤"
    assert to_arabic_digits("۱۲") == "١٢"
    assert localize_digits("13/10/2024", "arabic") == "١٣/١٠/٢٠٢٤"
    assert localize_digits("13/10/2024", "western") == "13/10/2024"
    with pytest.raises(ValueError):
        localize_digits("1", "roman")


@given(st.text())
def test_arabic_round_trip(text):
    assert normalize_digits(to_arabic_digits(normalize_digits(text))) == normalize_digits(text)


def test_digits_only():
    assert digits_only("١٠٢٣-٤٥٦ ٧٨٩٠") == "1023456" + "7890"
    assert digits_only("(050) 123.45-67") == "0501234567"
    assert digits_only("\u200f050 12a") == "05012a"
    assert digits_only("+966 50") == "+96650"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("42", 42),
        ("٤٢", 42),
        ("۴۲", 42),
        (" 1 234 ", 1234),
        ("1,234", 1234),
        ("١٬٢٣٤", 1234),
        ("0", 0),
        ("1,234,567", 1234567),
    ],
)
def test_parse_int_ok(text, expected):
    assert parse_int(text, "count") == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Enter a number"),
        ("  ", "Enter a number"),
        (None, "Enter a number"),
        ("-3", "negative"),
        ("3-", "negative"),
        ("12.5", "decimal point"),
        ("abc", "digits only"),
        ("1,23", "digits only"),
        ("1,2345", "digits only"),
    ],
)
def test_parse_int_errors(text, fragment):
    with pytest.raises(ValidationError) as err:
        parse_int(text, "count")
    assert err.value.field == "count"
    assert fragment in err.value.message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1250", Decimal("1250")),
        ("1,250.50", Decimal("1250.50")),
        ("١٬٢٥٠٫٥", Decimal("1250.5")),
        ("۱۲۵۰٫۵۰", Decimal("1250.50")),
        (".5", Decimal("0.5")),
        ("5.", Decimal("5")),
        ("1 250", Decimal("1250")),
        ("0", Decimal("0")),
    ],
)
def test_parse_amount_ok(text, expected):
    assert parse_amount(text, "amount") == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "Enter an amount"),
        ("-5", "negative"),
        ("−5", "negative"),
        ("12.345", "at most 2"),
        ("1,5", "digits only"),
        ("12a", "digits only"),
        (".", "digits only"),
        ("1.2.3", "digits only"),
    ],
)
def test_parse_amount_errors(text, fragment):
    with pytest.raises(ValidationError) as err:
        parse_amount(text, "amount")
    assert err.value.field == "amount"
    assert fragment in err.value.message


def test_parse_amount_places_keyword():
    assert parse_amount("1.125", "amount", max_places=3) == Decimal("1.125")


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_int_round_trip_any_script(n):
    grouped = f"{n:,}"
    assert parse_int(str(n), "n") == n
    assert parse_int(grouped, "n") == n
    assert parse_int(to_arabic_digits(grouped.replace(",", "٬")), "n") == n


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_parse_amount_round_trip(value):
    text = f"{value:,.2f}"
    assert parse_amount(text, "a") == value
    assert parse_amount(to_arabic_digits(text.replace(",", "٬").replace(".", "٫")), "a") == value


def test_a_formatted_line_turns_its_numbers_and_leaves_its_codes_as_written():
    line = "AJF-1448-000123  2026-12-07  HQ#١  عدد 12"
    assert localize_outside_codes(line, "arabic") == "AJF-1448-000123  ٢٠٢٦-١٢-٠٧  HQ#١  عدد ١٢"
    assert localize_outside_codes(line, "western") == line
