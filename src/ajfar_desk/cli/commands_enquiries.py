"""``enquiries add|list``: the contact log of every channel (الاستفسارات), over the same services
as the Enquiries page. A refusal is one line naming the reason (exit 2)."""

from __future__ import annotations

import argparse

from ..i18n import _, current_language
from ..services.enquiries import enquiries
from ..services.enquiries.enquiries import EnquiryInput
from .common import contact_options, context, day, listing, print_json, say


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    e = sub.add_parser("enquiries", parents=[common], help=_("enquiries: the contact log of every channel"))
    esub = e.add_subparsers(dest="enquiries", required=True, metavar="WHAT")
    a = esub.add_parser("add", parents=[common], help=_("log an enquiry, a call or a letter"))
    a.add_argument("--channel", required=True, metavar="CODE",
                   help=_("the channel it came through (a code of the association's profile)"))
    a.add_argument("--subject", required=True, metavar="TEXT", help=_("what was asked"))
    a.add_argument("--answer", default="", metavar="TEXT", help=_("the answer given"))
    a.add_argument("--name", default="", metavar="NAME", help=_("who asked, when not registered"))
    a.add_argument("--refer", nargs="?", const="", default=None, metavar="USER",
                   help=_("referred to the social researcher (optionally one by user name)"))
    contact_options(a, _("the request it became"))
    a.set_defaults(func=cmd_enquiries_add)
    li = esub.add_parser("list", parents=[common], help=_("list and search the enquiries"))
    li.add_argument("text", nargs="?", default="", metavar="TEXT",
                    help=_("words of the name, subject or answer, a phone, an ID or a number"))
    li.add_argument("--channel", metavar="CODE", help=_("one channel only"))
    li.add_argument("--referred", action="store_true", help=_("only those referred to the researcher"))
    li.add_argument("--limit", type=int, default=500, metavar="N", help=_("at most N (default 500)"))
    li.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    li.set_defaults(func=cmd_enquiries_list)
    k = esub.add_parser("link", parents=[common], help=_("record the request an enquiry became"))
    k.add_argument("number", metavar="NUMBER", help=_("the enquiry's number"))
    k.add_argument("reference", metavar="REF", help=_("the request's reference"))
    k.set_defaults(func=cmd_enquiries_link)


def as_json(v: enquiries.EnquiryView) -> dict:
    return {
        "number": v.number, "received_on": v.received_on, "channel": v.channel,
        "applicant": v.applicant_number or None, "name": v.name, "phone": v.phone,
        "subject": v.subject, "answer": v.answer, "referred": v.referred,
        "researcher": v.researcher_name or None, "request": v.request_reference or None,
        "branch": v.branch,
    }


def _line(v: enquiries.EnquiryView, profile) -> str:
    marks = []
    if v.referred:
        marks.append(_("referred to {name}").format(name=v.researcher_name) if v.researcher_name
                     else _("referred to the researcher"))
    if v.request_reference:
        marks.append(_("became {reference}").format(reference=v.request_reference))
    tail = f"  ({'; '.join(marks)})" if marks else ""
    try:
        channel = profile.channel(v.channel).name(current_language())
    except Exception:  # a channel removed from the profile since: its code
        channel = v.channel
    return f"{v.number}  {day(v.received_on)}  {channel}  {v.name}  {v.subject}{tail}"


def cmd_enquiries_add(args: argparse.Namespace) -> int:
    data = EnquiryInput(
        channel=args.channel, subject=args.subject, answer=args.answer, applicant=args.applicant,
        contact_name=args.name, contact_phone=args.phone, referred=args.refer is not None,
        researcher=args.refer or "", request_reference=args.request, received_on=args.date,
    )
    with context(args) as ctx:
        v = enquiries.record_enquiry(ctx, data)
    if args.json:
        print_json(as_json(v))
    else:
        say(v.number)
    return 0


def cmd_enquiries_list(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        rows = enquiries.list_enquiries(
            ctx, args.text, channel=args.channel, referred=True if args.referred else None,
            limit=max(1, args.limit),
        )
        profile = ctx.profile
    return listing(args, rows, as_json, lambda v: _line(v, profile))


def cmd_enquiries_link(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        found = [v for v in enquiries.list_enquiries(ctx, args.number) if v.number == args.number.strip().upper()]
        if not found:
            from ..domain.errors import ValidationError

            raise ValidationError("enquiry", _("No such enquiry"))
        v = enquiries.link_request(ctx, found[0].id, args.reference)
        say(_line(v, ctx.profile))
    return 0
