"""``requests list`` with the front desk's filters (``services.requests.worklist``): a view of the
desk's work (``--group``), a program, a channel, the requests made by the user (``--mine``), the
days they were made on, a name, ID or reference typed, the late first, a page at a time.

Without any of these options ``requests list`` lists as it always did (every request of the
store, ``--status`` and ``--limit`` only): a script that used it reads the same lines."""

from __future__ import annotations

import argparse
import datetime as dt

from ..domain import workflow as wf
from ..domain.dates import parse_date
from ..domain.errors import ValidationError
from ..i18n import _, ngettext
from ..services.requests import worklist
from .common import day, print_json, say

_NEW = ("group", "program", "channel", "mine", "since", "until", "text", "overdue_first", "offset")


def _day(text: str) -> dt.date:
    try:
        return parse_date(text, field="date")
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from exc


def add_filters(p: argparse.ArgumentParser) -> None:
    """The desk's filters on ``requests list``."""
    p.add_argument("--group", choices=list(worklist.GROUPS), metavar="LIST",
                   help=_("the desk's view: {views} (this branch's requests only)").format(
                       views=", ".join(worklist.GROUPS)))
    p.add_argument("--program", metavar="CODE", help=_("only this program"))
    p.add_argument("--channel", metavar="CODE", help=_("only requests that came by this channel"))
    p.add_argument("--mine", action="store_true", help=_("only the requests made by the user (--user)"))
    p.add_argument("--since", type=_day, metavar="DATE", help=_("made on this day or after"))
    p.add_argument("--until", type=_day, metavar="DATE", help=_("made on this day or before"))
    p.add_argument("--text", metavar="TEXT", help=_("a name, an ID number or a reference (or its start)"))
    p.add_argument("--overdue-first", action="store_true",
                   help=_("the late requests first, the longest late first"))
    p.add_argument("--offset", type=int, default=0, metavar="N", help=_("skip the first N requests"))


def asked(args: argparse.Namespace) -> bool:
    """Whether one of the desk's filters was given."""
    return any(getattr(args, name, None) not in (None, False, 0) for name in _NEW)


def as_json(line: worklist.WorkLine) -> dict[str, object]:
    return {
        "id": str(line.request_id), "reference": line.reference, "status": line.status,
        "national_id": line.national_id, "applicant_name": line.applicant_name,
        "program": line.program, "channel": line.channel,
        "created_at": line.created_at.astimezone(dt.UTC).isoformat(),
        "answer_due": line.answer_due.isoformat() if line.answer_due else None,
        "days_late": line.days_late,
    }


def list_worklist(ctx, args: argparse.Namespace) -> int:
    f = worklist.WorkFilter(
        group=args.group or worklist.ALL, status=args.status, program=args.program,
        channel=args.channel, mine=args.mine, since=args.since, until=args.until,
        text=args.text or "", overdue_first=args.overdue_first)
    found = worklist.page(ctx, f, offset=args.offset, limit=args.limit)
    if args.json:
        print_json([as_json(line) for line in found.lines])
        return 0
    profile = ctx.profile
    for r in found.lines:
        due = _("answer due {date}").format(date=day(r.answer_due)) if r.answer_due else ""
        late = ngettext("{days} day late", "{days} days late", r.days_late).format(
            days=r.days_late) if r.overdue else ""
        say("  ".join(part for part in (
            r.reference, wf.state_label(r.status), r.national_id, r.applicant_name,
            f"{profile.program(r.program).name(args.lang)} / {profile.channel(r.channel).name(args.lang)}",
            due, late) if part))
    total = worklist.count(ctx, f)
    if total > worklist.COUNT_CAP:
        say(ngettext("More than {count} request", "More than {count} requests",
                     worklist.COUNT_CAP).format(count=worklist.COUNT_CAP))
    else:
        say(worklist.count_text(args.group or worklist.ALL, total).format(count=total))
    if found.more:
        say(_("More follow: --offset {offset}").format(offset=args.offset + len(found.lines)))
    return 0
