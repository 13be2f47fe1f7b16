"""The paper of the documents still needed («المستندات المطلوبة لاستكمال طلبك»): its
placeholders and its two tables, from the paper's stored content (the draft's checklist as it
stood when issued).

The tables: ``needed`` (each document the checklist did not find valid on the day, and why:
not submitted, or expired on its date) and ``given`` (what the applicant already gave, so she
or he does not bring it twice). How many are needed is counted (``ngettext``); the template's
words around it say «طلبكِ» to a woman.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..domain.appointments import DAY_CODES, clock_text, day_name
from ..domain.profile import AssociationProfile
from ..domain.requests import EXPIRED, OK
from ..domain.text import isolate
from ..i18n import N_, ngettext
from .formatter import Formatter
from .values import document_rows

NOT_SUBMITTED = N_("Not submitted yet")
EXPIRED_ON = N_("Expired on {date}; a valid one is needed")
_WEEK_FROM_SATURDAY = (5, 6, 0, 1, 2, 3, 4)  # the days as a Saudi office counts its week


def _needed(content: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in content["documents"] if d["state"] != OK]


def needed_rows(content: dict[str, Any], profile: AssociationProfile) -> list[dict[str, str]]:
    """One row per document still needed: its name and why it is asked for."""
    f = Formatter(profile, content["lang"])
    rows = []
    for d in _needed(content):
        why = f.t(NOT_SUBMITTED)
        if d["state"] == EXPIRED and d.get("valid_until"):
            why = f.t(EXPIRED_ON).format(date=f.date_both(d["valid_until"]))
        rows.append({"document": profile.document_kind(d["kind"]).name(f.lang), "reason": why})
    return rows


def given_rows(content: dict[str, Any], profile: AssociationProfile) -> list[dict[str, str]]:
    """The documents already given and valid: the receipt's and declaration's rows."""
    return document_rows({**content, "documents": [d for d in content["documents"]
                                                   if d["state"] == OK]}, profile)


def needed_placeholders(
    content: dict[str, Any], profile: AssociationProfile, f: Formatter
) -> dict[str, str]:
    n = len(_needed(content))
    bring = content.get("bring", {})
    return {
        # counted apart from the applicant's gender and the request's kind (a complaint is called
        # one), which the template's words follow
        "needed_count": ngettext("{n} document is still missing.",
                                 "{n} documents are still missing.", n, f.lang).format(n=f.num(n)),
        "bring_phone": f.phone(bring.get("phone")) if bring.get("phone") else "",
        "bring_hours": hours_text(bring.get("hours"), f),
    }


def hours_text(hours: dict[str, Any] | None, f: Formatter) -> str:
    """«من الأحد إلى الخميس، من ٠٨:٠٠ إلى ١٤:٠٠» (the days listed when they do not follow each
    other); "" when the profile states no hours."""
    if not hours:
        return ""
    numbers = sorted((DAY_CODES[d] for d in hours["days"]), key=_WEEK_FROM_SATURDAY.index)
    # any date of the weekday names it (babel's names, in the paper's language)
    names = [day_name(dt.date(2026, 1, 5) + dt.timedelta(days=d), f.lang) for d in numbers]
    positions = [_WEEK_FROM_SATURDAY.index(d) for d in numbers]
    run = len(names) >= 3 and positions == list(range(positions[0], positions[0] + len(names)))
    days = (f.t(N_("from {first} to {last}")).format(first=names[0], last=names[-1]) if run
            else f.t(N_(", ")).join(names))
    opens, closes = (isolate(clock_text(dt.time.fromisoformat(hours[k]), f.digits))
                     for k in ("opens", "closes"))
    return f.t(N_("{days}, from {opens} to {closes}")).format(days=days, opens=opens, closes=closes)
