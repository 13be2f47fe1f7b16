"""The monthly report PDF, from a MonthlyReport built by hand (no database)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from decimal import Decimal

import pytest

from ajfar_desk.domain.profile import get_profile
from ajfar_desk.domain.report import (
    BREAKDOWNS,
    FIGURES,
    Breakdown,
    Figure,
    MonthlyReport,
    TrendPoint,
    YearMonth,
)
from ajfar_desk.i18n import gettext
from ajfar_desk.printing import charts
from ajfar_desk.printing.report import report_pdf
from ajfar_desk.printing.report_values import hijri_months, value_text
from ajfar_desk.printing.textlayout import layout_line
from ajfar_desk.printing.values import Formatter

from .pdfcheck import fonts, read, text

MONTH = YearMonth(2026, 10)
GENERATED = dt.datetime(2026, 11, 2, 9, 30)
D = Decimal

# key -> (current, previous); None: cannot be computed
NUMBERS = {
    "new_applicants": (37, 29),
    "requests_received": (1250, 1180),
    "requests_submitted": (41, 44),
    "open_at_end": (18, 18),
    "decisions": (23, 20),
    "approved": (15, 12),
    "rejected": (5, 6),
    "median_days_to_decision": (D("12.5"), D("14.0")),
    "overdue_at_end": (2, 0),
    "services_delivered": (13, 9),
    "amount_delivered": (D("48500.00"), D("36250.50")),
    "survey_responses": (12, 0),
    "satisfaction_index": (D("84.0"), None),
    "complaints_opened": (3, 1),
    "complaints_resolved": (2, 1),
    "median_days_to_resolve": (D("3.0"), None),
    "complaints_open_at_end": (1, 0),
    "complaints_overdue_at_end": (0, 0),
    "suggestions_received": (4, 2),
    "enquiries_received": (37, 29),
    "enquiries_referred": (5, 3),
    "enquiries_to_requests": (11, 8),
    "coordination_matches": (4, 1),
    "messages_queued": (41, 30),
    "messages_sent": (38, 27),
    "messages_failed": (2, 1),
}

BREAKDOWN_DATA = {
    "ajfar": {
        "received_by_program": (
            {"food_aid": 14, "financial_aid": 9, "orphan_sponsorship": 7, "disability_support": 3},
            {"food_aid": 11, "financial_aid": 12, "orphan_sponsorship": 4, "volunteering": 2},
        ),
        "received_by_channel": ({"interview": 20, "phone": 8, "website": 5}, {"interview": 25}),
        "received_by_branch": ({"HQ": 33}, {"HQ": 29}),
        "status_at_end": ({"submitted": 6, "awaiting_committee": 9, "approved": 3}, {}),
        "decisions_by_outcome": (
            {"approve": 15, "reject": 5, "more_info": 2, "defer": 1},
            {"approve": 12, "reject": 6, "more_info": 2},
        ),
        "delivered_by_program": ({"food_aid": 8, "financial_aid": 5}, {"food_aid": 9}),
        "amount_by_program": ({"financial_aid": D("48500.00")}, {"financial_aid": D("36250.50")}),
        "satisfaction_by_branch": ({"HQ": D("84.0")}, {}),
        "satisfaction_by_channel": ({"interview": D("86.7"), "phone": D("75.0")}, {}),
        "satisfaction_by_program": ({"food_aid": D("90.0")}, {}),
        "satisfaction_by_employee": ({"u1": D("84.0"), "u2": D("80.0")}, {}),
        "complaints_by_category": ({}, {}),
        "messages_by_channel": ({"sms": 30, "whatsapp": 6, "email": 5}, {"sms": 30}),
        "messages_by_state": ({"sent": 38, "failed": 2, "queued": 1}, {"sent": 27, "failed": 1, "queued": 2}),
    },
}
BREAKDOWN_DATA["baraa"] = {
    **{k: ({}, {}) for k in BREAKDOWNS},
    "received_by_program": (
        {"student_support": 12, "tutoring": 30, "training": 4},
        {"tutoring": 22},
    ),
    "received_by_branch": ({"HQ": 20, "B1": 16, "B2": 10}, {"HQ": 22}),
    "decisions_by_outcome": ({"approve": 9, "reject": 2}, {"approve": 7}),
}
TREND = [D("78.5"), None, D("81.0"), D("80.2"), D("79.9"), D("84.0")]


def make_report(profile_id: str = "ajfar", *, empty: bool = False, branch: str | None = None):
    figures = tuple(
        Figure(
            key,
            kind,
            *((0, 0) if empty and kind == "count" else (None, None) if empty else NUMBERS[key]),
        )
        for key, (kind, _title) in FIGURES.items()
    )
    data = {} if empty else BREAKDOWN_DATA[profile_id]
    breakdowns = tuple(
        Breakdown(
            key,
            dim,
            kind,
            *data.get(key, ({}, {})),
            order=("approve", "reject", "more_info", "defer") if dim == "outcome" else (),
        )
        for key, (dim, kind, _t) in BREAKDOWNS.items()
    )
    trend = tuple(
        TrendPoint(m, None if empty else TREND[i], 0 if empty or TREND[i] is None else 10 + i)
        for i, m in enumerate(MONTH.back(6))
    )
    return MonthlyReport(
        profile_id,
        MONTH,
        branch,
        GENERATED,
        figures,
        breakdowns,
        trend,
        names={"u1": "سارة العتيبي", "u2": "Fahd Alqahtani"},
    )


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def poppler_text(pdf: bytes) -> str:
    """Text in logical order (pdftotext undoes the visual order; pypdf reverses digit runs
    in Arabic lines), without bidi controls and with whitespace collapsed."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(_BIDI.sub("", out.stdout.decode()).split())


@pytest.fixture(scope="module")
def ajfar_ar():
    return report_pdf(make_report(), get_profile("ajfar"))


def _check_clean(reader):
    used = fonts(reader)
    assert used and all(used.values()), used  # every font embedded
    assert all("Amiri" in name for name in used), used  # no Helvetica from the charts


def _flat(reader) -> str:
    return "".join(text(reader).split())


def test_arabic_report_titles_digits_fonts(ajfar_ar):
    reader = read(ajfar_ar)
    _check_clean(reader)
    assert 2 <= len(reader.pages) <= 6
    words = poppler_text(ajfar_ar)
    for key in FIGURES:
        assert " ".join(gettext(FIGURES[key][1], "ar").split()) in words, key
    assert "أكتوبر ٢٠٢٦" in words and "سبتمبر ٢٠٢٦" in words  # this month and the last
    assert "١٤٤٨" in words  # the Hijri year beside it
    assert "١٬٢٥٠" in words and "١٬١٨٠" in words and "+٧٠" in words  # count, digits, change
    assert "1250" not in words and "1,250" not in words
    assert "٨٤٫٠" in words and "٪" in words  # percent, one decimal, Arabic percent sign
    assert "٤٨٬٥٠٠" in words and "٣٦٬٢٥٠٫٥٠" in words  # money
    assert "١٢٫٥" in words and "\u2212١٫٥" in words  # median days and its change
    assert "\u2212١" in words  # a signed change (rejected 5 vs 6)
    assert "سارة العتيبي" in words  # an employee's name in a breakdown


def test_no_missing_glyph_in_any_value():
    for pid in ("ajfar", "baraa"):
        for lang in ("ar", "en"):
            f = Formatter(get_profile(pid), lang)
            for kind in ("count", "days", "money", "percent"):
                for v in (0, D("-2.5"), D("1234.5"), None):
                    for signed in (False, True):
                        line = layout_line(value_text(f, kind, v, signed), 10, rtl=lang == "ar")
                        assert not line.missing(), (pid, lang, kind, v)


def test_value_formats():
    ar, en = Formatter(get_profile("ajfar"), "ar"), Formatter(get_profile("baraa"), "en")
    strip = lambda s: "".join(ch for ch in s if ch not in "\u2066\u2067\u2068\u2069")  # noqa: E731
    assert strip(value_text(ar, "percent", D("84.0"))) == "٨٤٫٠٪"
    assert strip(value_text(en, "percent", D("84.0"))) == "84.0%"
    assert strip(value_text(ar, "count", 3, signed=True)) == "+٣"
    assert strip(value_text(en, "count", -2, signed=True)) == "\u22122"
    assert strip(value_text(en, "count", 0, signed=True)) == "0"
    assert strip(value_text(en, "days", D("12"))) == "12.0"
    assert strip(value_text(en, "money", D("1500.00"))) == "1,500.00 SAR"  # two places, always
    assert strip(value_text(ar, "money", D("36250.5"))) == "٣٦٬٢٥٠٫٥٠ ريال"
    assert value_text(en, "money", None) == "—"
    assert strip(hijri_months(MONTH, en)) == "Rabi al-Akhir – Jumada al-Ula 1448 AH"
    assert strip(hijri_months(YearMonth(2026, 6), ar)) == "ذو الحجة ١٤٤٧ – محرم ١٤٤٨ هـ"


def test_baraa_western_digits_and_english_version():
    profile = get_profile("baraa")
    ar = report_pdf(make_report("baraa"), profile)
    _check_clean(read(ar))
    words = poppler_text(ar)
    assert "1,250" in words and "+70" in words and "84.0%" in words
    assert not re.search("[٠-٩]", words)
    en = read(report_pdf(make_report("baraa"), profile, lang="en"))
    _check_clean(en)
    words = " ".join(text(en).split())
    for title in (
        "Monthly report",
        "Requests received by program",
        "Satisfaction index",
        "Committee decisions by outcome",
        "October 2026",
        "September 2026",
        "All branches",
        "Rabi al-Akhir",
    ):
        assert title in words, title
    assert "1,250" in words and "48,500.00 SAR" in words and "+70" in words


def test_empty_month_renders_cleanly():
    for pid in ("ajfar", "baraa"):
        for lang in ("ar", "en"):
            reader = read(report_pdf(make_report(pid, empty=True), get_profile(pid), lang))
            _check_clean(reader)
            words = "".join(text(reader).split())
            assert "—" in words
            note = gettext("No data for this month or the previous one", lang)
            assert "".join(note.split()) in words


def test_single_branch_report_names_the_branch():
    profile = get_profile("baraa")
    reader = read(report_pdf(make_report("baraa", branch="B1"), profile, "en"))
    assert "Branch: First branch office" in " ".join(text(reader).split())


def test_unknown_codes_and_missing_breakdowns_do_not_crash():
    report = make_report()
    odd = Breakdown("received_by_program", "program", "count", {"retired_program": 3}, {})
    report = MonthlyReport(
        report.association, MONTH, None, GENERATED, report.figures[:5], (odd,), report.trend[:1]
    )
    words = _flat(read(report_pdf(report, get_profile("ajfar"), "en")))
    assert "retired_program" in words


def test_nice_scale():
    assert charts.nice_scale(0) == (4.0, 1.0)
    assert charts.nice_scale(5) == (6, 2.0)
    assert charts.nice_scale(1250) == (1500, 500)
    vmax, step = charts.nice_scale(33)
    assert vmax >= 33 and vmax / step <= 5


def test_the_report_ends_with_boxes_to_sign(ajfar_ar):
    """Trial: the manager who presents the monthly report to the board found nowhere on it to
    sign, nor anyone to say who prepared it."""
    words = poppler_text(ajfar_ar)
    for caption in ("إعداد", "اعتماد", "الاسم:", "التوقيع:", "التاريخ:"):
        assert caption in words, caption
    en = read(report_pdf(make_report("baraa"), get_profile("baraa"), lang="en"))
    tail = " ".join(en.pages[-1].extract_text().split())
    assert "Prepared by" in tail and "Approved by" in tail and "Signature:" in tail
