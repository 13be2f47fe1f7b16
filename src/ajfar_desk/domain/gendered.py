"""Words that agree with the person they name, in one place: an account's role («موظفة علاقات
المستفيدين»), the signer's title on a paper («رئيسة لجنة البحث»), the applicant's marital
status and category («أرملة», «يتيمة») and the sentences naming the applicant («طلب دعم
للمستفيدة نورة»).

Arabic agrees the word with the person; English does not, so the feminine (and, where the
neutral label reads «أرمل/أرملة» or names a woman, the masculine) msgids carry a "(woman)" or
"(man)" marker that the English catalog drops.  A person whose gender is not known (an account
or a paper from before the gender was recorded) reads in the neutral word, Arabic's unmarked
form."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..i18n import N_, gettext
from .named import Named
from .people import MARITAL_STATUSES, RELATIONS, ROLES

FEMALE = "female"
MALE = "male"


@dataclass(frozen=True)
class Words:
    """A vocabulary (code -> msgid) whose words agree with a person: the neutral msgids, the
    feminine ones and, where the neutral word is not the masculine, the masculine ones."""

    neutral: Mapping[str, str]
    feminine: Mapping[str, str]
    masculine: Mapping[str, str] = field(default_factory=dict)

    def agreeing(self, code: str, gender: str | None) -> str | None:
        """The msgid marked for a person of ``gender``; None when the neutral word stands."""
        table = self.feminine if gender == FEMALE else self.masculine if gender == MALE else {}
        return table.get(code)

    def msgid(self, code: str, gender: str | None) -> str:
        """The untranslated word for ``code`` and a person of ``gender`` (the code itself when
        it is not in the vocabulary)."""
        return self.agreeing(code, gender) or self.neutral.get(code, code)


ROLE_TITLES = Words(ROLES, {
    "front_desk": N_("Front-desk employee (woman)"),
    "branch_rep": N_("Branch-office representative (woman)"),
    "researcher": N_("Social researcher (woman)"),
    "committee": N_("Committee member (woman)"),
    "manager": N_("Manager (woman)"),
    "admin": N_("Administrator (woman)"),
})
# who signs a committee's decision letter (services/papers: the meeting's chair or the manager)
SIGNATORY_TITLES = Words({
    "chair": N_("Chair of the research committee"),
    "manager": N_("Manager of the association"),
}, {
    "chair": N_("Chair of the research committee (woman)"),
    "manager": N_("Manager of the association (woman)"),
})
MARITAL = Words(MARITAL_STATUSES, {
    "single": N_("Single (woman)"),
    "married": N_("Married (woman)"),
    "divorced": N_("Divorced (woman)"),
    "widowed": N_("Widowed (woman)"),
}, {
    "single": N_("Single (man)"),
    "married": N_("Married (man)"),
    "divorced": N_("Divorced (man)"),
    "widowed": N_("Widowed (man)"),
})
# a household member's relation, said of the member: «زوجة», «زوج», «قريبة أخرى»
RELATION_WORDS = Words(RELATIONS, {
    "spouse": N_("Spouse (woman)"),
    "other": N_("Other relative (woman)"),
}, {
    "spouse": N_("Spouse (man)"),
})
# an applicant's category, by its English name in the profiles (the profile's own name is the
# neutral word): «يتيمة», «ذات إعاقة» for a woman; «أرمل», «مطلق» for a man
CATEGORIES = Words({}, {
    "Orphan": N_("Orphan (woman)"),
    "Person with a disability": N_("Person with a disability (woman)"),
    "Elderly person": N_("Elderly person (woman)"),
    "Volunteer": N_("Volunteer (woman)"),
    "Trainee": N_("Trainee (woman)"),
    "Student": N_("Student (woman)"),
    "Hajj pilgrim": N_("Hajj pilgrim (woman)"),
    "Umrah pilgrim": N_("Umrah pilgrim (woman)"),
    "Consumer": N_("Consumer (woman)"),
    "Event participant": N_("Event participant (woman)"),
}, {
    "Widow": N_("Widow (man)"),
    "Divorcee": N_("Divorcee (man)"),
    "Student": N_("Student (man)"),
})

# on-screen sentences naming the applicant: (for a man or an unknown gender, for a woman)
REQUEST_TITLE = (N_("Support request for {name}"), N_("Support request for {name} (woman)"))
# the request page's title by what the program's request is (``program_kinds.REQUEST_KINDS``)
REQUEST_TITLES = {
    "support": REQUEST_TITLE,
    "complaint": (N_("Complaint by {name}"), N_("Complaint by {name} (woman)")),
    "consultation": (N_("Request for advice by {name}"), N_("Request for advice by {name} (woman)")),
    "training": (N_("Training application by {name}"), N_("Training application by {name} (woman)")),
    "volunteering": (N_("Volunteering application by {name}"),
                     N_("Volunteering application by {name} (woman)")),
    "participation": (N_("Request to take part by {name}"), N_("Request to take part by {name} (woman)")),
}
SIGNS_ON_SCREEN = (N_("The applicant signs here, on the screen"),
                   N_("The applicant signs here, on the screen (woman)"))
SIGNS_ON_PAPER = (N_("The applicant signs the printed paper by hand"),
                  N_("The applicant signs the printed paper by hand (woman)"))


# words said of a person, for a woman: a complaint's about its complainant (a registered
# applicant's gender), the registration form's about the applicant
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


# the registration form's words about the applicant, for a woman: «موافقة», «موافقة المستفيدة»
FEMININE_WORDS.update({
    N_("Agrees"): N_("Agrees (woman)"),
    N_("The applicant agrees"): N_("The applicant agrees (woman)"),
    N_("Messages to the applicant"): N_("Messages to the applicant (woman)"),
})


# a walk-in in her gender: the identity's type «بلا وثيقة (مراجعة عابرة)» (``id_types.ID_TYPES``)
# and the fields she may leave out «(اختياري للمراجعة العابرة)»
FEMININE_WORDS.update({
    N_("No document (walk-in)"): N_("No document (walk-in) (woman)"),
    N_("{label} (optional for a walk-in)"): N_("{label} (optional for a walk-in) (woman)"),
})


def for_person(msgid: str, gender: str | None) -> str:
    """The untranslated ``msgid`` as said of a person of ``gender``: its feminine form for a
    woman when it has one (``FEMININE_WORDS``), else itself."""
    return FEMININE_WORDS.get(msgid, msgid) if gender == FEMALE else msgid


# on-screen sentences about the applicant (the request page and its papers)
CONFIRM_WITH = (N_("Confirm what you checked with the applicant:"),
                N_("Confirm what you checked with the applicant: (woman)"))
ASKS_FOR = (N_("What the applicant asks for"), N_("What the applicant asks for (woman)"))
NOT_SIGNED_ON_PAD = (
    N_("The applicant has not signed yet: sign in the box, or press {key} to sign the printed "
       "paper by hand"),
    N_("The applicant has not signed yet: sign in the box, or press {key} to sign the printed "
       "paper by hand (woman)"))


def for_gender(pair: tuple[str, str], gender: str | None) -> str:
    """The untranslated msgid of ``pair`` for a person of ``gender``."""
    return pair[1] if gender == FEMALE else pair[0]


def request_title(request_kind: str | None, gender: str | None) -> str:
    """The untranslated title of a request page: what the request is (a complaint, a support
    request…), naming its applicant in her or his gender."""
    return for_gender(REQUEST_TITLES.get(request_kind or "", REQUEST_TITLE), gender)


def category_name(category: Named, gender: str | None, lang: str | None = None) -> str:
    """A profile's category as it names a person of ``gender`` (the profile's own name when the
    catalog has no word for her or him, or the gender is not known)."""
    msgid = CATEGORIES.agreeing(category.name_en, gender)
    return gettext(msgid, lang) if msgid else category.name(lang)


def marital_msgid(code: str | None, gender: str | None) -> str:
    """The untranslated label of a marital status for a person of ``gender`` ("" for none; the
    code itself when it is not one of the statuses)."""
    return MARITAL.msgid(code, gender) if code else ""


# the gender a household member's relation to the applicant says («ابنة» a woman, «ابن» a man);
# a spouse is of the applicant's other gender; "other" says nothing
RELATION_GENDERS = {"son": MALE, "daughter": FEMALE, "father": MALE, "mother": FEMALE,
                    "brother": MALE, "sister": FEMALE}


def relation_msgid(relation: str, member_gender: str | None) -> str:
    """The untranslated name of a member's ``relation`` agreeing with the member's gender."""
    return RELATION_WORDS.msgid(relation, member_gender)


def relation_gender(relation: str | None, applicant_gender: str | None) -> str | None:
    """The gender ``relation`` implies for a member of the household of an applicant of
    ``applicant_gender``; None when it implies none."""
    if relation == "spouse":
        return {MALE: FEMALE, FEMALE: MALE}.get(applicant_gender or "")
    return RELATION_GENDERS.get(relation or "")


def feminine_noun(name_ar: str) -> bool:
    """Does an Arabic name (a document kind's: «الهوية الوطنية», «سجل الأسرة») take feminine
    agreement («سارية», «موجودة»)?  Its head noun, the first word, ends in ta marbuta: the
    simplest honest rule for the names an association gives its documents («الإقامة», «إفادة
    قيد دراسي», «شهادة الميلاد» feminine; «سجل الأسرة», «صك الطلاق», «جواز السفر» masculine)."""
    words = (name_ar or "").split()
    return bool(words) and words[0].rstrip("»«()").endswith("ة")
