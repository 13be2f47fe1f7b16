"""What each program's policy asks of a request: the committee, the declaration, the answer
period, an immediate service at the desk; and the period for appealing a rejection.

Read from the association profile (``resources/associations/<id>.toml``):

- on the profile, ``answer_period_days`` (optional): the period the policy states, for the
  policies that say «خلال مدة لا تقل عن أسبوعين» (never below 14 days).  Left out when the
  policy sets no number (Al-Huda: «خلال مدة زمنية محددة»; Aman names none): the letters then
  say so and give no date.
- on the profile, ``appeal_period_days`` (optional, default ``DEFAULT_APPEAL_DAYS``): how long
  after a rejection the applicant may appeal (تظلم).
- on each ``[[programs]]`` entry, all optional: ``committee`` (true: goes to the research
  committee), ``declaration`` (true: the applicant signs the declaration of accuracy of data
  before submission), ``immediate`` (false; true: recorded and delivered at the desk in one
  step, with neither committee nor declaration) and ``answer_period_days`` (this program's own
  period; not below the profile's when the policy states a minimum), and ``request_kind``
  (default ``support``): what a request of this program is, one of ``REQUEST_KINDS`` — a
  complaint (Najran's consumer complaints), a consultation, a training or volunteering
  application, taking part in an event — which names the request page and words the
  declaration (a complaint has nothing paid out to recover).

Pure Python: no Qt, no SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..i18n import _
from .profile_reader import ProfileReader

DEFAULT_APPEAL_DAYS = 30  # none of the five policies sets one; the association may change it
MAX_APPEAL_DAYS = 365
MAX_PERIOD_DAYS = 365
PROGRAM_KEYS = frozenset({"committee", "declaration", "immediate", "answer_period_days", "request_kind"})
SUPPORT, COMPLAINT, CONSULTATION, TRAINING, VOLUNTEERING, PARTICIPATION = (
    "support", "complaint", "consultation", "training", "volunteering", "participation")
REQUEST_KINDS = (SUPPORT, COMPLAINT, CONSULTATION, TRAINING, VOLUNTEERING, PARTICIPATION)
TOP_KEYS = frozenset({"appeal_period_days"})  # answer_period_days is read by profile.py


@dataclass(frozen=True)
class ProgramKind:
    """How a program's request travels: the defaults are the full committee path."""

    committee: bool = True
    declaration: bool = True
    immediate: bool = False
    answer_period_days: int | None = None  # None: the policy sets no fixed number of days
    request: str = SUPPORT  # what a request of the program is (REQUEST_KINDS)

    @property
    def answer_period_fixed(self) -> bool:
        return self.committee and self.answer_period_days is not None

    def answer_due(self, submitted_on: dt.date) -> dt.date | None:
        """The day the answer is promised, or None when no number of days is set (or the
        request does not wait for the committee)."""
        if not self.answer_period_fixed:
            return None
        return submitted_on + dt.timedelta(days=self.answer_period_days or 0)


def _days(r: ProfileReader, value: Any, key: str, low: int, high: int) -> int:
    if type(value) is not int or not low <= value <= high:
        message = _("must be a whole number of days from {low} to {high}")
        r.fail(key, message.format(low=low, high=high))
    days: int = value
    return days


def _flag(r: ProfileReader, item: dict[str, Any], key: str, where: str, default: bool) -> bool:
    value = item.get(key, default)
    if not isinstance(value, bool):
        r.fail(f"{where}.{key}", _("must be true or false"))
    flag: bool = value
    return flag


def read_kind(r: ProfileReader, item: dict[str, Any], where: str, profile_period: int | None) -> ProgramKind:
    """The program's kind from its ``[[programs]]`` entry (``r``: the profile's reader)."""
    immediate = _flag(r, item, "immediate", where, False)
    committee = _flag(r, item, "committee", where, not immediate)
    declaration = _flag(r, item, "declaration", where, not immediate)
    if immediate and committee:
        r.fail(f"{where}.committee", _("an immediate service does not go to the committee"))
    if immediate and declaration:
        r.fail(f"{where}.declaration",
               _("an immediate service is delivered in one step, without a declaration"))
    period = profile_period
    if "answer_period_days" in item:
        key = f"{where}.answer_period_days"
        if not committee:
            r.fail(key, _("only a program that goes to the committee has an answer period"))
        period = _days(r, item["answer_period_days"], key, profile_period or 1, MAX_PERIOD_DAYS)
    request = item.get("request_kind", SUPPORT)
    if request not in REQUEST_KINDS:
        r.fail(f"{where}.request_kind", _("must be one of: {choices}").format(choices=", ".join(REQUEST_KINDS)))
    return ProgramKind(committee, declaration, immediate, period if committee else None, request)


def read_appeal_days(r: ProfileReader, data: dict[str, Any]) -> int:
    """``appeal_period_days`` on the profile, or the default."""
    if "appeal_period_days" not in data:
        return DEFAULT_APPEAL_DAYS
    return _days(r, data["appeal_period_days"], "appeal_period_days", 1, MAX_APPEAL_DAYS)


def appeal_deadline(rejected_on: dt.date, days: int) -> dt.date:
    """The last day an appeal of a rejection made on ``rejected_on`` is accepted."""
    return rejected_on + dt.timedelta(days=days)
