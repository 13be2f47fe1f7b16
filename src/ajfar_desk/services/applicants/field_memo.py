"""The registration form's field checks (``applicant_input._CHECKS``) answered once per typed
value in a bulk import: the same city, district, category, marital status, birth date, income
and name parts come back row after row, and looking an answer up costs a tenth of asking the
check again (a fifth of the import's checking time went there).

A check reads its own field, whether the identity is a visitor's or a walk-in's, the birth
calendar and the profile, nothing else (``_CHECKS``' contract; tests/services/applicants/
test_field_memo.py tries every check with every other field changed).  So an answer is kept
under its typed value, for that kind of identity and calendar, by one memo per import (one
profile).  A refused value is never kept: it is checked again, and the form's own path then
collects every refusal.  A person's own phone number seldom repeats: it is checked every time."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...domain.profile import AssociationProfile
    from .applicant_input import ApplicantInput, Check

_UNIQUE = frozenset({"phone"})  # checked every time (nothing to gain in keeping them)
KEPT = 65_536  # answers kept per field (and kind of identity): a bound on a huge file's memory


class FieldMemo:
    """One import's kept answers (see the module notes)."""

    def __init__(self, profile: AssociationProfile):
        self.profile = profile
        self._kinds: dict[tuple[bool, bool, str], _Kind] = {}

    def values(self, data: ApplicantInput, visitor: bool, walk_in: bool) -> dict[str, object]:
        """``{field: check(data, profile, visitor)}`` for every check, in the form's order;
        raises the first refusing check's ValidationError, as the checks themselves do."""
        kind = self._kinds.get((visitor, walk_in, data.birth_calendar))
        if kind is None:
            kind = self._kinds[(visitor, walk_in, data.birth_calendar)] = _Kind()
        kind.row[0] = (data, self.profile, visitor)  # what an answer not kept yet is asked of
        # (as many answers as fields: both come from ``_CHECKS``)
        return dict(zip(kind.fields, map(_look_up, kind.answers, kind.typed(data)), strict=False))


_look_up = dict.__getitem__  # (on a dict subclass it calls ``__missing__`` for a key not there)
Row = tuple["ApplicantInput", "AssociationProfile", bool]


class _Answers(dict[object, object]):
    """One check's answers by typed value; a value not there yet is checked when looked up, and
    kept (unless the field's values seldom repeat, or ``KEPT`` are kept already)."""

    def __init__(self, check: Check, row: list[Row], keep: bool):
        super().__init__()
        self.check, self.row, self.keep = check, row, keep

    def __missing__(self, typed: object) -> object:
        answer = self.check(*self.row[0])  # a refusal raises: nothing kept
        if self.keep and len(self) < KEPT:
            self[typed] = answer
        return answer


class _Kind:
    """The checks with their answers for one kind of identity and calendar."""

    def __init__(self) -> None:
        from .applicant_input import _CHECKS

        self.row: list[Row] = []
        self.row.append(None)  # type: ignore[arg-type]  # set by ``values`` for each row
        self.fields = tuple(field for field, _check in _CHECKS)
        self.typed = attrgetter(*self.fields)  # every field's typed value, in one call
        self.answers = tuple(_Answers(check, self.row, field not in _UNIQUE)
                             for field, check in _CHECKS)


__all__ = ["KEPT", "FieldMemo"]
