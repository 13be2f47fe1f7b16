"""Money with its decimals, the same everywhere: two places always (or none for an association
that counts in whole riyals), babel's signs for the language, the profile's digits."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from ajfar_desk import i18n
from ajfar_desk.domain import audit, eligibility
from ajfar_desk.domain.money import format_amount, format_money, format_number
from ajfar_desk.domain.profile import ProfileError, get_profile, load_profile
from ajfar_desk.domain.programs import Eligibility
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.printing.report_values import value_text
from ajfar_desk.printing.values import Formatter
from ajfar_desk.services.reports.report_xlsx import number_format
from ajfar_desk.ui.common import fmt

AMOUNTS = [Decimal(0), Decimal(1), Decimal("1250.5"), Decimal(1000000)]
# (profile, whole riyals?, language) -> the amounts above as printed, without the unit
EXPECTED = {
    ("ajfar", False, "ar"): ["٠٫٠٠", "١٫٠٠", "١٬٢٥٠٫٥٠", "١٬٠٠٠٬٠٠٠٫٠٠"],
    ("ajfar", False, "en"): ["0.00", "1.00", "1,250.50", "1,000,000.00"],
    ("baraa", False, "ar"): ["0.00", "1.00", "1,250.50", "1,000,000.00"],
    ("baraa", False, "en"): ["0.00", "1.00", "1,250.50", "1,000,000.00"],
    # whole riyals: no decimals, but an amount with halalas keeps them (never misstated)
    ("ajfar", True, "ar"): ["٠", "١", "١٬٢٥٠٫٥٠", "١٬٠٠٠٬٠٠٠"],
    ("ajfar", True, "en"): ["0", "1", "1,250.50", "1,000,000"],
    ("baraa", True, "ar"): ["0", "1", "1,250.50", "1,000,000"],
    ("baraa", True, "en"): ["0", "1", "1,250.50", "1,000,000"],
}
UNIT = {"ar": "ريال", "en": "SAR"}


def profile(pid: str, whole: bool):
    return dataclasses.replace(get_profile(pid), money_decimals=0 if whole else 2)


def bare(text: str) -> str:
    return strip_bidi_controls(text)


@pytest.fixture
def language():
    yield i18n.set_language
    i18n.set_language("ar")


@pytest.mark.parametrize(("pid", "whole", "lang"), list(EXPECTED))
def test_every_money_formatter_prints_the_same_amount(pid, whole, lang, language):
    p = profile(pid, whole)
    digits = p.digits if lang == "ar" else "western"
    language(lang)
    for amount, want in zip(AMOUNTS, EXPECTED[pid, whole, lang], strict=True):
        with_unit = f"{want} {UNIT[lang]}"
        # the domain's one function
        assert format_amount(amount, lang, p.digits, p.money_decimals) == want
        assert bare(format_money(amount, lang, p.digits, p.money_decimals)) == with_unit
        # papers (stored as text "1250.50"), the monthly report, the screens
        stored = f"{amount:.2f}"
        assert bare(Formatter(p, lang).money(stored)) == with_unit, stored
        assert bare(value_text(Formatter(p, lang), "money", amount)) == with_unit
        assert fmt.money(p, amount) == want
        assert bare(fmt.money_text(p, amount)) == with_unit
        # no Western separator beside Arabic-Indic digits, no Arabic sign beside Western ones
        if digits == "arabic":
            assert not set(want) & set(".,0123456789")
        else:
            assert not set(want) & set("\u066b\u066c٠١٢٣٤٥٦٧٨٩")
    # the spreadsheet: the same decimals in the cell format
    assert number_format("money", lang, money_decimals=p.money_decimals).startswith(
        "#,##0 " if whole else "#,##0.00 "
    )


def test_signs_rounding_and_other_figures():
    assert format_number(Decimal("12.25"), "en", "western", 1) == "12.3"  # half up, not even
    assert format_number(Decimal("-1250.5"), "ar", "arabic", 2) == "−١٬٢٥٠٫٥٠"
    assert format_number(85, "ar", "arabic", 1, signed=True) == "+٨٥٫٠"
    assert format_number(0, "en", "arabic", 1, signed=True) == "0.0"  # English: Western digits
    assert bare(format_money(Decimal("12249.5"), "ar", "arabic", signed=True)) == "+١٢٬٢٤٩٫٥٠ ريال"
    # the audit log's amounts (no profile there: two places)
    assert audit.detail_value("amount", "1250.5", "arabic") == "١٬٢٥٠٫٥٠"
    assert audit.detail_value("amount", "1000000", "western") == "1,000,000.00"
    f = Formatter(get_profile("ajfar"), "en")
    assert bare(value_text(f, "percent", Decimal("85"))) == "85.0%"
    assert bare(value_text(f, "days", Decimal("12.5"))) == "12.5"


def test_eligibility_states_income_in_the_profile_money():
    p = get_profile("ajfar")
    rules = Eligibility(max_income_per_member=Decimal(1500))
    program = dataclasses.replace(p.programs[0], categories=(), eligibility=rules)
    facts = eligibility.EligibilityFacts(
        category="", birth_date=dt.date(1990, 1, 1), city="",
        monthly_income=Decimal("3750.5"), member_incomes=(Decimal(0), Decimal(0)),
    )
    result = eligibility.evaluate(program, facts, dt.date(2026, 12, 6), "ar", profile=p)
    line = next(ln for ln in result.lines if ln.code == eligibility.INCOME)
    assert "١٬٢٥٠٫١٧" in line.text and "٣٬٧٥٠٫٥٠" in line.text and "١٬٥٠٠٫٠٠" in line.text
    english = eligibility.evaluate(program, facts, dt.date(2026, 12, 6), "en", profile=p)
    assert "1,250.17 SAR" in next(ln.text for ln in english.lines if ln.code == "income")


def test_profile_money_decimals_is_checked(tmp_path):
    source = (get_profile("ajfar").policy_file.parent.parent / "ajfar.toml").read_text("utf-8")
    assert get_profile("ajfar").money_decimals == 2  # the default
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "ajfar.txt").write_text("policy", "utf-8")
    path = tmp_path / "ajfar.toml"
    path.write_text(source.replace('digits = "arabic"', 'digits = "arabic"\nmoney_decimals = 0'), "utf-8")
    assert load_profile(path).money_decimals == 0
    path.write_text(source.replace('digits = "arabic"', 'digits = "arabic"\nmoney_decimals = 1'), "utf-8")
    with pytest.raises(ProfileError, match="money_decimals"):
        load_profile(path)
