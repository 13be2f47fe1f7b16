"""The refusal for documents says each list in its own sentence and how to fix it."""

from __future__ import annotations

import datetime as dt

from ajfar_desk import i18n
from ajfar_desk.domain import requests as rules
from ajfar_desk.services.applicants.views import ChecklistLine
from ajfar_desk.services.requests.requests import missing_documents_message


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
    assert text == ("The request cannot be submitted. Missing documents: شهادة الآيبان البنكي. "
                    "Expired on the day of submission: الهوية الوطنية. "
                    "Add each one, valid today, with “Add document”.")
