"""Commands about the store's contents: applicants import / export / search, requests list."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..domain import id_types
from ..domain import workflow as wf
from ..domain.birth import birth_text, year_only
from ..domain.errors import ValidationError
from ..domain.gendered import for_gender
from ..domain.phone import format_phone
from ..i18n import N_, _, current_language, ngettext
from ..services.applicants import applicants
from ..services.applicants.applicant_input import ApplicantInput
from ..services.applicants.form_check import validate
from ..services.applicants.search import search
from ..services.requests import requests as request_service
from ..services.transfer.exporter import export_applicants
from ..services.transfer.import_rows import four_parts
from ..services.transfer.importer import ImportFailed, import_applicants
from ..services.transfer.tabular import country_code, gender_code, id_type_code
from . import commands_worklist as worklist_cli
from .common import CliError, ProgressPrinter, context, day, print_json, say, warn


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    apps = sub.add_parser(
        "applicants", parents=[common], help=_("import, export and search applicants")
    )
    asub = apps.add_subparsers(dest="action", required=True, metavar="ACTION")

    p = asub.add_parser(
        "import", parents=[common], help=_("import applicants from a CSV or XLSX file")
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--dry-run", action="store_true", help=_("check every row, import nothing"))
    p.add_argument("--progress", action="store_true", help=_("print progress lines on stderr"))
    p.add_argument(
        "--max-errors",
        type=int,
        default=500,
        metavar="N",
        help=_("list at most N bad rows (0: all)"),
    )
    p.set_defaults(func=cmd_import)

    p = asub.add_parser(
        "export", parents=[common], help=_("export all applicants to a CSV or XLSX file")
    )
    p.add_argument("file", metavar="FILE")
    p.set_defaults(func=cmd_export)

    p = asub.add_parser(
        "add", parents=[common], help=_("register one applicant (any identity document)")
    )
    p.add_argument("--id-type", required=True, metavar="|".join(id_types.ID_TYPES),
                   help=_("the identity document's type"))
    p.add_argument("--id", dest="id_number", default="", metavar="NUMBER",
                   help=_("the document's number (not for --id-type none)"))
    p.add_argument("--id-country", default="", metavar="ISO-3166",
                   help=_("the issuing country of a passport or GCC ID, e.g. EG, ID, KW"))
    p.add_argument("--name", required=True, metavar="FULL NAME",
                   help=_("the four-part name, as the import reads it (a visitor's: as in the "
                           "passport, two parts at least)"))
    p.add_argument("--latin-name", default="", metavar="NAME",
                   help=_("the name in Latin letters, as the passport writes it (optional)"))
    p.add_argument("--birth-date", required=True, metavar="DATE",
                   help=_("Hijri or Gregorian, digits in any script (1400/05/12هـ, 1980-03-28); "
                          "a year alone (1980, 1400هـ) for a birth known only as «about 1980»"))
    p.add_argument("--gender", required=True, metavar="male|female")
    p.add_argument("--phone", default="", metavar="PHONE")
    p.add_argument("--city", default="", metavar="CITY",
                   help=_("default: the association's city (asked on a terminal when its profile names "
                          "none); none for a walk-in"))
    p.add_argument("--category", default="", metavar="CODE",
                   help=_("the beneficiary category (a code of the association's profile; "
                          "default: its first; none for a walk-in)"))
    p.add_argument("--allow-similar", action="store_true",
                   help=_("register even when a similar name was born the same day"))
    p.add_argument("--coordination-consent", choices=("yes", "no"), default="no",
                   help=_("the person agrees to the coordination between associations "
                          "(default: no)"))
    p.add_argument("--email", default="", metavar="EMAIL", help=_("the applicant's e-mail address"))
    p.add_argument("--messages-consent", default="no", choices=("yes", "no"),
                   help=_("the applicant agrees to receive messages (default: no; none without it)"))
    p.add_argument("--preferred-channel", default="sms", choices=("email", "sms", "whatsapp"),
                   help=_("how the applicant is told (default: sms)"))
    p.add_argument("--language", dest="preferred_language", default="ar", choices=("ar", "en"),
                   help=_("the language of the messages to the applicant (default: ar)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_add)

    p = asub.add_parser(
        "search", parents=[common], help=_("find applicants by name, ID, phone or reference")
    )
    p.add_argument("text", metavar="TEXT")
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument("--limit", type=int, default=30, metavar="N", help=_("at most N results"))
    p.set_defaults(func=cmd_search)

    reqs = sub.add_parser("requests", parents=[common], help=_("support requests"))
    rsub = reqs.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = rsub.add_parser("list", parents=[common], help=_("list support requests"))
    p.add_argument(
        "--status",
        metavar="STATUS",
        help=_("only this status: {statuses}").format(statuses=", ".join(wf.STATES)),
    )
    p.add_argument("--limit", type=int, metavar="N", help=_("at most N requests (newest first)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    worklist_cli.add_filters(p)
    p.set_defaults(func=cmd_requests_list)


def cmd_import(args: argparse.Namespace) -> int:
    progress = ProgressPrinter(
        args.progress,
        {
            "read": lambda done, _total: ngettext(
                "Checked {done} row", "Checked {done} rows", done).format(done=done),
            "save": lambda done, total: ngettext(
                "Saved {done} of {total} row", "Saved {done} of {total} rows", total
            ).format(done=done, total=total or "?"),
        },
    )
    with context(args) as ctx:
        try:
            result = import_applicants(ctx, args.file, dry_run=args.dry_run, progress=progress)
        except ImportFailed as failed:  # each row's problem first; main says the rest
            progress.finish()
            errors = failed.row_errors
            shown = errors if args.max_errors <= 0 else errors[: args.max_errors]
            for error in shown:
                warn(str(error))
            if len(shown) < len(errors):
                more = len(errors) - len(shown)
                warn(ngettext("... and {n} more", "... and {n} more", more)
                     .format(n=more))
            if failed.encoding:
                warn(_("File encoding: {name}").format(name=failed.encoding))
            raise
    progress.finish()
    if result.ignored_columns:
        warn(_("Ignored columns: {names}").format(names=", ".join(result.ignored_columns)))
    if result.dry_run:
        say(ngettext(
                "{n} row checked, valid (dry run: nothing imported)",
                "{n} rows checked, all valid (dry run: nothing imported)",
                result.rows,
            ).format(n=result.rows))
    else:
        say(
            ngettext(
                "Imported {n} applicant in {seconds:.1f} s",
                "Imported {n} applicants in {seconds:.1f} s",
                result.imported,
            ).format(
                n=result.imported, seconds=progress.elapsed
            )
        )
    if result.encoding:
        say(_("File encoding: {name}").format(name=result.encoding))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    progress = ProgressPrinter(False, {"write": lambda done, _total: ngettext(
        "Wrote {done} row", "Wrote {done} rows", done).format(done=done)})
    with context(args) as ctx:
        count = export_applicants(ctx, args.file, lang=args.lang, progress=progress)
    progress.finish()
    say(ngettext("Exported {n} applicant to {file}", "Exported {n} applicants to {file}", count).format(
            n=count, file=args.file))
    return 0


def read_city(given: str, default: str) -> str:
    """The city of a documented applicant: as given, else the association's; a profile that
    names none (Aman's): asked on a terminal, as the window's form waits for it, else ""
    (the form's check then names --city, as the window names the field)."""
    if given.strip() or default:
        return given or default
    if not sys.stdin.isatty():
        return given
    return input(_("City (the association's profile names none to take): ")).strip()


_OPTIONS = {"id_type": "--id-type", "id_country": "--id-country", "national_id": "--id",
            "full_name": "--name", "latin_name": "--latin-name", "birth_date": "--birth-date",
            "gender": "--gender", "phone": "--phone", "city": "--city", "category": "--category",
            "email": "--email", "preferred_channel": "--preferred-channel",
            "preferred_language": "--language"}


def cmd_add(args: argparse.Namespace) -> int:
    """``applicants add``: the import's reading of one row (name, dates, digits), the form's
    checks; a refusal is one line naming each option that is wrong, exit 2."""
    args.id_type = id_type_code(args.id_type)
    if args.id_type == id_types.NONE and args.id_number.strip():
        raise CliError(_("--id: a walk-in without a document has no number"), 2)
    with context(args) as ctx:
        profile = ctx.profile
        country = country_code(args.id_country) if args.id_type in id_types.WITH_COUNTRY else ""
        nationality = id_types.default_nationality(args.id_type, country)
        walk_in = args.id_type == id_types.NONE
        problems: list[tuple[str, str]] = []
        try:
            parts = four_parts(args.name, visitor=id_types.is_visitor(args.id_type))
        except ValidationError as exc:
            problems.append(("full_name", exc.message))
            parts = ("-",) * 4
        data = ApplicantInput(
            national_id=args.id_number, id_type=args.id_type, id_country=country,
            first_name=parts[0], father_name=parts[1], grandfather_name=parts[2],
            family_name=parts[3], latin_name=args.latin_name, birth_date=args.birth_date,
            birth_approx=year_only(args.birth_date),  # a year alone: "about 1980", as the import
            nationality=nationality,
            gender=gender_code(args.gender), phone=args.phone,
            # a walk-in is asked no city, marital status or category (none is made up for them)
            marital_status="" if walk_in else "single",
            city=args.city if walk_in else read_city(args.city, profile.city_ar),
            category=args.category if walk_in else args.category or profile.categories[0].code,
            consent=True, email=args.email, messages_consent=args.messages_consent == "yes",
            preferred_channel=args.preferred_channel, preferred_language=args.preferred_language,
        )
        try:
            if problems:  # the name is wrong: check the rest, store nothing
                validate(data, profile)
            else:
                view = applicants.register(ctx, data, confirm_similar=args.allow_similar)
        except ValidationError as exc:
            name_parts = {"first_name", "father_name", "grandfather_name", "family_name"}
            problems += [(f, m) for f, m in exc.errors if not (problems and f in name_parts)]
        except applicants.ExistingApplicant as found:
            raise CliError(_("This identity is already registered: applicant {id}").format(
                id=found.applicant_id), 2) from None
        except applicants.PossibleDuplicate as dup:
            raise CliError(_(
                "A similar name born the same day is registered: {names}; check, then repeat "
                "with --allow-similar"
            ).format(names=", ".join(f"{s.full_name} ({s.id})" for s in dup.similar)), 2) from None
        if problems:
            if not (walk_in or data.city.strip() or profile.city_ar):
                problems = [(f, m + _(" (the association's profile names no city to take when "
                                      "none is given)") if f == "city" else m)
                            for f, m in problems]
            raise CliError(_("; ").join(
                f"{_OPTIONS.get(f, f)}: {m}" for f, m in problems), 2)
        if args.coordination_consent == "yes":
            from ..services.coordination.reveals import set_consent

            set_consent(ctx, view.id, True)
    shown = view.id_number
    if args.json:
        print_json({"id": str(view.id), "id_type": view.id_type, "id_country": view.id_country,
                    "id_number": shown, "full_name": view.full_name,
                    "latin_name": view.latin_name, "birth_date": view.birth_date.isoformat(),
                    "birth_approx": view.birth_approx, "nationality": view.nationality,
                    "gender": view.gender, "phone": view.phone, "city": view.city,
                    "category": view.category, "branch": view.branch, "email": view.email,
                    "messages_consent": view.messages_consent,
                    "preferred_channel": view.preferred_channel,
                    "preferred_language": view.preferred_language})
        return 0
    identity = " ".join(p for p in (id_types.type_label(view.id_type),
                                    id_types.country_name(view.id_country, args.lang), shown) if p)
    said = for_gender((N_("Registered {name} ({identity}): applicant {id}"),
                       N_("Registered {name} ({identity}): applicant {id} (woman)")), view.gender)
    say(_(said).format(name=view.full_name, identity=identity, id=view.id))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError(_("--limit must be 1 or more"), 2)
    with context(args) as ctx:
        hits = search(ctx, args.text, limit=args.limit)
    if args.json:
        print_json(
            [
                {
                    "id": str(h.id),
                    "national_id": h.id_number,
                    "id_type": h.id_type,
                    "full_name": h.full_name,
                    "phone": h.phone,
                    "birth_date": h.birth_date.isoformat(),
                    "birth_approx": h.birth_approx,
                    "city": h.city,
                    "matched_reference": h.matched_reference,
                }
                for h in hits
            ]
        )
        return 0
    if not hits:
        say(_("No applicant found."))
    for h in hits:
        extra = f"  [{h.matched_reference}]" if h.matched_reference else ""
        say(
            f"{h.id_number or '-'}  {h.full_name}  {format_phone(h.phone)}  {born(h)}  {h.city}{extra}"
        )
    return 0


def _iso(moment: dt.datetime | None) -> str | None:
    """ISO 8601 in UTC; SQLite hands back the stored UTC time without its zone."""
    if moment is None:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).isoformat()


def cmd_requests_list(args: argparse.Namespace) -> int:
    if worklist_cli.asked(args):  # the desk's filters: this branch's requests, a page at a time
        with context(args, named=args.mine) as ctx:
            return worklist_cli.list_worklist(ctx, args)
    with context(args) as ctx:
        rows = request_service.list_requests(ctx, status=args.status, limit=args.limit)
        profile = ctx.profile
        if args.json:
            print_json(
                [
                    {
                        "id": str(r.id),
                        "reference": r.reference,
                        "status": r.status,
                        "national_id": r.national_id,
                        "applicant_name": r.applicant_name,
                        "program": r.program,
                        "channel": r.channel,
                        "branch": r.branch,
                        "created_at": _iso(r.created_at),
                        "submitted_at": _iso(r.submitted_at),
                        "answer_due": r.answer_due.isoformat() if r.answer_due else None,
                    }
                    for r in rows
                ]
            )
            return 0
        if not rows:
            say(_("No request found."))
        for r in rows:
            status = wf.state_label(r.status)
            due = (
                _("answer due {date}").format(date=day(r.answer_due))
                if r.answer_due
                else ""
            )
            say(
                f"{r.reference}  {status}  {r.national_id}  {r.applicant_name}  "
                f"{profile.program(r.program).name(args.lang)} / {profile.channel(r.channel).name(args.lang)}  {due}"
            )
    return 0


def born(hit) -> str:
    """A birth in a line said: «حوالي ١٩٨٠» when only its year is known, else the day (``day``)."""
    return birth_text(hit.birth_date, True, current_language()) if hit.birth_approx else day(hit.birth_date)
