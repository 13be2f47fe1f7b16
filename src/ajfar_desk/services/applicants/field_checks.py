"""The registration form's fields one by one: each field's check (``CHECKS``, in form order),
which ``form_check`` runs to turn an ``ApplicantInput`` into a clean applicant."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import cast

from sqlalchemy import String

from ...db.models import LATIN_NAME_LENGTH, Applicant
from ...domain import dates, digits, id_types, messages, phone
from ...domain.birth import parse_birth
from ...domain.errors import ValidationError
from ...domain.people import MARITAL_STATUSES, NATIONALITIES
from ...domain.profile import AssociationProfile
from ...i18n import N_, _, ngettext
from ..transfer.cell_safety import control_problem
from .applicant_input import (
    APPLICANT_LABELS,
    NAME_FIELDS,
    VISITOR_OPTIONAL,
    WALK_IN_OPTIONAL,
    ApplicantInput,
)

_GENDER_CODES = frozenset({"male", "female"})


def text_length(column: str) -> int:
    """The length of one of the applicant's text columns (each a ``String(n)``)."""
    length = cast(String, Applicant.__table__.c[column].type).length
    if length is None:
        raise TypeError(f"applicant.{column} has no length")
    return length


# The model's lengths of the text columns kept as typed: longer text is refused, never cut.
_LENGTHS = {f: text_length(f) for f in ("city", "district")}


@lru_cache(maxsize=4096)
def _birth_date(text: str, calendar: str, approx: bool = False) -> dt.date:
    """A birth date (a year only when ``approx``); the same typed date repeats across a bulk
    import, so answers are kept."""
    if approx:
        return parse_birth(text, calendar, approx=True)
    return dates.parse_date(text, calendar, field="birth_date", allow_future=False)


@lru_cache(maxsize=16384)
def _income(text: str) -> Decimal:
    """The monthly income (kept: the same amounts come back row after row in an import)."""
    return digits.parse_amount(text, "monthly_income")


def _required(value: str, field: str, label_msgid: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(field, _("{label} is required").format(label=_(label_msgid)))
    return value


@lru_cache(maxsize=4096)  # the same cities and districts come back row after row
def _text(value: str, field: str, label_msgid: str, required: bool = False) -> str:
    """City / district: required or not, spaces kept as typed apart from the ends (city: inner
    runs folded, as always), no longer than its column, no control characters."""
    value = _required(value, field, label_msgid) if required else (value or "").strip()
    if len(value) > _LENGTHS[field]:
        raise ValidationError(
            field,
            ngettext("{label} is longer than {n} character", "{label} is longer than {n} characters",
                     _LENGTHS[field]).format(label=_(label_msgid), n=_LENGTHS[field]),
        )
    problem = control_problem(value)
    if problem:
        raise ValidationError(field, f"{_(label_msgid)}: {problem}")
    return value


@lru_cache(maxsize=8192)
def _name_part(value: str, field: str, label_msgid: str) -> str:
    """A checked name part (kept: the same first names come back row after row in an import)."""
    value = _required(value, field, label_msgid)
    if any(ch.isdigit() for ch in value):
        raise ValidationError(
            field, _("{label} must not contain digits").format(label=_(label_msgid))
        )
    if len(value) > 80:
        raise ValidationError(field, _("{label} is too long").format(label=_(label_msgid)))
    problem = control_problem(value)
    if problem:
        raise ValidationError(field, f"{_(label_msgid)}: {problem}")
    return value


_LATIN_PUNCTUATION = frozenset(" -'\u2019")


def latin_name(value: str | None) -> str | None:
    """The name in Latin letters, as a passport writes it: Latin letters (accents allowed),
    spaces, hyphens and apostrophes, at most ``LATIN_NAME_LENGTH`` characters; None when empty."""
    value = " ".join((value or "").split())
    if not value:
        return None
    label = _(APPLICANT_LABELS["latin_name"])
    if len(value) > LATIN_NAME_LENGTH:
        raise ValidationError(
            "latin_name",
            ngettext("{label} is longer than {n} character", "{label} is longer than {n} characters",
                     LATIN_NAME_LENGTH).format(label=label, n=LATIN_NAME_LENGTH),
        )
    for ch in value:
        if ch in _LATIN_PUNCTUATION:
            continue
        if not (ch.isalpha() and unicodedata.name(ch, "").startswith("LATIN")):
            raise ValidationError(
                "latin_name",
                _("{label}: only Latin letters, spaces, hyphens and apostrophes").format(
                    label=label),
            )
    if not any(ch.isalpha() for ch in value):
        raise ValidationError(
            "latin_name",
            _("{label}: only Latin letters, spaces, hyphens and apostrophes").format(label=label),
        )
    return value


def _choice(value: str, allowed, field: str, label_msgid: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(field, _("{label} is required").format(label=_(label_msgid)))
    if value not in allowed:
        raise ValidationError(
            field, _("{label}: unknown choice {value}").format(label=_(label_msgid), value=value)
        )
    return value


# A field's check: (the form, the profile, whether the identity is a visitor's) -> its clean
# value, or ValidationError.  Module-level functions, so a form checked costs no closures.
Check = Callable[[ApplicantInput, AssociationProfile, bool], object]


def _name_check(field: str, label: str) -> Check:
    def check(data: ApplicantInput, _profile: AssociationProfile, visitor: bool) -> object:
        value = getattr(data, field)
        if not (value or "").strip() and (
                visitor and field in VISITOR_OPTIONAL or walk_in(data) and field in WALK_IN_OPTIONAL):
            return ""  # a passport's name may have no father's part, a walk-in's no family name
        return _name_part(value, field, label)
    return check


def walk_in(data: ApplicantInput) -> bool:
    return (data.id_type or "").strip() == id_types.NONE


def _walk_in_blank(data: ApplicantInput, field: str) -> bool:
    """A field a walk-in may leave out (``WALK_IN_OPTIONAL``), left out."""
    return walk_in(data) and not (getattr(data, field) or "").strip()


def _phone(data: ApplicantInput, _profile: AssociationProfile, visitor: bool) -> object:
    # a visitor (passport, border number, visa) or a walk-in may have no phone here
    return phone.normalize_phone(data.phone, field="phone") if not visitor or data.phone.strip() else ""


# Each field's check, in form order: the one table both ways of checking a form run through.
# A check reads its own field, whether the identity is a visitor's or a walk-in's, the birth
# calendar and the profile, nothing else: an import keeps its answers by those (``field_memo``).
CHECKS: tuple[tuple[str, Check], ...] = (
    *((field, _name_check(field, label)) for field, label in NAME_FIELDS.items()),
    ("latin_name", lambda d, p, v: latin_name(d.latin_name)),
    ("birth_date", lambda d, p, v: _birth_date(d.birth_date, d.birth_calendar, bool(d.birth_approx))),
    ("nationality", lambda d, p, v: _choice(d.nationality, NATIONALITIES, "nationality", N_("Nationality"))),
    ("gender", lambda d, p, v: _choice(d.gender, _GENDER_CODES, "gender", N_("Gender"))),
    ("marital_status", lambda d, p, v: "" if _walk_in_blank(d, "marital_status") else _choice(
        d.marital_status, MARITAL_STATUSES, "marital_status", N_("Marital status"))),
    ("phone", _phone),
    ("phone2", lambda d, p, v: phone.normalize_phone(d.phone2, field="phone2") if d.phone2.strip() else None),
    ("city", lambda d, p, v: _text(d.city, "city", N_("City"), required=not walk_in(d))),
    ("district", lambda d, p, v: _text(d.district, "district", N_("District"))),
    ("monthly_income", lambda d, p, v: _income(d.monthly_income or "0")),
    ("category", lambda d, p, v: "" if _walk_in_blank(d, "category") else p.category(
        _required(d.category, "category", N_("Category"))).code),
    ("email", lambda d, p, v: messages.normalize_email(d.email) or None),
    ("preferred_channel", lambda d, p, v: _choice(d.preferred_channel or messages.SMS, messages.CHANNELS,
                                                  "preferred_channel", N_("Preferred channel"))),
    ("preferred_language", lambda d, p, v: _choice(d.preferred_language or "ar", messages.LANGUAGES,
                                                   "preferred_language", N_("Preferred language"))),
)
