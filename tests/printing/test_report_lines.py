"""The monthly report's lines as read (trial 9, shots 108 and 112_6): every date line gives the
Hijri date beside the Gregorian one, as the heading gives the Hijri months; a count table says
0 where a month had nothing, as its total does, and «—» only where nothing can be computed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ajfar_desk.domain.dates import format_hijri
from ajfar_desk.domain.profile import get_profile
from ajfar_desk.domain.report import Breakdown
from ajfar_desk.printing.report import report_pdf

from .test_report_pdf import GENERATED, make_report, poppler_text


def _hijri(day: dt.date, lang: str, digits: str) -> str:
    return format_hijri(day, lang, digits)


def _squeezed(text: str) -> str:
    """Without spaces and brackets: pdftotext moves them about in a right-to-left line."""
    return re.sub(r"[\s()]", "", text)


def test_every_date_line_has_hijri_beside_gregorian():
    profile = get_profile("baraa")  # Western digits: the dates read as they are
    cutoff = dt.datetime(2026, 10, 20, 9, 30).astimezone()
    report = dataclasses.replace(make_report("baraa"), cutoff=cutoff)
    for lang in ("en", "ar"):
        words = _squeezed(poppler_text(report_pdf(report, profile, lang)))
        # the period (1 and 31 October 2026), the line of a month in progress and the footer's
        # "generated on": each day Hijri, then Gregorian
        for day in (dt.date(2026, 10, 1), dt.date(2026, 10, 31), cutoff.date(),
                    GENERATED.astimezone().date()):
            both = _hijri(day, lang, "western") + day.strftime("%d/%m/%Y")
            assert _squeezed(both) in words, (lang, day)


def test_arabic_digits_on_the_period_line():
    words = poppler_text(report_pdf(make_report("ajfar"), get_profile("ajfar"), "ar"))
    assert "٢٠/٠٥/١٤٤٨هـ٣١/١٠/٢٠٢٦" in _squeezed(words)  # 31 October 2026, the profile's digits


def test_a_month_with_nothing_in_a_count_table_prints_zero_like_its_total():
    report = make_report("baraa")
    branches = Breakdown("received_by_branch", "branch", "count", {"HQ": 59}, {}, ("HQ", "B1"))
    report = dataclasses.replace(report, breakdowns=(branches,))
    words = poppler_text(report_pdf(report, get_profile("baraa"), "en"))
    table = words[words.index("Requests received by branch"):]
    assert "Head office 59 0" in table and "First branch office 0 0" in table
    assert "Total 59 0" in table
    assert "—" not in table
