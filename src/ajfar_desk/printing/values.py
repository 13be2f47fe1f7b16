"""The placeholders a paper's template may use, formatted for the paper's language.

Everything comes from the paper's stored content (never from live records), so a reprint says
exactly what the original said. Numbers use the association's digits in Arabic and Western
digits in English; codes, phones and dates are isolated so they never flip inside a sentence.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ..domain import digits as digit_rule
from ..domain.dates import format_date, format_hijri
from ..domain.identity import CITIZEN, id_kind
from ..domain.money import format_money
from ..domain.people import NATIONALITIES
from ..domain.phone import format_phone
from ..domain.profile import AssociationProfile
from ..domain.requests import EXPIRED, MISSING, OK
from ..domain.text import isolate, ltr_code
from ..i18n import N_, gettext, ngettext

_STATES = {OK: N_("Valid"), MISSING: N_("Missing"), EXPIRED: N_("Expired")}


class Formatter:
    def __init__(self, profile: AssociationProfile, lang: str):
        self.profile, self.lang = profile, lang
        self.digits = profile.digits if lang == "ar" else "western"

    def t(self, msgid: str) -> str:
        return gettext(msgid, self.lang)

    def num(self, value: object) -> str:
        """A number, or text with numbers: the paper's digits (codes with Latin letters keep
        Western digits, the rule in ``domain.digits``)."""
        return digit_rule.localize_text(str(value), self.digits)

    def code(self, text: str | None) -> str:
        """A national ID (the paper's digits) or a code with Latin letters such as a reference,
        an IBAN or a document number (Western digits); never wrapped."""
        return digit_rule.ident(text, self.digits)

    def latin_code(self, text: str) -> str:
        """A code that must be typed back exactly (paper number, hash): Western digits."""
        return digit_rule.code(text)

    def phone(self, e164: str | None) -> str:
        if not e164:
            return ""
        return ltr_code(digit_rule.no_wrap(self.num(format_phone(e164, international=True))))

    def date(self, iso: str | None) -> str:
        """Hijri beside Gregorian: "10/04/1446 هـ الموافق 13/10/2024 م"."""
        if not iso:
            return ""
        d = dt.date.fromisoformat(iso)
        greg = isolate(format_date(d, self.lang, self.digits))
        hijri = isolate(format_hijri(d, self.lang, self.digits))
        return self.t(N_("{hijri} corresponding to {gregorian}")).format(
            hijri=hijri, gregorian=greg
        )

    def money(self, amount: str | None) -> str:
        """An amount as printed: «١٬٥٠٠٫٠٠ ريال» / "1,500.00 SAR" (stored as "1500.00"), or
        "1,500 SAR" for an association that counts in whole riyals (``domain.money``)."""
        if not amount:
            return ""
        return format_money(Decimal(amount), self.lang, self.digits, self.profile.money_decimals)

    def date_short(self, iso: str | None) -> str:
        return (
            isolate(format_date(dt.date.fromisoformat(iso), self.lang, self.digits)) if iso else ""
        )


def placeholders(content: dict[str, Any], profile: AssociationProfile) -> dict[str, str]:
    """Flat mapping of every placeholder a template may use: the association's and the
    paper's, then the request's (papers about a request), the decision's or the meeting's."""
    from .committee_values import decision_placeholders, minutes_placeholders

    f = Formatter(profile, content["lang"])
    lang = f.lang
    branch = profile.branch(content["branch"])
    city = profile.city_ar if lang == "ar" else profile.city_en
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


def request_placeholders(
    content: dict[str, Any], profile: AssociationProfile, f: Formatter
) -> dict[str, str]:
    a, r = content["applicant"], content["request"]
    lang = f.lang
    period = content.get("answer_period_days", profile.answer_period_days)
    address = " - ".join(part for part in (a["city"], a.get("district", "")) if part)
    citizen = id_kind(a["national_id"]) == CITIZEN
    return {
        "applicant_name": isolate(a["full_name"]),
        "national_id": f.code(a["national_id"]),
        # a label ("رقم الهوية") and, in a sentence, who holds it ("حامل الهوية الوطنية رقم …")
        "id_kind": f.t(N_("National ID")) if citizen else f.t(N_("Iqama")),
        "id_holder": f.t(N_("holder of National ID")) if citizen else f.t(N_("holder of Iqama")),
        "birth_date": f.date(a["birth_date"]),
        "nationality": f.t(NATIONALITIES.get(a["nationality"], a["nationality"])),
        "phone": f.phone(a["phone"]),
        "address": isolate(address),
        "household_size": f.num(a["household_size"]),
        "reference": f.code(r["reference"]),
        "program": profile.program(r["program"]).name(lang),
        "channel": profile.channel(r["channel"]).name(lang),
        "submitted_date": f.date(r.get("submitted_on")),
        "answer_due": f.date(r.get("answer_due")),
        "answer_period": ngettext("{days} day", "{days} days", period, f.lang).format(
            days=f.num(period)),
        "note": isolate(content.get("note", "")),
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
                "valid_until": f.date_short(d["valid_until"]) or f.t(N_("No expiry")),
                "state": f.t(_STATES.get(d["state"], d["state"])),
            }
        )
    return rows
