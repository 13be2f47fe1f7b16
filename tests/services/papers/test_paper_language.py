"""A paper in another language is its revision in that language (found or newly issued), never
the old revision reprinted in the language it was issued in."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.papers import documents, paper_language
from ajfar_desk.services.users import audit
from printing.scenario import submitted_request


def test_another_language_is_a_new_revision_then_found_again(ctx):
    _a, req = submitted_request(ctx)
    arabic = documents.latest(ctx, req.id, "declaration")
    assert (arabic.number, arabic.lang) == (f"{req.reference}-D1", "ar")

    english = paper_language.in_language(ctx, arabic.number, "en")
    assert (english.number, english.lang, english.revision) == (f"{req.reference}-D2", "en", 2)
    assert english.content["lang"] == "en"
    assert english.content["employee"]["name"] == "مدير النظام"
    # issued from today's records: D1 was signed before the request was submitted
    assert english.content["request"]["answer_due"] and not arabic.content["request"]["answer_due"]
    issued = [e for e in audit.entries(ctx, action="issue") if e.entity_id == english.number]
    assert len(issued) == 1 and issued[0].user_name == "مدير النظام"

    # asked again: the English revision issued after D1, nothing new
    assert paper_language.in_language(ctx, arabic.number, "en").number == english.number
    assert paper_language.in_language(ctx, english.number, "en").number == english.number
    # D2 in Arabic: D1 states less (no answer date), so D3; asked again, D3
    third = paper_language.in_language(ctx, english.number, "ar")
    assert (third.number, third.lang) == (f"{req.reference}-D3", "ar")
    assert paper_language.substance(third.content) == paper_language.substance(english.content)
    assert paper_language.in_language(ctx, english.number, "ar").number == third.number
    assert paper_language.in_language(ctx, third.number, "en").number == english.number
    assert len(documents.list_documents(ctx, req.id)) == 3


def test_a_referral_in_another_language_keeps_its_note(ctx):
    _a, req = submitted_request(ctx)
    first = documents.issue(ctx, req.id, "referral", lang="en", note="Home visit done")
    arabic = paper_language.in_language(ctx, first.number, "ar")
    assert (arabic.number, arabic.lang) == (f"{req.reference}-R2", "ar")
    assert arabic.content["note"] == "Home visit done"
    # another note since: the Arabic copy of the new referral is a new revision
    second = documents.issue(ctx, req.id, "referral", lang="en", note="Second visit")
    again = paper_language.in_language(ctx, second.number, "ar")
    assert again.number == f"{req.reference}-R4" and again.content["note"] == "Second visit"
    assert paper_language.in_language(ctx, first.number, "ar").number == arabic.number


def test_an_unknown_language_is_refused_naming_the_languages(ctx):
    _a, req = submitted_request(ctx)
    d1 = documents.latest(ctx, req.id, "declaration")
    with pytest.raises(ValidationError) as refused:
        paper_language.in_language(ctx, d1.number, "fr")
    assert "ar" in refused.value.message and "en" in refused.value.message
