"""``coordination create|invite|join|export|import|lookup|status|reveal|consent``: the consortium
of associations that learn, for a person at the desk, whether another member knows them, and
nothing about anyone else (private set intersection over files; ``docs/coordination.md``)."""

from __future__ import annotations

import argparse

from ..i18n import _, ngettext
from ..services.applicants import applicants
from ..services.coordination import exchange, membership, reveals
from ..services.store.output_files import write_atomic
from ..services.transfer.tabular import country_code, id_type_code
from .common import (
    CliError,
    context,
    json_verb,
    out_path,
    print_json,
    read_in,
    reading_verb,
    say,
    write_out,
    writing_verb,
)

YES_NO = ("yes", "no")


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("coordination", parents=[common],
                       help=_("coordinate with other associations without revealing anyone"))
    c = p.add_subparsers(dest="coordination", required=True, metavar="WHAT")
    cr = c.add_parser("create", parents=[common], help=_("found a consortium (its first member)"))
    cr.add_argument("--name", required=True, metavar="NAME", help=_("the consortium's name"))
    cr.add_argument("--out", required=True, metavar="FILE",
                    help=_("the consortium's charter: its id and the founder's key fingerprint"))
    cr.set_defaults(func=cmd_create)
    inv = writing_verb(c, "invite", common, _("invite another association"),
                       _("the invitation file to write"), cmd_invite)
    inv.add_argument("--member", required=True, metavar="NAME", help=_("the association's name"))
    reading_verb(c, "join", common, _("join a consortium with an invitation"), _("the invitation file"),
                 cmd_join)
    writing_verb(c, "export", common, _("write this member's exchange file"),
                 _("the exchange file to write"), cmd_export)
    reading_verb(c, "import", common, _("read another member's exchange file"), _("the exchange file"),
                 cmd_import, json=True)
    lo = c.add_parser("lookup", parents=[common],
                      help=_("is this person known to another member? (exit 1: to nobody)"))
    _identity(lo)
    lo.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    lo.set_defaults(func=cmd_lookup)
    json_verb(c, "status", common, _("the consortium, its members, their exchanges"), cmd_status)
    rv = c.add_parser("reveal", parents=[common], help=_("what a match with our people reveals"))
    for name, text in (("--association", _("the association's name")),
                       ("--program", _("the program of the last service")),
                       ("--month", _("the month of the last service"))):
        rv.add_argument(name, choices=YES_NO, help=text)
    rv.set_defaults(func=cmd_reveal)
    co = c.add_parser("consent", parents=[common], help=_("record a person's consent or its withdrawal"))
    _identity(co)
    co.add_argument("answer", choices=YES_NO, metavar="yes|no")
    co.set_defaults(func=cmd_consent)


def _identity(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("id", metavar="ID", help=_("the identity document's number"))
    parser.add_argument("--id-type", default="", metavar="TYPE",
                        help=_("national_id, iqama, passport, gcc_id, border_number or visa "
                               "(default: told by the first digit)"))
    parser.add_argument("--id-country", default="", metavar="ISO-3166",
                        help=_("the issuing country of a passport or GCC ID"))


def cmd_create(args) -> int:
    out = out_path(args, args.out)
    with context(args) as ctx:
        data = membership.create(ctx, args.name)
        status = membership.status(ctx)
    write_atomic(out, data)
    say(_("Consortium {name} founded ({id}); this member's key: {fingerprint}").format(
        name=status.name, id=status.consortium, fingerprint=status.fingerprint))
    return 0


def cmd_invite(args) -> int:
    return write_out(args, lambda ctx, passphrase: membership.invite(ctx, args.member, passphrase),
                     _("Invitation written to {path}; give its passphrase to the association "
                       "another way"), invitation=True)


def cmd_join(args) -> int:
    status = read_in(args, membership.join, invitation=True)
    say(_("This association joined {name} as {member}; members: {members}").format(
        name=status.name, member=status.member_name,
        members=_(", ").join(m.name for m in status.members)))
    return 0


def cmd_export(args) -> int:
    return write_out(args, exchange.export, _("Exchange file written to {path} ({size} bytes)"))


def cmd_import(args) -> int:
    result = read_in(args, exchange.import_file)
    if args.json:
        print_json(result.__dict__)
        return 0
    say(_("Read file {number} of {member}").format(number=result.number, member=result.sender))
    if result.answered:
        say(ngettext("{n} of our people is known to {member} too",
                     "{n} of our people are known to {member} too", result.matches).format(
            n=result.matches, member=result.sender))
    else:
        say(_("It does not answer our queries yet: it will after it has read our next file"))
    for name in result.new_members:
        say(_("New member: {name}").format(name=name))
    return 0


def cmd_lookup(args) -> int:
    with context(args) as ctx:
        found = reveals.lookup(ctx, args.id, id_type_code(args.id_type), country_code(args.id_country))
    if args.json:
        print_json({"applicant": str(found.applicant_id) if found.applicant_id else None,
                    "consent": found.consent,
                    "known_to": [{"association": r.association, "program": r.program,
                                  "service_month": r.service_month,
                                  "first_seen_at": r.first_seen_at.isoformat()} for r in found.reveals]})
    elif found.reveals:
        for r in found.reveals:
            say(reveals.describe(r))
    elif found.applicant_id is None:
        say(_("Nobody else knows this person as far as the last exchanges tell (we hold no file "
              "of this identity)"))
    elif not found.consent:
        say(_("This person has not consented to coordination: nothing is exchanged about them"))
    else:
        say(_("Nobody else knows this person as far as the last exchanges tell"))
    return 0 if found.reveals else 1


def cmd_status(args) -> int:
    with context(args) as ctx:
        st = membership.status(ctx)
    if args.json:
        print_json({**st.__dict__, "members": [m.__dict__ for m in st.members]})
        return 0
    say(_("Consortium {name} ({id}); this member: {member}, key {fingerprint}; files written: "
          "{n}").format(name=st.name, id=st.consortium, member=st.member_name,
                        fingerprint=st.fingerprint, n=st.exports))
    for m in st.members:
        if not m.is_self:
            say(_("{name} (key {fingerprint}): last file read {read}, last answered {answered}")
                .format(name=m.name, fingerprint=m.fingerprint,
                        read=m.last_import_at.isoformat(timespec="minutes") if m.last_import_at else "—",
                        answered=m.last_answered_at.isoformat(timespec="minutes")
                        if m.last_answered_at else "—"))
    return 0


def cmd_reveal(args) -> int:
    with context(args) as ctx:
        now = membership.status(ctx)
        chosen = {"association": now.reveal_association, "program": now.reveal_program,
                  "month": now.reveal_month}
        for key in chosen:
            if getattr(args, key) is not None:
                chosen[key] = getattr(args, key) == "yes"
        st = membership.set_reveal(ctx, **chosen)
    say(_("A match reveals: the association's name {a}; the program {p}; the month {m}").format(
        a=_("yes") if st.reveal_association else _("no"), p=_("yes") if st.reveal_program else _("no"),
        m=_("yes") if st.reveal_month else _("no")))
    return 0


def cmd_consent(args) -> int:
    with context(args) as ctx:
        view = applicants.by_national_id(ctx, args.id, id_type_code(args.id_type),
                                         country_code(args.id_country))
        if view is None:
            raise CliError(_("No applicant has this identity"), 2)
        given = reveals.set_consent(ctx, view.id, args.answer == "yes")
    say(_("Consent to coordination recorded") if given else
        _("Consent to coordination withdrawn: the person leaves the next exchange"))
    return 0
