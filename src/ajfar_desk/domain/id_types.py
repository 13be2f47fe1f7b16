"""An applicant's identity: a document type, its issuing country where the type needs one, and
its number.  Two files are the same person when all three match (the store's unique key).

- ``national_id`` (Saudi citizens) and ``iqama`` (residents): ten digits, Luhn (``identity``);
  a national ID starts with 1, an iqama with 2.  No country (Saudi Arabia by definition).
- ``passport``: the issuing country (ISO 3166 alpha-2, or the ICAO alpha-3 printed in the
  passport) and the number as ICAO 9303 writes it: Latin capital letters and digits.
- ``gcc_id``: the national ID card of another Gulf state (UAE, Bahrain, Kuwait, Oman, Qatar),
  the country and its digits (each state's length).
- ``border_number`` (رقم الحدود, a visitor or pilgrim entering Saudi Arabia): ten digits
  starting with 3 or 4; ``visa``: the visa number's digits.  No country.
- ``none``: an anonymous walk-in whose service needs no document.  The store holds a stand-in
  number (``W`` and nine hex digits of the file's id) so the key stays unique; it is never shown.

Everything typed is accepted in any digit script, with spaces, dashes and dots, in either case.
"""

from __future__ import annotations

import re
import uuid
from functools import cache

from ..i18n import N_, _
from .digits import digits_only, normalize_digits
from .errors import ValidationError
from .identity import CITIZEN, NATIONAL_ID_LENGTH, id_kind, is_luhn_valid, validate_national_id

NATIONAL_ID, IQAMA, PASSPORT, GCC_ID, BORDER, VISA, NONE = (
    "national_id", "iqama", "passport", "gcc_id", "border_number", "visa", "none",
)
ID_TYPES = {
    NATIONAL_ID: N_("Saudi national ID"),
    IQAMA: N_("Iqama (resident ID)"),
    PASSPORT: N_("Passport"),
    GCC_ID: N_("GCC national ID"),
    BORDER: N_("Border number"),
    VISA: N_("Visa number"),
    NONE: N_("No document (walk-in)"),
}
WITH_COUNTRY = frozenset({PASSPORT, GCC_ID})
GCC_LENGTHS = {"AE": (15, 15), "BH": (9, 9), "KW": (12, 12), "OM": (6, 10), "QA": (11, 11)}
PASSPORT_LENGTH = (5, 15)
VISA_LENGTH = (8, 12)
NUMBER_LENGTH = 20  # the store's column
_SEPARATORS = re.compile(r"[\s\-./\u200e\u200f\u061c]+")
_ICAO = re.compile(r"[A-Z0-9]+")
_DIGITS = re.compile(r"[0-9]+")
_STAND_IN = re.compile(r"W[0-9a-f]{9}")
_NUMBER_FIELD = "national_id"
_COUNTRY_FIELD = "id_country"


def type_label(id_type: str) -> str:
    """The type's name in the user's language."""
    return _(ID_TYPES.get(id_type, id_type))


def saudi_type(number: str) -> str:
    """``national_id`` or ``iqama`` for a Saudi number, from its first digit (as before types)."""
    return NATIONAL_ID if id_kind(number) == CITIZEN else IQAMA


@cache
def _alpha3() -> dict[str, str]:
    from babel import Locale  # the territories babel knows: ISO 3166 alpha-2

    out: dict[str, str] = {}
    for code in Locale("en").territories:  # babel types the keys loosely; they are str
        if isinstance(code, str) and len(code) == 2 and code.isalpha():
            out[code] = code
    out.update(_ICAO_ALPHA3)
    return out


# The ICAO codes of the countries whose pilgrims and workers come most; any alpha-2 code works.
_ICAO_ALPHA3 = {
    "SAU": "SA", "ARE": "AE", "BHR": "BH", "KWT": "KW", "OMN": "OM", "QAT": "QA", "YEM": "YE",
    "EGY": "EG", "SDN": "SD", "SYR": "SY", "JOR": "JO", "PAK": "PK", "IND": "IN", "BGD": "BD",
    "IDN": "ID", "MYS": "MY", "TUR": "TR", "NGA": "NG", "IRN": "IR", "IRQ": "IQ", "DZA": "DZ",
    "MAR": "MA", "TUN": "TN", "LBY": "LY", "AFG": "AF", "PHL": "PH", "ETH": "ET", "SOM": "SO",
    "LBN": "LB", "PSE": "PS", "GBR": "GB", "USA": "US", "FRA": "FR", "DEU": "DE", "D": "DE",
}


def validate_country(text: str | None, id_type: str) -> str:
    """The issuing country's ISO 3166 alpha-2 code ("" for a type without one)."""
    if id_type not in WITH_COUNTRY:
        return ""
    code = _SEPARATORS.sub("", text or "").upper()
    if not code:
        raise ValidationError(
            _COUNTRY_FIELD,
            _("{type}: the issuing country is required").format(type=type_label(id_type)),
        )
    country = _alpha3().get(code)
    if country is None:
        raise ValidationError(
            _COUNTRY_FIELD,
            _("Unknown country code {code}: use the two letters of ISO 3166 (e.g. EG, ID, PK)")
            .format(code=code),
        )
    if id_type == GCC_ID and country not in GCC_LENGTHS:
        raise ValidationError(
            _COUNTRY_FIELD,
            _("A GCC national ID is issued by the UAE, Bahrain, Kuwait, Oman or Qatar; "
              "for {code} choose another document type").format(code=country),
        )
    return country


def validate_number(text: str | None, id_type: str, country: str = "") -> str:
    """The number as stored for ``id_type``, or ValidationError naming the rule it broke."""
    field = _NUMBER_FIELD
    if id_type == NONE:
        return ""
    if id_type in (NATIONAL_ID, IQAMA):
        nid = validate_national_id(text, field)
        if saudi_type(nid) != id_type:
            raise ValidationError(field, _(
                "A Saudi national ID starts with 1 and an iqama with 2: "
                "this number is of the type «{other}»; choose that type"
            ).format(other=type_label(saudi_type(nid))))
        return nid
    label = type_label(id_type)
    raw = _SEPARATORS.sub("", normalize_digits(text or "")).upper()
    if not raw:
        raise ValidationError(field, _("{type}: the number is required").format(type=label))
    if id_type == PASSPORT:
        if not _ICAO.fullmatch(raw):
            raise ValidationError(field, _(
                "A passport number has Latin letters and digits only (as in the passport's "
                "machine-readable line)"
            ))
        low, high = PASSPORT_LENGTH
    else:
        raw = digits_only(raw)
        if not _DIGITS.fullmatch(raw):
            raise ValidationError(
                field, _("{type}: the number must contain digits only").format(type=label)
            )
        low, high = {GCC_ID: GCC_LENGTHS.get(country, (6, 15)), BORDER: (10, 10),
                     VISA: VISA_LENGTH}[id_type]
    if not low <= len(raw) <= high:
        count = len(raw)
        if low == high:
            msg = _("{type}: the number must be exactly {n} characters (you entered {count})")
            raise ValidationError(field, msg.format(type=label, n=low, count=count))
        msg = _("{type}: the number must be {low} to {high} characters (you entered {count})")
        raise ValidationError(field, msg.format(type=label, low=low, high=high, count=count))
    if id_type == BORDER and raw[0] not in "34":
        raise ValidationError(field, _("A border number starts with 3 or 4"))
    return raw


# the types whose numbers end in a check digit (Luhn over the ten digits: ``identity``)
WITH_CHECK_DIGIT = frozenset({NATIONAL_ID, IQAMA})


def check_digit_problem(id_type: str | None, text: str | None) -> str | None:
    """What is wrong with a complete number's check digit, as it is typed; None while the number
    is incomplete, of a type without a check digit, or right.  The other rules (length, first
    digit) wait for the save: a number being typed is not wrong yet."""
    kind = (id_type or "").strip().lower() or NATIONAL_ID
    if kind not in WITH_CHECK_DIGIT:
        return None
    number = digits_only(_SEPARATORS.sub("", text or ""))
    if len(number) != NATIONAL_ID_LENGTH or not number.isascii() or not number.isdigit():
        return None
    if number[0] not in "12" or is_luhn_valid(number):
        return None
    return _("{type}: the last digit (check digit) does not match the others; re-check the "
             "number against the card").format(type=type_label(saudi_type(number)))


def validate(id_type: str | None, number: str | None, country: str | None = "") -> tuple[str, str, str]:
    """(type, country, number) as stored.  An empty type is a Saudi national ID or iqama told
    by the number's first digit, as every file was before the types."""
    kind = (id_type or "").strip().lower()
    if not kind:
        nid = validate_national_id(number, _NUMBER_FIELD)  # ten Western digits, 1 or 2 first
        return (NATIONAL_ID if nid[0] == "1" else IQAMA), "", nid  # ``saudi_type``, known valid
    if kind not in ID_TYPES:
        raise ValidationError("id_type", _("Unknown ID type {value}; choose one of: {types}").format(
            value=id_type, types=", ".join(ID_TYPES)))
    code = validate_country(country, kind)
    return kind, code, validate_number(number, kind, code)


def default_nationality(id_type: str, country: str) -> str:
    """What the document says of its holder's nationality when nothing else does: a national
    ID Saudi, a passport or GCC ID its country (when the program lists it), else "Other"."""
    from .people import NATIONALITIES

    if id_type in ("", NATIONAL_ID):
        return "SA"
    country = _alpha3().get(country, country)  # an ICAO/ISO three-letter code: its two letters
    return country if country in NATIONALITIES else "OT"


def any_number(text: str | None, field: str = "national_id") -> str:
    """An ID number of any type as stored, for finding a file by it: a Saudi ID or iqama checked
    as ever (ten digits, 1 or 2 first), any other Latin letters and digits (5 to 20)."""
    raw = _SEPARATORS.sub("", normalize_digits(text or "")).upper()
    if _ICAO.fullmatch(raw) and 5 <= len(raw) <= NUMBER_LENGTH and not (
        len(raw) == 10 and raw[0] in "12" and raw.isdigit()
    ):
        return raw
    return validate_national_id(text, field)


def stand_in(row_id: uuid.UUID) -> str:
    """The number a walk-in's file holds (unique by its id, the same on every node)."""
    return "W" + row_id.hex[-9:]


def is_stand_in(number: str) -> bool:
    return _STAND_IN.fullmatch(number or "") is not None


# what a file registered twice holds in place of its number until merged ("D" and nine lowercase
# hex digits of its id); no document's number looks so: every type but the passport is digits,
# and a passport is kept in capitals
_PLACEHOLDER = re.compile(r"D[0-9a-f]{9}")


def placeholder(row_id: str) -> str:
    """The number a duplicate file holds until merged: "D" and nine hex digits of its id (the
    same on every node)."""
    return "D" + row_id.replace("-", "")[-9:]


def is_placeholder(id_type: str, number: str) -> bool:
    """``number`` is a duplicate's placeholder, not a document's (trial b: the search listed
    head office's own file with «Db89f4bb27» in the ID column)."""
    if not _PLACEHOLDER.fullmatch(number or ""):
        return False
    return id_type != PASSPORT or any(ch in "abcdef" for ch in number)


def shown_number(id_type: str, number: str) -> str:
    """The number as people see it ("" for a walk-in's stand-in or a duplicate's placeholder)."""
    return "" if id_type == NONE or is_placeholder(id_type, number) else number


def country_name(code: str, lang: str | None = None) -> str:
    """The country's name in ``lang`` (default: the user's language), from babel; else the code."""
    if not code:
        return ""
    from babel import Locale

    from ..i18n import current_language

    name: str = Locale(lang or current_language()).territories.get(code, code)
    return name


# document kinds (profile codes) that are identity documents of a type
IDENTITY_KINDS = frozenset({NATIONAL_ID, IQAMA, PASSPORT, GCC_ID, BORDER, VISA})


def identity_document_number(
    kind: str, typed: str, id_type: str, id_country: str, number: str
) -> str:
    """The number to store for a document of ``kind`` held by the applicant identified by
    (``id_type``, ``id_country``, ``number``).  The document of the applicant's own identity
    carries the applicant's number (filled in when left empty; another number is refused);
    another identity document (a Saudi's passport, a naturalised citizen's old iqama) is checked
    as its type's numbers are.  Any other kind: as typed."""
    text = (typed or "").strip()
    if kind not in IDENTITY_KINDS or id_type == NONE:
        return normalize_digits(text).strip()
    if kind == id_type:
        if not text:
            return number
        try:
            typed_number = validate_number(text, kind, id_country)
        except ValidationError as exc:
            raise ValidationError("number", exc.message) from None
        if typed_number != number:
            raise ValidationError("number", _(
                "The document's number {typed} is not the applicant's {type} {number}; "
                "correct the number or the applicant's identity"
            ).format(typed=typed_number, type=type_label(kind), number=number))
        return number
    if not text:
        return ""
    try:
        return validate_number(text, kind, "")
    except ValidationError as exc:
        raise ValidationError("number", exc.message) from None


def is_visitor(id_type: str | None) -> bool:
    """A visitor's or walk-in's identity (not a Saudi national ID or an iqama): the name is
    written as in the passport, two parts at least, and no phone is required."""
    return (id_type or NATIONAL_ID) not in (NATIONAL_ID, IQAMA)
