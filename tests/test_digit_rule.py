"""The one digit rule (``domain.digits``) over every formatter: domain, screens, papers.

Numbers, amounts, dates, IDs and phones follow the profile's digits in Arabic (Western in
English); codes that carry a Latin letter keep Western digits whole; codes, IDs and phones never
wrap. Checked for a profile with Arabic-Indic digits (ajfar) and one with Western digits (alhuda).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from ajfar_desk import i18n
from ajfar_desk.domain import digits as rule
from ajfar_desk.domain.dates import format_both, format_date, format_hijri
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.domain.text import strip_bidi_controls
from ajfar_desk.printing.committee_values import decision_rows
from ajfar_desk.printing.textlayout import text_width, wrap_texts
from ajfar_desk.printing.values import Formatter, document_rows
from ajfar_desk.ui.common import fmt

REFERENCE = "AJF-1448-000123"
PAPER_NUMBER = "AJF-1448-000123-D1"
IBAN = "SA03 8000 0000 6080 1016 7519"
HASH = "0f3a9c1e77b2d40a9f1e6c3b2a1d0e9f"
WESTERN = re.compile(r"[0-9]")
EASTERN = re.compile(r"[٠-٩۰-۹]")
LATIN = re.compile(r"[A-Za-z]")
BREAKABLE = re.compile(r"[^\S\u00a0]")
DAY = dt.date(2026, 12, 6)
MOMENT = dt.datetime(2026, 12, 6, 9, 30, tzinfo=dt.UTC)


def plain(text: str) -> str:
    return strip_bidi_controls(text).replace("\u00a0", " ")


def follows(text: str, style: str) -> None:
    """Every token of ``text`` (a code is one token: its spaces do not break): with a Latin
    letter, Western digits only; else ``style``'s."""
    assert text, "a formatter gave nothing"
    for token in BREAKABLE.split(strip_bidi_controls(text)):
        if LATIN.search(token):
            assert not EASTERN.search(token), (token, text)
        elif style == "arabic":
            assert not WESTERN.search(token), (token, text)
        else:
            assert not EASTERN.search(token), (token, text)


def whole(text: str) -> None:
    """A code, an ID or a phone: nothing a line could break at."""
    assert not BREAKABLE.search(strip_bidi_controls(text)), repr(text)


PROFILES = [("ajfar", "arabic"), ("alhuda", "western")]


@pytest.fixture(params=[(p, lang) for p, _ in PROFILES for lang in ("ar", "en")], ids=str)
def setting(request):
    """(profile, language, the digit style shown): English always shows Western digits."""
    pid, lang = request.param
    profile = get_profile(pid)
    i18n.set_language(lang)
    style = profile.digits if lang == "ar" else "western"
    yield profile, lang, style


def test_the_profiles_cover_both_styles():
    assert [get_profile(p).digits for p, _ in PROFILES] == [s for _, s in PROFILES]


@pytest.mark.parametrize("style", ["arabic", "western"])
def test_domain_rule(style):
    text = f"طلب {REFERENCE} بمبلغ 1,250 ريال بتاريخ 06/12/2026 للحساب {IBAN} ومستند INC-1,250.50"
    shown = rule.localize_text(text, style)
    follows(shown.replace(IBAN, rule.no_wrap(IBAN)), style)
    assert REFERENCE in shown and IBAN in shown and "INC-1,250.50" in shown
    assert ("١,٢٥٠" if style == "arabic" else "1,250") in shown
    # Codes typed or stored with other digits come out Western, whole, left to right.
    for typed in (REFERENCE, "AJF-١٤٤٨-٠٠٠١٢٣", "AJF-۱۴۴۸-۰۰۰۱۲۳"):
        assert plain(rule.code(typed)) == REFERENCE
        assert plain(rule.ident(typed, style)) == REFERENCE
    assert plain(rule.code(IBAN)) == IBAN and plain(rule.ident("DOC-COMPLA-١٢B", style)) == "DOC-COMPLA-12B"
    whole(rule.code(IBAN))
    nid = rule.ident("1012345678", style)
    assert plain(nid) == ("١٠١٢٣٤٥٦٧٨" if style == "arabic" else "1012345678")
    for d in (format_date(DAY, "ar", style), format_hijri(DAY, "ar", style), format_both(DAY, "ar", style)):
        follows(d, style)
    with pytest.raises(ValueError):
        rule.localize_text("1", "roman")


def test_screen_formatters(setting):
    profile, _lang, style = setting
    for shown in (
        fmt.number(profile, 1250),
        fmt.number(profile, f"3 / {REFERENCE}"),
        fmt.money(profile, Decimal("1250.50")),
        fmt.ident(profile, "1012345678"),
        fmt.ident(profile, REFERENCE),
        fmt.ident(profile, PAPER_NUMBER),
        fmt.phone(profile, "+966551234567"),
        fmt.phone(profile, "+201001234567"),
        fmt.date_short(profile, DAY),
        fmt.date_both(profile, DAY),
        fmt.timestamp(profile, MOMENT),
    ):
        follows(shown, style)
    assert plain(fmt.ident(profile, REFERENCE)) == REFERENCE  # beside the paper number, alike
    assert plain(fmt.ident(profile, PAPER_NUMBER)) == PAPER_NUMBER
    for code in (fmt.ident(profile, REFERENCE), fmt.ident(profile, "1012345678"),
                 fmt.phone(profile, "+966551234567")):
        whole(code)


def test_paper_formatters(setting):
    profile, lang, style = setting
    f = Formatter(profile, lang)
    for shown in (
        f.num(1250),
        f.num(profile.license_number),
        f.money("1250.50"),
        f.code("1012345678"),
        f.code(REFERENCE),
        f.code(IBAN),
        f.code("INC-1,250.50"),
        f.latin_code(PAPER_NUMBER),
        f.latin_code(HASH),
        f.phone("+966551234567"),
        f.date(DAY.isoformat()),
        f.date_short(DAY.isoformat()),
    ):
        follows(shown, style)
    assert plain(f.code(IBAN)) == IBAN and plain(f.code("DOC-COMPLA-12B")) == "DOC-COMPLA-12B"
    assert plain(f.code(REFERENCE)) == REFERENCE and plain(f.latin_code(HASH)) == HASH
    for code in (f.code(IBAN), f.code("1012345678"), f.phone("+966551234567"), f.latin_code(PAPER_NUMBER)):
        whole(code)


def test_paper_tables(setting):
    profile, lang, style = setting
    kind = profile.document_kinds[0].code
    documents = [
        {"kind": kind, "number": "INC-1,250.50", "valid_until": "2027-01-31", "state": "ok"},
        {"kind": kind, "number": "1012345678", "valid_until": None, "state": "ok"},
        {"kind": kind, "number": IBAN, "valid_until": None, "state": "missing"},
    ]
    rows = document_rows({"lang": lang, "documents": documents}, profile)
    assert [plain(r["document_number"]) for r in rows] == [
        "INC-1,250.50",
        "١٠١٢٣٤٥٦٧٨" if style == "arabic" else "1012345678",
        IBAN,
    ]
    follows(rows[0]["valid_until"], style)
    decisions = [
        {"outcome": "approve", "reference": REFERENCE, "applicant": "سعد", "program": "x",
         "service": "سلة", "amount": "1500.00", "reason": ""},
    ]
    row = decision_rows({"lang": lang, "decisions": decisions}, profile)[0]
    assert plain(row["reference"]) == REFERENCE
    for key in ("row_number", "amount"):
        follows(row[key], style)


def test_a_paper_line_never_breaks_inside_a_code():
    f = Formatter(get_profile("ajfar"), "ar")
    line = f"يحول المبلغ إلى الحساب {f.code(IBAN)} عن طريق الهاتف {f.phone('+966551234567')}"
    width = text_width(f.code(IBAN), 10) + 20  # room for the IBAN, not for the sentence
    lines = [plain(t) for t in wrap_texts(line, width, 10)]
    assert len(lines) > 2
    assert any(IBAN in t for t in lines), lines
    assert any("+٩٦٦ ٥٥ ١٢٣ ٤٥٦٧" in t for t in lines), lines
