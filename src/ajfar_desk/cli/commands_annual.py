"""``report annual``: the annual report for the board over a Hijri or Gregorian year (hooked
into ``report`` by ``commands_feedback``)."""

from __future__ import annotations

import argparse

from ..domain import annual_report as shapes
from ..domain.digits import normalize_digits
from ..i18n import _, current_language
from ..services.reports import annual_report
from ..services.store.output_files import write_atomic
from .common import CliError, context, out_path, print_json, say, warn


def add_annual_parser(rsub, common: argparse.ArgumentParser) -> None:
    a = rsub.add_parser(
        "annual", parents=[common],
        help=_("the year's figures beside the previous year's, month by month, as PDF"),
    )
    a.add_argument("--year", required=True, metavar="YEAR", help=_("the year, e.g. 1448 or 2026"))
    a.add_argument("--calendar", choices=shapes.CALENDARS, default=shapes.HIJRI,
                   help=_("the year's calendar (default: hijri)"))
    a.add_argument("--out", metavar="FILE.pdf", help=_("the PDF file to write"))
    a.add_argument("--branch", metavar="CODE", help=_("one branch only (default: every branch)"))
    a.add_argument("--json", action="store_true", help=_("print the figures as JSON"))
    a.set_defaults(func=cmd_report_annual)


def cmd_report_annual(args: argparse.Namespace) -> int:
    year_text = normalize_digits(args.year or "").strip()
    if not year_text.isdigit():
        raise CliError(_("Give the year in digits, e.g. --year 1448"), 2)
    if not (args.out or args.json):
        raise CliError(_("Say where to write the report: --out FILE.pdf or --json"), 2)
    out = out_path(args, args.out) if args.out else None
    lang = current_language()
    with context(args) as ctx:
        data = annual_report.annual(ctx, int(year_text), args.calendar, branch=args.branch)
        profile = ctx.profile
    if out:
        from ..printing.annual_report import annual_pdf, year_name
        from ..printing.formatter import Formatter

        write_atomic(out, annual_pdf(data, profile, lang))
        (warn if args.json else say)(_("The annual report for {year} written to {path}").format(
            year=year_name(data.year, Formatter(profile, "en" if lang == "en" else "ar")), path=args.out))
    if args.json:
        print_json(as_json(data, lang))
    return 0


def as_json(data: shapes.AnnualReport, lang: str) -> dict:
    return {
        "association": data.association, "calendar": data.calendar, "year": data.year.year,
        "first_day": data.year.first_day, "last_day": data.year.last_day, "branch": data.branch,
        "in_progress": data.in_progress,
        "figures": {
            f.key: {"title": shapes.year_title(f.key, lang, data.in_progress),
                    "current": f.current, "previous": f.previous}
            for f in data.figures
        },
        "months": [{"month": str(m.period), "first_day": m.period.first_day, "in_progress": m.in_progress,
                    **m.figures} for m in data.months],
        "breakdowns": {b.key: {"current": b.current, "previous": b.previous} for b in data.breakdowns},
    }
