"""Appointments (المواعيد): the rules without the database.

A booking is a wall-clock time at the branch (a day and the minute of the day it starts), never
a moment in UTC: the applicant comes "on Sunday at 09:20" whatever the laptop's clock zone.
Office hours and the length of a slot come from the profile's optional ``[appointments]``
table, else the Saudi working week: Sunday to Thursday, 08:00–14:00, slots of 20 minutes.

    [appointments]
    days = ["sun", "mon", "tue", "wed", "thu"]
    opens = "08:00"
    closes = "14:00"
    slot_minutes = 20
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..i18n import N_, _
from .dates import format_both
from .digits import localize_digits
from .profile_reader import ProfileReader

INTERVIEW, DOCUMENT, SERVICE = "interview", "document", "service"
PURPOSES = {
    INTERVIEW: N_("Interview"),
    DOCUMENT: N_("Bring a document"),
    SERVICE: N_("Collect a service"),
}
BOOKED, ATTENDED, MISSED, CANCELLED = "booked", "attended", "missed", "cancelled"
STATES = {
    BOOKED: N_("Booked"),
    ATTENDED: N_("Attended"),
    MISSED: N_("Did not come"),
    CANCELLED: N_("Cancelled"),
}
HOLDING = (BOOKED, ATTENDED, MISSED)  # the states that hold their slot (a cancelled one frees it)

# Python's weekday(): Monday 0 … Sunday 6
DAY_CODES = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
SAUDI_WEEK: tuple[int, ...] = (6, 0, 1, 2, 3)  # Sunday to Thursday
DEFAULT_SLOT_MINUTES = 20
MIN_SLOT, MAX_SLOT = 5, 240
TABLE_KEYS = frozenset({"days", "opens", "closes", "slot_minutes"})
_CLOCK = re.compile(r"([01]?[0-9]|2[0-3]):([0-5][0-9])")


@dataclass(frozen=True)
class OfficeHours:
    days: tuple[int, ...] = SAUDI_WEEK
    opens: dt.time = dt.time(8, 0)
    closes: dt.time = dt.time(14, 0)
    slot_minutes: int = DEFAULT_SLOT_MINUTES
    # the profile states them (its ``[appointments]`` table); else the Saudi week assumed, which
    # a paper for the applicant does not print as the association's hours
    stated: bool = field(default=False, compare=False)

    def is_open(self, day: dt.date) -> bool:
        return day.weekday() in self.days

    def slots(self, day: dt.date) -> list[dt.time]:
        """The starts of the day's slots (none on a day the office is closed)."""
        if not self.is_open(day):
            return []
        first, last = minute_of(self.opens), minute_of(self.closes)
        return [time_of(m) for m in range(first, last - self.slot_minutes + 1, self.slot_minutes)]

    def within(self, start: dt.time, minutes: int) -> bool:
        """Does the booking start and end within the office's hours?"""
        return minute_of(self.opens) <= minute_of(start) and minute_of(start) + minutes <= minute_of(self.closes)


def minute_of(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def time_of(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60)


def parse_clock(text: str) -> dt.time | None:
    """«09:20» (any digits) -> 09:20; None when it is not a time of the day."""
    from .digits import normalize_digits

    found = _CLOCK.fullmatch(normalize_digits(text).strip())
    return dt.time(int(found.group(1)), int(found.group(2))) if found else None


def clash(start: dt.time, minutes: int, others: Iterable[tuple[dt.time, int]]) -> dt.time | None:
    """The start of the first booking among ``others`` (start, minutes) that overlaps this one."""
    a, b = minute_of(start), minute_of(start) + minutes
    for other, length in sorted(others):
        c = minute_of(other)
        if a < c + length and c < b:
            return other
    return None


def clock_text(t: dt.time, digits: str = "western") -> str:
    """«09:20» in the profile's digits (a 24-hour clock, as Saudi offices write it)."""
    return localize_digits(f"{t.hour:02}:{t.minute:02}", digits)


def when_text(day: dt.date, start: dt.time, lang: str = "ar", digits: str = "western") -> str:
    """The day in both calendars and the time: «⁨٠٥/٠٦/١٤٤٨ هـ⁩ (⁨١٣/١١/٢٠٢٦⁩) ٠٩:٢٠»."""
    return f"{format_both(day, lang, digits)} {clock_text(start, digits)}"


def purpose_label(code: str) -> str:
    return _(PURPOSES[code]) if code in PURPOSES else code


def state_label(code: str) -> str:
    return _(STATES[code]) if code in STATES else code


def read_office_hours(r: ProfileReader, data: dict[str, Any]) -> OfficeHours:
    """The profile's ``[appointments]`` table, checked like the rest (file and key named)."""
    if "appointments" not in data:
        return OfficeHours()
    table = r.table(data["appointments"], "appointments", set(), TABLE_KEYS)
    days: tuple[int, ...] = SAUDI_WEEK
    if "days" in table:
        names = r.listing(table["days"], "appointments.days")
        if not names or any(n not in DAY_CODES for n in names):
            r.fail("appointments.days", _("must list days among: {choices}").format(choices=", ".join(DAY_CODES)))
        days = tuple(sorted({DAY_CODES[n] for n in names}))
    times = {}
    for key, default in (("opens", dt.time(8, 0)), ("closes", dt.time(14, 0))):
        value = table.get(key, default)
        if not isinstance(value, dt.time):
            value = parse_clock(value) if isinstance(value, str) else None
        if value is None:
            r.fail(f"appointments.{key}", _("must be a time of the day written HH:MM"))
        times[key] = value
    slot = table.get("slot_minutes", DEFAULT_SLOT_MINUTES)
    if type(slot) is not int or not MIN_SLOT <= slot <= MAX_SLOT:
        message = _("must be a whole number of minutes from {low} to {high}")
        r.fail("appointments.slot_minutes", message.format(low=MIN_SLOT, high=MAX_SLOT))
    if minute_of(times["closes"]) - minute_of(times["opens"]) < slot:
        r.fail("appointments.closes", _("must leave at least one slot after the opening time"))
    return OfficeHours(days, times["opens"], times["closes"], slot, stated=True)


def parse_when(text: str, field: str = "at") -> tuple[dt.date, dt.time]:
    """«2026-11-22 09:20» (the date in either calendar, any digits) -> (day, time)."""
    from .dates import parse_date
    from .digits import normalize_digits
    from .errors import ValidationError

    parts = normalize_digits(text or "").strip().rsplit(None, 1)
    start = parse_clock(parts[-1]) if len(parts) == 2 else None
    if start is None:
        raise ValidationError(field, _("Write the day and the time, e.g. 2026-11-22 09:20"))
    return parse_date(parts[0], field=field), start


def day_name(day: dt.date, lang: str = "ar") -> str:
    """The weekday's name: «الأحد» / «Sunday»."""
    from babel.dates import get_day_names

    return str(get_day_names("wide", locale="ar" if lang == "ar" else "en")[day.weekday()])
