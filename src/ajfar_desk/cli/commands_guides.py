"""``guides rights|support-form|library``: the employee's tools from the command line — the
beneficiary's rights and duties and the blank support-request form as PDF (one sheet each),
and the association's library listed."""

from __future__ import annotations

import argparse

from ..i18n import _, current_language
from ..services.guides import library
from ..services.store.output_files import write_atomic
from .common import context, listing, out_path, say


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    g = sub.add_parser("guides", parents=[common], help=_("the employee's tools: papers and the library"))
    gsub = g.add_subparsers(dest="guides", required=True, metavar="WHAT")
    for name, help_text, func in (
        ("rights", _("the beneficiary's rights and duties on one sheet, as PDF"), cmd_rights),
        ("support-form", _("the blank beneficiary support-request form, as PDF"), cmd_support_form),
    ):
        p = gsub.add_parser(name, parents=[common], help=help_text)
        p.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
        p.add_argument("--paper-lang", choices=("ar", "en"), help=_("the paper's language (default: --lang)"))
        if name == "rights":
            p.add_argument("--woman", action="store_true",
                           help=_("the words said to a woman applicant (the profile's feminine items)"))
        p.set_defaults(func=func)
    li = gsub.add_parser("library", parents=[common], help=_("list and search the association's library"))
    li.add_argument("text", nargs="?", default="", metavar="TEXT", help=_("words of the title, kind or file name"))
    li.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    li.set_defaults(func=cmd_library)


def _write(args: argparse.Namespace, make) -> int:
    out = out_path(args, args.out)
    lang = args.paper_lang or current_language()
    with context(args) as ctx:
        profile = ctx.profile
    write_atomic(out, make(profile, lang))
    say(_("Written to {path}").format(path=args.out))
    return 0


def cmd_rights(args: argparse.Namespace) -> int:
    from ..printing.rights_sheet import rights_pdf

    gender = "female" if args.woman else None
    return _write(args, lambda profile, lang: rights_pdf(profile, lang, gender=gender))


def cmd_support_form(args: argparse.Namespace) -> int:
    from ..printing.support_form import blank_support_request_pdf

    return _write(args, blank_support_request_pdf)


def cmd_library(args: argparse.Namespace) -> int:
    lang = current_language()
    with context(args) as ctx:
        items = library.list_documents(ctx, args.text)
    return listing(args, items, lambda i: {
        "title": i.title, "kind": i.kind, "file": i.file, "path": i.path, "present": i.present,
        "added": i.added or None,
    }, lambda i: f"{i.title}  —  {i.kind_label(lang)}  —  {i.path}" + ("" if i.present else "  " + _("(missing)")))
