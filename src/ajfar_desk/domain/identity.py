"""Saudi national ID (citizens, starts with 1) and iqama (residents, starts with 2).

Ten digits; the last is a Luhn check digit over all ten: digits at 0-based positions 0, 2, 4, 6
and 8 (from the left) are doubled, the digits of the products are summed together with the other
digits, and the total must be a multiple of 10.
"""

from __future__ import annotations

import re

from ..i18n import _
from .digits import digits_only
from .errors import ValidationError

NATIONAL_ID_LENGTH = 10
CITIZEN, RESIDENT = "citizen", "resident"
_KIND_BY_FIRST_DIGIT = {"1": CITIZEN, "2": RESIDENT}
_DIGITS = re.compile(r"[0-9]*")


_SINGLE = {str(d): d for d in range(10)}
_DOUBLED = {str(d): 2 * d - 9 if 2 * d > 9 else 2 * d for d in range(10)}


def _luhn_sum(digits: str) -> int:
    """Luhn sum with doubling at even 0-based positions (from the left); ``digits`` Western
    digits only.  Summed by two passes in C over the even and the odd places."""
    return sum(map(_DOUBLED.__getitem__, digits[::2])) + sum(map(_SINGLE.__getitem__, digits[1::2]))


def luhn_check_digit(first9: str) -> int:
    """The check digit that makes ``first9`` + digit a valid ten-digit ID."""
    if len(first9) != NATIONAL_ID_LENGTH - 1 or not _DIGITS.fullmatch(first9):
        raise ValueError(f"expected 9 Western digits, got {first9!r}")
    return (10 - _luhn_sum(first9) % 10) % 10


def is_luhn_valid(digits: str) -> bool:
    return bool(digits) and _DIGITS.fullmatch(digits) is not None and _luhn_sum(digits) % 10 == 0


def validate_national_id(text: str | None, field: str = "national_id") -> str:
    """The ten Western digits of a national ID / iqama, or ValidationError naming the failed rule.

    Accepts any digit script and separators (spaces, dashes, dots).
    """
    if text is None or not text.strip():
        raise ValidationError(field, _("National ID is required"))
    # Western digits alone (nearly every ID typed or imported) are already what digits_only gives
    nid = text if text.isascii() and text.isdigit() else digits_only(text)
    if not _DIGITS.fullmatch(nid):
        raise ValidationError(field, _("National ID must contain digits only"))
    if len(nid) != NATIONAL_ID_LENGTH:
        raise ValidationError(
            field,
            _("National ID must be exactly 10 digits (you entered {count})").format(count=len(nid)),
        )
    if nid[0] not in _KIND_BY_FIRST_DIGIT:
        raise ValidationError(
            field, _("National ID must start with 1 (Saudi citizen) or 2 (resident / iqama)")
        )
    if not is_luhn_valid(nid):
        raise ValidationError(
            field, _("National ID check digit does not match; please re-check the number")
        )
    return nid


def id_kind(nid: str) -> str:
    """``"citizen"`` for an ID starting with 1, ``"resident"`` (iqama) for 2."""
    kind = _KIND_BY_FIRST_DIGIT.get(nid[:1] if nid.isascii() and nid.isdigit() else digits_only(nid)[:1])
    if kind is None:
        raise ValueError(f"not a Saudi national ID or iqama number: {nid!r}")
    return kind


def make_national_id(first: int, body: str) -> str:
    """A valid ID from its first digit (1 or 2) and the next 8 digits; computes the check digit.

    ``first`` + 8 body digits + check digit = 10 digits.  For demo data and tests.
    """
    if first not in (1, 2):
        raise ValueError(f"first digit must be 1 or 2, got {first!r}")
    if len(body) != NATIONAL_ID_LENGTH - 2 or not _DIGITS.fullmatch(body):
        raise ValueError(f"body must be 8 Western digits, got {body!r}")
    first9 = f"{first}{body}"
    return f"{first9}{luhn_check_digit(first9)}"
