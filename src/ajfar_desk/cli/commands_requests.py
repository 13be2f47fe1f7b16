"""``requests new`` and ``requests step``: a request's journey from the command line, acting as
a named user (``--user``) and refused by role exactly as the window refuses.

The steps are the workflow's table (``domain.workflow_steps``): a step added there is a step
here, with no code in this module.
"""

from __future__ import annotations

import argparse

from ..domain import workflow as wf
from ..domain.role_titles import role_title
from ..domain.workflow_steps import step_named, steps
from ..i18n import _, current_language
from ..services.requests import journey
from ..services.requests import requests as request_service
from .common import add_password_file, context, print_json, say, subcommands


def _steps_help() -> str:
    lines = [_("Steps (who may take them):")]
    joiner = "، " if current_language() == "ar" else ", "
    for spec in steps():
        extra = []
        if spec.needs_reason:
            extra.append("--reason")
        extra += [f"--{option}" for option in sorted(spec.takes)]
        # who may take it, in the language (the role's title, as the window names it)
        roles = joiner.join(role_title(role, None) for role in sorted(spec.roles))
        options = f" [{' '.join(extra)}]" if extra else ""
        lines.append(f"  {spec.name}{options}: {spec.label} ({roles})")
    return "\n".join(lines)


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    rsub = subcommands(sub, "requests", common, _("support requests"), "action")
    p = rsub.add_parser(
        "new",
        parents=[common],
        help=_("open a draft request for an applicant and print its reference"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_(
            "Prints the new request's reference. With --json: an object with id, reference, "
            "status, applicant_id, program and channel."
        ),
    )
    p.add_argument("--applicant", required=True, metavar="ID",
                   help=_("the applicant's ID number (or id)"))
    p.add_argument("--program", required=True, metavar="CODE", help=_("the program's code"))
    p.add_argument("--channel", required=True, metavar="CODE",
                   help=_("the channel the request came by"))
    p.add_argument("--text", default="", metavar="TEXT", help=_("what the applicant asks for"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_password_file(p)
    p.set_defaults(func=cmd_new)

    p = rsub.add_parser(
        "step",
        parents=[common],
        help=_("take one step of a request's journey (submit, approve, deliver, close...)"),
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_steps_help() + "\n\n" + _(
            "A committee decision goes into the open meeting, or a meeting of the day is "
            "opened, chaired by the member --chair names (without it: the member taking the "
            "step); its minutes name that chair. Prints the request's new status. With --json: an object with reference, "
            "step, from, to, and meeting (number, year, opened) for a committee decision."
        ),
    )
    p.add_argument("reference", metavar="REF")
    p.add_argument("step", metavar="ACTION", help=_("the step to take (listed below)"))
    p.add_argument("--reason", default="", metavar="TEXT",
                   help=_("why (required to return to the front desk, reject, ask for "
                          "information, defer, cancel or reopen; to submit, overrides unmet "
                          "eligibility conditions)"))
    p.add_argument("--service", default="", metavar="TEXT",
                   help=_("the service approved or delivered (deliver: the approved one by "
                          "default)"))
    p.add_argument("--amount", default="", metavar="AMOUNT", help=_("its amount"))
    p.add_argument("--chair", default="", metavar="USERNAME",
                   help=_("a committee decision: the user name of the committee member who "
                          "chairs its meeting (a meeting opened for it, or one in session with "
                          "nobody in its chair); without it the member taking the step chairs a "
                          "meeting opened for it"))
    p.add_argument("--confirm", action="append", default=[], metavar="CODE",
                   help=_("submit: an eligibility condition the employee checked (repeatable)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_password_file(p)
    p.set_defaults(func=cmd_step)


def cmd_new(args: argparse.Namespace) -> int:
    with context(args, named=True) as ctx:
        applicant_id = journey.find_applicant(ctx, args.applicant)
        view = request_service.create_request(
            ctx, applicant_id, args.program, args.channel, args.text)
    if args.json:
        print_json({
            "id": str(view.id),
            "reference": view.reference,
            "status": view.status,
            "applicant_id": str(applicant_id),
            "program": view.program,
            "channel": view.channel,
        })
    else:
        say(view.reference)
    return 0


def cmd_step(args: argparse.Namespace) -> int:
    step_named(args.step)  # an unknown step is refused before signing in
    with context(args, named=True) as ctx:
        result = journey.take_step(
            ctx, args.reference, args.step, reason=args.reason, service=args.service,
            amount=args.amount, confirmed=tuple(args.confirm), chair=args.chair,
        )
    if args.json:
        data: dict[str, object] = {
            "reference": result.reference,
            "step": result.step,
            "from": result.from_state,
            "to": result.to_state,
        }
        if result.meeting is not None:
            data["meeting"] = {"number": result.meeting, "year": result.meeting_year,
                               "opened": result.meeting_opened}
        print_json(data)
        return 0
    say(f"{result.reference}: {wf.state_label(result.from_state)} → "
        f"{wf.state_label(result.to_state)}")
    if result.meeting is not None:
        message = (_("Decided in meeting {number}/{year}, opened today")
                   if result.meeting_opened else _("Decided in meeting {number}/{year}"))
        say(message.format(number=result.meeting, year=result.meeting_year))
    return 0
