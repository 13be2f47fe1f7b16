"""The registration form's labels as the service's rules make them: a field anyone may leave
empty says «(اختياري)» (``applicant_input.OPTIONAL``); a visitor's (passport, border number,
visa) father's and grandfather's names and phone say it while the identity is a visitor's, and
a walk-in's own optional fields say «(اختياري للمراجع العابر)».  Every other label names a
required field, the one "{label} is required" names."""

from __future__ import annotations

from collections.abc import Callable

from ...domain import id_types
from ...i18n import N_, _
from ...services.applicants.applicant_input import (
    APPLICANT_LABELS,
    OPTIONAL,
    VISITOR_BLANK,
    WALK_IN_OPTIONAL,
)

# the optional fields' own words where "{label} (optional)" would read badly (two brackets)
_OPTIONAL_LABELS = {
    "latin_name": N_("Name in Latin letters (passport, optional)"),
    "phone2": APPLICANT_LABELS["phone2"],  # already "Second phone (optional)"
    "monthly_income": N_("Monthly income in SAR (optional)"),
}
# the fields whose label depends on the identity's type
BY_IDENTITY = tuple(dict.fromkeys((*WALK_IN_OPTIONAL, *VISITOR_BLANK)))


def form_label(name: str, id_type: str, word: Callable[[str], str]) -> str:
    """The label of field ``name`` for an identity of ``id_type`` (``word``: a msgid said in the
    applicant's gender, as the form says it)."""
    label = APPLICANT_LABELS[name]
    if name in OPTIONAL:
        return _(_OPTIONAL_LABELS[name]) if name in _OPTIONAL_LABELS else optional(label)
    if id_type == id_types.NONE and name in WALK_IN_OPTIONAL:  # «… للمراجعة العابرة» for a woman
        return word(N_("{label} (optional for a walk-in)")).format(label=_(label))
    if id_types.is_visitor(id_type) and name in VISITOR_BLANK:
        return optional(label)
    return _(label)


def optional(label: str) -> str:
    return _("{label} (optional)").format(label=_(label))
