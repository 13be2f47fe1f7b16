"""Saving a form read at one version over a record another desk saved since.

Only what this desk changed (its typed value against the value it read) is written, so another
desk's change to a different field stays.  A field both desks changed, to different values, is a
conflict: nothing is written and ``EditConflict`` carries both values and the record as stored
now; the desk chooses, keeping what was typed, and saves again from that reading.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from sqlalchemy.orm.exc import StaleDataError

from ...domain.errors import ValidationError
from ...i18n import N_, _

T = TypeVar("T")

REQUEST_LABELS = {
    "program": N_("Program"),
    "channel": N_("Contact channel"),
    "description": N_("What the applicant asks for"),
}


def shown(value: object) -> str:
    """A stored value as the conflict message shows it."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


@dataclass(frozen=True)
class ConflictField:
    field: str
    label: str  # the English msgid: translate when shown
    yours: object  # what this desk typed
    stored: object  # what another desk saved meanwhile


class EditConflict(ValidationError):
    """Another desk saved this record after the form was read, changing the same fields."""

    def __init__(self, fields: list[ConflictField], stored: object):
        lines = [
            _("{label}: yours “{yours}”, saved by another desk “{stored}”").format(
                label=_(f.label), yours=shown(f.yours), stored=shown(f.stored)
            )
            for f in fields
        ]
        message = " ".join(
            [_("Another desk saved this record after you opened it, changing what you changed."),
             *lines,
             _("Nothing was saved: choose the value to keep for each, then save again.")]
        )
        super().__init__("version", message)
        self.fields = fields
        self.stored = stored  # the record's view as stored now, with its version


def changes(
    names: Iterable[str],
    base: Mapping[str, object],
    typed: Mapping[str, object],
    stored: Mapping[str, object],
    *,
    moved: bool,
    labels: Mapping[str, str],
) -> tuple[dict[str, object], list[ConflictField]]:
    """What to write (fields typed differently from ``base`` and not already stored so) and the
    conflicts: when the record ``moved`` since ``base`` was read, fields another desk changed too,
    to something else than what was typed."""
    mine = {n: typed[n] for n in names if typed[n] != base[n]}
    conflicts = []
    if moved:
        conflicts = [
            ConflictField(n, labels[n], v, stored[n])
            for n, v in mine.items()
            if stored[n] != base[n] and stored[n] != v
        ]
    return {n: v for n, v in mine.items() if stored[n] != v}, conflicts


SAVE_ATTEMPTS = 8


def retried(save: Callable[[], T]) -> T:
    """``save()``, again when another desk saved between its reading and its write (SQLAlchemy's
    version check raised ``StaleDataError``): the next attempt reads the record as it is now."""
    for attempt in range(SAVE_ATTEMPTS):
        try:
            return save()
        except StaleDataError:
            if attempt == SAVE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
