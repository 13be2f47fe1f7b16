"""What a profile states about its policy beyond the front-office procedure, read from three
optional tables (checked like the rest of the profile, every failure naming file and key):

- ``[board_approval]``: the board meeting that approved the policy, ``meeting_ar`` (and
  ``meeting_en``), dated ``date_gregorian`` and/or ``date_hijri`` (Umm al-Qura), YYYY-MM-DD.
- ``[beneficiary]``: the beneficiary's rights and duties, ``rights_ar``/``rights_en`` and
  ``duties_ar``/``duties_en`` (lists of the same length, one item per right or duty). Where
  the policy states none, the profile writes those its text implies and says so in a comment.
  Arabic speaks to a woman in other words («فأنتِ مسؤولة», «أن تُستقبَلي»): ``rights_ar_female``
  and ``duties_ar_female`` (optional) give each item as it is said to a woman, item for item
  with the ``_ar`` list; where one is left out (an item said in a verbal noun, «تقديم كافة
  المعلومات», reads the same to both) a woman reads the ``_ar`` list.  English needs none.
- ``[policy_review]``: ``due`` (YYYY-MM-DD), when the board next reviews the policy, and
  ``remind_days`` (default 30), how long before that the managers are reminded.

Pure Python: hooked into ``profile.load_profile``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Protocol

from ..i18n import _
from .named import pick as _pick
from .profile_reader import ProfileReader as _Reader


class AssociationProfile(Protocol):
    """What the lines below read of an association's profile (``profile.AssociationProfile``)."""

    @property
    def board_approval(self) -> BoardApproval | None: ...

    @property
    def review(self) -> PolicyReview | None: ...

    @property
    def beneficiary(self) -> RightsAndDuties: ...

KINDS = ("rights", "duties")
_BOARD_KEYS = frozenset({"meeting_en", "date_gregorian", "date_hijri"})
_HIJRI = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
DEFAULT_REMIND_DAYS = 30
MAX_REMIND_DAYS = 180


@dataclass(frozen=True)
class BoardApproval:
    meeting_ar: str
    meeting_en: str = ""
    date_gregorian: dt.date | None = None
    date_hijri: str | None = None  # "YYYY-MM-DD" in the Umm al-Qura calendar

    def meeting(self, lang: str | None = None) -> str:
        return _pick(lang, self.meeting_ar, self.meeting_en or self.meeting_ar)


@dataclass(frozen=True)
class RightsAndDuties:
    rights_ar: tuple[str, ...] = ()
    rights_en: tuple[str, ...] = ()
    duties_ar: tuple[str, ...] = ()
    duties_en: tuple[str, ...] = ()
    rights_ar_female: tuple[str, ...] = ()  # as said to a woman; () when the same words serve
    duties_ar_female: tuple[str, ...] = ()

    def items(self, kind: str, lang: str | None = None, gender: str | None = None) -> tuple[str, ...]:
        """``kind`` rights or duties, in ``lang`` (Arabic when not English), as said to an
        applicant of ``gender`` (a woman reads the feminine items when the profile gives them;
        an unknown gender reads the unmarked, masculine ones)."""
        if lang == "en":
            english: tuple[str, ...] = getattr(self, f"{kind}_en")
            return english
        feminine: tuple[str, ...] = getattr(self, f"{kind}_ar_female")
        if gender == "female" and feminine:
            return feminine
        arabic: tuple[str, ...] = getattr(self, f"{kind}_ar")
        return arabic

    def __bool__(self) -> bool:
        return bool(self.rights_ar or self.duties_ar)


@dataclass(frozen=True)
class PolicyReview:
    due: dt.date
    remind_days: int = DEFAULT_REMIND_DAYS

    def state(self, today: dt.date) -> str:
        """``overdue`` (the day passed), ``due`` (within the reminder), else ``later``."""
        if today > self.due:
            return "overdue"
        if (self.due - today).days <= self.remind_days:
            return "due"
        return "later"


OPTIONAL_TABLES = frozenset({"board_approval", "beneficiary", "policy_review"})


def read_board(r: _Reader, data: Any) -> BoardApproval:
    """The ``[board_approval]`` table: the meeting, and its date in either calendar or both."""
    r.table(data, "board_approval", {"meeting_ar"}, _BOARD_KEYS)
    meeting_en = r.text(data.get("meeting_en", ""), "board_approval.meeting_en", empty_ok=True)
    gregorian = data.get("date_gregorian")  # a quoted "2025-10-20" or a bare TOML date
    if gregorian is not None and type(gregorian) is not dt.date:
        try:
            gregorian = dt.date.fromisoformat(gregorian)
        except (TypeError, ValueError):
            r.fail("board_approval.date_gregorian", _("must be a date written YYYY-MM-DD"))
    hijri = data.get("date_hijri")
    if hijri is not None:
        match = _HIJRI.fullmatch(hijri.strip()) if isinstance(hijri, str) else None
        if not match or not (1 <= int(match[2]) <= 12 and 1 <= int(match[3]) <= 30):
            r.fail("board_approval.date_hijri", _("must be a Hijri date written YYYY-MM-DD"))
        hijri = f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}"
    meeting_ar = r.text(data["meeting_ar"], "board_approval.meeting_ar")
    return BoardApproval(meeting_ar, meeting_en, gregorian, hijri)


def read_policy_extras(r: _Reader, data: dict[str, Any]) -> dict[str, Any]:
    """The profile's ``beneficiary`` and ``review`` fields, from its optional tables."""
    return {
        "beneficiary": _rights(r, data["beneficiary"]) if "beneficiary" in data else RightsAndDuties(),
        "review": _review(r, data["policy_review"]) if "policy_review" in data else None,
    }


def _rights(r: _Reader, data: Any) -> RightsAndDuties:
    keys = {f"{kind}_{lang}" for kind in KINDS for lang in ("ar", "en")}
    feminine = frozenset(f"{kind}_ar_female" for kind in KINDS)
    r.table(data, "beneficiary", keys, feminine)
    lists: dict[str, tuple[str, ...]] = {}
    for key in sorted(keys | (feminine & data.keys())):
        where = f"beneficiary.{key}"
        items = r.listing(data[key], where)
        lists[key] = tuple(" ".join(r.text(item, f"{where}[{n}]").split())
                           for n, item in enumerate(items, start=1))
    for kind in KINDS:
        if len(lists[f"{kind}_ar"]) != len(lists[f"{kind}_en"]):
            r.fail(f"beneficiary.{kind}_en", _("must have as many items as {key}").format(key=f"{kind}_ar"))
        female = lists.get(f"{kind}_ar_female")
        if female is not None and len(female) != len(lists[f"{kind}_ar"]):
            r.fail(f"beneficiary.{kind}_ar_female",
                   _("must have as many items as {key}").format(key=f"{kind}_ar"))
    return RightsAndDuties(**lists)


def _review(r: _Reader, data: Any) -> PolicyReview:
    r.table(data, "policy_review", {"due"}, frozenset({"remind_days"}))
    due = data["due"]
    if type(due) is not dt.date:
        try:
            due = dt.date.fromisoformat(due)
        except (TypeError, ValueError):
            r.fail("policy_review.due", _("must be a date written YYYY-MM-DD"))
    days = data.get("remind_days", DEFAULT_REMIND_DAYS)
    if type(days) is not int or not 0 <= days <= MAX_REMIND_DAYS:
        message = _("must be a whole number of days from {low} to {high}")
        r.fail("policy_review.remind_days", message.format(low=0, high=MAX_REMIND_DAYS))
    return PolicyReview(due, days)


def approval_line(profile: AssociationProfile, lang: str = "ar", digits: str = "western") -> str:
    """The board's approval in words, both calendars: «اعتمدها مجلس الإدارة: الاجتماع رقم (٠٩)،
    بتاريخ ٠٣/٠٨/١٤٤٤ هـ الموافق ٢٣/٠٢/٢٠٢٣ م» — the calendar the policy does not state is
    converted (Umm al-Qura); a profile without an approval says the policy awaits it."""
    from ..i18n import gettext
    from .dates import _HIJRI_MARK, format_date, format_hijri, hijri_to_gregorian
    from .digits import localize_digits
    from .text import isolate

    board = profile.board_approval
    if board is None:
        return gettext("The board's approval of this policy is not recorded yet", lang)
    gregorian = board.date_gregorian
    hijri = ""
    if board.date_hijri:
        y, m, d = (int(part) for part in board.date_hijri.split("-"))
        hijri = localize_digits(f"{d:02}/{m:02}/{y:04} {_HIJRI_MARK['ar' if lang == 'ar' else 'en']}", digits)
        gregorian = gregorian or hijri_to_gregorian(y, m, d, field="date")
    elif gregorian is not None:
        hijri = format_hijri(gregorian, lang, digits)
    meeting = localize_digits(board.meeting(lang), digits)
    if gregorian is None:
        return gettext("Approved by the board of directors: {meeting}", lang).format(meeting=meeting)
    when = gettext("{hijri} corresponding to {gregorian}", lang).format(
        hijri=isolate(hijri), gregorian=isolate(format_date(gregorian, lang, digits)))
    return gettext("Approved by the board of directors: {meeting}, on {date}", lang).format(
        meeting=meeting, date=when)


def review_line(profile: AssociationProfile, today: dt.date, lang: str = "ar", digits: str = "western") -> str:
    """When the board next reviews the policy, and whether that is due or past (empty when
    the profile sets no review)."""
    from ..i18n import gettext
    from .dates import format_date, format_hijri
    from .text import isolate

    review = profile.review
    if review is None:
        return ""
    when = gettext("{hijri} corresponding to {gregorian}", lang).format(
        hijri=isolate(format_hijri(review.due, lang, digits)),
        gregorian=isolate(format_date(review.due, lang, digits)))
    state = review.state(today)
    if state == "overdue":
        return gettext("The policy's review was due on {date}: it is past", lang).format(date=when)
    if state == "due":
        return gettext("The policy's review is due on {date}", lang).format(date=when)
    return gettext("Next review of the policy: {date}", lang).format(date=when)


def looks_like_markdown(text: str) -> bool:
    """Is a policy's text written in Markdown (headings ``#``, bold ``**``)? Then it is rendered,
    not shown raw; plain text keeps its lines as they are."""
    return "**" in text or any(line.lstrip().startswith("#") for line in text.splitlines())


def rights_markdown(
    profile: AssociationProfile, lang: str, titles: tuple[str, str], gender: str | None = None,
) -> str:
    """The rights and duties as Markdown, as said to an applicant of ``gender``: a heading for
    each and a bulleted item per line."""
    parts = []
    for kind, title in zip(("rights", "duties"), titles, strict=True):
        items = profile.beneficiary.items(kind, lang, gender)
        if items:
            parts.append(f"### {title}\n\n" + "\n".join(f"- {_escape(i)}" for i in items))
    return "\n\n".join(parts)


def _escape(text: str) -> str:
    return "".join("\\" + ch if ch in "\\`*_[]#<>" else ch for ch in text)
