"""The audit log's details in words for one association: the codes a detail holds that only the
profile or another room can name — a channel, a program, a branch, a document's kind, a
researcher's recommendation, the eligibility rules a submission did not meet, the fields an edit
changed — so that the audit screen and ``audit list`` show no code (``domain/audit`` names the
rest: states, roles, outcomes, how a survey was taken…)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...domain import audit as words
from ...domain import messages
from ...domain.digits import digit_style
from ...domain.errors import ValidationError
from ...domain.id_types import ID_TYPES
from ...domain.phone import phone_display
from ...domain.profile import AssociationProfile
from ...domain.programs import ELIGIBILITY_CONDITIONS
from ...i18n import N_, _
from ..applicants.applicant_input import APPLICANT_LABELS
from ..applicants.document_edit import DOCUMENT_LABELS
from ..committee.study import RECOMMENDATIONS
from ..guides.library import KINDS as LIBRARY_KINDS

PHONE_KEYS = ("phone", "phone2")  # stored E.164, read as the file shows it: «050 111 2233»
CONDITIONS = dict(zip(ELIGIBILITY_CONDITIONS, (
    N_("category"), N_("income"), N_("age"), N_("city"), N_("documents")), strict=True))
# catalog vocabularies by detail key (besides those of ``domain/audit``)
_VOCABULARIES: dict[str, tuple[Mapping[str, str], ...]] = {
    "channel": (messages.CHANNEL_LABELS,),
    "kind": (messages.KIND_LABELS, LIBRARY_KINDS),
    "recommendation": (RECOMMENDATIONS,),
    "failed": (CONDITIONS,),
    "fields": (APPLICANT_LABELS, DOCUMENT_LABELS),
    "field": (APPLICANT_LABELS, DOCUMENT_LABELS),
    "id_type": (ID_TYPES,),
}


def namer(profile: AssociationProfile) -> Callable[[str, str], str | None]:
    """``name(key, code)``: the code's name in the reader's language, None when the key holds
    no code this function knows (``domain/audit`` then shows the value its own way)."""
    confirmations = {c.code: c for p in profile.programs for c in p.eligibility.confirmations}
    by_profile: dict[str, Callable[[str], Any]] = {
        "channel": profile.channel, "program": profile.program, "branch": profile.branch,
        "kind": profile.document_kind,
    }

    def name(key: str, code: str) -> str | None:
        if key in PHONE_KEYS and code.startswith("+"):
            return phone_display(code, digit_style(profile.digits))
        if key in by_profile:
            try:
                return str(by_profile[key](code).name())
            except ValidationError:  # not the profile's: a message's channel, a paper's kind…
                pass
        if key == "failed" and code in confirmations:
            return confirmations[code].text()
        for vocabulary in _VOCABULARIES.get(key, ()):
            if code in vocabulary:
                return _(vocabulary[code])
        return None

    return name


def details_text(profile: AssociationProfile, details: Mapping[str, Any], style: str) -> str:
    """An entry's details in words, every code named (``domain.audit.details_text``)."""
    return words.details_text(details, style, namer(profile))
