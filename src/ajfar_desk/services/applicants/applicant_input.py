"""The registration form's boundary: text as typed in, checked values out, every bad field named."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import lru_cache, partial
from typing import cast

from sqlalchemy import String

from ...db.models import LATIN_NAME_LENGTH, Applicant
from ...domain import dates, digits, id_types, messages, phone
from ...domain.birth import parse_birth
from ...domain.errors import FieldErrors, ValidationError
from ...domain.people import GENDERS, MARITAL_STATUSES, NATIONALITIES
from ...domain.profile import AssociationProfile
from ...domain.text import normalize_name
from ...domain.transliteration import name_key_normalized
from ...i18n import N_, _, ngettext
from ..transfer.cell_safety import control_problem
from .field_memo import FieldMemo

# an applicant's fields as the registration form labels them (the form, conflicts and the
# exchange review name a field by these words)
APPLICANT_LABELS = {
    "id_type": N_("ID type"),
    "id_country": N_("Issuing country"),
    "national_id": N_("ID number"),
    "first_name": N_("First name"),
    "father_name": N_("Father's name"),
    "grandfather_name": N_("Grandfather's name"),
    "family_name": N_("Family name"),
    "latin_name": N_("Name in Latin letters (passport)"),
    "birth_date": N_("Birth date"),
    "birth_approx": N_("Birth year only (approximate)"),
    "nationality": N_("Nationality"),
    "gender": N_("Gender"),
    "marital_status": N_("Marital status"),
    "phone": N_("Mobile phone"),
    "phone2": N_("Second phone (optional)"),
    "city": N_("City"),
    "district": N_("District"),
    "monthly_income": N_("Monthly income (SAR)"),
    "category": N_("Category"),
    "notes": N_("Notes"),
    "email": N_("E-mail"),
    "messages_consent": N_("Consents to messages"),
    "preferred_channel": N_("Preferred channel"),
    "preferred_language": N_("Preferred language"),
}


@dataclass
class ApplicantInput:
    """Exactly what the user typed; nothing here has been checked yet."""

    national_id: str = ""  # the identity document's number, whatever its type
    id_type: str = ""  # "": a Saudi national ID or iqama, told by the first digit
    id_country: str = ""
    first_name: str = ""
    father_name: str = ""
    grandfather_name: str = ""
    family_name: str = ""
    latin_name: str = ""  # optional: the name as the passport writes it
    birth_date: str = ""
    birth_calendar: str = "auto"  # auto | hijri | gregorian
    birth_approx: bool = False  # a year only, "born about 1980" (``domain.birth``)
    nationality: str = "SA"
    gender: str = ""
    marital_status: str = ""
    phone: str = ""
    phone2: str = ""
    city: str = ""
    district: str = ""
    monthly_income: str = "0"
    category: str = ""
    consent: bool = False
    notes: str = ""
    email: str = ""
    messages_consent: bool = False  # PDPL: no message to the applicant without it
    preferred_channel: str = messages.SMS
    preferred_language: str = "ar"

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> ApplicantInput:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class CleanApplicant:
    national_id: str  # "" for a walk-in: the row's stand-in is set when it is written
    id_type: str
    id_country: str
    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    full_name: str
    name_norm: str
    latin_name: str | None
    name_key: str
    birth_date: dt.date
    nationality: str
    gender: str
    marital_status: str
    phone: str
    phone2: str | None
    city: str
    district: str
    monthly_income: Decimal
    category: str
    notes: str
    email: str | None = None
    messages_consent: bool = False
    preferred_channel: str = messages.SMS
    preferred_language: str = "ar"
    birth_approx: bool = False


VISITOR_OPTIONAL = ("father_name", "grandfather_name")
# A walk-in (no identity document) is received and his questions answered at the desk (the
# policies' first step, «استقبال المستفيد … والإجابة على جميع الاستفسارات»); nothing of him is
# checked against a document, and the association keeps no more than that purpose needs (002:
# data used only for their purpose; PDPL).  He gives the name he is called by (his first name),
# his gender (how he is addressed, in speech and on paper), his nationality, his birth date (a
# year "about 1980" will do: ``birth_approx``) and his consent to keep them.  His family and
# father's names, phone, city, marital status and category are his to give or not: given, they
# are checked; not given, his file says «not given».  All of them are asked when he comes back
# with a document (the identity's type changed from "none").
WALK_IN_OPTIONAL = ("father_name", "grandfather_name", "family_name", "marital_status", "phone",
                    "city", "category")
NAME_FIELDS = {
    "first_name": N_("First name"),
    "father_name": N_("Father's name"),
    "grandfather_name": N_("Grandfather's name"),
    "family_name": N_("Family name"),
}


def validate(
    data: ApplicantInput, profile: AssociationProfile, today: dt.date | None = None
) -> CleanApplicant:
    """Check every field; raise one ValidationError listing all bad fields, in form order."""
    return CleanApplicant(**clean_values(data, profile, today))


def clean_values(
    data: ApplicantInput, profile: AssociationProfile, today: dt.date | None = None,
    memo: FieldMemo | None = None,
) -> dict:
    """``validate``'s CleanApplicant as a dict of its fields (which are the applicant's columns),
    for a bulk import that writes dicts; ``memo``: the import's kept answers (``field_memo``)."""
    try:  # the usual case, a valid form (row after row in an import): each check once, in a row
        identity, values = _valid_values(data, profile, memo)
    except ValidationError:  # the same checks again, this time collecting every error
        identity, values = _collected_values(data, profile)
    return _clean(data, identity, values, today)


def _form_rules(data: ApplicantInput, values: dict, failed: set[str]) -> list[tuple[str, str]]:
    """The rules across fields, once each field is checked (``failed``: fields already refused)."""
    problems = []
    if data.messages_consent and values.get("preferred_channel") == messages.EMAIL and not (
            data.email or "").strip() and "email" not in failed:
        problems.append(("email", _("An e-mail address is needed for messages by e-mail")))
    if not data.consent:
        problems.append(("consent", _("The applicant's consent to process personal data is required")))
    return problems


def _valid_values(data: ApplicantInput, profile: AssociationProfile,
                  memo: FieldMemo | None = None) -> tuple[tuple[str, str, str], dict]:
    """``_collected_values`` for a form with no error: the first error raises (the caller
    then asks ``_collected_values`` for all of them).  ``memo``: answers kept by an import."""
    identity = id_types.validate(data.id_type, data.national_id, data.id_country)
    visitor = id_types.is_visitor(data.id_type)
    if memo is not None:
        values = memo.values(data, visitor, _walk_in(data))
    else:
        values = {field: check(data, profile, visitor) for field, check in _CHECKS}
    problems = _form_rules(data, values, set())
    if problems:
        raise ValidationError(*problems[0])
    return identity, values


def _collected_values(data: ApplicantInput, profile: AssociationProfile) -> tuple[tuple[str, str, str], dict]:
    """Every field checked, every error kept: one ValidationError naming them all, in form order."""
    errs = FieldErrors()
    identity = ("", "", "")
    try:  # its errors name their own field: the type, the country or the number
        identity = id_types.validate(data.id_type, data.national_id, data.id_country)
    except ValidationError as exc:
        errs.errors.extend(exc.errors)
    visitor = id_types.is_visitor(data.id_type)
    values = {field: errs.check(field, partial(check, data, profile, visitor)) for field, check in _CHECKS}
    for field, message in _form_rules(data, values, {f for f, _m in errs.errors}):
        errs.add(field, message)
    errs.raise_if_any()
    return identity, values


def _clean(data: ApplicantInput, identity: tuple[str, str, str], values: dict,
           today: dt.date | None) -> dict:
    """``values`` (each checked field) completed into CleanApplicant's fields, in place."""
    birth = values["birth_date"]
    if birth > (today or dt.date.today()):
        raise ValidationError("birth_date", _("Birth date cannot be in the future"))
    # each part is checked text with single spaces and no space at either end (``_required``),
    # so joining them is ``full_name`` of them
    name = " ".join([values[f] for f in NAME_FIELDS if values[f]])
    id_type, id_country, number = identity
    norm = normalize_name(name)
    # every checked field is one of CleanApplicant's, as it is: the rest are added
    values.update(
        national_id=number,
        id_type=id_type,
        id_country=id_country,
        full_name=name,
        name_norm=norm,
        name_key=name_key_normalized(name, norm, values["latin_name"]),
        notes=(data.notes or "").strip(),
        messages_consent=bool(data.messages_consent),
        birth_approx=bool(data.birth_approx),
    )
    return values


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
                visitor and field in VISITOR_OPTIONAL or _walk_in(data) and field in WALK_IN_OPTIONAL):
            return ""  # a passport's name may have no father's part, a walk-in's no family name
        return _name_part(value, field, label)
    return check


def _walk_in(data: ApplicantInput) -> bool:
    return (data.id_type or "").strip() == id_types.NONE


def _walk_in_blank(data: ApplicantInput, field: str) -> bool:
    """A field a walk-in may leave out (``WALK_IN_OPTIONAL``), left out."""
    return _walk_in(data) and not (getattr(data, field) or "").strip()


def _phone(data: ApplicantInput, _profile: AssociationProfile, visitor: bool) -> object:
    # a visitor (passport, border number, visa) or a walk-in may have no phone here
    return phone.normalize_phone(data.phone, field="phone") if not visitor or data.phone.strip() else ""


# Each field's check, in form order: the one table both ways of checking a form run through.
# A check reads its own field, whether the identity is a visitor's or a walk-in's, the birth
# calendar and the profile, nothing else: an import keeps its answers by those (``field_memo``).
_CHECKS: tuple[tuple[str, Check], ...] = (
    *((field, _name_check(field, label)) for field, label in NAME_FIELDS.items()),
    ("latin_name", lambda d, p, v: latin_name(d.latin_name)),
    ("birth_date", lambda d, p, v: _birth_date(d.birth_date, d.birth_calendar, bool(d.birth_approx))),
    ("nationality", lambda d, p, v: _choice(d.nationality, NATIONALITIES, "nationality", N_("Nationality"))),
    ("gender", lambda d, p, v: _choice(d.gender, _GENDER_CODES, "gender", N_("Gender"))),
    ("marital_status", lambda d, p, v: "" if _walk_in_blank(d, "marital_status") else _choice(
        d.marital_status, MARITAL_STATUSES, "marital_status", N_("Marital status"))),
    ("phone", _phone),
    ("phone2", lambda d, p, v: phone.normalize_phone(d.phone2, field="phone2") if d.phone2.strip() else None),
    ("city", lambda d, p, v: _text(d.city, "city", N_("City"), required=not _walk_in(d))),
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


def memo_for(profile: AssociationProfile) -> FieldMemo:
    """An import's memo of the field checks' answers (``field_memo``), for ``clean_values``."""
    return FieldMemo(profile, _CHECKS)


__all__ = ["ApplicantInput", "CleanApplicant", "validate", "GENDERS", "memo_for"]
