"""Digits in any script: people type Arabic-Indic (٠-٩), Persian/Urdu (۰-۹) or Western digits.

Everything is stored with Western digits; ``localize_digits`` turns them back for display.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..i18n import _
from .errors import ValidationError
from .text import strip_bidi_controls

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
WESTERN = "0123456789"
ARABIC_DECIMAL_SEPARATOR = "٫"
ARABIC_THOUSANDS_SEPARATOR = "٬"
DIGIT_STYLES = ("western", "arabic")

_TO_WESTERN = str.maketrans(
    ARABIC_INDIC + PERSIAN + ARABIC_DECIMAL_SEPARATOR + ARABIC_THOUSANDS_SEPARATOR,
    WESTERN + WESTERN + ".,",
)
_TO_ARABIC = str.maketrans(WESTERN + PERSIAN, ARABIC_INDIC + ARABIC_INDIC)

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphen-minus, hyphens, dashes, minus sign
_SEPARATORS = re.compile(r"[\s" + re.escape(_DASHES) + r".()]+")
_SPACES = re.compile(r"\s+")
_MINUS = re.compile(r"^[" + re.escape(_DASHES) + r"]|[" + re.escape(_DASHES) + r"]$")
_INT = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)")
_AMOUNT = re.compile(r"(?P<int>[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)?(?:\.(?P<frac>[0-9]*))?")


def normalize_digits(text: str) -> str:
    """Arabic-Indic and Persian digits -> Western; ٫ -> "." and ٬ -> ","; nothing else changes."""
    return text.translate(_TO_WESTERN)


def to_arabic_digits(text: str) -> str:
    """Western and Persian digits -> Arabic-Indic.  Punctuation (``/``, ``.``, ``,``) is kept."""
    return text.translate(_TO_ARABIC)


def localize_digits(text: str, style: str) -> str:
    """``style`` "arabic" -> Arabic-Indic digits; "western" -> ``text`` unchanged."""
    if style == "arabic":
        return to_arabic_digits(text)
    if style == "western":
        return text
    raise ValueError(f"unknown digit style {style!r}; choose one of {', '.join(DIGIT_STYLES)}")


def digits_only(text: str) -> str:
    """Normalise digits, then drop spaces, dashes, dots, parentheses and bidi marks.

    Anything else (letters, ``+``, ``/``) is kept so the caller can still reject it.
    """
    return _SEPARATORS.sub("", strip_bidi_controls(normalize_digits(text)))


def _clean_number(text: str | None) -> str:
    text = strip_bidi_controls(normalize_digits(text or ""))
    return _SPACES.sub("", text)


def parse_int(text: str | None, field: str) -> int:
    """A non-negative whole number typed in any digit script, e.g. "١٬٢٣٤" or "1 234" -> 1234."""
    cleaned = _clean_number(text)
    if not cleaned:
        raise ValidationError(field, _("Enter a number"))
    if _MINUS.search(cleaned):
        raise ValidationError(field, _("The number cannot be negative"))
    if not _INT.fullmatch(cleaned):
        if "." in cleaned and _AMOUNT.fullmatch(cleaned):
            raise ValidationError(field, _("Enter a whole number without a decimal point"))
        raise ValidationError(field, _("Enter a whole number using digits only, e.g. 1250"))
    return int(cleaned.replace(",", ""))


def parse_amount(text: str | None, field: str, *, max_places: int = 2) -> Decimal:
    """A non-negative amount in any digit script: "1,250.50", "١٬٢٥٠٫٥", "1250" -> Decimal.

    Thousands separators (``,`` or ``٬``) must group by three, so "1,5" is refused rather than
    silently read as 15.  At most ``max_places`` digits after the decimal point.
    """
    cleaned = _clean_number(text)
    if not cleaned:
        raise ValidationError(field, _("Enter an amount"))
    if _MINUS.search(cleaned):
        raise ValidationError(field, _("The amount cannot be negative"))
    match = _AMOUNT.fullmatch(cleaned)
    if not match or not (match["int"] or match["frac"]):
        raise ValidationError(field, _("Enter an amount using digits only, e.g. 1,250.50"))
    frac = match["frac"] or ""
    if len(frac) > max_places:
        raise ValidationError(
            field,
            _("Use at most {places} digits after the decimal point").format(places=max_places),
        )
    whole = (match["int"] or "0").replace(",", "")
    return Decimal(f"{whole}.{frac}" if frac else whole)
