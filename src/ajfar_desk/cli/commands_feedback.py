"""``report monthly``, ``survey form`` (the blank printed survey) and ``complaints add|list|escalate``."""

from __future__ import annotations

import argparse
import datetime as dt

from babel.dates import get_month_names

from ..domain import report as rp
from ..domain.people import GENDERS
from ..i18n import _, current_language, gettext, ngettext
from ..services.feedback import complaints
from ..services.reports import report
from ..services.store.output_files import write_atomic
from .common import (
    CliError,
    contact_options,
    context,
    day,
    listing,
    out_path,
    print_json,
    say,
    warn,
)


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    r = sub.add_parser("report", parents=[common], help=_("print the monthly report"))
    rsub = r.add_subparsers(dest="report", required=True, metavar="REPORT")
    m = rsub.add_parser(
        "monthly",
        parents=[common],
        help=_("the month's figures beside the previous month's, as PDF (and a spreadsheet)"),
    )
    m.add_argument(
        "--month", metavar="YYYY-MM", help=_("the month, e.g. 2026-10 (default: last month)")
    )
    m.add_argument("--out", metavar="FILE.pdf", help=_("the PDF file to write"))
    m.add_argument("--xlsx", metavar="FILE.xlsx", help=_("also write the tables to a spreadsheet"))
    m.add_argument("--branch", metavar="CODE", help=_("one branch only (default: every branch)"))
    m.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    m.set_defaults(func=cmd_report_monthly)
    from .commands_annual import add_annual_parser  # the year's report, in a module of its own

    add_annual_parser(rsub, common)

    s = sub.add_parser("survey", parents=[common], help=_("satisfaction surveys"))
    ssub = s.add_subparsers(dest="survey", required=True, metavar="WHAT")
    f = ssub.add_parser(
        "form", parents=[common], help=_("the blank printed survey, filled in by hand")
    )
    f.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
    f.set_defaults(func=cmd_survey_form)

    c = sub.add_parser("complaints", parents=[common], help=_("complaints and suggestions"))
    csub = c.add_subparsers(dest="complaints", required=True, metavar="WHAT")
    a = csub.add_parser("add", parents=[common], help=_("receive a complaint or a suggestion"))
    a.add_argument("--kind", choices=tuple(complaints.KINDS), default=complaints.COMPLAINT,
                   help=_("complaint or suggestion (default: complaint)"))
    a.add_argument("--channel", required=True, metavar="CODE",
                   help=_("the channel it came through (a code of the association's profile)"))
    a.add_argument("--category", required=True, metavar="CODE",
                   help=_("its category (a code of the association's profile)"))
    a.add_argument("--subject", required=True, metavar="TEXT", help=_("what it is about"))
    a.add_argument("--text", default="", metavar="TEXT", help=_("what the complainant says"))
    a.add_argument("--anonymous", action="store_true",
                   help=_("the complainant gives no name, phone or ID"))
    a.add_argument("--name", default="", metavar="NAME",
                   help=_("the complainant's name, when not registered"))
    a.add_argument("--gender", choices=tuple(GENDERS), default="",
                   help=_("the complainant's gender when no applicant is linked: the words about "
                          "them agree with it (default: not said, the usual words)"))
    contact_options(a, _("the request it concerns"))
    a.set_defaults(func=cmd_complaints_add)
    li = csub.add_parser("list", parents=[common], help=_("list complaints and suggestions"))
    li.add_argument(
        "--status",
        choices=("open", "escalated", "resolved", "all"),
        default="open",
        help=_("which ones (default: open, escalated included)"),
    )
    li.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    li.set_defaults(func=cmd_complaints_list)
    e = csub.add_parser(
        "escalate", parents=[common], help=_("escalate complaints past their deadline to the manager")
    )
    e.set_defaults(func=cmd_complaints_escalate)


def month_words(month: rp.YearMonth) -> str:
    """«أكتوبر 2026» / "October 2026" (``say`` writes the digits as the profile does)."""
    return f"{get_month_names('wide', locale=current_language())[month.month]} {month.year}"


def last_month(today: dt.date | None = None) -> rp.YearMonth:
    return rp.YearMonth.of(today or dt.date.today()).previous()


def cmd_report_monthly(args: argparse.Namespace) -> int:
    month = rp.YearMonth.parse(args.month) if args.month else last_month()
    if not (args.out or args.xlsx or args.json):
        raise CliError(_("Say where to write the report: --out FILE.pdf, --xlsx FILE.xlsx or --json"), 2)
    out = out_path(args, args.out) if args.out else None
    xlsx = out_path(args, args.xlsx, "--xlsx") if args.xlsx else None
    lang = current_language()
    tell = warn if args.json else say  # stdout holds the JSON alone (trial 13: `| jq` failed)
    with context(args) as ctx:
        data = report.monthly(ctx, month, branch=args.branch)
        profile = ctx.profile
    if out:
        from ..printing.report import report_pdf  # ReportLab loads only for this command

        write_atomic(out, report_pdf(data, profile, lang))
        tell(_("Monthly report for {month} written to {path}").format(month=month_words(month), path=args.out))
    if xlsx:
        from ..services.reports.report_xlsx import report_xlsx

        write_atomic(xlsx, report_xlsx(data, profile, lang))
        tell(_("Its tables written to {path}").format(path=args.xlsx))
    if args.json:
        print_json(as_json(data, lang))
    return 0


def as_json(data: rp.MonthlyReport, lang: str) -> dict:
    return {
        "association": data.association,
        "month": str(data.month),
        "branch": data.branch,
        # a month in progress: its end-of-month figures are counted up to ``cutoff`` (to date)
        "in_progress": data.in_progress,
        "cutoff": data.cutoff.isoformat() if data.cutoff is not None else None,
        "figures": {
            f.key: {"title": rp.figure_title(f.key, lang, data.in_progress), "current": f.current, "previous": f.previous}
            for f in data.figures
        },
        "breakdowns": {
            b.key: {"current": b.current, "previous": b.previous} for b in data.breakdowns
        },
        "trend": [
            {"month": str(p.month), "index": p.index, "responses": p.responses} for p in data.trend
        ],
    }


def cmd_survey_form(args: argparse.Namespace) -> int:
    from ..printing.survey_form import blank_survey_pdf

    out = out_path(args, args.out)
    with context(args) as ctx:
        profile = ctx.profile
    write_atomic(out, blank_survey_pdf(profile, current_language()))
    say(_("The blank survey form written to {path}").format(path=args.out))
    return 0


def cmd_complaints_add(args: argparse.Namespace) -> int:
    data = complaints.ComplaintInput(
        kind=args.kind, channel=args.channel, category=args.category, subject=args.subject,
        text=args.text, anonymous=args.anonymous, contact_name=args.name, contact_phone=args.phone,
        national_id=args.applicant, contact_gender=args.gender, request_reference=args.request,
        received_on=args.date)
    with context(args) as ctx:
        made = complaints.record_complaint(ctx, data)
    if args.json:
        print_json({"number": made.number, "kind": made.kind, "received_on": made.received_on,
                    "due_on": made.due_on, "complainant_gender": made.complainant_gender})
    else:
        say(_("{number} recorded; to be answered by {date}").format(
            number=made.number, date=day(made.due_on)))
    return 0


def cmd_complaints_list(args: argparse.Namespace) -> int:
    status = None if args.status == "all" else args.status
    with context(args) as ctx:
        rows = complaints.list_complaints(ctx, status=status)
    today = dt.date.today()
    return listing(args, rows, lambda c: {
        "number": c.number, "kind": c.kind, "category": c.category, "status": c.status,
        "received_on": c.received_on, "due_on": c.due_on, "overdue": c.overdue(today),
        "subject": c.subject, "resolved_on": c.resolved_on,
    }, lambda c: f"{c.number}  {day(c.received_on)}  {gettext(complaints.STATUSES[c.status])}"
                 f"{' !' if c.overdue(today) else ''}  {c.subject}")


def cmd_complaints_escalate(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        numbers = complaints.escalate_overdue(ctx)
    for number in numbers:
        say(number)
    say(ngettext("{n} complaint escalated to the manager", "{n} complaints escalated to the manager",
                 len(numbers)).format(n=len(numbers)))
    return 0
