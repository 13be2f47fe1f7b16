"""Get or refuse: what the user pointed at, or the refusal naming the field, the same everywhere."""

from __future__ import annotations

import uuid

import pytest

from ajfar_desk.db.models import Applicant
from ajfar_desk.domain.errors import ValidationError
from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.requests import casework, requests
from ajfar_desk.services.store.rows import get_or_refuse, load_request
from test_services import person


def test_a_stored_row_or_the_refusal_naming_its_field(ctx):
    saved = applicants.register(ctx, person())
    with ctx.reading() as s:
        assert get_or_refuse(s, Applicant, saved.id, "applicant", "gone").id == saved.id
        with pytest.raises(ValidationError) as info:
            get_or_refuse(s, Applicant, uuid.uuid4(), "applicant", "No such applicant")
        assert (info.value.field, info.value.message) == ("applicant", "No such applicant")
        with pytest.raises(ValidationError) as info:
            load_request(s, uuid.uuid4())
        assert info.value.field == "request"


@pytest.mark.parametrize("call", [
    lambda ctx, missing: requests.get_request(ctx, missing),
    lambda ctx, missing: casework.act(ctx, missing, "cancel", "moved away"),
    lambda ctx, missing: applicants.remove_document(ctx, missing),
    lambda ctx, missing: requests.create_request(ctx, missing, ctx.profile.programs[0].code,
                                                 ctx.profile.channels[0].code),
])
def test_services_refuse_what_is_not_there_and_change_nothing(ctx, call):
    seen = []
    ctx.events.subscribe("*", lambda topic, payload: seen.append(topic))
    with pytest.raises(ValidationError) as info:
        call(ctx, uuid.uuid4())
    assert info.value.message and info.value.field in ("request", "document", "applicant")
    assert seen == []
