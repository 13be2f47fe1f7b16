"""The registration form's field checks (``field_checks.CHECKS``) answered once per typed
value in a bulk import: the same city, district, category, marital status, birth date, income
and name parts come back row after row, and looking the answers up costs a quarter of asking
the checks again (they were a fifth of the import's checking time).

A check reads its own field, whether the identity is a visitor's or a walk-in's, the birth
calendar, whether the birth is a year only (``birth_approx``) and the profile, nothing else (``CHECKS``' contract, which ``form_check.memo_for``
hands here; test_field_memo.py tries every check with every other field changed).  So an answer is kept
under its typed value, for that kind of identity, calendar and birth, by one memo per import (one
profile).  A refused value is never kept: it is checked again, and the form's own path then
collects every refusal.  A person's own phone number seldom repeats: it is checked every time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import attrgetter
from typing import Any

# (the form, the profile, whether the identity is a visitor's) -> the field's clean value:
# ``field_checks.Check`` (``form_check`` imports this one, not the other way round)
Check = Callable[[Any, Any, bool], object]
Checks = Sequence[tuple[str, Check]]

_UNIQUE = frozenset({"phone"})  # checked every time (nothing to gain in keeping them)
KEPT = 65_536  # answers kept per field (and kind of identity): a bound on a huge file's memory


class FieldMemo:
    """One import's kept answers (see the module notes)."""

    def __init__(self, profile: Any, checks: Checks):
        self.profile, self.checks = profile, checks  # the form's ``CHECKS``
        self._kinds: dict[tuple[bool, bool, str, bool], _Kind] = {}

    def values(self, data: Any, visitor: bool, walk_in: bool) -> dict[str, object]:
        """``{field: check(data, profile, visitor)}`` for every check, in the form's order;
        raises the first refusing check's ValidationError, as the checks themselves do."""
        key = (visitor, walk_in, data.birth_calendar, bool(data.birth_approx))
        kind = self._kinds.get(key)
        if kind is None:
            kind = self._kinds[key] = _Kind(self.checks)
        kind.row[0] = (data, self.profile, visitor)  # what an answer not kept yet is asked of
        # (as many answers as fields: both come from ``CHECKS``)
        return dict(zip(kind.fields, map(_look_up, kind.answers, kind.typed(data)), strict=False))


_look_up = dict.__getitem__  # (on a dict subclass it calls ``__missing__`` for a key not there)
Row = tuple[Any, Any, bool]  # (the form, the profile, visitor)


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

    def __init__(self, checks: Checks) -> None:
        self.row: list[Row] = []
        self.row.append(None)  # type: ignore[arg-type]  # set by ``values`` for each row
        self.fields = tuple(field for field, _check in checks)
        self.typed = attrgetter(*self.fields)  # every field's typed value, in one call
        self.answers = tuple(_Answers(check, self.row, field not in _UNIQUE)
                             for field, check in checks)


__all__ = ["KEPT", "FieldMemo"]
