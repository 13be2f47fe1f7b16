"""What the request page says of where a request stands: its reference and status, when the
applicant should hear back and, past that day, by how many days it is late, and what submitting
did (submitting leaves the request at the desk; sending it to the committee is the next step)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QBoxLayout, QLabel, QStyle

from ...domain import gendered
from ...domain import workflow as wf
from ...domain.text import isolate
from ...i18n import N_, _, ngettext
from ...services.requests import casework
from ..common import fmt
from ..common.widgets import Banner


def overdue_banner(style: QStyle) -> Banner:
    """The warning shown past the day the applicant should have heard back, with its icon."""
    banner = Banner("warning")
    banner.message.setObjectName("overdue")
    icon = QLabel()
    icon.setPixmap(style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(22, 22))
    row = banner.layout()
    assert isinstance(row, QBoxLayout)  # a Banner lays out in a row
    row.insertWidget(0, icon)
    return banner


def reference_line(profile, r, asked: str = "") -> str:
    """«Reference number: … — status», or what to do first when there is no request yet; with
    what the committee asked for while it waits for more information (``asked``)."""
    if r is None:
        return _("Choose the program and the channel, then create the request.")
    line = _("Reference number: {reference} — {status}").format(
        reference=fmt.ident(profile, r.reference), status=wf.state_label(r.status))
    return line + ": " + asked if asked else line


def asked_for(ctx, r) -> str:
    """What was asked for, as the committee wrote it, while the request waits for it ("" else):
    it was only at the bottom of the request's history (trial 10); and why the social research
    returned it to the desk, until its next step (trial 11)."""
    if r is None or r.status not in (wf.MORE_INFO, wf.SUBMITTED):
        return ""
    entries = casework.timeline(ctx, r.id)
    if r.status == wf.SUBMITTED:
        last = entries[-1] if entries else None
        if last is None or last.action != wf.RETURN_TO_DESK or not last.reason:
            return ""
        return _("returned by the social research to complete: {reason}").format(
            reason=isolate(last.reason))
    return next((e.reason for e in reversed(entries) if e.to_state == wf.MORE_INFO), "")


def answer_line(profile, r) -> str:
    """When the applicant should hear back, while the request waits for an answer ("" else)."""
    due = r.answer_due if r is not None else None
    waiting = r is not None and r.status in wf.WAITING and due is not None
    return _("Answer expected by {date}").format(date=fmt.date_both(profile, due)) if waiting else ""


def overdue_line(profile, r, today: dt.date) -> str | None:
    """Past the answer's day, by how many days it is late (in words with a warning sign, not by
    colour alone); None when it is not late."""
    due = r.answer_due if r is not None else None
    if r is None or due is None or not wf.is_overdue(r.status, due, today):
        return None
    late = (today - due).days
    return "⚠ " + ngettext(
        "Overdue by {n} day: the answer was due on {date}",
        "Overdue by {n} days: the answer was due on {date}", late,
    ).format(n=fmt.number(profile, late), date=fmt.date_both(profile, due))


# what to tell the applicant, in her or his gender: (a man or not known, a woman)
TELL_ANSWER_BY = (N_("Tell the applicant to expect the answer by {date}."),
                  N_("Tell the applicant to expect the answer by {date}. (woman)"))
TELL_NO_FIXED_DAYS = (  # the policy sets no number of days (Aman, Al-Huda)
    N_("Tell the applicant that the committee's decision will be communicated as soon as it is "
       "made."),
    N_("Tell the applicant that the committee's decision will be communicated as soon as it is "
       "made. (woman)"))

TELL_WHEN_DECIDED = (  # a program accepted at the desk, with no number of days
    N_("Tell the applicant that the answer will be communicated as soon as the request is "
       "decided."),
    N_("Tell the applicant that the answer will be communicated as soon as the request is "
       "decided. (woman)"))


def _tell(profile, r, gender: str | None, committee: bool) -> str:
    """What to tell the applicant (of ``gender``) of the answer."""
    if r.answer_due is not None:
        return _(gendered.for_gender(TELL_ANSWER_BY, gender)).format(
            date=fmt.date_both(profile, r.answer_due))
    if committee:
        return _(gendered.for_gender(TELL_NO_FIXED_DAYS, gender))
    return _(gendered.for_gender(TELL_WHEN_DECIDED, gender))


def submitted_line(profile, r, gender: str | None = None) -> str:
    """What really happened, read from the request's status (submitting leaves it at the
    desk; sending it to the committee is the next step), and what to tell the applicant (of
    ``gender``): the answer's date, or, when the policy sets no number of days (Aman, Al-Huda:
    no date at all), that the answer comes after the study — never a sentence with its date
    missing (trial 9: «… في موعد أقصاه .»).  Only right after the action: on opening the page
    says ``standing_line``."""
    values = dict(reference=fmt.ident(profile, r.reference), status=wf.state_label(r.status))
    committee = profile.program(r.program).kind.committee
    if r.status == wf.AWAITING_COMMITTEE:
        line = _("Request {reference} is with the research committee (status: {status}).")
    elif committee:
        line = _("Request {reference} is submitted (status: {status}); send it to the research "
                 "committee next, or refer it to the social researcher first.")
    else:  # the program's requests are accepted at the desk, never sent to the committee
        line = _("Request {reference} is submitted (status: {status}); accept it at the desk "
                 "next («{accept}»), or refer it to the social researcher first.")
        values["accept"] = _(wf.ACTION_LABELS[wf.ACCEPT])
    line = line.format(**values)
    return f"{line} {_tell(profile, r, gender, committee)}"


def standing_line(profile, r, gender: str | None = None) -> str:
    """On opening a request that waits: what comes next and what to tell the applicant, with no
    word of an event (trial 12: a request submitted eight days before opened on «قُدِّم الطلب …»,
    read as just submitted); the reference line above says its status."""
    committee = profile.program(r.program).kind.committee
    if r.status == wf.AWAITING_COMMITTEE:
        line = _("Waiting for the research committee's decision.")
    elif committee:
        line = _("Next step: send the request to the research committee, or refer it to the "
                 "social researcher first.")
    else:
        line = _("Next step: accept the request at the desk («{accept}»), or refer it to the "
                 "social researcher first.").format(accept=_(wf.ACTION_LABELS[wf.ACCEPT]))
    return f"{line} {_tell(profile, r, gender, committee)}"
