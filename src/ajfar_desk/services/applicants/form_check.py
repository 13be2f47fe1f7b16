"""The registration form checked as a whole: every field's check (``field_checks.CHECKS``)
run, the rules across fields applied, one ValidationError naming every bad field in form order,
or the clean applicant assembled from the answers."""

from __future__ import annotations

import datetime as dt
from functools import partial

from ...domain import id_types, messages
from ...domain.errors import FieldErrors, ValidationError
from ...domain.gendered import for_gender
from ...domain.profile import AssociationProfile
from ...domain.text import normalize_name
from ...domain.transliteration import name_key_normalized
from ...i18n import N_, _
from .applicant_input import NAME_FIELDS, ApplicantInput, CleanApplicant
from .field_checks import CHECKS, walk_in
from .field_memo import FieldMemo


def validate(
    data: ApplicantInput, profile: AssociationProfile, today: dt.date | None = None
) -> CleanApplicant:
    """Check every field; raise one ValidationError listing all bad fields, in form order."""
    return CleanApplicant(**clean_values(data, profile, today))


def clean_values(
    data: ApplicantInput, profile: AssociationProfile, today: dt.date | None = None,
    memo: FieldMemo | None = None,
) -> dict:
    """``validate``'s CleanApplicant as a dict of its fields (which are the applicant's columns),
    for a bulk import that writes dicts; ``memo``: the import's kept answers (``field_memo``)."""
    try:  # the usual case, a valid form (row after row in an import): each check once, in a row
        identity, values = _valid_values(data, profile, memo)
    except ValidationError:  # the same checks again, this time collecting every error
        identity, values = _collected_values(data, profile)
    return _clean(data, identity, values, today)


# said of the applicant: «موافقة المستفيدة على معالجة بياناتها الشخصية مطلوبة» for a woman
CONSENT_REQUIRED = (N_("The applicant's consent to process personal data is required"),
                    N_("The applicant's consent to process personal data is required (woman)"))


def _form_rules(data: ApplicantInput, values: dict, failed: set[str]) -> list[tuple[str, str]]:
    """The rules across fields, once each field is checked (``failed``: fields already refused)."""
    problems = []
    if data.messages_consent and values.get("preferred_channel") == messages.EMAIL and not (
            data.email or "").strip() and "email" not in failed:
        problems.append(("email", _("An e-mail address is needed for messages by e-mail")))
    if not data.consent:
        problems.append(("consent", _(for_gender(CONSENT_REQUIRED, data.gender))))
    return problems


def _valid_values(data: ApplicantInput, profile: AssociationProfile,
                  memo: FieldMemo | None = None) -> tuple[tuple[str, str, str], dict]:
    """``_collected_values`` for a form with no error: the first error raises (the caller
    then asks ``_collected_values`` for all of them).  ``memo``: answers kept by an import."""
    identity = id_types.validate(data.id_type, data.national_id, data.id_country)
    visitor = id_types.is_visitor(data.id_type)
    if memo is not None:
        values = memo.values(data, visitor, walk_in(data))
    else:
        values = {field: check(data, profile, visitor) for field, check in CHECKS}
    problems = _form_rules(data, values, set())
    if problems:
        raise ValidationError(*problems[0])
    return identity, values


def _collected_values(data: ApplicantInput, profile: AssociationProfile) -> tuple[tuple[str, str, str], dict]:
    """Every field checked, every error kept: one ValidationError naming them all, in form order."""
    errs = FieldErrors()
    identity = ("", "", "")
    try:  # its errors name their own field: the type, the country or the number
        identity = id_types.validate(data.id_type, data.national_id, data.id_country)
    except ValidationError as exc:
        errs.errors.extend(exc.errors)
    visitor = id_types.is_visitor(data.id_type)
    values = {field: errs.check(field, partial(check, data, profile, visitor)) for field, check in CHECKS}
    for field, message in _form_rules(data, values, {f for f, _m in errs.errors}):
        errs.add(field, message)
    errs.raise_if_any()
    return identity, values


def _clean(data: ApplicantInput, identity: tuple[str, str, str], values: dict,
           today: dt.date | None) -> dict:
    """``values`` (each checked field) completed into CleanApplicant's fields, in place."""
    birth = values["birth_date"]
    if birth > (today or dt.date.today()):
        raise ValidationError("birth_date", _("Birth date cannot be in the future"))
    # each part is checked text with single spaces and no space at either end (``field_checks._required``),
    # so joining them is ``full_name`` of them
    name = " ".join([values[f] for f in NAME_FIELDS if values[f]])
    id_type, id_country, number = identity
    norm = normalize_name(name)
    # every checked field is one of CleanApplicant's, as it is: the rest are added
    values.update(
        national_id=number,
        id_type=id_type,
        id_country=id_country,
        full_name=name,
        name_norm=norm,
        name_key=name_key_normalized(name, norm, values["latin_name"]),
        notes=(data.notes or "").strip(),
        messages_consent=bool(data.messages_consent),
        birth_approx=bool(data.birth_approx),
        income_given=bool((data.monthly_income or "").strip()),  # empty: not said, not «0»
    )
    return values


def memo_for(profile: AssociationProfile) -> FieldMemo:
    """An import's memo of the field checks' answers (``field_memo``), for ``clean_values``."""
    return FieldMemo(profile, CHECKS)
