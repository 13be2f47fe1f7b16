"""The committee referral letter as the trial read it (trial 9, shots 153-154): signed with the
signer's own title in her or his gender; a submission by exception says what was excepted and
why; where the policy sets no number of days it says what an office says; a Hijri date keeps
its «هـ»."""

from __future__ import annotations

import pytest

from accounts import staff_accounts
from ajfar_desk.domain import documents as paper
from ajfar_desk.printing import textlayout
from ajfar_desk.printing.papers import render
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import requests
from ajfar_desk.services.users import setup

from .eligibility_scenario import draft
from .pdfcheck import read, text
from .test_receipt import flat, right_to_left


@pytest.fixture
def aman(store):  # on each backend: SQLite, and PostgreSQL when AJFAR_TEST_PG_URL is set
    return setup.init_store(store, "aman", None, "admin", "password123", "مدير")


def words(doc, profile) -> str:
    reader = read(render(doc, profile))
    return flat(text(reader)) + "|" + flat(right_to_left(reader))


def submitted_by_exception(ctx):
    req = draft(ctx)
    requests.submit(ctx, req.id, override_reason="حالة إنسانية عاجلة")
    return req


def test_signed_with_the_signers_own_title_in_her_or_his_gender(aman):
    as_ = staff_accounts(aman, {"khalid": ("manager", "خالد الزهراني")})
    from ajfar_desk.services.users import users

    users.create_user(aman, "reem", "ريم الحربي", "front_desk", "password123", gender="female")
    req = submitted_by_exception(aman)
    letter = documents.issue(as_("khalid"), req.id, paper.REFERRAL, lang="ar")
    read_back = words(letter, aman.profile)
    assert flat("المدير") in read_back and flat("علاقات المستفيدين") not in read_back
    setup.sign_in(aman, "reem", "password123")
    letter = documents.issue(aman, req.id, paper.REFERRAL, lang="ar")
    assert flat("موظفة علاقات المستفيدين") in words(letter, aman.profile)
    english = documents.issue(aman, req.id, paper.REFERRAL, lang="en")
    assert "Front-desk employee" in text(read(render(english, aman.profile)))


def test_an_exception_is_named_with_its_reason(aman):
    req = submitted_by_exception(aman)
    letter = documents.issue(aman, req.id, paper.REFERRAL, lang="ar")
    read_back = words(letter, aman.profile)
    condition = aman.profile.program("community_families").eligibility.confirmations[0].text("ar")
    assert flat("استثناءً") in read_back and flat("حالة إنسانية عاجلة") in read_back
    assert flat(condition[:30]) in read_back
    english = text(read(render(documents.issue(aman, req.id, paper.REFERRAL, lang="en"),
                               aman.profile)))
    assert "exception" in english and "Not yet confirmed" in english.replace("\n", " ")


def test_no_exception_no_word_of_it(aman):
    req = draft(aman)
    confirmed = aman.profile.program("community_families").eligibility.confirmation_codes
    requests.submit(aman, req.id, confirmed=confirmed)
    letter = documents.issue(aman, req.id, paper.REFERRAL, lang="ar")
    assert flat("استثناء") not in words(letter, aman.profile)


def test_where_the_policy_sets_no_days_the_office_says_it_will_tell(aman):
    req = submitted_by_exception(aman)
    read_back = words(documents.issue(aman, req.id, paper.REFERRAL, lang="ar"), aman.profile)
    assert flat("لا تحدد سياسة الجمعية") not in read_back
    assert flat("فور صدوره") in read_back


@pytest.mark.parametrize("mark", ["هـ", "م", "AH"])
def test_a_date_keeps_its_era_on_its_line(mark):
    date = f"\u206827/06/1448 {mark}\u2069" if mark != "م" else "\u206807/12/2026\u2069 م"
    sentence = "والوارد عبر قناة «المقابلات المباشرة في مقر الجمعية» بتاريخ " + date + " وذلك"
    for width in range(80, 400, 3):
        for line in textlayout.wrap_texts(sentence, width, 11.5):
            first = line.lstrip("\u2069 ").split(" ")[0].strip("\u2069،")
            assert first != mark, (width, line)
