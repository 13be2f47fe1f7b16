"""Placeholders and table rows of the committee's papers: the decision letter and the minutes.

Like ``values``, everything comes from the paper's stored content. A decision letter's blocks
are chosen by the outcome: ``approved``, ``rejected`` and ``more_info_needed`` are "yes" only for
their outcome (for ``when =``), and ``approved_service``, ``rejection_reason``, ``more_info`` are
empty unless their outcome applies.  ``on_appeal`` is "yes" when the decision answers an appeal
of the committee's rejection (``first_decision`` otherwise), ``rejected_first`` for a first
rejection (the letter then states the right to appeal within ``appeal_period``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from babel.dates import format_date as babel_date

from ..domain import documents as paper
from ..domain.errors import ValidationError
from ..domain.gendered import ROLE_TITLES, SIGNATORY_TITLES
from ..domain.profile import AssociationProfile
from ..domain.text import isolate
from ..i18n import N_, ngettext
from .formatter import Formatter

OUTCOME_LABELS = {
    paper.APPROVE: N_("Approved"),
    paper.REJECT: N_("Rejected"),
    paper.MORE_INFO: N_("More information needed"),
    paper.DEFER: N_("Deferred"),
}
_YES = "yes"
# what a secretary writes where there is nothing to list, not a dash that reads as "not filled"
# (trial 11: «المرحَّلة لاجتماع تالٍ: —» with nothing carried over)
NO_OTHER_MEMBER = N_("No other member attended")
NONE_CARRIED = N_("No request carried over")
NO_AMOUNT = N_("No amount approved")
NO_REASON = N_("No reason recorded")
NOT_RECORDED = N_("Not recorded")  # a figure or a name an older meeting did not keep
BLANK_NAME = "……………………………………"  # a name to be written by hand


def _program(profile: AssociationProfile, code: str, lang: str) -> str:
    try:
        return profile.program(code).name(lang)
    except ValidationError:  # a program since removed from the profile: print its code
        return code


def _meeting_values(meeting: dict[str, Any], f: Formatter) -> dict[str, str]:
    held = dt.date.fromisoformat(meeting["held_on"])
    weekday = babel_date(held, "EEEE", locale="ar" if f.lang == "ar" else "en")
    return {
        "meeting_number": f.num(meeting["number"]),
        "meeting_year": f.num(meeting["year"]),
        "meeting_date": f.date(meeting["held_on"]),
        "meeting_weekday": weekday,
    }


def decision_placeholders(
    content: dict[str, Any], profile: AssociationProfile, f: Formatter
) -> dict[str, str]:
    d = content["decision"]
    outcome = d["outcome"]
    amount = f.money(d.get("amount")) if outcome == paper.APPROVE else ""
    reason = isolate(d.get("reason") or "")
    signatory = content.get("signatory") or {"role": "chair", "name": d.get("chair", ""),
                                              "gender": content.get("chair_gender", "")}
    appeal = bool(d.get("appeal"))  # the committee's decision on an appeal of its rejection
    appeal_days = d.get("appeal_days", profile.appeal_period_days)
    last_day = d.get("appeal_last_day")
    return {
        "on_appeal": _YES if appeal else "",
        "first_decision": "" if appeal else _YES,
        "rejected_first": _YES if outcome == paper.REJECT and not appeal else "",
        # the appeal's last day, fixed when the letter was issued (a letter from before: none)
        "appeal_last_day": f.date(last_day) if last_day else "",
        "rejected_first_dated": _YES if outcome == paper.REJECT and not appeal and last_day else "",
        "rejected_first_undated": _YES if outcome == paper.REJECT and not appeal and not last_day else "",
        "appeal_period": ngettext("{days} day", "{days} days", appeal_days, f.lang).format(
            days=f.num(appeal_days)),
        **_meeting_values(d["meeting"], f),
        "decision": f.t(OUTCOME_LABELS.get(outcome, outcome)),
        "approved": _YES if outcome == paper.APPROVE else "",
        "rejected": _YES if outcome == paper.REJECT else "",
        "more_info_needed": _YES if outcome == paper.MORE_INFO else "",
        "approved_service": isolate(d.get("service") or "") if outcome == paper.APPROVE else "",
        "approved_amount": amount,
        "rejection_reason": reason if outcome == paper.REJECT else "",
        "more_info": reason if outcome == paper.MORE_INFO else "",
        "decision_reason": reason,
        "chair_name": isolate(d.get("chair", "")),
        # the chair's and the signer's stored gender ("" on a letter from before it was kept)
        "chair_gender": content.get("chair_gender", ""),
        "signatory_gender": signatory.get("gender", ""),
        "signatory_title": f.t(SIGNATORY_TITLES.msgid(signatory["role"], signatory.get("gender"))),
        "signatory_name": isolate(signatory["name"]),
    }


def minutes_placeholders(
    content: dict[str, Any], profile: AssociationProfile, f: Formatter
) -> dict[str, str]:
    meeting = content["meeting"]
    chair = chair_name(content)
    others = member_names(content)
    counts = paper.outcome_counts([d["outcome"] for d in content["decisions"]])
    carried = meeting.get("carried_over")  # None: minutes of a meeting closed before it was kept
    separator = "، " if f.lang == "ar" else ", "
    amounts = [
        Decimal(d["amount"])
        for d in content["decisions"]
        if d["outcome"] == paper.APPROVE and d.get("amount")
    ]
    return {
        **_meeting_values(meeting, f),
        # nobody recorded as chair: a dotted line in the text, to be written by hand
        "chair_name": isolate(chair) if chair else BLANK_NAME,
        "chair_signer": isolate(chair),  # under the chair's signature ("" leaves the line)
        "chair_gender": content.get("chair_gender", ""),
        "members_list": separator.join(isolate(m) for m in others) or f.t(NO_OTHER_MEMBER),
        "members_count": f.num(len(others) + (1 if chair else 0)),
        "agenda_count": f.num(len(content["decisions"]) + len(carried or [])),
        "decided_count": f.num(len(content["decisions"])),
        "undecided_count": (f.num(len(carried)) if carried is not None
                            else f.t(NOT_RECORDED)),
        # to the next meeting: what it left undecided, and what it postponed (trial 10: one
        # postponed, «المرحَّلة لاجتماع تالٍ: —»)
        "carried_over": (separator.join(f.code(r) for r in _next_meeting(content, carried))
                         or f.t(NONE_CARRIED if carried is not None else NOT_RECORDED)),
        "approved_count": f.num(counts[paper.APPROVE]),
        "rejected_count": f.num(counts[paper.REJECT]),
        "more_info_count": f.num(counts[paper.MORE_INFO]),
        "deferred_count": f.num(counts[paper.DEFER]),
        "approved_total": f.money(f"{sum(amounts):.2f}") if amounts else f.t(NO_AMOUNT),
    }


def _next_meeting(content: dict[str, Any], carried: list[str] | None) -> list[str]:
    deferred = [d["reference"] for d in content["decisions"] if d["outcome"] == paper.DEFER]
    return list(carried or []) + [r for r in deferred if r not in (carried or [])]


def chair_name(content: dict[str, Any]) -> str:
    """The meeting's chair as recorded ("" when nobody was); minutes from before it was
    recorded: the first member listed."""
    meeting = content.get("meeting", {})
    if "chair" in meeting:
        return str(meeting["chair"])
    return (meeting.get("members") or [""])[0]


def member_names(content: dict[str, Any]) -> list[str]:
    """The members who sign below the minutes (the chair signs apart)."""
    meeting = content.get("meeting", {})
    members = list(meeting.get("members", []))
    if "chair" not in meeting:
        return members[1:]
    return [m for m in members if m != meeting["chair"]]


def member_gender(content: dict[str, Any], name: str) -> str:
    return str(content.get("member_genders", {}).get(name, ""))


def recorded_by(d: dict[str, Any], f: Formatter) -> str:
    """Who recorded a decision: the account's full name and its role in the person's gender."""
    who = d.get("recorded_by")
    if not who:
        return f.t(NOT_RECORDED)
    title = f.t(ROLE_TITLES.msgid(who.get("role", ""), who.get("gender")))
    return f"{isolate(who['name'])} ({title})"


def decision_rows(content: dict[str, Any], profile: AssociationProfile) -> list[dict[str, str]]:
    """One row per request the meeting decided, for a ``table`` with source = "decisions"."""
    f = Formatter(profile, content["lang"])
    rows = []
    for i, d in enumerate(content["decisions"], start=1):
        outcome = d["outcome"]
        if outcome == paper.APPROVE:
            parts = [d["service"], f.money(d["amount"])]
            details = " — ".join(isolate(p) for p in parts if p)
        else:
            details = isolate(d["reason"])
        rows.append(
            {
                "row_number": f.num(i),
                "reference": f.code(d["reference"]),
                "applicant_name": isolate(d["applicant"]),
                "program": _program(profile, d["program"], f.lang),
                "decision": f.t(OUTCOME_LABELS.get(outcome, outcome)),
                "details": details or f.t(NO_REASON),
                "service": isolate(d["service"]),
                "amount": f.money(d["amount"]),
                "reason": isolate(d["reason"]),
                "recorded_by": recorded_by(d, f),
            }
        )
    return rows
