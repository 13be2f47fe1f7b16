"""The papers of a request's journey from the command line, acting as a named user:
``documents add`` (an applicant's document), ``declaration sign`` (the signed paper recorded)
and ``survey record`` (the applicant's satisfaction after the service)."""

from __future__ import annotations

import argparse

from ..domain import feedback
from ..i18n import _
from ..services.applicants import applicants
from ..services.feedback import surveys
from ..services.papers import documents as paper_service
from ..services.requests import journey
from ..services.requests import requests as request_service
from .common import CliError, add_password_file, context, print_json, say, subcommands


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    dsub = subcommands(sub, "documents", common, _("an applicant's documents"), "what")
    p = dsub.add_parser(
        "add", parents=[common], help=_("record a document the applicant showed"),
        epilog=_("With --json: an object with id, kind, number, issue_date and expiry_date."),
    )
    p.add_argument("applicant", metavar="ID", help=_("the applicant's ID number (or id)"))
    p.add_argument("--kind", required=True, metavar="KIND", help=_("the document's kind (its code)"))
    p.add_argument("--number", default="", metavar="NUMBER", help=_("the document's number"))
    p.add_argument("--expires", default="", metavar="DATE",
                   help=_("its expiry date, Hijri or Gregorian"))
    p.add_argument("--issued", default="", metavar="DATE", help=_("its issue date"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_password_file(p)
    p.set_defaults(func=cmd_document_add)

    dsub = subcommands(sub, "declaration", common, _("the declaration of accuracy of data"), "what")
    p = dsub.add_parser(
        "sign", parents=[common],
        help=_("record that the applicant signed the printed declaration"),
        epilog=_("Print it first: ajfar-desk print declaration REF --out FILE.pdf. "
                 "With --json: an object with number, request and signed_at."),
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("--on-paper", action="store_true", required=True,
                   help=_("the applicant signed the printed paper by hand"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_password_file(p)
    p.set_defaults(func=cmd_declaration_sign)

    ssub = subcommands(sub, "survey", common, _("satisfaction surveys"), "survey")
    p = ssub.add_parser(
        "record", parents=[common], help=_("record the applicant's answers to the survey"),
        epilog=_("With --json: an object with id, survey, mode, taken_on, answers and index "
                 "(percent)."),
    )
    p.add_argument("reference", metavar="REF", help=_("the request the survey is about"))
    p.add_argument("--answer", action="append", default=[], metavar="CODE=VALUE", required=True,
                   help=_("a question's code and its answer (1 to 5, or text); repeatable"))
    p.add_argument("--mode", choices=feedback.MODES, default=feedback.DESK,
                   help=_("how it was taken (default: at the desk)"))
    p.add_argument("--taken-on", default="", metavar="DATE",
                   help=_("the date on a printed form (default: today)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_password_file(p)
    p.set_defaults(func=cmd_survey_record)


def _date(value) -> str | None:
    return value.isoformat() if value else None


def cmd_document_add(args: argparse.Namespace) -> int:
    with context(args, named=True) as ctx:
        applicant_id = journey.find_applicant(ctx, args.applicant)
        view = applicants.add_document(ctx, applicant_id, applicants.DocumentInput(
            args.kind, args.number, args.issued, args.expires))
    if args.json:
        print_json({"id": str(view.id), "kind": view.kind, "number": view.number,
                    "issue_date": _date(view.issue_date), "expiry_date": _date(view.expiry_date)})
    else:
        say(_("Document recorded: {kind} {number}").format(kind=view.kind, number=view.number))
    return 0


def cmd_declaration_sign(args: argparse.Namespace) -> int:
    with context(args, named=True) as ctx:
        request = request_service.find_by_reference(ctx, args.reference)
        declaration = paper_service.latest(ctx, request.id, "declaration")
        if declaration is None:
            raise CliError(_(
                "No declaration was issued for {reference}: print it first "
                "(ajfar-desk print declaration {reference} --out FILE.pdf)"
            ).format(reference=request.reference), 2)
        view = paper_service.record_wet_signature(ctx, declaration.number)
    if args.json:
        print_json({"number": view.number, "request": request.reference,
                    "signed_at": view.signed_at.isoformat() if view.signed_at else None})
    else:
        say(_("Declaration {number} recorded as signed on paper").format(number=view.number))
    return 0


def _answers(pairs: list[str]) -> dict[str, object]:
    answers: dict[str, object] = {}
    for pair in pairs:
        code, sep, value = pair.partition("=")
        if not sep or not code.strip():
            raise CliError(_("--answer takes CODE=VALUE, not {text}").format(text=pair), 2)
        answers[code.strip()] = value
    return answers


def cmd_survey_record(args: argparse.Namespace) -> int:
    answers = _answers(args.answer)
    with context(args, named=True) as ctx:
        request = request_service.find_by_reference(ctx, args.reference)
        view = surveys.record_survey(ctx, surveys.SurveyInput(
            request.id, args.mode, answers, taken_on=args.taken_on))
    if args.json:
        print_json({"id": str(view.id), "survey": view.survey, "mode": view.mode,
                    "taken_on": view.taken_on.isoformat(), "answers": view.answers,
                    "index": float(view.index) if view.index is not None else None})
    else:
        say(_("Survey recorded for {reference}").format(reference=request.reference))
    return 0
