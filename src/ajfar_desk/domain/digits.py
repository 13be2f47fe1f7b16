"""Digits in any script: people type Arabic-Indic (٠-٩), Persian/Urdu (۰-۹) or Western digits.

Everything is stored with Western digits. THE RULE for showing them, on screen and on paper:

- Arabic text, numbers, amounts, dates, national IDs and phones follow the profile's digits
  (``localize_text``); English always uses Western digits.
- A code that carries a Latin letter (a reference "AJF-1448-000123", a paper number
  "AJF-1448-000123-D1", an IBAN, a document number, a hash) keeps Western digits, whole, in
  every language: it is read and typed back as printed (``code``, ``ident``).
- Codes, IDs and phones never wrap: their spaces become no-break spaces and they are isolated
  left to right.
- Inputs accept any digit script (``normalize_digits``, ``parse_int``, ``parse_amount``).
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..i18n import _, current_language
from .errors import ValidationError
from .text import ltr_code, strip_bidi_controls

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
_DIGITS_TO_WESTERN = str.maketrans(ARABIC_INDIC + PERSIAN, WESTERN + WESTERN)
NBSP = "\u00a0"

_LATIN = re.compile(r"[A-Za-z]")
# A code inside text: a run of non-spaces holding a Latin letter ("AJF-1448-000123", "INC-12",
# "12B"), or an IBAN written in groups of four ("SA03 8000 0000 6080 1016 7519").
_CODE_IN_TEXT = re.compile(
    r"[A-Za-z]{2}[0-9٠-٩۰-۹]{2}(?:[ \u00a0][A-Za-z0-9٠-٩۰-۹]{1,4})+(?![^\s])"
    r"|[^\s]*[A-Za-z][^\s]*"
)
_BREAKABLE_SPACE = re.compile(r"[^\S\u00a0\n]")

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


def localize_text(text: str, style: str) -> str:
    """Text as shown in ``style`` ("arabic" or "western"): its digits follow the style, except
    inside codes that carry a Latin letter, which keep Western digits whole.

    >>> localize_text("طلب AJF-1448-000123 بمبلغ 1,250", "arabic")
    'طلب AJF-1448-000123 بمبلغ ١,٢٥٠'
    """
    if style == "western":
        return text.translate(_DIGITS_TO_WESTERN)
    if style != "arabic":
        raise ValueError(f"unknown digit style {style!r}; choose one of {', '.join(DIGIT_STYLES)}")
    if not _LATIN.search(text):  # no code inside: the common case (a count, a date)
        return to_arabic_digits(text)
    out, start = [], 0
    for match in _CODE_IN_TEXT.finditer(text):
        out.append(to_arabic_digits(text[start : match.start()]))
        out.append(match.group().translate(_DIGITS_TO_WESTERN))
        start = match.end()
    out.append(to_arabic_digits(text[start:]))
    return "".join(out)


def localize_outside_codes(text: str, style: str) -> str:
    """``localize_text`` for a line already formatted: the digits outside codes follow ``style``;
    a code (a run holding a Latin letter) is left exactly as written ("HQ#١" stays)."""
    if style == "western" or not text:
        return text
    out, start = [], 0
    for match in _CODE_IN_TEXT.finditer(text):
        out.append(localize_digits(text[start : match.start()], style))
        out.append(match.group())
        start = match.end()
    out.append(localize_digits(text[start:], style))
    return "".join(out)


def has_latin(text: str) -> bool:
    return _LATIN.search(text) is not None


def no_wrap(text: str) -> str:
    """Spaces become no-break spaces: the text is never split across lines."""
    return _BREAKABLE_SPACE.sub(NBSP, text)


def code(text: str | None) -> str:
    """A code typed back as printed (reference, paper number, IBAN, document number, hash):
    Western digits, read left to right, never wrapped, in every language and profile."""
    if not text:
        return ""
    return ltr_code(no_wrap(text.translate(_DIGITS_TO_WESTERN)))


def ident(text: str | None, style: str) -> str:
    """An identifier of any kind: with a Latin letter it is a ``code`` (Western digits);
    made of digits only (a national ID, a phone) it follows ``style``. Never wrapped."""
    if not text:
        return ""
    if has_latin(text):
        return code(text)
    return ltr_code(no_wrap(localize_digits(text, style)))


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


def digit_style(profile_digits: str, lang: str | None = None) -> str:
    """The digits a text in ``lang`` (the current language when not given) is written in: the
    profile's in Arabic, Western in English."""
    return profile_digits if (lang or current_language()) == "ar" else "western"


# The profile's digits of the store open at this desk (``follow_profile``: set with every
# context the services make), read by ``said`` when a message is shown.
_DESK = {"digits": "western"}


def follow_profile(profile_digits: str) -> None:
    """The desk now works for a profile writing ``profile_digits``: the messages ``said`` from
    now on follow them (in Arabic)."""
    if profile_digits not in DIGIT_STYLES:
        raise ValueError(f"unknown digit style {profile_digits!r}; choose one of {', '.join(DIGIT_STYLES)}")
    _DESK["digits"] = profile_digits


def said(text: str, lang: str | None = None) -> str:
    """A message as a person reads it (an error line under a field, a refusal in a box, the
    command line's error): its digits follow the desk's profile in Arabic and are Western in
    English; a code holding a Latin letter keeps its digits as written.  The one place a
    message's numbers, limits, years and example dates take the profile's digits, whoever
    formatted it."""
    if not text:
        return text
    style = digit_style(_DESK["digits"], lang)
    return localize_text(text, style) if style == "western" else localize_outside_codes(text, style)
