"""The profile's ``[appointments]`` table (office days, hours, slot length), checked like the
rest of the profile, and the Saudi working week when a profile has none."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.domain import appointments as rules
from ajfar_desk.domain.profile import ProfileError, get_profile, load_profile
from test_profiles import write_profile

TABLE = '\n[appointments]\ndays = ["sat", "sun", "mon"]\nopens = "16:00"\ncloses = "21:30"\nslot_minutes = 30\n'


def with_table(tmp_path, table: str):
    path = write_profile(tmp_path, "najran")
    path.write_text(path.read_text(encoding="utf-8") + table, encoding="utf-8")
    return path


def test_without_a_table_the_saudi_week_in_20_minute_slots(english_messages):
    hours = get_profile("ajfar").office_hours
    assert hours == rules.OfficeHours()
    sunday, friday = dt.date(2026, 11, 22), dt.date(2026, 11, 20)
    assert [hours.is_open(sunday + dt.timedelta(days=i)) for i in range(7)] == [
        True, True, True, True, True, False, False]
    slots = hours.slots(sunday)
    assert (slots[0], slots[1], slots[-1], len(slots)) == (dt.time(8), dt.time(8, 20), dt.time(13, 40), 18)
    assert hours.slots(friday) == []


def test_the_profiles_own_hours(tmp_path, english_messages):
    hours = load_profile(with_table(tmp_path, TABLE)).office_hours
    assert hours == rules.OfficeHours((0, 5, 6), dt.time(16), dt.time(21, 30), 30)
    assert hours.slots(dt.date(2026, 11, 21))[-1] == dt.time(21)  # 21:00–21:30 is the last


@pytest.mark.parametrize(("table", "key"), [
    ('\n[appointments]\ndays = ["sunday"]\n', "appointments.days"),
    ('\n[appointments]\nopens = "8am"\n', "appointments.opens"),
    ('\n[appointments]\nslot_minutes = 0\n', "appointments.slot_minutes"),
    ('\n[appointments]\nopens = "13:50"\n', "appointments.closes"),
    ('\n[appointments]\nslots = 20\n', "appointments.slots"),
])
def test_a_wrong_table_names_the_file_and_key(tmp_path, english_messages, table, key):
    with pytest.raises(ProfileError) as info:
        load_profile(with_table(tmp_path, table))
    assert info.value.key == key and "najran.toml" in str(info.value)


def test_clashes_times_and_when_text():
    nine = dt.time(9)
    assert rules.clash(dt.time(9, 10), 20, [(nine, 20)]) == nine
    assert rules.clash(dt.time(9, 20), 20, [(nine, 20)]) is None
    assert rules.clash(dt.time(8, 50), 20, [(nine, 20), (dt.time(8, 40), 20)]) == dt.time(8, 40)
    assert rules.parse_clock("٠٩:٢٠") == dt.time(9, 20) and rules.parse_clock("25:00") is None
    assert rules.parse_when("1448/06/12 هـ 9:05") == (dt.date(2026, 11, 22), dt.time(9, 5))
    assert rules.when_text(dt.date(2026, 11, 22), dt.time(9, 20), "ar", "arabic").endswith("٠٩:٢٠")
    assert "١٤٤٨" in rules.when_text(dt.date(2026, 11, 22), dt.time(9, 20), "ar", "arabic")
