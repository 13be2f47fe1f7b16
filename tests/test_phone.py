import pytest
from hypothesis import given
from hypothesis import strategies as st

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.phone import format_phone, normalize_phone, phone_search_key


@pytest.fixture(autouse=True)
def english_messages(arabic_by_default):
    """These tests read the English msgids; the Arabic catalog is checked in test_i18n."""
    from ajfar_desk import i18n

    i18n.set_language("en")


@pytest.mark.parametrize(
    "typed",
    [
        "0501234567",
        "501234567",
        "+966501234567",
        "00966501234567",
        "966501234567",
        "050-123-4567",
        "050 123 4567",
        "(050) 1234567",
        "٠٥٠١٢٣٤٥٦٧",
        "۰۵۰۱۲۳۴۵۶۷",
        "+٩٦٦ ٥٠ ١٢٣ ٤٥٦٧",
        "\u200e+966 50 123 4567",
        "050١٢٣٤٥٦٧",  # the keyboard switched half way: Western digits stored all the same
        "+96650١٢٣٤٥٦٧",
    ],
)
def test_saudi_mobile_forms(typed):
    assert normalize_phone(typed) == "+966501234567"


def test_other_numbers():
    assert normalize_phone("0112345678") == "+966112345678"  # Riyadh landline
    assert normalize_phone("920012345") == "+966920012345"  # unified number
    assert normalize_phone("+20 100 123 4567") == "+201001234567"


def _message(text, field="phone"):
    with pytest.raises(ValidationError) as err:
        normalize_phone(text, field=field)
    assert err.value.field == field
    return err.value.message


def test_errors_name_the_rule():
    empty, letters, invalid = _message(""), _message("05abc"), _message("05012345")
    assert "required" in empty
    assert "digits only" in letters
    assert "not a valid phone number" in invalid
    assert len({empty, letters, invalid}) == 3
    assert "required" in _message(None, field="guardian_phone")
    assert "digits only" in _message("+")
    assert "digits only" in _message("05/0123")
    assert "not a valid" in _message("050123456789012")


def test_format_phone():
    assert format_phone("+966501234567") == "050 123 4567"
    assert format_phone("+966501234567", international=True) == "+966 50 123 4567"
    assert format_phone("+201001234567") == "+20 10 01234567"
    assert format_phone("") == ""
    assert format_phone("garbage") == "garbage"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("0501", "+966501"),
        ("+9665", "+9665"),
        ("9665", "+9665"),
        ("501", "+966501"),
        ("009665", "+9665"),
        ("٠٥٠١", "+966501"),
        ("050 12", "+9665012"),
        ("0", "+966"),
        ("96", "+96"),
        ("920", "+966920"),
        ("+20", "+20"),
    ],
)
def test_search_key(typed, key):
    assert phone_search_key(typed) == key


@pytest.mark.parametrize("typed", ["", "   ", "abc", "05a1", "+", "-", None, "05/1"])
def test_search_key_none(typed):
    assert phone_search_key(typed) is None


@given(
    st.text(alphabet="0123456789", min_size=7, max_size=7),
    st.sampled_from(["05{}", "5{}", "+9665{}", "009665{}", "9665{}"]),
    st.integers(1, 14),
)
def test_every_typed_prefix_matches_the_stored_number(rest, form, cut):
    typed = form.format("0" + rest)
    stored = normalize_phone(typed)
    key = phone_search_key(typed[:cut])
    if typed[:cut] == "+":
        assert key is None
    else:
        assert stored.startswith(key)
