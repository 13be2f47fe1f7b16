"""An applicant who consents to messages, with a request ready to submit (or submitted)."""

from __future__ import annotations

import dataclasses

from ajfar_desk.services.applicants import applicants
from ajfar_desk.services.applicants.applicant_views import input_from_view
from ajfar_desk.services.requests import requests
from printing.scenario import DAY, sign_declaration, submitted_request


def consenting(ctx, *, channel="email", email="khalid@example.org", language="ar", consent=True,
               submit=True, nid_body="01234567", on=DAY):
    """(applicant view, request view): the scenario's applicant, told by ``channel``."""
    a, req = submitted_request(ctx, submit=False, nid_body=nid_body)
    typed = dataclasses.replace(input_from_view(a), email=email, messages_consent=consent,
                                preferred_channel=channel, preferred_language=language)
    a = applicants.update(ctx, a.id, typed)
    if submit:
        program = ctx.profile.program(req.program)
        sign_declaration(ctx, req.id)
        req = requests.submit(ctx, req.id, on=on, confirmed=program.eligibility.confirmation_codes)
    return a, req
