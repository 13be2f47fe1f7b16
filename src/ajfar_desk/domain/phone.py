"""Phone numbers: stored as E.164 ("+966501234567"), shown in Saudi national format.

Saudi numbers may be typed as 05xxxxxxxx, 5xxxxxxxx, +9665xxxxxxxx, 009665xxxxxxxx or
9665xxxxxxxx, with spaces/dashes/parentheses and in any digit script.
"""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from ..i18n import _
from .digits import digits_only, localize_digits, no_wrap
from .errors import ValidationError
from .text import ltr_code

DEFAULT_REGION = "SA"
SAUDI_CODE = "966"
_TYPED = re.compile(r"\+?[0-9]*")
# Already plain Saudi mobiles in Western digits (05XXXXXXXX, 5XXXXXXXX, +9665XXXXXXXX, 009665...,
# 9665...): the prefix, then phonenumbers' own pattern for Saudi mobiles, in one match without a
# full parse (a bulk import checks one per row).  Anything else, other digits included (``\d``
# alone would take "055١٢٣٤٥٦٧" as it is), takes the full path.
_SAUDI_PREFIX = r"(?:\+966|00966|966|0)?"


@lru_cache(maxsize=1)
def _mobile_pattern() -> re.Pattern[str]:
    meta = phonenumbers.PhoneMetadata.metadata_for_region(DEFAULT_REGION)
    mobile = meta.mobile if meta is not None else None
    pattern = mobile.national_number_pattern if mobile is not None else None
    if pattern is None:  # phonenumbers always ships Saudi Arabia's mobile pattern
        raise LookupError(f"phonenumbers has no mobile pattern for {DEFAULT_REGION}")
    return re.compile(pattern)


@lru_cache(maxsize=1)
def _saudi_mobile() -> re.Pattern[str]:
    """A typed Saudi mobile (see ``_SAUDI_PREFIX``); group 1: its nine national digits."""
    return re.compile(
        _SAUDI_PREFIX + r"(?=(5[0-9]{8})\Z)(?:" + _mobile_pattern().pattern + ")", re.ASCII
    )


def normalize_phone(text: str | None, field: str = "phone") -> str:
    """The E.164 form of a typed phone number, or ValidationError.

    Distinct messages: empty; not a number (letters or stray symbols); not a valid number.
    """
    if text is None or not text.strip():
        raise ValidationError(field, _("Phone number is required"))
    fast = _saudi_mobile().fullmatch(text)
    if fast:
        return "+966" + fast.group(1)
    typed = digits_only(text)
    if not _TYPED.fullmatch(typed) or typed.strip("+") == "":
        raise ValidationError(field, _("Phone number must contain digits only, e.g. 05XXXXXXXX"))
    try:
        number = phonenumbers.parse(typed, DEFAULT_REGION)
    except NumberParseException as exc:
        raise ValidationError(
            field, _("This is not a valid phone number, e.g. 05XXXXXXXX")
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(field, _("This is not a valid phone number, e.g. 05XXXXXXXX"))
    return phonenumbers.format_number(number, PhoneNumberFormat.E164)


def format_phone(e164: str | None, international: bool = False) -> str:
    """Display form: "050 123 4567" for Saudi numbers, "+20 10 01234567" for others.

    ``international=True`` always gives "+966 50 123 4567".  Text that cannot be parsed is
    returned as it is (display never fails).
    """
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, DEFAULT_REGION)
    except NumberParseException:
        return e164
    local = not international and phonenumbers.region_code_for_number(number) == DEFAULT_REGION
    fmt = PhoneNumberFormat.NATIONAL if local else PhoneNumberFormat.INTERNATIONAL
    return phonenumbers.format_number(number, fmt)


@lru_cache(maxsize=4096)
def phone_display(e164: str | None, style: str = "western") -> str:
    """A phone as a person reads it, wherever it is shown (a file, a form, the audit): «050 111
    2233» in ``style`` digits, read left to right and never wrapped ("" for none)."""
    if not e164:
        return ""
    return ltr_code(no_wrap(localize_digits(format_phone(e164), style)))


def phone_search_key(text: str | None) -> str | None:
    """E.164 prefix to match stored numbers against while the user types.

    "0501" -> "+966501", "501" -> "+966501", "+9665" / "9665" / "009665" -> "+9665".
    None when there is no digit, or when the text has letters or other symbols.
    """
    if not text:
        return None
    typed = digits_only(text)
    if not _TYPED.fullmatch(typed):
        return None
    digits = typed.lstrip("+")
    if not digits:
        return None
    if typed.startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+" + SAUDI_CODE + digits[1:]
    if digits.startswith(SAUDI_CODE) or SAUDI_CODE.startswith(digits):
        return "+" + digits  # "9", "96", "966..." are the start of the country code
    return "+" + SAUDI_CODE + digits
