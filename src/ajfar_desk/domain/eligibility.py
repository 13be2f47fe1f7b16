"""Whether an applicant meets a program's eligibility conditions, and why (policy 003).

Aman's policy («التحقق من أهلية المستفيدين») sets conditions per program type.  The profile
carries them as configuration (``Program.categories``, ``Program.required_documents`` and
``Program.eligibility``); ``evaluate`` checks plain facts about the applicant against them and
explains each condition in plain language.  Pure Python: no Qt, no SQL.

The documents checklist is ``requests.evaluate_checklist``; here it is one line, from the
caller's ``documents_ok``.  Numbers are written with Western digits; the interface localizes them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from ..i18n import N_, _, current_language, ngettext
from .dates import age_on
from .gendered import category_name
from .money import format_amount
from .profile import AssociationProfile
from .programs import ELIGIBILITY_CONDITIONS, Program

CATEGORY, INCOME, AGE, CITY, DOCUMENTS = ELIGIBILITY_CONDITIONS
_HALALA = Decimal("0.01")


def _money(value: object, name: str) -> Decimal:
    amount = value if isinstance(value, Decimal) else Decimal(str(value))
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{name} must be a non-negative amount, not {value!r}")
    return amount


@dataclass(frozen=True)
class EligibilityFacts:
    """What the desk knows about the applicant on the day of evaluation."""

    category: str  # the applicant's category code in the profile
    birth_date: date
    city: str  # as typed; compared after Arabic normalisation
    monthly_income: Decimal = Decimal(0)  # the applicant's own, SAR per month
    # one per household member, 0 for none; None: not said (the household's income is not known)
    member_incomes: tuple[Decimal | None, ...] = ()
    documents_ok: bool = False  # every required document present and valid (the checklist)
    confirmed: frozenset[str] = frozenset()  # codes of the confirmations the employee ticked
    gender: str | None = None  # the applicant's: her category reads «يتيمة», the lines name her («عمر المتقدمة»)
    income_given: bool = True  # False: her file says her income was not said (not that it is 0)

    def __post_init__(self) -> None:
        members = tuple(None if v is None else _money(v, "member_incomes") for v in self.member_incomes)
        object.__setattr__(self, "monthly_income", _money(self.monthly_income, "monthly_income"))
        object.__setattr__(self, "member_incomes", members)
        object.__setattr__(self, "confirmed", frozenset(self.confirmed))

    @property
    def household_size(self) -> int:
        return 1 + len(self.member_incomes)

    @property
    def members_not_said(self) -> int:
        """How many members' incomes were not said: the household's total is then not known."""
        return sum(1 for v in self.member_incomes if v is None)

    @property
    def household_income(self) -> Decimal:
        """The incomes said, added (a total only when ``income_given`` and no member unsaid)."""
        return self.monthly_income + sum((v for v in self.member_incomes if v is not None), Decimal(0))

    @property
    def income_per_member(self) -> Decimal:
        """Household income divided by the household size, to the halala (half up)."""
        share = self.household_income / self.household_size
        return share.quantize(_HALALA, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    code: str  # category | income | age | city | documents | a confirmation's code
    passed: bool
    text: str  # plain-language explanation in the language of the evaluation


@dataclass(frozen=True)
class EligibilityResult:
    program: str  # the program's code
    program_name: str  # in the language of the evaluation
    lines: tuple[Line, ...]
    lang: str
    gender: str | None = None  # the applicant's: the verdict names her or him («المتقدمة»)

    @property
    def eligible(self) -> bool:
        return all(line.passed for line in self.lines)

    @property
    def failed(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if not line.passed)


def _amount(value: Decimal | int, lang: str, profile: AssociationProfile | None) -> str:
    """An amount in the message's language: the profile's digits and decimals (``money``)."""
    if profile is None:
        return format_amount(value, lang, "western")
    return format_amount(value, lang, profile.digits, profile.money_decimals)


def _join(names: list[str], lang: str) -> str:
    return ("، " if lang == "ar" else ", ").join(names)


def evaluate(
    program: Program,
    facts: EligibilityFacts,
    on: date,
    lang: str | None = None,
    *,
    profile: AssociationProfile | None = None,
) -> EligibilityResult:
    """Check ``facts`` against ``program``'s conditions on the day ``on``.

    Lines come in a fixed order: category, income, age, city, documents, then each confirmation;
    only the conditions the program has produce a line.  ``profile`` names the categories (without
    it the codes are shown).  ValueError when ``on`` is before the birth date.
    """
    lang = "ar" if (lang or current_language()) == "ar" else "en"
    rules = program.eligibility

    def her(msgid: str) -> str:  # the line about a woman applicant: its "(woman)" msgid
        return WOMAN_LINES.get(msgid, msgid) if facts.gender == "female" else msgid
    lines: list[Line] = []

    def add(code: str, passed: bool, text: str) -> None:
        lines.append(Line(code, passed, text))

    if program.categories:
        named = {c.code: c for c in profile.categories} if profile else {}
        names = {code: c.name(lang) for code, c in named.items()}
        mine = named.get(facts.category)  # named as the applicant is: «يتيمة» for a woman
        category = category_name(mine, facts.gender, lang) if mine else facts.category
        if facts.category in program.categories:
            message = _("Category «{category}» is among those the program serves", lang)
            add(CATEGORY, True, message.format(category=category))
        else:
            served = _join([names.get(code, code) for code in program.categories], lang)
            message = _(
                "Category «{category}» is not among those the program serves: {categories}", lang
            )
            add(CATEGORY, False, message.format(category=category, categories=served))

    limit = rules.max_income_per_member
    if limit is not None and not facts.income_given:
        # an income not said is not an income of 0: the limit cannot be checked, and a program
        # with a limit must not take the applicant as within it
        add(INCOME, False, _(her(NOT_SAID), lang).format(limit=_amount(limit, lang, profile)))
    elif limit is not None and facts.members_not_said:
        unsaid = facts.members_not_said  # not taken as 0 either: the share would look smaller
        add(INCOME, False, ngettext(
            "The monthly income of {count} household member is not recorded in the file: write it "
            "there, then the program's limit of {limit} SAR per household member can be checked",
            "The monthly incomes of {count} household members are not recorded in the file: write "
            "them there, then the program's limit of {limit} SAR per household member can be checked",
            unsaid, lang).format(
            count=unsaid, limit=_amount(limit, lang, profile)))
    elif limit is not None:
        share = facts.income_per_member
        passed = share <= limit
        if passed:
            message = _(
                "Income per household member is {income} SAR (household of {size},"
                " total {total} SAR), within the program's limit of {limit} SAR",
                lang,
            )
        else:
            message = _(
                "Income per household member is {income} SAR (household of {size},"
                " total {total} SAR), above the program's limit of {limit} SAR",
                lang,
            )
        text = message.format(
            income=_amount(share, lang, profile),
            size=facts.household_size,
            total=_amount(facts.household_income, lang, profile),
            limit=_amount(limit, lang, profile),
        )
        add(INCOME, passed, text)

    low, high = rules.min_age, rules.max_age
    if low is not None or high is not None:
        age = age_on(facts.birth_date, on)
        passed = (low is None or age >= low) and (high is None or age <= high)
        if low is not None and age < low:
            message = _(her("Age {age} is below the program's minimum of {min_age}"), lang)
        elif high is not None and age > high:
            message = _(her("Age {age} is above the program's maximum of {max_age}"), lang)
        elif low is not None and high is not None:
            message = _(her("Age {age} is within the program's range of {min_age} to {max_age}"), lang)
        elif low is not None:
            message = _(her("Age {age} meets the program's minimum of {min_age}"), lang)
        else:
            message = _(her("Age {age} is within the program's maximum of {max_age}"), lang)
        add(AGE, passed, message.format(age=age, min_age=low, max_age=high))

    if rules.cities:
        cities = _join([city.name(lang) for city in rules.cities], lang)
        typed = facts.city.strip()
        if not typed:
            message = _(her("No city is recorded; the program serves only: {cities}"), lang)
            add(CITY, False, message.format(cities=cities))
        elif any(city.matches(typed) for city in rules.cities):
            message = _(her("The city {city} is among the program's cities"), lang)
            add(CITY, True, message.format(city=typed))
        else:
            message = _(her("The city {city} is not among the program's cities: {cities}"), lang)
            add(CITY, False, message.format(city=typed, cities=cities))

    if program.required_documents:
        if facts.documents_ok:
            add(DOCUMENTS, True, _("All required documents are present and valid", lang))
        else:
            add(DOCUMENTS, False, _("Some required documents are missing or expired", lang))

    for confirmation in rules.confirmations:
        text = confirmation.text(lang)
        if confirmation.code in facts.confirmed:
            add(confirmation.code, True, _("Confirmed: {text}", lang).format(text=text))
        else:
            add(confirmation.code, False, _("Not yet confirmed: {text}", lang).format(text=text))

    return EligibilityResult(program.code, program.name(lang), tuple(lines), lang, facts.gender)


# the lines that name the applicant («عمر المتقدم», «مدينة المتقدم») for a woman
NOT_SAID = N_("The applicant's monthly income is not recorded in the file: write it there, then "
             "the program's limit of {limit} SAR per household member can be checked")
WOMAN_LINES = {
    NOT_SAID: N_("The applicant's monthly income is not recorded in the file: write it there, then "
                 "the program's limit of {limit} SAR per household member can be checked (woman)"),
    N_("Age {age} is below the program's minimum of {min_age}"):
        N_("Age {age} is below the program's minimum of {min_age} (woman)"),
    N_("Age {age} is above the program's maximum of {max_age}"):
        N_("Age {age} is above the program's maximum of {max_age} (woman)"),
    N_("Age {age} is within the program's range of {min_age} to {max_age}"):
        N_("Age {age} is within the program's range of {min_age} to {max_age} (woman)"),
    N_("Age {age} meets the program's minimum of {min_age}"):
        N_("Age {age} meets the program's minimum of {min_age} (woman)"),
    N_("Age {age} is within the program's maximum of {max_age}"):
        N_("Age {age} is within the program's maximum of {max_age} (woman)"),
    N_("No city is recorded; the program serves only: {cities}"):
        N_("No city is recorded; the program serves only: {cities} (woman)"),
    N_("The city {city} is among the program's cities"):
        N_("The city {city} is among the program's cities (woman)"),
    N_("The city {city} is not among the program's cities: {cities}"):
        N_("The city {city} is not among the program's cities: {cities} (woman)"),
}

# the verdict on the applicant: (a man or not known, a woman)
ELIGIBLE = (N_("Eligible for «{program}»: every condition is met."),
            N_("Eligible for «{program}»: every condition is met. (woman)"))
NOT_ELIGIBLE = (N_("Not eligible for «{program}»."), N_("Not eligible for «{program}». (woman)"))


def explain(result: EligibilityResult) -> str:
    """One paragraph for a refusal: the verdict, then the lines that failed, and only those (a
    passed line among the reasons reads as another failure); when eligible, every line."""
    lang, program = result.lang, result.program_name
    if not result.lines:
        heading = _("«{program}» sets no eligibility conditions.", lang)
    elif result.eligible:
        heading = _(ELIGIBLE[result.gender == "female"], lang)
    else:
        heading = _(NOT_ELIGIBLE[result.gender == "female"], lang)
    shown = result.lines if result.eligible else result.failed
    sentences = [heading.format(program=program)]
    sentences += [line.text.rstrip(" .") + "." for line in shown]
    return " ".join(sentences)
