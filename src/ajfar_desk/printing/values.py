"""The placeholders a paper's template may use, formatted for the paper's language.

Everything comes from the paper's stored content (never from live records), so a reprint says
exactly what the original said. Numbers use the association's digits in Arabic and Western
digits in English; codes, phones and dates are isolated so they never flip inside a sentence.
"""

from __future__ import annotations

from typing import Any

from ..domain.id_types import (
    BORDER,
    GCC_ID,
    IQAMA,
    NATIONAL_ID,
    NONE,
    PASSPORT,
    VISA,
    country_name,
    saudi_type,
)
from ..domain.people import nationality_msgid
from ..domain.profile import HEAD_OFFICE, AssociationProfile
from ..domain.requests import EXPIRED, MISSING, OK
from ..domain.role_titles import role_title
from ..domain.text import isolate
from ..i18n import N_, ngettext
from .formatter import Formatter

_YES = "yes"
_STATES = {OK: N_("Valid"), MISSING: N_("Missing"), EXPIRED: N_("Expired")}


def placeholders(content: dict[str, Any], profile: AssociationProfile) -> dict[str, str]:
    """Flat mapping of every placeholder a template may use: the association's and the
    paper's, then the request's (papers about a request), the decision's or the meeting's."""
    from .committee_values import decision_placeholders, minutes_placeholders

    f = Formatter(profile, content["lang"])
    lang = f.lang
    branch = profile.branch(content["branch"])
    # the place a paper is written at: its branch's town; head office's is the association's
    city = branch.city(lang) or (profile.city(lang) if branch.code == HEAD_OFFICE else "")
    values = {
        "association_name": profile.name(lang),
        "association_name_ar": profile.name_ar,
        "association_name_en": profile.name_en,
        "license_number": f.num(profile.license_number),
        "branch_name": branch.name(lang),
        "number": f.latin_code(content["number"]),
        "issued_date": f.date(content["issued_on"]),
        "place": city or branch.name(lang),
        "employee_name": isolate(content["employee"]["name"]),
        # "female" picks the feminine words ({employee_gender:الموظف|الموظفة}); "" on a paper
        # issued before the gender was recorded, which reads in the masculine as it did
        "employee_gender": content["employee"].get("gender", ""),
        # the signer's own title in her or his gender (a paper from before the role was kept:
        # the front desk's, as it printed then)
        "employee_title": role_title(content["employee"].get("role") or "front_desk",
                                     content["employee"].get("gender"), lang),
        "applicant_gender": content.get("applicant", {}).get("gender", ""),
    }
    if "applicant" in content:
        values.update(request_placeholders(content, profile, f))
    if "decision" in content:
        values.update(decision_placeholders(content, profile, f))
    if "decisions" in content:
        values.update(minutes_placeholders(content, profile, f))
    if "follow_up" in content:
        from .receipt import receipt_placeholders

        values.update(receipt_placeholders(content, profile, f))
    return values


def applicant_name(a: dict[str, Any], lang: str) -> str:
    """The applicant's name on a paper: on an English paper the passport's Latin name first,
    when the file has one, with the Arabic name beside it ("Eisa Alharbi (عيسى الحربي)")."""
    latin = a.get("latin_name")
    if lang == "en" and latin:
        return isolate(f"{latin} ({isolate(a['full_name'])})")
    return isolate(a["full_name"])


def request_placeholders(
    content: dict[str, Any], profile: AssociationProfile, f: Formatter
) -> dict[str, str]:
    a, r = content["applicant"], content["request"]
    lang = f.lang
    period = content.get("answer_period_days", profile.answer_period_days)  # None: not fixed
    address = " - ".join(part for part in (a["city"], a.get("district", "")) if part)
    return {
        "applicant_name": applicant_name(a, lang),
        **identity_placeholders(a, f),
        "birth_date": f.birth(a["birth_date"], bool(a.get("birth_approx"))),
        # «سعودية» for a woman (a paper from before the gender was recorded: «سعودي»)
        "nationality": f.t(nationality_msgid(a["nationality"], a.get("gender"))),
        "phone": f.phone(a["phone"]),
        "address": isolate(address),
        "household_size": f.num(a["household_size"]),
        "reference": f.code(r["reference"]),
        "program": profile.program(r["program"]).name(lang),
        "channel": profile.channel(r["channel"]).name(lang),
        "submitted_date": f.date(r.get("submitted_on")),
        "answer_due": f.date(r.get("answer_due")),
        "answer_period": ngettext("{days} day", "{days} days", period, f.lang).format(
            days=f.num(period)) if period else "",
        # the policy sets no number of days for the committee's answer (Al-Huda, Aman)
        "no_fixed_period": _YES if r.get("committee", True) and not r.get("answer_due") else "",
        # the program asks for the declaration (the referral says it was signed)
        "declared": _YES if r.get("declaration", True) else "",
        "no_declaration": "" if r.get("declaration", True) else _YES,
        # what the request is (``program_kinds.REQUEST_KINDS``): blocks with ``kinds`` print
        # for these only; a paper from before it was kept is a support request's
        "request_kind": r.get("request_kind", "support"),
        "note": isolate(content.get("note", "")),
        # submitted by exception: what was excepted and why (empty: every condition was met)
        "exception_reason": isolate(r.get("exception", {}).get("reason", "")),
        "excepted_conditions": f.t(N_("; ")).join(
            r.get("exception", {}).get("conditions", {}).get(lang, [])),
    }


# type -> (its label, who holds it in a sentence: "{id_holder} no. {national_id}")
_ID_WORDS = {
    NATIONAL_ID: (N_("National ID"), N_("holder of National ID")),
    IQAMA: (N_("Iqama"), N_("holder of Iqama")),
    PASSPORT: (N_("Passport"), N_("holder of the passport issued by {country}")),
    GCC_ID: (N_("GCC national ID"), N_("holder of the national ID issued by {country}")),
    BORDER: (N_("Border number"), N_("holder of border number")),
    VISA: (N_("Visa number"), N_("holder of visa")),
    NONE: (N_("Identity document"), N_("without an identity document,")),
}
# who holds it when she is a woman (Arabic agrees; English reads the same without the marker)
_HOLDER_FEMININE = {
    NATIONAL_ID: N_("holder of National ID (woman)"),
    IQAMA: N_("holder of Iqama (woman)"),
    PASSPORT: N_("holder of the passport issued by {country} (woman)"),
    GCC_ID: N_("holder of the national ID issued by {country} (woman)"),
    BORDER: N_("holder of border number (woman)"),
    VISA: N_("holder of visa (woman)"),
}  # without a document: the same words for both


def identity_placeholders(a: dict[str, Any], f: Formatter) -> dict[str, str]:
    """``national_id`` (the number), ``id_kind`` (a label: «رقم الهوية», «جواز السفر (مصر)») and
    ``id_holder`` (in a sentence: «حامل جواز السفر الصادر من مصر رقم …»).  A paper stored
    before the types says by the number's first digit, as it did then."""
    kind = a.get("id_type") or saudi_type(a["national_id"])
    label, holder = _ID_WORDS.get(kind, _ID_WORDS[NATIONAL_ID])
    if a.get("gender") == "female":  # «حاملة الهوية الوطنية»
        holder = _HOLDER_FEMININE.get(kind, holder)
    country = country_name(a.get("id_country", ""), f.lang)
    label = f.t(label)
    if country:
        label = f"{label} ({country})"
    number = a["national_id"]
    return {
        "national_id": f.code(number) if number else "—",
        "id_kind": label,
        "id_holder": f.t(holder).format(country=country),
    }


def document_rows(content: dict[str, Any], profile: AssociationProfile) -> list[dict[str, str]]:
    """One row per required document, for a template's ``documents`` table."""
    f = Formatter(profile, content["lang"])
    rows = []
    for d in content["documents"]:
        rows.append(
            {
                "document": profile.document_kind(d["kind"]).name(f.lang),
                "document_number": f.code(d["number"]) if d["number"] else "—",
                # a document not submitted has no validity to speak of: a dash, not «بلا تاريخ انتهاء»
                "valid_until": "—" if d["state"] == MISSING
                else f.date_both(d["valid_until"]) or f.t(N_("No expiry")),
                "state": f.t(_STATES.get(d["state"], d["state"])),
            }
        )
    return rows
