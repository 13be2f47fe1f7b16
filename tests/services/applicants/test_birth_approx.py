"""A birth date "about 1980": a year (Gregorian, or Hijri told by its size or «هـ») kept as the
middle of its year, compared as the year by the duplicate check both ways, written «حوالي ١٩٨٠»
in the profile's digits on the papers, and saved back unchanged from the file's form."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from ajfar_desk.domain.birth import birth_text, parse_birth
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.printing.formatter import Formatter
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_input import ApplicantInput

TODAY = dt.date(2026, 3, 1)


def person(**fields) -> ApplicantInput:
    data = dict(national_id="", id_type="none", first_name="سالم", father_name="محمد",
                family_name="الحربي", birth_date="1980", birth_approx=True, gender="male",
                consent=True)
    data.update(fields)
    return ApplicantInput(**data)


def test_a_year_reads_as_the_middle_of_it():
    assert parse_birth("1980", approx=True, today=TODAY) == dt.date(1980, 7, 1)
    assert parse_birth("١٩٨٠", approx=True, today=TODAY) == dt.date(1980, 7, 1)
    assert parse_birth("1400", approx=True, today=TODAY) == dt.date(1980, 7, 1)  # 1 Rajab 1400
    assert parse_birth("1400 هـ", "auto", approx=True, today=TODAY).year == 1980
    assert parse_birth("15/3/1980", approx=True, today=TODAY) == dt.date(1980, 7, 1)
    assert parse_birth("2026", approx=True, today=TODAY) == dt.date(2026, 1, 1)  # July is to come
    for wrong in ("2027", "80", ""):
        with pytest.raises(ValidationError):
            parse_birth(wrong, approx=True, today=TODAY)


def test_it_is_written_about_the_year_in_the_profiles_digits():
    day = dt.date(1980, 7, 1)
    assert birth_text(day, True, "ar", "arabic") == "حوالي \u2068١٩٨٠\u2069"
    assert birth_text(day, True, "en", "western") == "about \u20681980\u2069"
    assert "1980" in birth_text(day, False, "en", "western")  # exact: the date itself


def test_the_papers_write_it_about_the_year(ctx):
    f = Formatter(ctx.profile, "ar")
    assert f.birth("1980-07-01", True) == birth_text(dt.date(1980, 7, 1), True, "ar", f.digits)
    assert f.birth("1980-07-01", False) == f.date("1980-07-01")


def test_the_duplicate_check_treats_an_approximate_birth_as_its_year(ctx):
    exact = applicants.register(ctx, person(birth_date="15/3/1980", birth_approx=False))
    with pytest.raises(applicants.PossibleDuplicate) as found:  # about 1980 meets 15/3/1980
        applicants.register(ctx, person())
    assert [s.id for s in found.value.similar] == [exact.id]
    about = applicants.register(ctx, person(), confirm_similar=True)
    assert about.birth_approx and about.birth_date == dt.date(1980, 7, 1)
    # and the other way: an exact date typed meets the file born "about" that year
    _existing, similar = applicants.duplicate_check(ctx, "", "سالم محمد الحربي", dt.date(1980, 11, 2))
    assert [s.id for s in similar] == [about.id] and similar[0].birth_approx
    _existing, similar = applicants.duplicate_check(ctx, "", "سالم محمد الحربي", dt.date(1981, 7, 1))
    assert similar == []  # another year: nobody
    _existing, similar = applicants.duplicate_check(
        ctx, "", "سالم محمد الحربي", dt.date(1980, 7, 1), birth_approx=True)
    assert {s.id for s in similar} == {exact.id, about.id}


def test_the_file_saved_again_keeps_its_year(ctx):
    saved = applicants.register(ctx, person())
    view = applicants.get(ctx, saved.id)
    data = applicants.input_from_view(view)
    assert (data.birth_date, data.birth_approx) == ("1980", True)
    again = applicants.update(ctx, saved.id, dataclasses.replace(data, city="رابغ"), base=view)
    assert (again.birth_date, again.birth_approx, again.city) == (dt.date(1980, 7, 1), True, "رابغ")
    exact = applicants.update(ctx, saved.id, dataclasses.replace(
        applicants.input_from_view(again), birth_date="3/4/1979", birth_approx=False), base=again)
    assert (exact.birth_date, exact.birth_approx) == (dt.date(1979, 4, 3), False)


def test_two_desks_changing_it_conflict_on_the_date_alone(ctx):
    from ajfar_desk.services.applicants.edit_conflict import EditConflict

    saved = applicants.register(ctx, person())
    base = applicants.get(ctx, saved.id)
    data = applicants.input_from_view(base)
    applicants.update(ctx, saved.id, dataclasses.replace(data, birth_date="1979"), base=base)
    with pytest.raises(EditConflict) as conflict:  # another desk made it exact meanwhile
        applicants.update(ctx, saved.id, dataclasses.replace(
            data, birth_date="2/2/1980", birth_approx=False), base=base)
    fields = {f.field: f for f in conflict.value.fields}
    assert fields["birth_date"].stored == dt.date(1979, 7, 1)
    assert "birth_approx" not in fields  # stored still approximate: only the date conflicts
