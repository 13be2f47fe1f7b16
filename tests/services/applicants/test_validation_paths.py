"""A valid form is checked once straight through (``_valid_values``, the import's fast path);
a form with an error again with every error collected (``_collected_values``). The two must read
the same fields: a field added to one and not the other broke every registration once."""

from __future__ import annotations

import pytest

from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.domain.identity import make_national_id
from ajfar_desk.services.applicants import applicant_input as ai
from ajfar_desk.services.applicants import form_check


def form(**changes) -> ai.ApplicantInput:
    values = dict(
        national_id=make_national_id(1, "23456780"), first_name="محمد", father_name="عبدالله",
        grandfather_name="سعد", family_name="الشمري", latin_name="Mohammed Alshammari",
        birth_date="1990-03-04", nationality="SA", gender="male", marital_status="married",
        phone="0551234567", city="حائل", category="family", consent=True,
        email="m@example.org", messages_consent=True, preferred_channel="email",
        preferred_language="en",
    )
    return ai.ApplicantInput(**(values | changes))


@pytest.mark.parametrize("changes", [{}, {"latin_name": "", "email": "", "preferred_channel": "sms"}])
def test_both_paths_read_the_same_fields_the_same_way(ctx, changes):
    data = form(**changes)
    assert form_check._valid_values(data, ctx.profile) == form_check._collected_values(data, ctx.profile)


@pytest.mark.parametrize("changes, field", [
    ({"latin_name": "محمد"}, "latin_name"),
    ({"email": "not an address"}, "email"),
    ({"email": ""}, "email"),  # messages by e-mail need an address
    ({"preferred_channel": "pigeon"}, "preferred_channel"),
])
def test_a_bad_field_is_refused_by_both_paths(ctx, changes, field):
    data = form(**changes)
    for path in (form_check._valid_values, form_check._collected_values):
        with pytest.raises(ValidationError) as err:
            path(data, ctx.profile)
        assert field in {f for f, _m in err.value.errors}
