"""The paper's way of writing a value: its language, its digits (``domain.digits``), Hijri beside
Gregorian, money (``domain.money``), phones and codes that never wrap."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..domain import digits as digit_rule
from ..domain.birth import birth_text
from ..domain.dates import format_both, format_date, format_hijri
from ..domain.money import format_money
from ..domain.phone import format_phone
from ..domain.profile import AssociationProfile
from ..domain.text import isolate, ltr_code
from ..i18n import N_, gettext


class Formatter:
    def __init__(self, profile: AssociationProfile, lang: str):
        self.profile, self.lang = profile, lang
        self.digits = digit_rule.digit_style(profile.digits, lang)

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

    def birth(self, iso: str | None, approx: bool = False) -> str:
        """A birth date: «حوالي ١٩٨٠» / "about 1980" when approximate (a year only), else as
        ``date`` writes it."""
        if iso and approx:
            return birth_text(dt.date.fromisoformat(iso), True, self.lang, self.digits)
        return self.date(iso)

    def money(self, amount: str | None) -> str:
        """An amount as printed: «١٬٥٠٠٫٠٠ ريال» / "1,500.00 SAR" (stored as "1500.00"), or
        "1,500 SAR" for an association that counts in whole riyals (``domain.money``)."""
        if not amount:
            return ""
        return format_money(Decimal(amount), self.lang, self.digits, self.profile.money_decimals)

    def date_both(self, iso: str | None) -> str:
        """Hijri beside Gregorian, short, for a table's column: «١٥/٠٦/١٤٥٠ هـ (٠٢/١١/٢٠٢٨)»
        (``domain.dates.format_both``: the Gregorian alone outside the Umm al-Qura years)."""
        return format_both(dt.date.fromisoformat(iso), self.lang, self.digits) if iso else ""

    def date_short(self, iso: str | None) -> str:
        return (
            isolate(format_date(dt.date.fromisoformat(iso), self.lang, self.digits)) if iso else ""
        )
