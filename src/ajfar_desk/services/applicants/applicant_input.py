"""The registration form's boundary: the text as typed in (``ApplicantInput``), the checked
values out (``CleanApplicant``), and the words the form names its fields by.  Each field's check
is in ``field_checks``; ``form_check`` runs them all and names every bad field."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal

from ...domain import messages
from ...i18n import N_

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
    monthly_income: str = ""  # empty: not said (kept 0, ``income_given`` false)
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
    income_given: bool = True  # the income was said (0 is an answer); not said, it is kept 0


# The fields anyone may leave empty (``field_checks``: no "{label} is required" for them); the
# form says «(اختياري)» on each, and on a visitor's and a walk-in's own ones while they apply.
OPTIONAL = ("latin_name", "phone2", "district", "monthly_income", "email", "notes")
VISITOR_OPTIONAL = ("father_name", "grandfather_name")
# a visitor (passport, border number, visa) may also have no phone here (``field_checks._phone``)
VISITOR_BLANK = (*VISITOR_OPTIONAL, "phone")
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
