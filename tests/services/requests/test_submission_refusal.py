"""The refusal for documents says each list in its own sentence and how to fix it."""

from __future__ import annotations

import datetime as dt

from ajfar_desk import i18n
from ajfar_desk.domain import requests as rules
from ajfar_desk.services.applicants.views import ChecklistLine
from ajfar_desk.services.requests.checklist import missing_documents_message


def _line(label: str, state: str) -> ChecklistLine:
    return ChecklistLine(label, label, state, None, dt.date(2026, 1, 1))


def test_missing_and_expired_are_two_sentences_and_the_fix_is_named():
    problems = [_line("شهادة الآيبان البنكي", rules.MISSING), _line("الهوية الوطنية", rules.EXPIRED)]
    text = missing_documents_message(problems)
    assert "شهادة الآيبان البنكي. منتهية الصلاحية في يوم التقديم: الهوية الوطنية." in text
    assert text.endswith("«إضافة مستند».")
    i18n.set_language("en")
    try:
        text = missing_documents_message(problems)
    finally:
        i18n.set_language("ar")
    assert text == ("The request cannot be submitted. Missing document: شهادة الآيبان البنكي. "
                    "Expired on the day of submission: الهوية الوطنية. "
                    "Add each one, valid today, with “Add document”.")


def test_the_count_of_documents_is_read_in_arabic():
    labels = ["الهوية الوطنية", "صك الطلاق", "شهادة الآيبان البنكي"] + [f"مستند {n}" for n in range(97)]
    read = {}
    for n in (1, 2, 3, 11, 100):
        read[n] = missing_documents_message([_line(label, rules.MISSING) for label in labels[:n]])
    assert "مستند ناقص: الهوية الوطنية." in read[1] and read[1].endswith("يُرجى إضافته بنسخة سارية اليوم عبر «إضافة مستند».")
    assert "مستندان ناقصان: " in read[2] and "يُرجى إضافة كلٍّ منهما " in read[2]
    for n in (3, 11, 100):
        assert "مستندات ناقصة: " in read[n] and "يُرجى إضافة كلٍّ منها " in read[n]
    one_expired = missing_documents_message([_line("الهوية الوطنية", rules.EXPIRED)])
    assert "مستند ناقص" not in one_expired and "يُرجى إضافته " in one_expired



def test_a_resident_is_asked_for_the_iqama_not_the_national_id(ctx):
    """Trial 10: a Yemeni with no papers was told «مستندات ناقصة: الهوية الوطنية»."""
    from ajfar_desk.services.applicants import applicants
    from ajfar_desk.services.applicants.applicant_input import ApplicantInput
    from ajfar_desk.services.requests import requests

    program = next(p for p in ctx.profile.programs if "national_id" in p.required_documents)
    iqama = ctx.profile.document_kind("iqama").name("ar")
    national = ctx.profile.document_kind("national_id").name("ar")
    labels = {}
    for nationality in ("YE", "SA"):
        person = applicants.register(ctx, ApplicantInput(
            national_id="", id_type="none", first_name="عبدالله" if nationality == "YE" else "سالم", father_name="", grandfather_name="",
            family_name="", birth_date="1/1/1975", nationality=nationality, gender="male", consent=True))
        req = requests.create_request(ctx, person.id, program.code, ctx.profile.channels[0].code)
        labels[nationality] = {line.kind: line.label for line in requests.get_request(ctx, req.id).checklist}
    assert labels["YE"]["national_id"] == iqama and labels["SA"]["national_id"] == national
