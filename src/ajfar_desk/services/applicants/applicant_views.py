"""An applicant's row as plain data for the views, and back as the form's fields."""

from __future__ import annotations

from ...db.models import Applicant
from ...domain.id_types import shown_number
from ...domain.phone import format_phone
from .applicant_input import ApplicantInput
from .views import ApplicantView, DocumentView, MemberView


def to_view(a: Applicant, with_children: bool = True) -> ApplicantView:
    members = (
        tuple(
            MemberView(
                m.id,
                m.full_name,
                m.relation,
                m.gender,
                m.birth_date,
                m.national_id,
                m.monthly_income,
                bool(m.income_given),
            )
            for m in a.members
        )
        if with_children
        else ()
    )
    docs = (
        tuple(
            DocumentView(d.id, d.kind, d.number, d.issue_date, d.expiry_date, d.scan_name)
            for d in a.documents
        )
        if with_children
        else ()
    )
    return ApplicantView(
        a.id,
        a.national_id,
        a.id_type,
        a.id_country,
        a.first_name,
        a.father_name,
        a.grandfather_name,
        a.family_name,
        a.full_name,
        a.birth_date,
        a.nationality,
        a.gender,
        a.marital_status,
        a.phone,
        a.phone2,
        a.city,
        a.district,
        a.monthly_income,
        a.category,
        a.consent_at,
        a.notes,
        a.branch,
        members,
        docs,
        a.version,
        a.email,
        bool(a.messages_consent),
        a.preferred_channel,
        a.preferred_language,
        latin_name=a.latin_name,
        birth_approx=bool(a.birth_approx),
        income_given=bool(a.income_given),
    )


def birth_typed(view: ApplicantView) -> str:
    """The birth date as the form holds it: the year alone when approximate, else the date."""
    return str(view.birth_date.year) if view.birth_approx else view.birth_date.isoformat()


def input_from_view(view: ApplicantView) -> ApplicantInput:
    """The form's fields for an existing file (so it can be edited)."""
    return ApplicantInput(
        national_id=shown_number(view.id_type, view.national_id),
        id_type=view.id_type,
        id_country=view.id_country,
        first_name=view.first_name,
        father_name=view.father_name,
        grandfather_name=view.grandfather_name,
        family_name=view.family_name,
        latin_name=view.latin_name or "",
        birth_date=birth_typed(view),
        birth_calendar="gregorian",
        birth_approx=view.birth_approx,
        nationality=view.nationality,
        gender=view.gender,
        marital_status=view.marital_status,
        phone=format_phone(view.phone),  # as people write it, «050 111 2233»; saved as E.164
        phone2=format_phone(view.phone2),
        city=view.city,
        district=view.district,
        monthly_income=str(view.monthly_income) if view.income_given else "",  # not said: empty
        category=view.category,
        consent=True,
        notes=view.notes,
        email=view.email or "",
        messages_consent=view.messages_consent,
        preferred_channel=view.preferred_channel,
        preferred_language=view.preferred_language,
    )
