"""The papers' wording read aloud: no word said twice («رقم الهوية رقم»), for a citizen and a
resident, in Arabic and English."""

from __future__ import annotations

import re

from ajfar_desk.domain import documents as paper
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.printing.templates import fill, find_template
from ajfar_desk.printing.values import placeholders
from ajfar_desk.services.papers import documents
from ajfar_desk.services.store.store import Store
from ajfar_desk.services.users import setup

from .scenario import submitted_request

# A word printed twice in a row ("رقم الهوية رقم" is the label and the word said again).
DOUBLED = re.compile(r"رقم (?:الهوية|الإقامة) رقم|\bno\. no\.|ID no\. no\.|(\b\w+\b) \1\b")


def sentences(doc, profile) -> list[str]:
    values = placeholders(doc.content, profile)
    template = find_template(doc.kind, profile.id)
    out = []
    for block in template.for_language(doc.content["lang"]):
        if block.type in ("paragraph", "heading"):
            out.append(strip_bidi_controls(fill(template, block, block.data["text"], values)))
    return out


def test_declaration_and_referral_name_the_id_once(tmp_path):
    store = Store.open(tmp_path / "data")
    ctx = setup.init_store(store, "ajfar", None, "admin", "password123", "سارة العتيبي")
    _a, request = submitted_request(ctx)
    for kind in (paper.DECLARATION, paper.REFERRAL):
        for lang in ("ar", "en"):
            doc = documents.issue(ctx, request.id, kind, lang=lang)
            text = " ".join(sentences(doc, ctx.profile))
            assert not DOUBLED.search(text), (kind, lang, DOUBLED.search(text))
            if lang == "ar":
                assert "حامل الهوية الوطنية رقم" in text, kind
            else:
                assert "holder of National ID no." in text, kind
    store.close()


def test_a_resident_is_the_holder_of_an_iqama():
    profile = get_profile("ajfar")
    content = {
        "lang": "ar", "branch": "HQ", "number": "AJF-1448-000001-D1", "issued_on": "2026-12-07",
        "employee": {"name": "سارة العتيبي"},
        "applicant": {
            "full_name": "جون سميث", "national_id": make_national_id(2, "01234567"),
            "birth_date": "1990-01-01", "nationality": "other", "phone": "+966551234567",
            "city": "الأجفر", "household_size": 1,
        },
        "request": {
            "reference": "AJF-1448-000001", "program": profile.programs[0].code,
            "channel": profile.channels[0].code, "submitted_on": "2026-12-07",
            "answer_due": "2026-12-21",
        },
    }
    values = placeholders(content, profile)
    assert values["id_kind"] == "رقم الإقامة" and values["id_holder"] == "حامل هوية مقيم"
    english = placeholders({**content, "lang": "en"}, profile)
    assert english["id_kind"] == "Iqama" and english["id_holder"] == "holder of Iqama"


def test_a_paper_is_written_at_its_branch_s_town():
    """A declaration signed at Najran's Sharurah office said «حرر في نجران» (the association's
    town; the branch trial): a paper is written where its branch is; head office's is the
    association's town; a branch whose town the profile does not give: its name."""
    profile = get_profile("najran")
    content = {
        "lang": "ar", "branch": "SHR", "number": "NJR1-1448-000001-D1", "issued_on": "2026-12-07",
        "employee": {"name": "خالد اليامي"},
    }
    assert placeholders(content, profile)["place"] == "شرورة"
    assert placeholders({**content, "lang": "en"}, profile)["place"] == "Sharurah"
    assert placeholders({**content, "branch": "HQ"}, profile)["place"] == "نجران"
    baraa = get_profile("baraa")  # no town for the association or its branches
    assert placeholders({**content, "branch": "B1"}, baraa)["place"] == "المكتب الفرعي الأول"
