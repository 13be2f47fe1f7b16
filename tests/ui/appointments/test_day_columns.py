"""The day list's columns on the real desk: an empty day keeps the person columns (applicant,
ID number, mobile, employee) wide enough for what a booking writes in them, the note gets what
is left, and every column reads within the width (1280 px and 1366 px screens)."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import staff_accounts
from ajfar_desk.domain.digits import to_arabic_digits

from .day_page import open_day_page

NOW = dt.datetime(2026, 11, 22, 7, 30)  # a Sunday morning: the whole day free
STAFF = {"desk": ("front_desk", "نورة سعد عبدالله العتيبي")}
FOUR_PART_NAME = "عبدالرحمن عبدالمحسن عبدالعزيز الشمراني"
TIME, UNTIL, APPLICANT, ID_NUMBER, MOBILE, FOR, EMPLOYEE, STATE, REQUEST, NOTE = range(10)


@pytest.mark.parametrize("width", [1280 - 24, 1366 - 24])
def test_an_empty_days_person_columns_are_not_squeezed_by_the_note(qtbot, app, ctx, width):
    desk = staff_accounts(ctx, STAFF)("desk")
    page = open_day_page(qtbot, desk, NOW)
    page.resize(width, 620)
    qtbot.wait(20)
    assert page.model.rows and all(s.free for s in page.model.rows)  # an empty day
    table, header = page.table, page.table.horizontalHeader()
    size = [header.sectionSize(c) for c in range(10)]
    text = table.fontMetrics().horizontalAdvance
    assert sum(size) <= table.viewport().width() + 1, size  # never scrolled sideways
    assert size[APPLICANT] >= text(FOUR_PART_NAME), size
    assert size[ID_NUMBER] >= text(to_arabic_digits("1234567890")), size
    assert size[MOBILE] >= text(to_arabic_digits("0551234567")), size
    assert size[EMPLOYEE] >= text(STAFF["desk"][1]), size
    assert size[NOTE] < size[APPLICANT], size  # the note no longer takes the width
