"""A program as the association's profile states it: the documents it requires, the categories
it is open to, and its eligibility conditions (income, age, cities, confirmations only a person
can check), read from each ``[[programs]]`` entry's ``[programs.eligibility]`` table.

``eligibility.evaluate`` checks an applicant against these.  Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..i18n import _
from .named import Named
from .named import pick as _pick
from .profile_reader import SNAKE_CODE, ProfileReader
from .program_kinds import ProgramKind
from .text import normalize_name

MAX_AGE_YEARS = 120
# The built-in eligibility conditions, in the order their lines are reported; a confirmation
# may not take one of these codes.
ELIGIBILITY_CONDITIONS = ("category", "income", "age", "city", "documents")
_ELIGIBILITY_KEYS = frozenset(
    {"max_income_per_member", "min_age", "max_age", "cities", "confirmations"}
)


@dataclass(frozen=True)
class City:
    """A city a program is limited to; typed names match it after Arabic normalisation."""

    name_ar: str
    name_en: str = ""  # empty: the Arabic name is shown in both languages

    def name(self, lang: str | None = None) -> str:
        return _pick(lang, self.name_ar, self.name_en or self.name_ar)

    def matches(self, city: str) -> bool:
        """True when ``city`` as typed ("الاحساء", "Al-Ahsa ") names this city."""
        typed = normalize_name(city)
        return bool(typed) and typed in {normalize_name(self.name_ar), normalize_name(self.name_en)}


@dataclass(frozen=True)
class Confirmation:
    """Something only a person can check (policy 003); the desk ticks it at submission."""

    code: str
    text_ar: str
    text_en: str

    def text(self, lang: str | None = None) -> str:
        return _pick(lang, self.text_ar, self.text_en)


@dataclass(frozen=True)
class Eligibility:
    """A program's eligibility conditions besides its categories and documents; None: no limit."""

    max_income_per_member: Decimal | None = None  # SAR per household member per month
    min_age: int | None = None
    max_age: int | None = None
    cities: tuple[City, ...] = ()
    confirmations: tuple[Confirmation, ...] = ()

    @property
    def confirmation_codes(self) -> tuple[str, ...]:
        return tuple(c.code for c in self.confirmations)


@dataclass(frozen=True)
class Program(Named):
    required_documents: tuple[str, ...]
    categories: tuple[str, ...] = ()  # empty: open to every category
    eligibility: Eligibility = field(default_factory=Eligibility)
    kind: ProgramKind = ProgramKind()  # committee, declaration, answer period, immediate

    def is_open_to(self, category: str) -> bool:
        return not self.categories or category in self.categories


def read_eligibility(r: ProfileReader, data: Any, where: str) -> Eligibility:
    """``[programs.eligibility]``: every key optional; an empty table sets no conditions."""
    if isinstance(data, dict) and "categories" in data:
        message = _("write categories on the program itself, not under eligibility")
        r.fail(f"{where}.categories", message)
    r.table(data, where, set(), _ELIGIBILITY_KEYS)

    income = data.get("max_income_per_member")
    if income is not None:
        key = f"{where}.max_income_per_member"
        if (
            isinstance(income, bool)
            or not isinstance(income, int | float)
            or not math.isfinite(income)
            or income <= 0
        ):
            r.fail(key, _("must be an amount in riyals greater than zero, without quotes"))
        income = Decimal(str(income))

    ages: dict[str, int | None] = {}
    for name in ("min_age", "max_age"):
        ages[name] = value = data.get(name)
        if value is not None and (type(value) is not int or not 0 <= value <= MAX_AGE_YEARS):
            message = _("must be a whole number of years from 0 to {high}")
            r.fail(f"{where}.{name}", message.format(high=MAX_AGE_YEARS))
    low, high = ages["min_age"], ages["max_age"]
    if low is not None and high is not None and high < low:
        message = _("must not be less than min_age ({min_age})")
        r.fail(f"{where}.max_age", message.format(min_age=low))

    return Eligibility(
        income, low, high, _cities(r, data, where), _confirmations(r, data, where)
    )


def _cities(r: ProfileReader, data: dict[str, Any], where: str) -> tuple[City, ...]:
    cities: list[City] = []
    seen: set[str] = set()
    if "cities" in data:
        for number, item in enumerate(r.listing(data["cities"], f"{where}.cities"), 1):
            key = f"{where}.cities[{number}]"
            if isinstance(item, str):
                city = City(r.text(item, key))
            elif isinstance(item, dict):
                r.table(item, key, {"name_ar"}, frozenset({"name_en"}))
                name_en = r.text(item.get("name_en", ""), f"{key}.name_en", empty_ok=True)
                city = City(r.text(item["name_ar"], f"{key}.name_ar"), name_en)
            else:
                message = _("must be a city name in quotes or a table with name_ar and name_en")
                r.fail(key, message)
            names = {normalize_name(city.name_ar), normalize_name(city.name_en)} - {""}
            if names & seen:
                r.fail(key, _("duplicate city: {city}").format(city=city.name_ar))
            seen |= names
            cities.append(city)
    return tuple(cities)


def _confirmations(
    r: ProfileReader, data: dict[str, Any], where: str
) -> tuple[Confirmation, ...]:
    confirmations: list[Confirmation] = []
    if "confirmations" in data:
        items = r.listing(data["confirmations"], f"{where}.confirmations")
        for number, item in enumerate(items, 1):
            key = f"{where}.confirmations[{number}]"
            r.table(item, key, {"code", "text_ar", "text_en"})
            code = r.code(item["code"], f"{key}.code", SNAKE_CODE, "qualification")
            if code in ELIGIBILITY_CONDITIONS:
                message = _("{code} is reserved for a built-in condition; choose another code")
                r.fail(f"{key}.code", message.format(code=code))
            if code in {c.code for c in confirmations}:
                r.fail(f"{key}.code", _("duplicate code: {code}").format(code=code))
            text_ar = r.text(item["text_ar"], f"{key}.text_ar")
            confirmations.append(
                Confirmation(code, text_ar, r.text(item["text_en"], f"{key}.text_en"))
            )
    return tuple(confirmations)
