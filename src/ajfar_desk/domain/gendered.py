"""Words about the applicant in the applicant's gender, on screens as on the papers: «طلب دعم
للمستفيدة نورة», «توقّع المتقدمة», «أرملة».  As in ``role_titles``, the feminine (and, where the
neutral label reads «أرمل/أرملة», the masculine) msgids carry a "(woman)" or "(man)" marker that
the English catalog drops; a person whose gender is not known reads in the neutral label."""

from __future__ import annotations

from ..i18n import N_
from .people import MARITAL_STATUSES
from .role_titles import FEMALE, MALE

MARITAL_FEMININE = {
    "single": N_("Single (woman)"),
    "married": N_("Married (woman)"),
    "divorced": N_("Divorced (woman)"),
    "widowed": N_("Widowed (woman)"),
}
MARITAL_MASCULINE = {
    "single": N_("Single (man)"),
    "married": N_("Married (man)"),
    "divorced": N_("Divorced (man)"),
    "widowed": N_("Widowed (man)"),
}

# on-screen sentences naming the applicant: (for a man or an unknown gender, for a woman)
REQUEST_TITLE = (N_("Support request for {name}"), N_("Support request for {name} (woman)"))
SIGNS_ON_SCREEN = (N_("The applicant signs here, on the screen"),
                   N_("The applicant signs here, on the screen (woman)"))
SIGNS_ON_PAPER = (N_("The applicant signs the printed paper by hand"),
                  N_("The applicant signs the printed paper by hand (woman)"))


# a complaint's words about its complainant, for a woman (a registered applicant's gender)
FEMININE_WORDS = {
    N_("Complainant"): N_("Complainant (woman)"),
    N_("What the complainant says"): N_("What the complainant says (woman)"),
    N_("How the complainant was told"): N_("How the complainant was told (woman)"),
    N_("Complainant's satisfaction"): N_("Complainant's satisfaction (woman)"),
    N_("Could not be reached"): N_("Could not be reached (woman)"),
    N_("Very dissatisfied"): N_("Very dissatisfied (woman)"),
    N_("Dissatisfied"): N_("Dissatisfied (woman)"),
    N_("Neutral"): N_("Neutral (woman)"),
    N_("Satisfied"): N_("Satisfied (woman)"),
    N_("Very satisfied"): N_("Very satisfied (woman)"),
}


def for_person(msgid: str, gender: str | None) -> str:
    """The untranslated ``msgid`` as said of a person of ``gender``: its feminine form for a
    woman when it has one (``FEMININE_WORDS``), else itself."""
    return FEMININE_WORDS.get(msgid, msgid) if gender == FEMALE else msgid


def for_gender(pair: tuple[str, str], gender: str | None) -> str:
    """The untranslated msgid of ``pair`` for a person of ``gender``."""
    return pair[1] if gender == FEMALE else pair[0]


def marital_msgid(code: str | None, gender: str | None) -> str:
    """The untranslated label of a marital status for a person of ``gender`` ("" for none; the
    code itself when it is not one of the statuses)."""
    if not code:
        return ""
    if gender == FEMALE and code in MARITAL_FEMININE:
        return MARITAL_FEMININE[code]
    if gender == MALE and code in MARITAL_MASCULINE:
        return MARITAL_MASCULINE[code]
    return MARITAL_STATUSES.get(code, code)
