"""The registration form's boundary: text as typed in, checked values out, every bad field named."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal

from ..domain import dates, digits, identity, phone
from ..domain.errors import FieldErrors, ValidationError
from ..domain.people import GENDERS, MARITAL_STATUSES, NATIONALITIES
from ..domain.profile import AssociationProfile
from ..domain.text import full_name, normalize_name
from ..i18n import N_, _


@dataclass
class ApplicantInput:
    """Exactly what the user typed; nothing here has been checked yet."""

    national_id: str = ""
    first_name: str = ""
    father_name: str = ""
    grandfather_name: str = ""
    family_name: str = ""
    birth_date: str = ""
    birth_calendar: str = "auto"  # auto | hijri | gregorian
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

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> ApplicantInput:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class CleanApplicant:
    national_id: str
    id_kind: str
    first_name: str
    father_name: str
    grandfather_name: str
    family_name: str
    full_name: str
    name_norm: str
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
    errs = FieldErrors()
    values: dict = {}

    def check(field: str, fn):
        values[field] = errs.check(field, fn)

    check("national_id", lambda: identity.validate_national_id(data.national_id))
    for field, label in NAME_FIELDS.items():
        check(field, lambda f=field, lb=label: _name_part(getattr(data, f), f, lb))
    check(
        "birth_date",
        lambda: dates.parse_date(
            data.birth_date, data.birth_calendar, field="birth_date", allow_future=False
        ),
    )
    check(
        "nationality",
        lambda: _choice(data.nationality, NATIONALITIES, "nationality", _("Nationality")),
    )
    check("gender", lambda: _choice(data.gender, {"male": 1, "female": 1}, "gender", _("Gender")))
    check(
        "marital_status",
        lambda: _choice(
            data.marital_status, MARITAL_STATUSES, "marital_status", _("Marital status")
        ),
    )
    check("phone", lambda: phone.normalize_phone(data.phone, field="phone"))
    check(
        "phone2",
        lambda: phone.normalize_phone(data.phone2, field="phone2") if data.phone2.strip() else None,
    )
    check("city", lambda: _required(data.city, "city", _("City")))
    check(
        "monthly_income", lambda: digits.parse_amount(data.monthly_income or "0", "monthly_income")
    )
    check(
        "category",
        lambda: profile.category(_required(data.category, "category", _("Category"))).code,
    )
    if not data.consent:
        errs.add("consent", _("The applicant's consent to process personal data is required"))
    errs.raise_if_any()
    birth = values["birth_date"]
    if birth > (today or dt.date.today()):
        raise ValidationError("birth_date", _("Birth date cannot be in the future"))
    name = full_name(
        values["first_name"],
        values["father_name"],
        values["grandfather_name"],
        values["family_name"],
    )
    return CleanApplicant(
        national_id=values["national_id"],
        id_kind=identity.id_kind(values["national_id"]),
        first_name=values["first_name"],
        father_name=values["father_name"],
        grandfather_name=values["grandfather_name"],
        family_name=values["family_name"],
        full_name=name,
        name_norm=normalize_name(name),
        birth_date=birth,
        nationality=values["nationality"],
        gender=values["gender"],
        marital_status=values["marital_status"],
        phone=values["phone"],
        phone2=values["phone2"],
        city=values["city"],
        district=(data.district or "").strip(),
        monthly_income=values["monthly_income"],
        category=values["category"],
        notes=(data.notes or "").strip(),
    )


def _required(value: str, field: str, label: str) -> str:
    value = " ".join((value or "").split())
    if not value:
        raise ValidationError(field, _("{label} is required").format(label=label))
    return value


def _name_part(value: str, field: str, label_msgid: str) -> str:
    label = _(label_msgid)
    value = _required(value, field, label)
    if any(ch.isdigit() for ch in value):
        raise ValidationError(field, _("{label} must not contain digits").format(label=label))
    if len(value) > 80:
        raise ValidationError(field, _("{label} is too long").format(label=label))
    return value


def _choice(value: str, allowed, field: str, label: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(field, _("{label} is required").format(label=label))
    if value not in allowed:
        raise ValidationError(
            field, _("{label}: unknown choice {value}").format(label=label, value=value)
        )
    return value


__all__ = ["ApplicantInput", "CleanApplicant", "validate", "GENDERS"]
