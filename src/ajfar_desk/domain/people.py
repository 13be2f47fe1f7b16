"""Applicant attribute vocabularies (codes stored, labels translated)."""

from __future__ import annotations

import datetime as dt

from ..i18n import N_
from .dates import age_on

GENDERS = {"male": N_("Male"), "female": N_("Female")}
MARITAL_STATUSES = {
    "single": N_("Single"),
    "married": N_("Married"),
    "divorced": N_("Divorced"),
    "widowed": N_("Widowed"),
}
RELATIONS = {
    "spouse": N_("Spouse"),
    "son": N_("Son"),
    "daughter": N_("Daughter"),
    "father": N_("Father"),
    "mother": N_("Mother"),
    "brother": N_("Brother"),
    "sister": N_("Sister"),
    "other": N_("Other relative"),
}
NATIONALITIES = {
    "SA": N_("Saudi"),
    "YE": N_("Yemeni"),
    "EG": N_("Egyptian"),
    "SD": N_("Sudanese"),
    "SY": N_("Syrian"),
    "JO": N_("Jordanian"),
    "PK": N_("Pakistani"),
    "IN": N_("Indian"),
    "BD": N_("Bangladeshi"),
    # the Gulf, and the countries most pilgrims and residents come from (Al-Huda serves them)
    "AE": N_("Emirati"),
    "KW": N_("Kuwaiti"),
    "BH": N_("Bahraini"),
    "OM": N_("Omani"),
    "QA": N_("Qatari"),
    "ID": N_("Indonesian"),
    "MY": N_("Malaysian"),
    "TR": N_("Turkish"),
    "NG": N_("Nigerian"),
    "IR": N_("Iranian"),
    "IQ": N_("Iraqi"),
    "DZ": N_("Algerian"),
    "MA": N_("Moroccan"),
    "AF": N_("Afghan"),
    "PH": N_("Filipino"),
    "OT": N_("Other"),
}
# a nationality as it names a woman on a paper («سعودية», «كويتية»): Arabic agrees it with the
# person, English does not (the "(woman)" marker is dropped by the English catalog); "Other"
# reads the same for both
NATIONALITIES_FEMININE = {
    "SA": N_("Saudi (woman)"),
    "YE": N_("Yemeni (woman)"),
    "EG": N_("Egyptian (woman)"),
    "SD": N_("Sudanese (woman)"),
    "SY": N_("Syrian (woman)"),
    "JO": N_("Jordanian (woman)"),
    "PK": N_("Pakistani (woman)"),
    "IN": N_("Indian (woman)"),
    "BD": N_("Bangladeshi (woman)"),
    "AE": N_("Emirati (woman)"),
    "KW": N_("Kuwaiti (woman)"),
    "BH": N_("Bahraini (woman)"),
    "OM": N_("Omani (woman)"),
    "QA": N_("Qatari (woman)"),
    "ID": N_("Indonesian (woman)"),
    "MY": N_("Malaysian (woman)"),
    "TR": N_("Turkish (woman)"),
    "NG": N_("Nigerian (woman)"),
    "IR": N_("Iranian (woman)"),
    "IQ": N_("Iraqi (woman)"),
    "DZ": N_("Algerian (woman)"),
    "MA": N_("Moroccan (woman)"),
    "AF": N_("Afghan (woman)"),
    "PH": N_("Filipino (woman)"),
}


def nationality_msgid(code: str, gender: str | None) -> str:
    """The untranslated name of nationality ``code`` for a person of ``gender`` (the code
    itself when it is not one of the nationalities)."""
    if gender == "female" and code in NATIONALITIES_FEMININE:
        return NATIONALITIES_FEMININE[code]
    return NATIONALITIES.get(code, code)


ROLES = {
    "front_desk": N_("Front-desk employee"),
    "branch_rep": N_("Branch-office representative"),
    "researcher": N_("Social researcher"),
    "committee": N_("Committee member"),
    "manager": N_("Manager"),
    "admin": N_("Administrator"),
}


def has_full_name(full_name: str | None, username: str) -> bool:
    """Was the account given a person's name?  An account set up without one stores its user
    name there (papers then print the login, e.g. "admin"): the users list says so."""
    name = (full_name or "").strip()
    return bool(name) and name != username.strip()


# the particles a family name may start with («آل الشيخ», «أبو زيد»): kept with it when a name
# is shortened
_FAMILY_PARTICLES = frozenset({"آل", "ال", "أبو", "ابو", "أبا", "بن", "بنت", "Al", "al", "bin", "bint"})


def short_name(full_name: str) -> str:
    """The first name and the family name of a full name («عبدالرحمن عبدالمحسن … آل عبداللطيف» →
    «عبدالرحمن آل عبداللطيف»), as a status line names the person at the desk; a name of two words
    or fewer as it is."""
    words = full_name.split()
    if len(words) <= 2:
        return " ".join(words)
    family = words[-2:] if words[-2] in _FAMILY_PARTICLES else words[-1:]
    return " ".join([words[0], *family])


# Saudi law has set the age of marriage at 18 since 2019; a younger spouse in a household is most
# often a birth year mistyped (the branch trial saved an 11-year-old «زوجة» without a word)
ADULT_SPOUSE_AGE = 18


def young_spouse_age(relation: str, birth: dt.date | None, today: dt.date) -> int | None:
    """The age of a spouse younger than ``ADULT_SPOUSE_AGE`` on ``today`` (asked about before
    the member is saved), else None."""
    if relation != "spouse" or birth is None or birth > today:
        return None
    age = age_on(birth, today)
    return age if age < ADULT_SPOUSE_AGE else None
