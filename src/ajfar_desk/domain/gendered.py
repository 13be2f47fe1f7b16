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


# on-screen sentences about the applicant (the request page and its papers)
CONFIRM_WITH = (N_("Confirm what you checked with the applicant:"),
                N_("Confirm what you checked with the applicant: (woman)"))
ASKS_FOR = (N_("What the applicant asks for"), N_("What the applicant asks for (woman)"))
NOT_SIGNED_ON_PAD = (
    N_("The applicant has not signed yet: sign in the box, or choose to sign the printed paper "
       "by hand"),
    N_("The applicant has not signed yet: sign in the box, or choose to sign the printed paper "
       "by hand (woman)"))


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


def feminine_noun(name_ar: str) -> bool:
    """Does an Arabic name (a document kind's: «الهوية الوطنية», «سجل الأسرة») take feminine
    agreement («سارية», «موجودة»)?  Its head noun, the first word, ends in ta marbuta: the
    simplest honest rule for the names an association gives its documents («الإقامة», «إفادة
    قيد دراسي», «شهادة الميلاد» feminine; «سجل الأسرة», «صك الطلاق», «جواز السفر» masculine)."""
    words = (name_ar or "").split()
    return bool(words) and words[0].rstrip("»«()").endswith("ة")
