"""Administrators' commands: ``audit verify|list``, ``users list|add|set``, and a person's data
(``person export`` for the right of access, ``person anonymise`` on request).

The person commands are a group of their own: ``applicants`` (in ``commands_data``) cannot be
extended from here without reaching into argparse's private parts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from ..domain import audit as words
from ..domain.digits import digit_style, digits_only, localize_digits, normalize_digits
from ..domain.people import GENDERS, ROLES
from ..domain.text import strip_bidi_controls
from ..i18n import N_, _
from ..services.privacy import privacy, privacy_export
from ..services.users import audit, audit_text, users
from .common import (
    CliError,
    context,
    day,
    first_line,
    out_path,
    print_json,
    read_gender,
    say,
    typed_twice,
    verb,
    warn,
)

NEW_PASSWORD_ENV = "AJFAR_NEW_USER_PASSWORD"
NOT_INTACT = 3  # like ``verify`` of a paper: scripts tell it from a usage error or a failure
PROBLEM_KINDS = {
    "altered": N_("an entry was changed"),
    "missing": N_("an entry is missing"),
    "out_of_order": N_("entries are out of order"),
    "head": N_("the last entries were removed"),
    "cut": N_("entries at the end were cut"),
    "rehashed": N_("the chain was rewritten and re-hashed"),
    "emptied": N_("the log was emptied"),
    "appended": N_("entries were added outside the program"),
    "anchor": N_("an anchor file was altered"),
}
ANCHORED = frozenset({"cut", "rehashed", "emptied", "appended", "anchor"})


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    json_help = _("machine-readable output")
    log = sub.add_parser("audit", parents=[common], help=_("check and read the audit log"))
    lsub = log.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = lsub.add_parser("verify", parents=[common], help=_("check that no entry was changed or removed"))
    p.add_argument("--anchor", action="append", default=[], metavar="FILE", type=Path,
                   help=_("also compare with this anchor file (a peer's copy, a backup's)"))
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(func=cmd_audit_verify)
    p = lsub.add_parser("list", parents=[common], help=_("list audit entries, newest first"))
    p.add_argument("--entity", metavar="ID", help=_("only entries about this record (id or number)"))
    p.add_argument("--action", dest="what", metavar="ACTION", help=_("only this action, e.g. anonymise"))
    p.add_argument("--limit", type=int, default=50, metavar="N", help=_("at most N entries"))
    p.add_argument("--json", action="store_true", help=json_help)
    p.set_defaults(func=cmd_audit_list)

    accounts = sub.add_parser("users", parents=[common], help=_("user accounts and roles"))
    usub = accounts.add_subparsers(dest="action", required=True, metavar="ACTION")
    verb(usub, "list", common, _("list the user accounts"), cmd_users_list).add_argument(
        "--json", action="store_true", help=json_help)
    roles = ", ".join(ROLES)
    password_help = _(
        "read the password from the first line of FILE (else ${env}, else a prompt)"
    ).format(env=NEW_PASSWORD_ENV)
    p = verb(usub, "add", common, _("create a user account"), cmd_users_add)
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--role", required=True, metavar="ROLE", help=_("one of: {roles}").format(roles=roles))
    p.add_argument("--name", "--full-name", dest="name", required=True, metavar="NAME",
                   help=_("the user's full name, as papers print it"))
    p.add_argument("--gender", choices=tuple(GENDERS),
                   help=_("the role is named in the person's gender (asked for on a terminal; "
                          "else male, and the output says so)"))
    p.add_argument("--password-file", metavar="FILE", help=password_help)
    _keep_password_option(p)
    p = verb(usub, "set", common, _("change a role, disable or enable, new password"), cmd_users_set)
    p.add_argument("username", metavar="USERNAME")
    p.add_argument("--role", metavar="ROLE", help=_("one of: {roles}").format(roles=roles))
    p.add_argument("--full-name", "--name", dest="full_name", metavar="NAME",
                   help=_("the user's full name, as papers print it"))
    p.add_argument("--gender", choices=tuple(GENDERS),
                   help=_("the role is named in the person's gender"))
    state = p.add_mutually_exclusive_group()
    state.add_argument("--disable", dest="active", action="store_false", default=None,
                       help=_("the account can no longer sign in"))
    state.add_argument("--enable", dest="active", action="store_true", help=_("enable the account again"))
    p.add_argument("--password-file", metavar="FILE",
                   help=_("set the password from the first line of FILE (also unlocks)"))
    _keep_password_option(p)

    person = sub.add_parser("person", parents=[common], help=_("one person's data: export, anonymise"))
    psub = person.add_subparsers(dest="action", required=True, metavar="ACTION")
    p = verb(psub, "export", common, _("everything the store holds about one applicant (right of access)"),
             cmd_person_export)
    p.add_argument("national_id", metavar="NATIONAL_ID")
    p.add_argument("--out", required=True, metavar="FILE",
                   help=_("FILE.json (scans inline) or FILE.zip (scans as files)"))
    p.add_argument("--with-scans", action="store_true", help=_("include scans and signature images"))
    p = verb(psub, "anonymise", common, _("remove who the person is, keep the statistics (cannot be undone)"),
             cmd_person_anonymise)
    p.add_argument("national_id", metavar="NATIONAL_ID")
    p.add_argument("--reason", required=True, metavar="TEXT",
                   help=_("why, e.g. the person's written request (kept in the audit log)"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    p.add_argument("--json", action="store_true", help=json_help)


# -- audit -----------------------------------------------------------------------------------


def cmd_audit_verify(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        for path in args.anchor:
            if not path.is_file():
                raise CliError(_("No such anchor file: {file}").format(file=path), 2)
        problems = audit.verify(ctx, anchors=args.anchor)
        count = None if problems else len(audit.entries(ctx, limit=sys.maxsize))
    if args.json:
        print_json({
            "intact": not problems,
            "entries": count,
            "problems": [{"branch": p.branch, "chain": p.chain, "entry": p.seq, "kind": p.kind,
                          "detail": p.detail}
                         for p in problems],
        })
    elif not problems:
        say(_("The audit log is intact; entries checked: {n}").format(n=count))
    else:
        for p in problems:
            kind = _(PROBLEM_KINDS.get(p.kind, p.kind))
            if p.kind in ANCHORED:  # the detail says what is missing, already in words
                kind = f"{kind}: {p.detail}"
            say(_("Branch {branch}, entry {seq}: {kind}").format(branch=p.branch, seq=p.seq, kind=kind))
        say(_("The audit log is NOT intact; problems found: {n}").format(n=len(problems)))
    return NOT_INTACT if problems else 0


def cmd_audit_list(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError(_("--limit must be 1 or more"), 2)
    with context(args) as ctx:
        lines = audit.entries(ctx, entity_id=args.entity, action=args.what, limit=args.limit)
    if args.json:
        print_json([
            {"branch": e.branch, "entry": e.seq, "at": _iso(e.at), "user": e.user,
             "user_name": e.user_name, "action": e.action,
             "entity": e.entity, "entity_id": e.entity_id, "details": e.details}
            for e in lines
        ])
        return 0
    if not lines:
        say(_("No audit entry found."))
    style = digit_style(ctx.profile.digits)
    for e in lines:
        details = audit_text.details_text(ctx.profile, e.details, style)
        local = e.at.astimezone()  # the day Hijri first, as the window's log shows it
        at = localize_digits(f"{day(local.date())} {local.strftime('%H:%M:%S')}", style)
        what = strip_bidi_controls(words.what_text(e.entity, e.entity_id, full=True))
        seq = localize_digits(str(e.seq), style)
        say(f"{at}  {e.branch}#{seq}  {e.user_name or '-'}  {words.action_label(e.action)}  {what}  "
            f"{strip_bidi_controls(details)}".rstrip())
    return 0


def _iso(moment: dt.datetime) -> str:
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).isoformat()


# -- users -----------------------------------------------------------------------------------


def _keep_password_option(p: argparse.ArgumentParser) -> None:
    """As in the window, a password given by an administrator is for one sign-in: its owner
    chooses their own then; ``--keep-password`` leaves it as given (a script's account)."""
    p.add_argument("--keep-password", dest="must_change", action="store_false", default=True,
                   help=_("the person is not asked to choose their own password at the first "
                          "sign-in"))



def cmd_users_list(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        accounts = users.list_users(ctx)
    if args.json:
        print_json([{"username": u.username, "full_name": u.full_name, "role": u.role,
                     "gender": u.gender, "active": u.active, "locked": u.locked,
                     "has_full_name": u.has_full_name}
                    for u in accounts])
        return 0
    for u in accounts:
        name = u.full_name if u.has_full_name else _(
            "(no full name: papers show the user name; set it with --full-name)")
        say(f"{u.username}  {name}  {u.title}  {_state(u)}")
    return 0


def _state(u) -> str:
    state = _("active") if u.active else _("disabled")
    return state + (" " + _("(locked after wrong passwords)") if u.locked else "")


def cmd_users_add(args: argparse.Namespace) -> int:
    _check_role(args.role)
    gender = read_gender(args.gender, _("Is {name} a man or a woman? Type m or f: ").format(name=args.name))
    password = _password_from_file(args.password_file) if args.password_file else _new_password(args.username)
    with context(args) as ctx:
        u = users.create_user(ctx, args.username, args.name, args.role, password, gender or "male",
                              must_change_password=args.must_change)
    say(_("User {username} created: {name}, {role}").format(
        username=u.username, name=u.full_name, role=u.title))
    if gender is None:
        warn(_(
            "No gender given: {user} was taken for a man (the role's title and the messages to "
            "this user are in the masculine); for a woman: ajfar-desk users set {user} --gender female"
        ).format(user=u.username))
    return 0


def cmd_users_set(args: argparse.Namespace) -> int:
    if (args.role is None and args.active is None and not args.password_file
            and args.full_name is None and args.gender is None):
        raise CliError(_("Nothing to change: give --role, --full-name, --gender, --disable, "
                         "--enable or --password-file"), 2)
    if args.role is not None:
        _check_role(args.role)
    password = _password_from_file(args.password_file) if args.password_file else None
    with context(args) as ctx:
        wanted = args.username.strip().lower()
        found = [u for u in users.list_users(ctx) if u.username.lower() == wanted]
        if not found:
            raise CliError(_("No user named {username}").format(username=args.username), 2)
        u = users.update_user(ctx, found[0].id, role=args.role, active=args.active, password=password,
                              full_name=args.full_name, gender=args.gender,
                              must_change_password=args.must_change)
    say(_("User {username} updated: {name}, {role}, {state}").format(
        username=u.username, name=u.full_name, role=u.title, state=_state(u)))
    return 0


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise CliError(_("Unknown role {role}; the roles are: {roles}").format(
            role=role, roles=", ".join(ROLES)), 2)


def _password_from_file(name: str) -> str:
    return first_line(name, _("Cannot read the password file: {error}"))


def _new_password(username: str) -> str:
    if os.environ.get(NEW_PASSWORD_ENV):
        return os.environ[NEW_PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise CliError(_(
            "No password given: use --password-file FILE or set {env} "
            "(standard input is not a terminal, so there is no prompt)"
        ).format(env=NEW_PASSWORD_ENV), 2)
    return typed_twice(
        _("Password for {username}: ").format(username=username),
        _("Repeat the password: "),
        _("The two passwords differ"),
    )


# -- one person's data -------------------------------------------------------------------------


def cmd_person_export(args: argparse.Namespace) -> int:
    out = out_path(args, args.out)
    with context(args) as ctx:
        person = privacy_export.find_person(ctx, args.national_id)
        data = privacy_export.export_person(ctx, person.id, include_scans=args.with_scans)
    path = privacy_export.write_export(data, out)
    say(_("Everything held about {nid} written to {file} (requests: {requests}, audit entries: {entries})")
        .format(nid=person.national_id, file=path, requests=len(data["requests"]),
                entries=len(data["audit_trail"])))
    return 0


def cmd_person_anonymise(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        person = privacy_export.find_person(ctx, args.national_id)
        if person.anonymised_at is not None:
            raise CliError(_("This person's data was already anonymised on {date}").format(
                date=person.anonymised_at.date().isoformat()), 2)
        if not args.yes:
            _confirm(person)
        result = privacy.anonymise(ctx, person.id, args.reason)
    if args.json:
        print_json({
            "national_id": result.placeholder_id, "members": result.members,
            "documents": result.documents, "scans_deleted": result.scans_deleted,
            "studies": result.studies, "deliveries": result.deliveries, "papers": result.papers,
            "drafts": result.drafts, "wal_cleared": result.wal_cleared,
            "backups": [str(b) for b in result.backups],
        })
    else:
        say(_("Anonymised. The national ID column now holds {placeholder}.").format(
            placeholder=result.placeholder_id))
        say(_("Cleared: household members {members}, documents {documents} (scans deleted: {scans}), "
              "social studies {studies}, deliveries {deliveries}, issued papers {papers}.").format(
            members=result.members, documents=result.documents, scans=result.scans_deleted,
            studies=result.studies, deliveries=result.deliveries, papers=result.papers))
        if result.papers:
            say(_("The papers printed for this person now verify as altered: their stored content changed."))
    if result.wal_cleared is False:
        warn(_("Another program has the store open: the old data leaves the write-ahead log "
               "when it closes."))
    if result.backups:
        warn(_("Older copies of the store in {folder} still hold this person's data (files: {n}).").format(
            n=len(result.backups), folder=result.backups[0].parent))
    return 0


def _confirm(person: privacy_export.PersonRef) -> None:
    if not sys.stdin.isatty():
        raise CliError(_(
            "Anonymising cannot be undone: add --yes to confirm "
            "(standard input is not a terminal, so there is no question)"
        ), 2)
    say(_("This removes for good the name, ID, phones, district, notes, document numbers and scans "
          "of {name} ({nid}); the requests and the statistics stay.").format(
        name=person.full_name, nid=person.national_id))
    answer = input(_("Type the national ID again to confirm: "))
    if digits_only(normalize_digits(answer)) != person.national_id:
        raise CliError(_("Not confirmed: nothing was changed"), 1)
