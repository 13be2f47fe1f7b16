"""The message telling an applicant their complaint was resolved names the complaint by its
number (``{complaint_number}``), in the five associations' templates, in Arabic and English."""

from __future__ import annotations

import datetime as dt

import pytest

from ajfar_desk.domain import messages as dm
from ajfar_desk.domain.profile import load_profile
from ajfar_desk.paths import resources_dir
from ajfar_desk.services.feedback import complaints as cs
from ajfar_desk.services.messages import outbox

from .helpers import consenting

PROFILES = sorted(p.stem for p in (resources_dir() / "associations").glob("*.toml"))


@pytest.mark.parametrize("language", ["ar", "en"])
def test_the_resolved_complaints_message_gives_its_number(ctx, language):
    a, req = consenting(ctx, submit=False, language=language)
    made = cs.record_complaint(ctx, cs.ComplaintInput(
        kind="complaint", channel="phone", category="delay", subject="تأخر الرد",
        national_id=a.national_id, request_reference=req.reference), today=dt.date.today())
    cs.resolve(ctx, made.id, "تم الرد على الطلب", "phone", today=dt.date.today())
    with ctx.uow() as s:
        sent = [m for m in outbox.list_messages(s, applicant_id=a.id) if m.kind == dm.COMPLAINT_RESOLVED]
    assert len(sent) == 1
    assert made.number in sent[0].text and made.number.isascii()  # a code: Western digits


@pytest.mark.parametrize("name", PROFILES)
def test_every_profiles_template_names_the_complaint(name):
    profile = load_profile(resources_dir() / "associations" / f"{name}.toml")
    template = profile.messages.templates[dm.COMPLAINT_RESOLVED]
    assert "{complaint_number}" in template.text_ar and "{complaint_number}" in template.text_en
