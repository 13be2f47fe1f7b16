"""``appointments add|list|cancel|mark|remind``: times booked for applicants (المواعيد), over the same
services as the Appointments page.  A refusal is one line naming the reason (exit 2)."""

from __future__ import annotations

import argparse
import datetime as dt
import uuid

from ..domain import appointments as rules
from ..domain.dates import format_both, parse_date
from ..domain.errors import ValidationError
from ..i18n import _, current_language, ngettext
from ..services.appointments import booking, reminders, views
from .common import context, listing, print_json, say


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("appointments", parents=[common], help=_("appointments: times booked for applicants"))
    psub = p.add_subparsers(dest="appointments", required=True, metavar="WHAT")
    a = psub.add_parser("add", parents=[common], help=_("book a time for an applicant"))
    a.add_argument("--applicant", required=True, metavar="ID", help=_("the applicant's ID number"))
    a.add_argument("--at", required=True, metavar="'DATE HH:MM'",
                   help=_("the day (either calendar) and the time, e.g. \"2026-11-22 09:20\""))
    a.add_argument("--purpose", required=True, choices=tuple(rules.PURPOSES),
                   help=_("an interview, bringing a document, or collecting a service"))
    a.add_argument("--employee", default="", metavar="USER",
                   help=_("who receives the applicant (default: the acting user)"))
    a.add_argument("--request", default="", metavar="REF", help=_("the request it is about"))
    a.add_argument("--note", default="", metavar="TEXT", help=_("a note for the desk"))
    a.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    a.set_defaults(func=cmd_add)
    li = psub.add_parser("list", parents=[common], help=_("the day's appointments"))
    li.add_argument("--day", default="", metavar="DATE", help=_("the day, in either calendar (default: today)"))
    li.add_argument("--employee", default="", metavar="USER", help=_("one employee's only"))
    li.add_argument("--cancelled", action="store_true", help=_("with the cancelled ones"))
    li.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    li.set_defaults(func=cmd_list)
    c = psub.add_parser("cancel", parents=[common], help=_("cancel a booked appointment"))
    c.add_argument("id", metavar="ID", help=_("the appointment's id (as listed)"))
    c.add_argument("--reason", default="", metavar="TEXT", help=_("why it was cancelled"))
    c.set_defaults(func=cmd_cancel)
    m = psub.add_parser("mark", parents=[common], help=_("record whether the applicant came"))
    m.add_argument("id", metavar="ID", help=_("the appointment's id (as listed)"))
    m.add_argument("state", choices=(rules.ATTENDED, rules.MISSED), help=_("attended or missed"))
    m.set_defaults(func=cmd_mark)
    r = psub.add_parser("remind", parents=[common],
                        help=_("queue the reminders of the next office day's appointments (once each)"))
    r.add_argument("--today", default="", metavar="DATE", help=_("the day to count from (default: today)"))
    r.set_defaults(func=cmd_remind)


def as_json(v: views.AppointmentView) -> dict:
    return {
        "id": str(v.id), "day": v.day, "time": rules.clock_text(v.start), "minutes": v.minutes,
        "purpose": v.purpose, "state": v.state, "applicant": v.applicant_number,
        "name": v.applicant_name, "employee": v.employee_name,
        "request": v.request_reference or None, "note": v.note, "branch": v.branch,
    }


def _line(v: views.AppointmentView, digits: str) -> str:
    lang = current_language()
    parts = [str(v.id), format_both(v.day, lang, digits), rules.clock_text(v.start, digits),
             rules.purpose_label(v.purpose), v.applicant_name, v.employee_name, rules.state_label(v.state)]
    if v.request_reference:
        parts.append(v.request_reference)
    return "  ".join(parts)


def _id(text: str) -> uuid.UUID:
    try:
        return uuid.UUID(text.strip())
    except ValueError:
        raise ValidationError("id", _("No such appointment")) from None


def cmd_add(args: argparse.Namespace) -> int:
    day, start = rules.parse_when(args.at)
    with context(args) as ctx:
        applicant_id = booking.applicant_by_number(ctx, args.applicant)
        employee_id = booking.employee_by_username(ctx, args.employee) if args.employee.strip() else None
        v = booking.book(ctx, applicant_id, day, start, args.purpose, employee_id=employee_id,
                         request_reference=args.request, note=args.note)
        digits = ctx.profile.digits
    if args.json:
        print_json(as_json(v))
    else:
        say(_line(v, digits))
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    day = parse_date(args.day, field="day") if args.day.strip() else dt.date.today()
    with context(args) as ctx:
        employee_id = booking.employee_by_username(ctx, args.employee) if args.employee.strip() else None
        rows = views.day_list(ctx, day, employee_id, cancelled=args.cancelled)
        digits = ctx.profile.digits
    return listing(args, rows, as_json, lambda v: _line(v, digits))


def cmd_cancel(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        v = booking.cancel(ctx, _id(args.id), args.reason)
        say(_line(v, ctx.profile.digits))
    return 0


def cmd_mark(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        v = booking.mark(ctx, _id(args.id), args.state)
        say(_line(v, ctx.profile.digits))
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    today = parse_date(args.today, field="today") if args.today.strip() else None
    with context(args) as ctx:
        count = reminders.remind(ctx, today)
    say(ngettext("{n} reminder queued", "{n} reminders queued", count).format(n=count))
    return 0
