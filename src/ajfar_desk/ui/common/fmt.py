"""Display formatting for the GUI: digits per the association's style, dates in both calendars.

Arabic screens use the profile's digit style (Arabic-Indic or Western); English screens always
use Western digits.  Mixed-direction fragments are isolated so they never flip inside a sentence.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from ...domain import digits as digit_rule
from ...domain.birth import birth_text
from ...domain.dates import format_both, format_date
from ...domain.digits import localize_digits
from ...domain.errors import ValidationError
from ...domain.money import format_amount, format_money, format_number
from ...domain.phone import phone_display
from ...domain.text import isolate, ltr_code  # noqa: F401 - the views call fmt.ltr_code
from ...i18n import _, current_language

LRM = "\u200e"


def para(text: str) -> str:
    """Data shown as a paragraph of its own (a name, a city): it lines up with the interface,
    not with its own script (an Arabic city in the English screen stays on the left)."""
    if not text:
        return ""
    return ("\u200f" if current_language() == "ar" else LRM) + text


def digit_style(profile) -> str:
    return digit_rule.digit_style(profile.digits)


def number(profile, value: object) -> str:
    """A number, or text with numbers: the profile's digits (codes with Latin letters keep theirs)."""
    return digit_rule.localize_text(str(value), digit_style(profile))


def money(profile, value: Decimal | int | float | None) -> str:
    """An amount without its unit, as on paper: «١٬٢٥٠٫٥٠», "1,250.50", or "1,250" for an
    association that counts in whole riyals (``domain.money``); an input shows it so too."""
    if value is None:
        return ""
    return format_amount(value, current_language(), profile.digits, profile.money_decimals)


def money_text(profile, value: Decimal | int | float | None) -> str:
    """An amount with its unit, the figure isolated: «١٬٢٥٠٫٥٠ ريال», "1,250.50 SAR"."""
    if value is None:
        return ""
    return format_money(value, current_language(), profile.digits, profile.money_decimals)


def decimal(profile, value: Decimal | int | float, places: int = 1) -> str:
    """A measured figure (days, kilobytes) with ``places`` decimals: «١٢٫٥», "12.5"."""
    return format_number(value, current_language(), profile.digits, places)


def ident(profile, text: str | None) -> str:
    """A national ID (profile's digits) or a code with Latin letters such as a reference
    (Western digits), read left to right and never wrapped (the rule in ``domain.digits``)."""
    return digit_rule.ident(text, digit_style(profile))


# Phones (parsed by phonenumbers) and dates in both calendars cost tens of microseconds each, and
# a search as you type shows the same people again at every key: their texts are remembered.
def _phone_text(e164: str, style: str) -> str:
    return phone_display(e164, style)  # one display of a phone, the audit's too


@lru_cache(maxsize=4096)
def _date_both_text(d: dt.date, lang: str, style: str) -> str:
    return format_both(d, lang, style)


def phone(profile, e164: str | None) -> str:
    return _phone_text(e164, digit_style(profile)) if e164 else ""


def recipient(profile, channel: str, address: str | None) -> str:
    """Where a message goes, as a person reads it: a phone (SMS, WhatsApp) as the file shows it,
    «050 111 2233», never the stored «+966501112233»; an e-mail address as it is."""
    if address and channel in ("sms", "whatsapp") and address.startswith("+"):
        return phone(profile, address)
    return ident(profile, address)


def date_both(profile, d: dt.date | None) -> str:
    """Hijri beside Gregorian (already isolated), or an empty string."""
    if d is None:
        return ""
    return _date_both_text(d, current_language(), digit_style(profile))


def birth(profile, d: dt.date | None, approx: bool = False) -> str:
    """A birth date: «حوالي ١٩٨٠» when approximate (a year only), else as ``date_both``."""
    if approx and d is not None:
        return birth_text(d, True, current_language(), digit_style(profile))
    return date_both(profile, d)


def date_short(profile, d: dt.date | None) -> str:
    return isolate(format_date(d, current_language(), digit_style(profile))) if d else ""


def timestamp(profile, moment: dt.datetime | None) -> str:
    """A stored moment in local time: date in both calendars and the hour."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    clock = isolate(localize_digits(local.strftime("%H:%M"), digit_style(profile)))
    return _("{date} at {time}").format(date=date_both(profile, local.date()), time=clock)


def timestamp_whole(profile, moment: dt.datetime | None) -> str:
    """``timestamp`` inside a sentence: its spaces no-break ones, so the date (both calendars,
    the era and the hour) is never split across two lines (``digits.no_wrap``, the codes' rule)."""
    return digit_rule.no_wrap(timestamp(profile, moment))


def program_name(profile, code: str) -> str:
    """A program's name in the interface language; its code when the profile no longer has it."""
    try:
        return profile.program(code).name(current_language())
    except ValidationError:  # a program removed from the profile since
        return code


def joined(parts) -> str:
    """Short parts side by side («مدير النظام، المقر الرئيسي»; "Manager · Head office"): Arabic
    takes its comma, as a middle dot beside Arabic-Indic digits reads as a zero («٠»)."""
    return ("، " if current_language() == "ar" else " · ").join(part for part in parts if part)
