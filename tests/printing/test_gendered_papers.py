"""A woman applicant's papers speak of her in the feminine («أقر أنا المتقدمة»، «المقرة بما فيه»,
«حاملة الهوية الوطنية», «اذكري رقمه»), a woman employee's signature line too («الموظفة
المختصة»); a man's, and a paper issued before genders were recorded, read as they always did.
The words come from the wording files: ``{applicant_gender:المقر|المقرة}``."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.printing.papers import render
from ajfar_desk.printing.templates import Block, TemplateError, fill, find_template
from ajfar_desk.printing.values import placeholders
from ajfar_desk.services.papers import documents
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .pdfcheck import read, text
from .scenario import submitted_request
from .test_receipt import flat, right_to_left

WOMAN = {
    paper.DECLARATION: ["أقر أنا المتقدمة/", "حاملة الهوية الوطنية رقم", "المقرة بما فيه",
                        "الموظفة المختصة", "سعودية"],
    paper.REFERRAL: ["نحيل إليكم طلب المتقدمة/", "حاملة الهوية الوطنية", "استكمال بياناتها",
                     "وتوقيعها إقرار", "أُبلغت المتقدمة بأن الرد على طلبها",
                     "موظفة علاقات المستفيدين"],
    # the reference after «رقمه» is drawn left to right: the text reads back cut at «رق»
    paper.RECEIPT: ["المتقدمة", "الموظفة المستلمة", "لمتابعة طلبك اذكري رق"],
}
MAN = {
    paper.DECLARATION: ["أقر أنا المتقدم/", "حامل الهوية الوطنية رقم", "المقر بما فيه",
                        "الموظف المختص", "سعودي"],
    paper.REFERRAL: ["نحيل إليكم طلب المتقدم/", "استكمال بياناته", "وتوقيعه إقرار",
                     "أُبلغ المتقدم بأن الرد على طلبه", "موظف علاقات المستفيدين"],
    paper.RECEIPT: ["الموظف المستلم", "لمتابعة طلبك اذكر رق"],
}
FEMININE_ONLY = ["المتقدمة", "المقرة", "حاملة", "الموظفة", "اذكري", "بياناتها", "موظفة", "سعودية"]


@pytest.fixture(scope="module")
def issued(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("papers") / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    _a, request = submitted_request(ctx)
    docs = {kind: documents.issue(ctx, request.id, kind, lang="ar")
            for kind in (paper.DECLARATION, paper.REFERRAL, paper.RECEIPT)}
    yield ctx.profile, docs
    store.close()


def _as(doc, applicant: str | None, employee: str | None):
    """The paper as issued for an applicant and an employee of these genders (None: a paper
    from before the genders were recorded)."""
    content = {**doc.content, "applicant": dict(doc.content["applicant"]),
               "employee": dict(doc.content["employee"])}
    for key, gender in (("applicant", applicant), ("employee", employee)):
        content[key].pop("gender", None)
        if gender:
            content[key]["gender"] = gender
    # issued at the front desk; an older paper kept neither the gender nor the role
    content["employee"].pop("role", None)
    if employee:
        content["employee"]["role"] = "front_desk"
    return replace(doc, content=content)


def _read(doc, profile) -> str:
    reader = read(render(doc, profile))
    return flat(text(reader)) + "|" + flat(right_to_left(reader))


@pytest.mark.parametrize("kind", list(WOMAN))
def test_a_womans_papers_speak_of_her_in_the_feminine(issued, kind):
    profile, docs = issued
    words = _read(_as(docs[kind], "female", "female"), profile)
    for phrase in WOMAN[kind]:
        assert flat(phrase) in words, (kind, phrase)


@pytest.mark.parametrize("kind", list(MAN))
@pytest.mark.parametrize("gender", ["male", None])
def test_a_mans_papers_and_older_ones_read_as_before(issued, kind, gender):
    profile, docs = issued
    words = _read(_as(docs[kind], gender, gender), profile)
    for phrase in MAN[kind]:
        assert flat(phrase) in words, (kind, phrase)
    assert not any(flat(word) in words for word in FEMININE_ONLY), kind


def test_english_papers_read_the_same_for_a_woman(issued):
    profile, docs = issued
    doc = docs[paper.DECLARATION]
    english = {**doc.content, "lang": "en"}
    for gender in ("female", "male"):
        values = placeholders({**english, "applicant": {**english["applicant"], "gender": gender}},
                              profile)
        assert values["id_holder"] == "holder of National ID"
        assert values["nationality"] == "Saudi"


@pytest.mark.parametrize(("code", "gender", "word"), [
    ("SA", "female", "سعودية"), ("KW", "female", "كويتية"), ("EG", "female", "مصرية"),
    ("PH", "female", "فلبينية"), ("SA", "male", "سعودي"), ("SA", None, "سعودي"),
    ("EG", "male", "مصري"), ("OT", "female", "أخرى"),
])
def test_the_nationality_agrees_with_the_applicant(issued, code, gender, word):
    """«الجنسية: سعودية» on a woman's paper, «سعودي» on a man's and on an older one."""
    profile, docs = issued
    content = _as(docs[paper.DECLARATION], gender, gender).content
    content["applicant"]["nationality"] = code
    assert placeholders(content, profile)["nationality"] == word


def test_every_nationality_has_its_feminine():
    from ajfar_desk.domain.people import NATIONALITIES, NATIONALITIES_FEMININE

    assert set(NATIONALITIES) - set(NATIONALITIES_FEMININE) == {"OT"}


def test_a_gendered_placeholder_needs_two_words():
    template = find_template(paper.DECLARATION, "ajfar")
    block = Block("paragraph", {"text": ""}, "ar[1] (paragraph)")
    values = {"applicant_gender": "female"}
    assert fill(template, block, "{applicant_gender:المقر|المقرة}", values) == "المقرة"
    assert fill(template, block, "{applicant_gender:المقر|المقرة}", {"applicant_gender": ""}) == "المقر"
    with pytest.raises(TemplateError) as err:
        fill(template, block, "{applicant_gender:المقر}", values)
    assert "applicant_gender" in err.value.message
    with pytest.raises(TemplateError):
        fill(template, block, "{applicant_name:x|y}", {"applicant_name": "هدى"})  # not a gender


def test_the_holder_of_an_iqama_in_the_feminine():
    profile = get_profile("ajfar")
    from ajfar_desk.domain.identity import make_national_id

    content = {
        "lang": "ar", "branch": "HQ", "number": "AJF-1448-000001-D1", "issued_on": "2026-12-07",
        "employee": {"name": "سارة العتيبي", "gender": "female"},
        "applicant": {
            "full_name": "ماريا سانتوس", "national_id": make_national_id(2, "01234567"),
            "birth_date": "1990-01-01", "nationality": "PH", "phone": "+966551234567",
            "city": "الأجفر", "household_size": 1, "gender": "female",
        },
        "request": {"reference": "AJF-1448-000001", "program": profile.programs[0].code,
                    "channel": profile.channels[0].code, "submitted_on": "2026-12-07",
                    "answer_due": "2026-12-21"},
    }
    values = placeholders(content, profile)
    assert values["id_holder"] == "حاملة هوية مقيم"
    assert (values["applicant_gender"], values["employee_gender"]) == ("female", "female")


def test_an_issued_paper_carries_the_applicants_and_the_employees_gender(issued):
    """The service writes both genders into what the paper says, so a woman's paper is issued
    in the feminine (not only a paper whose content a test filled in)."""
    profile, docs = issued
    for doc in docs.values():
        assert doc.content["applicant"]["gender"] in ("male", "female")
        assert doc.content["employee"]["gender"] in ("male", "female")
