"""A role as it names a person: «موظف علاقات المستفيدين» for a man, «موظفة علاقات المستفيدين»
for a woman.  Arabic agrees the title with the person it names; English does not, so the
feminine msgids carry a "(woman)" marker that the English catalog drops.  An account whose
gender was never given (an older store) reads in the masculine, Arabic's unmarked form."""

from __future__ import annotations

from ..i18n import N_, _, gettext
from .people import GENDERS, ROLES

FEMALE = "female"
MALE = "male"
ROLES_FEMININE = {
    "front_desk": N_("Front-desk employee (woman)"),
    "branch_rep": N_("Branch-office representative (woman)"),
    "researcher": N_("Social researcher (woman)"),
    "committee": N_("Committee member (woman)"),
    "manager": N_("Manager (woman)"),
    "admin": N_("Administrator (woman)"),
}


def role_msgid(role: str, gender: str | None) -> str:
    """The untranslated title of ``role`` for a person of ``gender`` (the role's code itself
    when it is not one of the roles)."""
    if gender == FEMALE and role in ROLES_FEMININE:
        return ROLES_FEMININE[role]
    return ROLES.get(role, role)


def role_title(role: str | None, gender: str | None, lang: str | None = None) -> str:
    """The translated title of ``role`` for a person of ``gender``; "" for no role."""
    if not role:
        return ""
    return gettext(role_msgid(role, gender), lang)


def gender_label(gender: str | None) -> str:
    return _(GENDERS[gender]) if gender in GENDERS else ""
