"""Messages to applicants as the association configures them in its profile's ``[messages]``
table: the association's phone given in the messages, the kinds switched off, how many days an
overdue apology promises, and one template per kind in Arabic and English.

    [messages]
    phone = "0175220000"
    off = ["overdue_apology"]            # kinds this association does not send
    overdue_extra_days = 7               # the new answer date in an apology: today + this
    [messages.receipt]
    text_ar = "السلام عليكم {name}، استلمنا طلبكم رقم {reference} …"
    text_en = "Dear {name}, we received your request {reference} …"
    subject_ar = "…"                     # e-mail subject (optional; else the association name)

Placeholders (``str.format`` fields) are checked like the paper templates: an unknown one is a
profile error naming the template.  Pure Python, hooked into ``profile.load_profile`` with one
line."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, _
from .errors import ValidationError
from .named import pick
from .profile_reader import ProfileReader as _Reader

RECEIPT, DECISION, MORE_INFO = "receipt", "decision", "more_info"
OVERDUE_APOLOGY, APPOINTMENT_REMINDER, COMPLAINT_RESOLVED = (
    "overdue_apology", "appointment_reminder", "complaint_resolved")
KINDS = (RECEIPT, DECISION, MORE_INFO, OVERDUE_APOLOGY, APPOINTMENT_REMINDER, COMPLAINT_RESOLVED)
KIND_LABELS = {
    RECEIPT: N_("Receipt of the request"),
    DECISION: N_("Committee decision"),
    MORE_INFO: N_("More information needed"),
    OVERDUE_APOLOGY: N_("Apology for a late answer"),
    APPOINTMENT_REMINDER: N_("Appointment reminder"),
    COMPLAINT_RESOLVED: N_("Complaint resolved"),
}
SMS, WHATSAPP, EMAIL = "sms", "whatsapp", "email"
CHANNELS = (SMS, WHATSAPP, EMAIL)
CHANNEL_LABELS = {SMS: N_("SMS"), WHATSAPP: N_("WhatsApp"), EMAIL: N_("E-mail")}
LANGUAGES = ("ar", "en")
LANGUAGE_LABELS = {"ar": N_("Arabic"), "en": N_("English")}
PLACEHOLDERS = frozenset({
    "name",  # the applicant's full name
    "reference",  # the request's reference
    "date",  # the answer date, Hijri beside Gregorian
    "program",  # the program's name
    "decision",  # the committee's decision in words
    "missing",  # what is missing
    "phone",  # the association's phone
    "association",  # the association's name
    "new_date",  # the new answer date (overdue apology), both calendars
    "appointment_time",  # the appointment's day and time
    "complaint_number",  # the resolved complaint's number (AJF-C-1448-000012)
})
DEFAULT_OVERDUE_EXTRA_DAYS = 7
_TEMPLATE_KEYS = frozenset({"text_ar", "text_en"})
_TEMPLATE_OPTIONAL = frozenset({"subject_ar", "subject_en"})
_TOP_OPTIONAL = frozenset({"phone", "off", "overdue_extra_days"}) | frozenset(KINDS)
_PHONE = re.compile(r"\+?[0-9 ]{3,20}")


@dataclass(frozen=True)
class Template:
    kind: str
    text_ar: str
    text_en: str
    subject_ar: str = ""
    subject_en: str = ""

    def text(self, lang: str | None = None) -> str:
        return pick(lang, self.text_ar, self.text_en)

    def subject(self, lang: str | None = None) -> str:
        return pick(lang, self.subject_ar, self.subject_en)


@dataclass(frozen=True)
class MessageSettings:
    phone: str = ""
    off: frozenset[str] = frozenset()
    overdue_extra_days: int = DEFAULT_OVERDUE_EXTRA_DAYS
    templates: Mapping[str, Template] = field(default_factory=dict)

    def enabled(self, kind: str) -> bool:
        """Sent at all: the association has a template for it and has not switched it off."""
        return kind in self.templates and kind not in self.off

    def template(self, kind: str) -> Template | None:
        return self.templates.get(kind) if self.enabled(kind) else None


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:  # a value the event does not have: left out
        return ""


_EMAIL = re.compile(r"[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+")


def normalize_email(text: str | None, field: str = "email") -> str:
    """An e-mail address as typed, trimmed (the domain in lower case); "" when none was typed;
    a ValidationError naming ``field`` when it cannot be one."""
    text = (text or "").strip()
    if not text:
        return ""
    if len(text) > 254 or not _EMAIL.fullmatch(text) or text.endswith("."):
        raise ValidationError(field, _("Not a valid e-mail address: {text}").format(text=text))
    local, domain = text.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def render(template: Template, lang: str, values: Mapping[str, str]) -> tuple[str, str]:
    """(subject, text) of ``template`` in ``lang`` with ``values``; a value not given is blank."""
    filled = _Blank({k: str(v) for k, v in values.items()})
    text = template.text(lang).format_map(filled)
    return template.subject(lang).format_map(filled), " ".join(text.split(" ")).strip()


def fields_of(text: str) -> set[str]:
    """The placeholders ``text`` uses; ValueError when its braces are broken."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def _check(r: _Reader, text: str, key: str) -> str:
    try:
        names = fields_of(text)
    except ValueError as exc:
        r.fail(key, _("the template's braces are not balanced: {error}").format(error=exc))
    unknown = sorted(names - PLACEHOLDERS)
    if unknown:
        message = _("unknown placeholder {{{name}}} in the template; known: {known}")
        r.fail(key, message.format(name=unknown[0], known=", ".join(sorted(PLACEHOLDERS))))
    return text


def read_messages(r: _Reader, data: dict[str, Any]) -> MessageSettings:
    """The profile's ``messages`` field, from its optional ``[messages]`` table."""
    if "messages" not in data:
        return MessageSettings()
    top = r.table(data["messages"], "messages", set(), _TOP_OPTIONAL)
    phone = r.text(top.get("phone", ""), "messages.phone", empty_ok=True)
    if phone and not _PHONE.fullmatch(phone):
        r.fail("messages.phone", _("must be a phone number in Western digits"))
    off = tuple(r.listing(top["off"], "messages.off")) if "off" in top else ()
    for n, kind in enumerate(off, start=1):
        if kind not in KINDS:
            message = _("unknown kind of message {kind}; known: {kinds}")
            r.fail(f"messages.off[{n}]", message.format(kind=kind, kinds=", ".join(KINDS)))
    extra = top.get("overdue_extra_days", DEFAULT_OVERDUE_EXTRA_DAYS)
    if type(extra) is not int or not 1 <= extra <= 90:
        r.fail("messages.overdue_extra_days", _("must be a whole number of days from 1 to 90"))
    templates: dict[str, Template] = {}
    for kind in KINDS:
        if kind not in top:
            continue
        where = f"messages.{kind}"
        item = r.table(top[kind], where, set(_TEMPLATE_KEYS), _TEMPLATE_OPTIONAL)
        texts = {
            key: _check(r, r.text(item.get(key, ""), f"{where}.{key}", empty_ok=key.startswith("subject")),
                        f"{where}.{key}")
            for key in sorted(_TEMPLATE_KEYS | _TEMPLATE_OPTIONAL)
        }
        templates[kind] = Template(kind, **texts)
    return MessageSettings(phone, frozenset(off), extra, templates)
