"""One imported row checked: the full name split into its four parts, each cell's length and
characters, then the registration form's own checks (``form_check.validate``).  What is
the same for every row (the profile's category words, the store's column lengths) is worked
out once per import (``RowRules``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from functools import lru_cache

from ...domain import id_types
from ...domain.birth import year_only
from ...domain.errors import ValidationError
from ...domain.profile import AssociationProfile
from ...domain.text import normalize_name, strip_bidi_controls
from ...i18n import _
from ..applicants.applicant_input import ApplicantInput
from ..applicants.field_checks import text_length
from ..applicants.form_check import clean_values, memo_for
from .cell_safety import control_problem
from .tabular import (
    category_words,
    country_code,
    gender_code,
    id_type_code,
    marital_code,
    nationality_code,
    word_key,
)

NAME_PARTS = ("first_name", "father_name", "grandfather_name", "family_name")
_LINKS = frozenset({"بن", "بنت"})  # normalize_name folds "ابن" / "إبن" into "بن"
_PREFIXES = frozenset({"عبد", "ابو", "ال"})  # "آل" folds into "ال"
_SUFFIXES = frozenset({"الله", "الدين"})


@lru_cache(maxsize=8192)
def _token_key(token: str) -> str:
    return normalize_name(token)


_JOIN_NEXT = _LINKS | _PREFIXES


def split_full_name(text: str) -> list[str]:
    """The name parts of a full name (see the module notes), each as written."""
    tokens = strip_bidi_controls(text or "").split()
    keys = [_token_key(t) for t in tokens]
    parts: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        start = i
        while i + 1 < n and keys[i] in _JOIN_NEXT:  # "بن" / "عبد" / "أبو" / "آل": with what follows
            i += 1
        i += 1
        while i < n and keys[i] in _SUFFIXES:  # "الله" / "الدين": with what precedes
            i += 1
        parts.append(tokens[start] if i == start + 1 else " ".join(tokens[start:i]))
    return parts


def four_parts(text: str, visitor: bool = False) -> tuple[str, str, str, str]:
    """(first, father, grandfather, family).  A Saudi or resident's name has the four parts; a
    visitor's (passport, GCC ID, border number, visa, walk-in) is written as in the passport,
    from two parts: "first family" or "first father family"."""
    parts = split_full_name(text)
    if not parts:
        raise ValidationError("full_name", _("{label} is required").format(label=_("Name")))
    if visitor and 2 <= len(parts) < 4:
        return parts[0], parts[1] if len(parts) == 3 else "", "", parts[-1]
    if visitor and len(parts) < 2:
        raise ValidationError("full_name", _(
            "the name must have at least two parts (first and family); found {n}"
        ).format(n=len(parts)))
    if len(parts) < 4:
        raise ValidationError(
            "full_name",
            _(
                "the name must have four parts (first, father, grandfather, family); found {n}"
            ).format(n=len(parts)),
        )
    return parts[0], parts[1], " ".join(parts[2:-1]), parts[-1]


EXTRA = "_extra_cells"  # the field of "more cells than the header"
_TEXT_COLUMNS = ("full_name", "city", "district", "latin_name")  # stored as typed: the model's lengths apply
_CODED_LIMIT = 100  # every other column is a code, a number or a date


class RowRules:
    """One import's checks, with what is the same for every row worked out once."""

    def __init__(self, profile: AssociationProfile, today: dt.date | None):
        self.profile = profile
        self.today = today or dt.date.today()  # asked once, not per row
        self.categories = category_words(profile)
        self.first_category = profile.categories[0].code
        self.limits = {f: text_length(f) for f in _TEXT_COLUMNS}
        self.shortest = min(_CODED_LIMIT, *self.limits.values())  # no cell longer: none too long
        self.codes: dict[tuple[str, ...], tuple[str, ...]] = {}  # typed words -> ``_coded``
        self.memo = memo_for(profile)  # the form's answers for the values that come back

    def cell_problems(self, values: dict[str, str]) -> list[tuple[str, str]]:
        """Too long, or a control character: checked before anything else reads the cell."""
        problems: list[tuple[str, str]] = []
        limits = self.limits
        text = "".join(values.values())
        if (max(map(len, values.values()), default=0) <= self.shortest or all(
            len(t) <= limits.get(f, _CODED_LIMIT) for f, t in values.items()
        )) and (text.isprintable() or not control_problem(text)):
            return problems  # the usual row: one look at all its text (no control character
            # is printable; a printable text needs no closer look)
        for field, text in values.items():
            limit = self.limits.get(field, _CODED_LIMIT)
            if len(text) > limit:
                problems.append(
                    (field, _("longer than {n} characters").format(n=limit))
                )
                continue
            problem = control_problem(text)
            if problem:
                problems.append((field, problem))
        return problems

    def _coded(self, typed: tuple[str, ...]) -> tuple[str, ...]:
        """(ID type, issuing country, nationality, gender, marital status, category) as codes,
        from the words typed in their cells."""
        id_type, id_country, nationality, gender, marital, category = typed
        kind, country = id_type_code(id_type), country_code(id_country)
        return (
            kind, country,
            nationality_code(nationality) or id_types.default_nationality(kind, country),
            gender_code(gender), marital_code(marital) or "single",
            self.categories.get(word_key(category), category.strip()) or self.first_category,
        )

    def check(self, values: dict[str, str]):
        """(the identity (type, country, number) when valid and not a walk-in, else None,
        [(field, message)], the clean values (``form_check.clean_values``) or None)."""
        errors: list[tuple[str, str]] = []
        get = values.get
        typed = (get("id_type", ""), get("id_country", ""), get("nationality", ""),
                 values["gender"], get("marital_status", ""), get("category", ""))
        coded = self.codes.get(typed)
        if coded is None:  # the few ways a file writes these come back row after row
            coded = self.codes[typed] = self._coded(typed)
        id_type, id_country, nationality, gender, marital, category = coded
        try:
            parts = four_parts(values["full_name"], visitor=id_types.is_visitor(id_type))
        except ValidationError as exc:
            errors.append((exc.field, exc.message))
            parts = ("-",) * 4  # placeholders so validate() still checks every other column
        data = ApplicantInput(
            national_id=values["national_id"],
            id_type=id_type,
            id_country=id_country,
            first_name=parts[0],
            father_name=parts[1],
            grandfather_name=parts[2],
            family_name=parts[3],
            latin_name=get("latin_name", ""),
            birth_date=values["birth_date"],
            birth_approx=year_only(values["birth_date"]),  # a year alone: "born about 1980"
            nationality=nationality,
            gender=gender,
            marital_status=marital,
            phone=values["phone"],
            city=values["city"],
            district=get("district", ""),
            monthly_income=get("monthly_income", ""),  # empty: not said; "0": no income, said
            category=category,
            consent=True,
        )
        try:
            clean = clean_values(data, self.profile, self.today, self.memo)
            key = (clean["id_type"], clean["id_country"], clean["national_id"])
            return (None if key[0] == id_types.NONE else key), errors, clean
        except ValidationError as exc:
            nid = None
            if all(f not in _IDENTITY for f, _m in exc.errors):  # for duplicates
                nid = id_types.validate(data.id_type, data.national_id, data.id_country)
                nid = None if nid[0] == id_types.NONE else nid
            skip = set(NAME_PARTS) if errors else set()
            errors.extend((f, m) for f, m in exc.errors if f not in skip)
            errors.sort(key=lambda e: _FORM_ORDER.get(e[0], len(_FORM_ORDER)))
            return nid, errors, None


_IDENTITY = frozenset({"id_type", "id_country", "national_id"})
_FORM_ORDER = {
    f: i
    for i, f in enumerate(
        [
            "id_type",
            "id_country",
            "national_id",
            "full_name",
            *NAME_PARTS,
            *(
                f.name
                for f in fields(ApplicantInput)
                if f.name not in _IDENTITY and f.name not in NAME_PARTS
            ),
        ]
    )
}


