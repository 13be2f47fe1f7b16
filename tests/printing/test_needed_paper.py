"""The paper a walk-in takes home when documents are missing, read back from the PDF as the
applicant reads it: for every association, in Arabic and English, to a man and to a woman, with
one and with three documents missing; one page even when every document kind of the profile is
asked for (the longest names)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from ajfar_desk.domain import requests as rules
from ajfar_desk.domain.appointments import OfficeHours
from ajfar_desk.domain.dates import format_both
from ajfar_desk.domain.digits import localize_digits
from ajfar_desk.domain.profile import available_profiles
from ajfar_desk.printing.papers import render
from ajfar_desk.services.papers import needed_papers
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .pdfcheck import fonts, read, text
from .scenario import lacking_documents, submitted_request
from .test_receipt import flat, found, printed, right_to_left

# (language, gender, documents missing): the readers the paper is tried on
READERS = [("ar", "female", 3), ("ar", "male", 1), ("en", "male", 3), ("en", "female", 1)]
HEADING = {"ar": "المستندات المطلوبة لاستكمال", "en": "Documents needed to complete your"}


def asked(lang: str, gender: str, n: int, complaint: bool) -> str:
    """How many are missing and what to do, as a native reader expects it (Western digits)."""
    if lang == "en":
        what = "complaint" if complaint else "request"
        return (f"{n} document{' is' if n == 1 else 's are'} still missing. To complete your "
                f"{what}, please bring what is listed below to")
    count = {1: "مستند واحد", 2: "مستندان"}.get(n, f"{n} مستندات")
    what = ("شكواكِ" if complaint else "طلبكِ") if gender == "female" else (
        "شكواك" if complaint else "طلبك")
    return f"ما زال ينقص {count}. لاستكمال {what} يُرجى إحضار ما يلي إلى"


def _words(pdf: bytes, lang: str) -> str:
    reader = read(pdf)
    return flat(text(reader)) + "|" + (flat(right_to_left(reader)) if lang == "ar" else "")


def _draft_lacking(ctx, gender: str, count: int):
    """A draft lacking ``count`` required documents: the first of them expired (when three),
    the others never given."""
    applicant, draft = submitted_request(ctx, submit=False, gender=gender,
                                         first="نورة" if gender == "female" else "عبدالرحمن")
    required = [k for k in ctx.profile.program(draft.program).required_documents
                if k not in ("national_id", "iqama")]
    expiring = [k for k in required if ctx.profile.document_kind(k).has_expiry]
    old = expiring[:1] if count == 3 else []
    gone = [k for k in required if k not in old][: count - len(old)]
    lacking_documents(ctx, applicant.id, gone, old, days_ago=3)
    return draft, gone, old


@pytest.mark.parametrize("profile_id", available_profiles())
def test_every_association_prints_it_for_every_reader(tmp_path, profile_id):
    for lang, gender, count in READERS:
        store = Store.open(tmp_path / f"{lang}-{gender}")
        ctx = setup.init_store(store, profile_id, None, "admin", "password123", "سارة العتيبي")
        p = ctx.profile
        draft, gone, old = _draft_lacking(ctx, gender, count)
        doc = needed_papers.needed_paper_for(ctx, draft.id, lang=lang)
        pdf = render(doc, p)
        reader = read(pdf)
        assert len(reader.pages) == 1, (profile_id, lang)  # one sheet to take home
        assert all(fonts(reader).values())
        words = _words(pdf, lang)
        where = (profile_id, lang, gender, count)
        assert flat(HEADING[lang]) in words, where
        complaint = p.program(draft.program).kind.request == "complaint"  # Najran's
        if lang == "ar":  # «اذكري رقم الطلب» to a woman, «اذكر» to a man (the text read back
            # has no vowel marks: «طلبكِ» reads as «طلبك»; the content says which was printed)
            assert (flat("اذكري رقم") in words) == (gender == "female"), where
            assert (flat("المتقدمة" if not complaint else "مقدمة الشكوى") in words) == (
                gender == "female"), where
            declared = p.program(draft.program).kind.declaration  # Aman's: no declaration
            assert (flat("إقرار") in words) == declared, where  # a code on its line: read apart
        n = len(gone) + len(old)  # the program may require fewer than three besides the ID
        assert n == min(count, len(p.program(draft.program).required_documents) - 1)
        sentence = localize_digits(asked(lang, gender, n, complaint),
                                   p.digits if lang == "ar" else "western")
        # a Western digit inside an Arabic line comes back from its own font subset, elsewhere
        pieces = sentence.split(str(n)) if lang == "ar" and p.digits == "western" else [sentence]
        assert all(printed(piece, words) for piece in pieces), where
        assert draft.reference in words and doc.number in words  # Western digits: codes
        assert printed(p.program(draft.program).name(lang), words)
        assert printed(p.branch(ctx.branch.code).name(lang), words)  # where to bring them
        for kind in gone + old:  # each one asked for, and why
            assert printed(p.document_kind(kind).name(lang), words), (where, kind)
        not_given = "لم يُقدَّم بعد" if lang == "ar" else "Not submitted yet"
        assert printed(not_given, words) == bool(gone), where
        if old:
            expiry = ctx.now().date() - dt.timedelta(days=3)
            digits = p.digits if lang == "ar" else "western"
            both = format_both(expiry, lang, digits)
            # Hijri beside Gregorian; Western digits in an Arabic line come back run by run
            runs = [r for r in re.findall(r"[0-9/]+", both)] if lang == "ar" and digits == "western" else [both]
            assert len(runs) == (2 if len(runs) > 1 else 1)
            assert all(found(run, words) for run in runs), where
            said = "انتهت الصلاحية في" if lang == "ar" else "Expired on"
            assert printed(said, words)
        given = [d for d in doc.content["documents"] if d["state"] == rules.OK]
        assert given  # what she or he already gave is on the paper, not to bring twice
        for d in given:  # a long name wraps in its cell: read word by word
            assert all(printed(word, words) for word in p.document_kind(d["kind"]).name(lang)
                       .replace("(", " ").replace(")", " ").split()), (where, d["kind"])
        hours = "أوقات الدوام" if lang == "ar" else "Office hours"
        assert flat(hours) not in words  # the profiles state no hours: none invented
        store.close()


def test_one_page_with_the_longest_names_asked_for(tmp_path):
    """As many documents as the association's most demanding program asks, of its longest
    names, every one of them expired (the longest reason) and none given: still one page."""
    for profile_id in available_profiles():
        store = Store.open(tmp_path / profile_id)
        ctx = setup.init_store(store, profile_id, None, "admin", "password123", "سارة العتيبي")
        draft, _gone, _old = _draft_lacking(ctx, "female", 1)
        doc = needed_papers.needed_paper_for(ctx, draft.id, lang="ar")
        most = max(len(program.required_documents) for program in ctx.profile.programs)
        for lang in ("ar", "en"):
            kinds = sorted(ctx.profile.document_kinds, key=lambda k: -len(k.name(lang)))[:most]
            content = dict(doc.content, lang=lang, documents=[
                {"kind": k.code, "number": "", "state": rules.EXPIRED, "valid_until": "2026-01-01"}
                for k in kinds])
            reader = read(render(dataclasses.replace(doc, content=content), ctx.profile))
            assert len(reader.pages) == 1, (profile_id, lang, len(kinds))
        store.close()


def test_the_hours_and_phone_the_profile_states_are_printed(tmp_path):
    store = Store.open(tmp_path / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    draft, _gone, _old = _draft_lacking(ctx, "male", 1)
    doc = needed_papers.needed_paper_for(ctx, draft.id, lang="ar")
    content = dict(doc.content, bring={"phone": "+966112345678", "hours": {
        "days": ["sun", "mon", "tue", "wed", "thu"], "opens": "08:00", "closes": "15:30"}})
    words = _words(render(dataclasses.replace(doc, content=content), ctx.profile), "ar")
    assert printed("أوقات الدوام", words) and printed("من الأحد إلى الخميس", words)
    for clock in ("٠٨:٠٠", "١٥:٣٠"):  # a right-to-left line's digits may come back reversed
        assert clock in words or clock[::-1] in words
    assert "١١٢٣٤٥٦٧٨" in words
    assert OfficeHours().stated is False  # the default week is the program's, not the profile's
    store.close()
