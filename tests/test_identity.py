import pytest
from hypothesis import given
from hypothesis import strategies as st

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import (
    id_kind,
    is_luhn_valid,
    luhn_check_digit,
    make_national_id,
    validate_national_id,
)


@pytest.fixture(autouse=True)
def english_messages(arabic_by_default):
    """These tests read the English msgids; the Arabic catalog is checked in test_i18n."""
    from ajfar_desk import i18n

    i18n.set_language("en")


# Check digits worked out by hand with the rule (double positions 0, 2, 4, 6, 8 from the left).
KNOWN_VALID = ["1000000008", "2000000006", "1234567897", "2234567895"]


@pytest.mark.parametrize("nid", KNOWN_VALID)
def test_known_valid(nid):
    assert validate_national_id(nid) == nid
    assert is_luhn_valid(nid)


def test_any_digit_script_and_separators():
    assert validate_national_id("١٠٠٠٠٠٠٠٠٨") == "1000000008"
    assert validate_national_id("۱۲۳۴۵۶۷۸۹۷") == "1234567897"
    assert validate_national_id(" 1234-567-897 ") == "1234567897"
    assert validate_national_id("\u200e1234 567 897") == "1234567897"


def _rule(text, field="national_id"):
    with pytest.raises(ValidationError) as err:
        validate_national_id(text, field=field)
    assert err.value.field == field
    return err.value.message


def test_each_rule_has_its_own_message():
    messages = {
        "empty": _rule("  "),
        "non_digit": _rule("12345a7897"),
        "length": _rule("123456789"),
        "first_digit": _rule("3000000004"),  # Luhn-valid, wrong first digit
        "check_digit": _rule("1234567890"),
    }
    assert len(set(messages.values())) == len(messages)
    assert "required" in messages["empty"]
    assert "digits only" in messages["non_digit"]
    assert "10 digits" in messages["length"] and "9" in messages["length"]
    assert "start with 1" in messages["first_digit"]
    assert "check digit" in messages["check_digit"]
    assert "11" in _rule("12345678970")
    assert "required" in _rule(None)
    assert _rule("1", field="guardian_id")


def test_luhn_check_digit():
    assert luhn_check_digit("123456789") == 7
    assert is_luhn_valid("3000000004")
    with pytest.raises(ValueError):
        luhn_check_digit("12")


def test_id_kind():
    assert id_kind("1000000008") == "citizen"
    assert id_kind("2000000006") == "resident"
    assert id_kind("٢٠٠٠٠٠٠٠٠٦") == "resident"
    with pytest.raises(ValueError):
        id_kind("3000000004")


def test_make_national_id_checks_input():
    assert make_national_id(1, "23456789") == "1234567897"
    with pytest.raises(ValueError):
        make_national_id(3, "23456789")
    with pytest.raises(ValueError):
        make_national_id(1, "234567890")


bodies = st.text(alphabet="0123456789", min_size=8, max_size=8)


@given(st.sampled_from([1, 2]), bodies)
def test_make_national_id_always_validates(first, body):
    nid = make_national_id(first, body)
    assert len(nid) == 10
    assert validate_national_id(nid) == nid
    assert id_kind(nid) == ("citizen" if first == 1 else "resident")


@given(st.sampled_from([1, 2]), bodies, st.integers(1, 9), st.integers(1, 9))
def test_any_single_digit_change_breaks_it(first, body, pos, delta):
    nid = make_national_id(first, body)
    changed = nid[:pos] + str((int(nid[pos]) + delta) % 10) + nid[pos + 1 :]
    with pytest.raises(ValidationError) as err:
        validate_national_id(changed)
    assert "check digit" in err.value.message


def test_luhn_sum_is_the_textbook_one_on_random_digits():
    import random

    from ajfar_desk.domain.identity import _luhn_sum

    def textbook(digits: str) -> int:
        total = 0
        for pos, ch in enumerate(digits):
            value = int(ch) * (2 if pos % 2 == 0 else 1)
            total += value - 9 if value > 9 else value
        return total

    rng = random.Random(13)
    for _ in range(2000):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randrange(0, 14)))
        assert _luhn_sum(digits) == textbook(digits), digits
