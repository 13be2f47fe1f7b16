"""``print declaration|referral REF --out FILE.pdf`` and ``verify NUMBER HASH``."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain import documents as paper
from ..i18n import N_, _, current_language
from ..services import documents, requests
from .common import context, print_json, say

_VERDICTS = {
    paper.GENUINE: N_("genuine and unaltered"),
    paper.ALTERED: N_("ALTERED: this hash does not match the document issued with this number"),
    paper.UNKNOWN: N_("UNKNOWN: no document with this number was issued by this store"),
}


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    pr = sub.add_parser("print", parents=[common], help=_("print a declaration or referral letter"))
    psub = pr.add_subparsers(dest="kind", required=True, metavar="PAPER")
    for kind, help_text in (
        (paper.DECLARATION, _("the applicant's declaration of accuracy of data")),
        (paper.REFERRAL, _("the referral of a submitted request to the research committee")),
    ):
        p = psub.add_parser(kind, parents=[common], help=help_text)
        p.add_argument("reference", metavar="REF", help=_("the request's reference"))
        p.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
        p.add_argument(
            "--new",
            action="store_true",
            help=_("issue a new revision even if one was issued before (otherwise: reprint)"),
        )
        p.add_argument(
            "--paper-lang", choices=("ar", "en"), help=_("the paper's language (default: --lang)")
        )
        if kind == paper.REFERRAL:
            p.add_argument("--note", default="", help=_("the social researcher's note"))
        p.set_defaults(func=cmd_print)

    v = sub.add_parser("verify", parents=[common], help=_("check a printed document's hash"))
    v.add_argument(
        "number", metavar="NUMBER", help=_("the document number, e.g. AJF-1447-000123-D1")
    )
    v.add_argument("hash", metavar="HASH", help=_("the SHA-256 printed on the document"))
    v.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    v.set_defaults(func=cmd_verify)


def cmd_print(args: argparse.Namespace) -> int:
    from ..printing.issue import save_paper  # ReportLab loads only for this command

    with context(args) as ctx:
        request = requests.find_by_reference(ctx, args.reference)
        doc = None if args.new else documents.latest(ctx, request.id, args.kind)
        if doc is None:
            doc = documents.issue(
                ctx,
                request.id,
                args.kind,
                lang=args.paper_lang or current_language(),
                note=getattr(args, "note", ""),
            )
        printed = save_paper(ctx, doc.number, Path(args.out))
    kind = _("copy") if printed.print_count > 1 else _("original")
    say(
        _("{number} ({kind}) written to {path}").format(
            number=printed.number, kind=kind, path=args.out
        )
    )
    say(_("SHA-256: {hash}").format(hash=printed.sha256))
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        result = documents.verify(ctx, args.number, args.hash)
    if args.json:
        doc = result.document
        print_json(
            {
                "number": result.number,
                "status": result.status,
                "kind": doc.kind if doc else None,
                "request": doc.content["request"]["reference"] if doc else None,
                "applicant": doc.content["applicant"]["full_name"] if doc else None,
                "issued_at": doc.content["issued_at"] if doc else None,
            }
        )
    else:
        say(f"{result.number}: {_(_VERDICTS[result.status])}")
        if result.document is not None and result.status == paper.GENUINE:
            c = result.document.content
            say(
                _("Applicant: {name} ({nid})").format(
                    name=c["applicant"]["full_name"], nid=c["applicant"]["national_id"]
                )
            )
            say(
                _("Request: {reference}; issued {when}").format(
                    reference=c["request"]["reference"], when=c["issued_at"]
                )
            )
    if result.status == paper.GENUINE:
        return 0
    return 3  # not genuine: scripts can tell it apart from a usage error (2) or a failure (1)
