"""A submission refused for the declaration says what its paper still needs, by its state, with
a code the request page acts on: issue it, print it, record the signature on paper, or issue it
anew (trial: the declaration was printed, and the refusal still said «issue it»)."""

from __future__ import annotations

import pytest

from ajfar_desk.db.models import Applicant
from ajfar_desk.services.papers import documents
from ajfar_desk.services.requests import declaration_check, requests
from printing.scenario import DAY, submitted_request


def _refusal(ctx, request_id) -> declaration_check.DeclarationRefused:
    program = ctx.profile.program(requests.get_request(ctx, request_id).program)
    with pytest.raises(declaration_check.DeclarationRefused) as err:
        requests.submit(ctx, request_id, on=DAY, confirmed=program.eligibility.confirmation_codes)
    assert err.value.field == "declaration"
    return err.value


def test_the_refusal_follows_the_paper_from_issue_to_signature(ctx):
    _applicant, draft = submitted_request(ctx, submit=False)
    refused = _refusal(ctx, draft.id)
    assert refused.code == declaration_check.ISSUE and refused.gender == "male"
    assert "يُصدَر الإقرار" in refused.message

    doc = documents.issue(ctx, draft.id, "declaration")  # to be signed by hand
    refused = _refusal(ctx, draft.id)
    assert refused.code == declaration_check.PRINT
    assert "لم يُطبع بعد" in refused.message and "يُصدَر الإقرار" not in refused.message

    documents.record_print(ctx, doc.number, copy=False)
    refused = _refusal(ctx, draft.id)
    assert refused.code == declaration_check.RECORD_SIGNATURE
    assert "لم يُسجَّل توقيع المتقدم عليه بعد" in refused.message
    assert "يُصدَر الإقرار" not in refused.message and "لم يُطبع" not in refused.message
    assert refused.log_text() == "DeclarationRefused (declaration) record_signature"

    documents.record_wet_signature(ctx, doc.number)
    view = requests.submit(ctx, draft.id, on=DAY, confirmed=ctx.profile.program(
        draft.program).eligibility.confirmation_codes)
    assert view.status != "draft"


def test_a_woman_is_named_in_her_gender(ctx):
    applicant, draft = submitted_request(ctx, submit=False)
    with ctx.uow() as s:
        s.get(Applicant, applicant.id).gender = "female"
    doc = documents.issue(ctx, draft.id, "declaration")
    documents.record_print(ctx, doc.number, copy=False)
    refused = _refusal(ctx, draft.id)
    assert refused.gender == "female"
    assert "لم يُسجَّل توقيع المتقدمة عليه بعد" in refused.message
