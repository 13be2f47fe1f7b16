"""The beneficiary's voice, as each association configures it in its profile: satisfaction survey
templates (questions on a 1–5 scale and free text) and how complaints are handled (categories,
the response deadline)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import N_, _
from .gendered import for_person
from .named import Named, pick
from .profile_reader import SNAKE_CODE
from .profile_reader import ProfileReader as _Reader

SCALE = "scale"
TEXT = "text"
QUESTION_KINDS = (SCALE, TEXT)
SCALE_MIN, SCALE_MAX = 1, 5
SCALE_LABELS = {  # what each point of the scale means, printed on the blank form
    1: N_("Very dissatisfied"),
    2: N_("Dissatisfied"),
    3: N_("Neutral"),
    4: N_("Satisfied"),
    5: N_("Very satisfied"),
}


def scale_meaning(score: int, gender: str | None) -> str:
    """The untranslated meaning of a point of the scale as said of a person of ``gender``
    («راضية جدًا» of a woman): the survey's rows and a complaint's satisfaction."""
    return for_person(SCALE_LABELS[score], gender)


# How a survey was taken: at the desk after the service, by phone, or on a printed form typed in.
DESK, PHONE, PAPER = "desk", "phone", "paper"
MODES = {DESK: N_("At the desk"), PHONE: N_("By phone"), PAPER: N_("Printed form")}

DEFAULT_RESPONSE_DAYS = 7
MAX_RESPONSE_DAYS = 60


@dataclass(frozen=True)
class Question:
    code: str
    kind: str  # scale | text
    text_ar: str
    text_en: str

    def text(self, lang: str | None = None) -> str:
        return pick(lang, self.text_ar, self.text_en)


@dataclass(frozen=True)
class Survey(Named):
    questions: tuple[Question, ...] = ()

    @property
    def scale_questions(self) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.kind == SCALE)


class Category(Named):
    """A kind of complaint or suggestion."""


@dataclass(frozen=True)
class ComplaintSettings:
    response_days: int = DEFAULT_RESPONSE_DAYS
    categories: tuple[Category, ...] = ()


def category_label(settings: ComplaintSettings, code: str, lang: str | None = None) -> str:
    for category in settings.categories:
        if category.code == code:
            return category.name(lang)
    return code


def read_surveys(r: _Reader, data: Any) -> tuple[Survey, ...]:
    """``[[surveys]]`` with ``[[surveys.questions]]``; every key checked, errors name the key."""
    surveys: list[Survey] = []
    for where, item, names in r.entries(data, "surveys", {"questions"}):
        questions: list[Question] = []
        for number, q in enumerate(r.listing(item["questions"], f"{where}.questions"), start=1):
            qwhere = f"{where}.questions[{number}]"
            r.table(q, qwhere, {"code", "kind", "text_ar", "text_en"})
            code = r.code(q["code"], f"{qwhere}.code", SNAKE_CODE, "staff_courtesy")
            if code in {x.code for x in questions}:
                r.fail(f"{qwhere}.code", _("duplicate code: {code}").format(code=code))
            kind = r.text(q["kind"], f"{qwhere}.kind")
            if kind not in QUESTION_KINDS:
                message = _("must be one of: {choices}")
                r.fail(f"{qwhere}.kind", message.format(choices=", ".join(QUESTION_KINDS)))
            text_ar = r.text(q["text_ar"], f"{qwhere}.text_ar")
            questions.append(Question(code, kind, text_ar, r.text(q["text_en"], f"{qwhere}.text_en")))
        if not any(q.kind == SCALE for q in questions):
            r.fail(f"{where}.questions", _("a survey needs at least one question on the 1–5 scale"))
        surveys.append(Survey(*names, tuple(questions)))
    return tuple(surveys)


def read_complaints(r: _Reader, data: Any) -> ComplaintSettings:
    """``[complaints]``: ``response_days`` and ``[[complaints.categories]]``."""
    r.table(data, "complaints", {"response_days", "categories"})
    days = data["response_days"]
    if type(days) is not int or not 1 <= days <= MAX_RESPONSE_DAYS:
        message = _("must be a whole number of days from {low} to {high}")
        r.fail("complaints.response_days", message.format(low=1, high=MAX_RESPONSE_DAYS))
    key = "complaints.categories"
    categories = tuple(Category(*names) for _w, _i, names in r.entries({key: data["categories"]}, key))
    return ComplaintSettings(days, categories)
