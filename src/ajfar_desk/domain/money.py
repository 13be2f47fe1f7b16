"""Amounts and figures as people read them, on screen, on paper and in the spreadsheet.

THE RULE for money: riyals with two decimal places, always ("1,250.50 SAR", «١٬٢٥٠٫٥٠ ريال»,
"1,000.00 SAR"), or none when the association keeps its accounts in whole riyals (the profile's
``money_decimals = 0``: "1,250 SAR"; an amount that does carry halalas still shows them, so a
paper never misstates a sum). Grouping and the decimal sign come from babel (CLDR) for the
language: Western separators "1,250.50" with Western digits, the Arabic signs U+066C and U+066B
with Arabic-Indic digits «١٬٢٥٠٫٥٠»; then the digits follow the profile's rule
(``domain.digits``: Arabic text in the profile's digits, English always Western).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from ..i18n import N_, gettext
from .digits import digit_style, localize_digits
from .text import isolate

MONEY_DECIMALS = (2, 0)  # the choices of a profile's ``money_decimals``
MINUS = "\u2212"  # a true minus sign, as wide as the plus


def pattern(places: int) -> str:
    """The number pattern (babel's and the spreadsheet's): "#,##0" or "#,##0.00"."""
    return "#,##0" + ("." + "0" * places if places else "")


def format_number(
    value: Decimal | int | float | str, lang: str, digits: str, places: int = 0,
    *, signed: bool = False,
) -> str:
    """``value`` grouped, rounded half up to ``places`` decimals, in the language's signs and
    digits, not isolated: "1,250.5", «١٬٢٥٠٫٥». ``signed`` adds "+" or "−" (nothing for
    zero); a negative value always has its "−"."""
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    style = digit_style(digits, lang)
    text = format_decimal(
        abs(amount),
        format=pattern(places),
        locale="ar" if lang == "ar" else "en",
        numbering_system="arab" if style == "arabic" else "latn",
    )
    text = localize_digits(text, style)
    if amount < 0:
        return MINUS + text
    return ("+" + text) if signed and amount > 0 else text


def money_places(value: Decimal | int | float | str, decimals: int = 2) -> int:
    """Decimal places an amount is shown with: the profile's (2, or 0 for whole riyals), but
    two whenever the amount has halalas."""
    if decimals not in MONEY_DECIMALS:
        raise ValueError(f"money_decimals must be one of {MONEY_DECIMALS}, not {decimals!r}")
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    return 2 if decimals or amount != amount.to_integral_value() else 0


def format_amount(
    value: Decimal | int | float | str, lang: str, digits: str, decimals: int = 2,
    *, signed: bool = False,
) -> str:
    """An amount of money without its unit: "1,250.50", «١٬٢٥٠٫٥٠», "1,250" (whole riyals)."""
    return format_number(value, lang, digits, money_places(value, decimals), signed=signed)


def format_money(
    value: Decimal | int | float | str, lang: str, digits: str, decimals: int = 2,
    *, signed: bool = False,
) -> str:
    """An amount with its unit, the figure isolated: "1,250.50 SAR", «١٬٢٥٠٫٥٠ ريال»."""
    amount = format_amount(value, lang, digits, decimals, signed=signed)
    return gettext(N_("{amount} SAR"), lang).format(amount=isolate(amount))
