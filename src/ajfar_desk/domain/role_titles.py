"""A role as it names a person: «موظف علاقات المستفيدين» for a man, «موظفة علاقات المستفيدين»
for a woman (the words: ``gendered.ROLE_TITLES``).  An account whose gender was never given
(an older store) reads in the masculine, Arabic's unmarked form."""

from __future__ import annotations

from ..i18n import _, gettext
from .gendered import ROLE_TITLES
from .people import GENDERS


def role_title(role: str | None, gender: str | None, lang: str | None = None) -> str:
    """The translated title of ``role`` for a person of ``gender``; "" for no role."""
    if not role:
        return ""
    return gettext(ROLE_TITLES.msgid(role, gender), lang)


def gender_label(gender: str | None) -> str:
    return _(GENDERS[gender]) if gender in GENDERS else ""
