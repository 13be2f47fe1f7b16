from datetime import date

import pytest
from hijridate import Hijri
from hypothesis import given
from hypothesis import strategies as st

from ajfar_desk.domain.dates import (
    age_on,
    format_both,
    format_date,
    format_hijri,
    format_hijri_long,
    format_long,
    gregorian_to_hijri,
    hijri_to_gregorian,
    parse_date,
)
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.text import FSI, PDI


@pytest.fixture(autouse=True)
def english_messages(arabic_by_default):
    """These tests read the English msgids; the Arabic catalog is checked in test_i18n."""
    from ajfar_desk import i18n

    i18n.set_language("en")


# (Hijri, Gregorian) pairs quoted in the associations' own policies.
POLICY_PAIRS = [
    ((1446, 4, 10), date(2024, 10, 13)),
    ((1444, 4, 8), date(2022, 11, 2)),
    ((1444, 8, 3), date(2023, 2, 23)),
]


@pytest.mark.parametrize(("hijri", "greg"), POLICY_PAIRS)
def test_policy_pairs_both_ways(hijri, greg):
    assert hijri_to_gregorian(*hijri) == greg
    assert gregorian_to_hijri(greg) == hijri
    assert type(hijri_to_gregorian(*hijri)) is date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("١٠/٤/١٤٤٦هـ", date(2024, 10, 13)),
        ("١٠/٤/١٤٤٦ هـ", date(2024, 10, 13)),
        ("10/4/1446 ه", date(2024, 10, 13)),
        ("08/04/1444 هـ", date(2022, 11, 2)),
        ("۰۸/۰۴/۱۴۴۴ه", date(2022, 11, 2)),
        ("03/08/1444", date(2023, 2, 23)),
        ("23/02/2023", date(2023, 2, 23)),
        ("٢٣/٠٢/٢٠٢٣", date(2023, 2, 23)),
        ("2023-02-23", date(2023, 2, 23)),
        ("2023/2/23", date(2023, 2, 23)),
        ("23.2.2023", date(2023, 2, 23)),
        ("23 2 2023", date(2023, 2, 23)),
        ("23-02-2023م", date(2023, 2, 23)),
        ("1446-04-10", date(2024, 10, 13)),
        ("10/04/1446 AH", date(2024, 10, 13)),
        ("\u200f١٠/٤/١٤٤٦\u200f هـ", date(2024, 10, 13)),
    ],
)
def test_parse_date_formats(text, expected):
    assert parse_date(text) == expected


def test_parse_date_calendar_argument():
    assert parse_date("10/4/1446", calendar="hijri") == date(2024, 10, 13)
    assert parse_date("13/10/2024", calendar="gregorian") == date(2024, 10, 13)
    assert parse_date("1/1/1500", calendar="gregorian") == date(1500, 1, 1)
    with pytest.raises(ValueError):
        parse_date("1/1/2000", calendar="julian")


def _message(text, **kwargs):
    field = kwargs.pop("field", "birth_date")
    with pytest.raises(ValidationError) as err:
        parse_date(text, field=field, **kwargs)
    assert err.value.field == field
    return err.value.message


def test_parse_date_errors_name_the_rule():
    messages = {
        "empty": _message("  "),
        "unreadable": _message("tomorrow"),
        "short_year": _message("1/2/23"),
        "month": _message("1/13/2020"),
        "day": _message("29/2/2023"),
        "hijri_day": _message("30/5/1446هـ"),  # Jumada al-Ula 1446 has 29 days (Umm al-Qura)
        "hijri_range": _message("1/1/1342هـ"),
        "future": _message("1/1/2030", allow_future=False, today=date(2024, 1, 1)),
        "marker_conflict": _message("10/4/1446هـ", calendar="gregorian"),
    }
    assert len(set(messages.values())) == len(messages)
    assert "required" in messages["empty"]
    assert "day/month/year" in messages["unreadable"]
    assert "4 digits" in messages["short_year"]
    assert "Month must be between 1 and 12" in messages["month"]
    assert "between 1 and 28" in messages["day"]
    assert "between 1 and 29" in messages["hijri_day"]
    assert "1343" in messages["hijri_range"] and "1500" in messages["hijri_range"]
    assert "future" in messages["future"]
    assert "Gregorian" in messages["marker_conflict"]
    assert "day/month/year" in _message("1/2/3/2020")
    assert "day/month/year" in _message("10/123/2020")
    assert "required" in _message(None, field="visit_date")


def test_allow_future():
    assert parse_date("1/1/2030", allow_future=True, today=date(2024, 1, 1)) == date(2030, 1, 1)
    assert parse_date("1/1/2024", allow_future=False, today=date(2024, 1, 1)) == date(2024, 1, 1)


def test_conversion_errors():
    assert hijri_to_gregorian(1446, 4, 30) == date(2024, 11, 2)  # Rabi al-Akhir 1446 has 30
    with pytest.raises(ValidationError) as err:
        hijri_to_gregorian(1446, 1, 30)
    assert err.value.field == "birth_date" and "29" in err.value.message
    with pytest.raises(ValidationError) as err:
        hijri_to_gregorian(1446, 13, 1)
    assert "Month" in err.value.message
    with pytest.raises(ValidationError) as err:
        hijri_to_gregorian(1501, 1, 1)
    assert "1500" in err.value.message
    with pytest.raises(ValidationError) as err:
        gregorian_to_hijri(date(1900, 1, 1), field="d")
    assert err.value.field == "d" and "01/08/1924" in err.value.message


@given(st.integers(1356, 1500), st.integers(1, 12), st.integers(1, 30))
def test_hijri_round_trip(y, m, d):
    d = min(d, Hijri(y, m, 1).month_length())
    assert gregorian_to_hijri(hijri_to_gregorian(y, m, d)) == (y, m, d)


@given(st.dates(min_value=date(1937, 3, 14), max_value=date(2076, 11, 27)))
def test_gregorian_round_trip_and_text(d):
    y, m, day = gregorian_to_hijri(d)
    assert hijri_to_gregorian(y, m, day) == d
    assert parse_date(format_date(d, digits="arabic")) == d
    assert parse_date(format_hijri(d, "ar", "arabic")) == d
    assert parse_date(format_hijri(d, "en")) == d


def test_formats():
    d = date(2024, 10, 13)
    assert format_date(d, "ar") == "13/10/2024"
    assert format_date(date(2022, 11, 2), "en") == "02/11/2022"
    assert format_date(d, "ar", "arabic") == "١٣/١٠/٢٠٢٤"
    assert format_hijri(d, "ar") == "10/04/1446 هـ"
    assert format_hijri(d, "en") == "10/04/1446 AH"
    assert format_hijri(d, "ar", "arabic") == "١٠/٠٤/١٤٤٦ هـ"
    assert format_both(d, "ar") == f"{FSI}10/04/1446 هـ{PDI} ({FSI}13/10/2024{PDI})"
    assert format_both(d, "en") == f"{FSI}10/04/1446 AH{PDI} ({FSI}13/10/2024{PDI})"
    assert format_both(date(1900, 1, 1), "ar") == f"{FSI}01/01/1900{PDI}"
    assert format_long(d, "ar") == "13 أكتوبر 2024"
    assert format_long(d, "en") == "13 October 2024"
    assert format_long(d, "ar", "arabic") == "١٣ أكتوبر ٢٠٢٤"
    assert format_hijri_long(d, "ar") == "10 ربيع الآخر 1446 هـ"
    assert format_hijri_long(d, "en") == "10 Rabi al-Akhir 1446 AH"
    assert format_hijri_long(date(2023, 2, 23), "ar") == "3 شعبان 1444 هـ"


def test_age_on():
    birth = date(2000, 5, 20)
    assert age_on(birth, date(2024, 5, 19)) == 23
    assert age_on(birth, date(2024, 5, 20)) == 24
    assert age_on(birth, birth) == 0
    leap = date(2004, 2, 29)
    assert age_on(leap, date(2022, 2, 28)) == 17
    assert age_on(leap, date(2022, 3, 1)) == 18
    with pytest.raises(ValueError):
        age_on(birth, date(1999, 1, 1))
