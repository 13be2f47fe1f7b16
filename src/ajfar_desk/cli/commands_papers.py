"""``print declaration|referral|receipt|decision|missing-documents REF --out FILE.pdf``, ``print minutes --meeting N``
and ``verify NUMBER HASH``."""

from __future__ import annotations

import argparse

from ..domain import documents as paper
from ..domain.errors import ValidationError
from ..i18n import N_, _, current_language
from ..services.committee import committee, members
from ..services.papers import committee_papers, documents, paper_language
from ..services.requests import requests
from .common import context, out_path, print_json, say

_VERDICTS = {
    paper.GENUINE: N_("genuine and unaltered"),
    paper.ALTERED: N_("ALTERED: this hash does not match the document issued with this number"),
    paper.UNKNOWN: N_("UNKNOWN: no document with this number was issued by this store"),
}

_CHECKED = (paper.DECISION, paper.RECEIPT, paper.NEEDED)  # papers that say what the records say now
MISSING_DOCUMENTS = "missing-documents"  # the command's name for the paper ``paper.NEEDED``


def _issue_options(p: argparse.ArgumentParser) -> None:
    """What every printed paper takes: the file, a new revision or a reprint, the language."""
    p.add_argument("--out", required=True, metavar="FILE.pdf", help=_("the PDF file to write"))
    p.add_argument(
        "--new",
        action="store_true",
        help=_("issue a new revision even if one was issued before (otherwise: reprint)"),
    )
    p.add_argument(
        "--paper-lang", choices=("ar", "en"), help=_("the paper's language (default: --lang)")
    )


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    pr = sub.add_parser(
        "print", parents=[common], help=_("print a declaration, letter or meeting minutes")
    )
    psub = pr.add_subparsers(dest="kind", required=True, metavar="PAPER")
    for kind, help_text in (
        (paper.DECLARATION, _("the applicant's declaration of accuracy of data")),
        (paper.REFERRAL, _("the referral of a submitted request to the research committee")),
        (paper.RECEIPT, _("the applicant's receipt of a submitted request, with the answer date")),
        (paper.DECISION, _("the letter telling the applicant the committee's decision")),
    ):
        p = psub.add_parser(kind, parents=[common], help=help_text)
        p.add_argument("reference", metavar="REF", help=_("the request's reference"))
        _issue_options(p)
        if kind == paper.REFERRAL:
            p.add_argument("--note", default="", help=_("the social researcher's note"))
        if kind == paper.DECISION:
            p.add_argument(
                "--signatory",
                choices=documents.SIGNATORIES,
                default=documents.CHAIR,
                help=_("who signs the letter: the committee's chair or the manager"),
            )
        p.set_defaults(func=cmd_print)
    # a draft's missing documents, for the applicant to take home (refused when none is missing)
    p = psub.add_parser(MISSING_DOCUMENTS, parents=[common], help=_(
        "the documents a draft request still needs, for the applicant to bring"))
    p.add_argument("reference", metavar="REF", help=_("the request's reference"))
    _issue_options(p)
    p.set_defaults(func=cmd_print, paper=paper.NEEDED)
    m = psub.add_parser(
        paper.MINUTES, parents=[common], help=_("the minutes of a committee meeting")
    )
    m.add_argument(
        "--meeting", required=True, type=int, metavar="NUMBER", help=_("the meeting's number")
    )
    m.add_argument(
        "--year", type=int, metavar="YEAR", help=_("its Hijri year (default: the latest)")
    )
    m.add_argument(
        "--close", action="store_true",
        help=_("close the meeting first if it is still in session (minutes record a meeting "
               "that ended; requests it left undecided wait for the next one)"),
    )
    m.add_argument(
        "--chair", default="", metavar="USERNAME",
        help=_("with --close: the user name of the committee member who chaired the meeting, "
               "recorded when nobody was; without it a meeting with nobody in its chair prints "
               "minutes that leave the chair's line to sign by hand"),
    )
    _issue_options(m)
    m.set_defaults(func=cmd_print_minutes)

    v = sub.add_parser("verify", parents=[common], help=_("check a printed document's hash"))
    v.add_argument(
        "number", metavar="NUMBER", help=_("the document number, e.g. AJF-1447-000123-D1")
    )
    v.add_argument("hash", metavar="HASH", nargs="?", default="",
                   help=_("the SHA-256 printed on the document (not needed with the QR code's text)"))
    v.add_argument("--signature", metavar="SIG", default=None,
                   help=_("the signature the QR code carries (given with the QR code's text)"))
    v.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    v.set_defaults(func=cmd_verify)


def cmd_print(args: argparse.Namespace) -> int:
    from ..printing.issue import save_paper  # ReportLab loads only for this command

    out = out_path(args, args.out)
    kind = getattr(args, "paper", None) or args.kind
    with context(args) as ctx:
        request = requests.find_by_reference(ctx, args.reference)
        doc = None if args.new else documents.latest(ctx, request.id, kind)
        if doc is not None and kind in _CHECKED and _outdated(ctx, doc, args):
            doc = None  # a later decision or submission, another signatory: anew
        if doc is None:
            extra = {"signatory": args.signatory} if args.kind == paper.DECISION else {}
            doc = documents.issue(
                ctx,
                request.id,
                kind,
                lang=args.paper_lang or current_language(),
                note=getattr(args, "note", ""),
                **extra,
            )
        elif args.paper_lang and args.paper_lang != doc.lang:  # its revision in that language
            doc = paper_language.in_language(ctx, doc.number, args.paper_lang)
        printed = save_paper(ctx, doc.number, out)
    _report(printed, args.out)
    return 0


def cmd_print_minutes(args: argparse.Namespace) -> int:
    from ..printing.issue import save_paper

    if args.chair.strip() and not args.close:
        raise ValidationError("chair", _(
            "Chair: --chair names who chaired the meeting as it closes; give --close with it"))
    out = out_path(args, args.out)
    with context(args) as ctx:
        meeting_id = committee_papers.find_meeting(ctx, args.meeting, args.year)
        if args.close:  # a meeting already closed stays as it is
            chair = members.chair_named(ctx, args.chair) if args.chair.strip() else ""
            committee.close_meeting(ctx, meeting_id, chair, insist=True)
        doc = None if args.new else committee_papers.latest_minutes(ctx, meeting_id)
        if doc is not None and _outdated(ctx, doc, args):
            doc = None  # decisions taken since: new minutes
        if doc is None:
            doc = committee_papers.issue_minutes(
                ctx, meeting_id, lang=args.paper_lang or current_language()
            )
        elif args.paper_lang and args.paper_lang != doc.lang:
            doc = paper_language.in_language(ctx, doc.number, args.paper_lang)
        printed = save_paper(ctx, doc.number, out)
    _report(printed, args.out)
    return 0


def _outdated(ctx, doc: paper.IssuedView, args: argparse.Namespace) -> bool:
    """Another signatory asked for, or the records changed since (another language is not
    "outdated": the revision in that language is found or issued by ``in_language``)."""
    signatory = getattr(args, "signatory", None)
    if signatory and doc.content.get("signatory", {}).get("role", signatory) != signatory:
        return True
    return not committee_papers.is_current(ctx, doc)


def _report(printed: paper.IssuedView, out: str) -> None:
    kind = _("copy") if printed.print_count > 1 else _("original")
    say(_("{number} ({kind}) written to {path}").format(number=printed.number, kind=kind, path=out))
    say(_("SHA-256: {hash}").format(hash=printed.sha256))


_SIGNATURES = {
    "valid": N_("Signature: valid, made with the association's key"),
    "invalid": N_("Signature: INVALID"),
    "none": N_("Signature: none (a paper printed before papers were signed, or typed by hand)"),
}


def cmd_verify(args: argparse.Namespace) -> int:
    number, digest, signature = args.number, args.hash, args.signature
    scanned = paper.parse_qr_payload(args.number)
    if scanned:  # the QR code's whole text: number, hash and signature
        number, digest = scanned
        signature = signature or paper.qr_signature(args.number)
    with context(args) as ctx:
        result = documents.verify(ctx, number, digest, signature)
    doc = result.document
    c = doc.content if doc else {}
    meeting = c.get("meeting")
    if args.json:
        print_json(
            {
                "number": result.number,
                "status": result.status,
                "kind": doc.kind if doc else None,
                "request": c["request"]["reference"] if "request" in c else None,
                "applicant": c["applicant"]["full_name"] if "applicant" in c else None,
                "meeting": {"number": meeting["number"], "year": meeting["year"]}
                if meeting
                else None,
                "issued_at": c.get("issued_at"),
                "signature": result.signature,
                "reasons": list(result.reasons),
            }
        )
    else:
        say(f"{result.number}: {_(_VERDICTS[result.status])}")
        for reason in result.reasons:
            say("- " + reason)
        if doc is not None:
            say(_(_SIGNATURES[result.signature]))
        if doc is not None and result.status == paper.GENUINE and meeting:
            say(
                _("Minutes of meeting {n} of {year}, held {date}; issued {when}").format(
                    n=meeting["number"],
                    year=meeting["year"],
                    date=meeting["held_on"],
                    when=c["issued_at"],
                )
            )
        elif doc is not None and result.status == paper.GENUINE:
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
