"""Commands about the store itself: init, demo, doctor."""

from __future__ import annotations

import argparse
import os
import sys

from ..domain import workflow as wf
from ..domain.people import GENDERS
from ..domain.profile import AssociationProfile, ProfileError, get_profile
from ..domain.role_titles import role_title
from ..i18n import _, ngettext
from ..services.profile import profiles
from ..services.profile.versions import ProfileFiles
from ..services.store.context import AppContext
from ..services.store.doctor import diagnose
from ..services.users import setup
from .common import (
    CliError,
    ProgressPrinter,
    data_dir,
    decimal,
    first_line,
    follow_digits,
    open_store,
    print_json,
    read_gender,
    say,
    sign_in,
    typed_twice,
    warn,
)

PASSWORD_ENV = "AJFAR_ADMIN_PASSWORD"
DEMO_PASSWORD = "demo-password"


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("init", parents=[common], help=_("set up a new store for an association"))
    p.add_argument(
        "--association",
        required=True,
        metavar="PROFILE",
        help=_("association profile id, e.g. ajfar, baraa, alhuda, aman, najran"),
    )
    p.add_argument("--profile", metavar="FILE",
                   help=_("start from this profile file instead of the program's (a new "
                          "association: its id must be the one given to --association)"))
    p.add_argument("--branch", metavar="CODE", help=_("branch code (default: head office)"))
    p.add_argument("--admin", default="admin", metavar="USER", help=_("administrator's user name"))
    p.add_argument(
        "--admin-name",
        "--full-name",
        dest="admin_name",
        default="",
        metavar="NAME",
        help=_("administrator's full name, as papers print it (asked for on a terminal)"),
    )
    p.add_argument("--admin-gender", choices=tuple(GENDERS),
                   help=_("the administrator's gender, which the role's title and every message "
                          "to the administrator agree with (asked for on a terminal; else male, "
                          "and the output says so)"))
    p.add_argument(
        "--password-file",
        metavar="FILE",
        help=_(
            "read the administrator's password from the first line of FILE "
            "(else ${env}, else a prompt)"
        ).format(env=PASSWORD_ENV),
    )
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", parents=[common], help=_("fill a store with demonstration data"))
    p.add_argument(
        "--applicants", type=int, required=True, metavar="N", help=_("how many applicants")
    )
    p.add_argument(
        "--association", metavar="PROFILE", help=_("profile for a new store (default: ajfar)")
    )
    p.add_argument(
        "--branch", metavar="CODE", help=_("branch for a new store (default: head office)")
    )
    p.add_argument(
        "--seed", type=int, default=1, metavar="SEED", help=_("random seed (same seed, same data)")
    )
    p.add_argument("--progress", action="store_true", help=_("print progress lines on stderr"))
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("doctor", parents=[common], help=_("check the store and report problems"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(func=cmd_doctor)


def read_password(args: argparse.Namespace) -> str:
    if args.password_file:
        return first_line(args.password_file, _("Cannot read the password file: {error}"))
    if os.environ.get(PASSWORD_ENV):
        return os.environ[PASSWORD_ENV]
    if not sys.stdin.isatty():
        raise CliError(
            _(
                "No administrator password given: use --password-file FILE or set {env} "
                "(standard input is not a terminal, so there is no prompt)"
            ).format(env=PASSWORD_ENV),
            2,
        )
    return typed_twice(
        _("Administrator's password: "), _("Repeat the password: "), _("The two passwords differ")
    )


def _describe(ctx: AppContext, args: argparse.Namespace) -> None:
    follow_digits(ctx.profile)
    say(_("Association: {name} ({id})").format(name=ctx.profile.name(), id=ctx.profile.id))
    say(_("Branch: {name} ({code})").format(name=ctx.branch.name(), code=ctx.branch.code))
    if ctx.user:
        say(_("{role}: {name} ({user})").format(
            role=role_title(ctx.user.role, ctx.user.gender), name=ctx.user.full_name,
            user=ctx.user.username))
    say(_("Data folder: {path}").format(path=data_dir(args)))
    say(_("Store: {url}").format(url=ctx.store.url))


def init_profile(args: argparse.Namespace) -> tuple[AssociationProfile, ProfileFiles | None]:
    """The profile ``init`` starts from: ``--profile FILE`` (checked) or the program's file of
    ``--association``; a wrong file, id or branch fails before anything is created."""
    if not getattr(args, "profile", None):
        return get_profile(args.association), None
    try:
        checked = profiles.read(args.profile)
    except ProfileError as exc:
        raise CliError(str(exc), 2) from None
    if checked.profile.id != args.association:
        raise CliError(_("The profile file is for the association “{file}”, not “{given}”").format(
            file=checked.profile.id, given=args.association), 2)
    return checked.profile, checked.files


def cmd_init(args: argparse.Namespace) -> int:
    profile, files = init_profile(args)
    if args.branch:
        profile.branch(args.branch)
    password = read_password(args)
    if len(password) < setup.MIN_PASSWORD:
        raise CliError(
            ngettext("Password must be at least {n} character", "Password must be at least {n} characters", setup.MIN_PASSWORD).format(n=setup.MIN_PASSWORD), 2
        )
    full_name = read_full_name(args)
    gender = read_admin_gender(args)
    store = open_store(args)
    try:
        ctx = setup.init_store(store, profile.id, args.branch, args.admin, password, full_name,
                               gender or "male", files)
        say(_("Store set up."))
        _describe(ctx, args)
    finally:
        store.close()
    if not full_name:
        warn(_(
            "No full name given: papers will show the user name {user} as the responsible employee; "
            "give it with: ajfar-desk users set {user} --full-name NAME"
        ).format(user=args.admin.strip()))
    if gender is None:
        warn(_(
            "No gender given: the administrator was taken for a man (the role's title and the "
            "messages to the administrator are in the masculine); for a woman: "
            "ajfar-desk users set {user} --gender female"
        ).format(user=args.admin.strip()))
    return 0


def read_full_name(args: argparse.Namespace) -> str:
    """--full-name, else asked for on a terminal; "" for a script that gives none (as before)."""
    if args.admin_name.strip() or not sys.stdin.isatty():
        return args.admin_name.strip()
    return input(_("The administrator's full name, as papers print it: ")).strip()


def read_admin_gender(args: argparse.Namespace) -> str | None:
    """--admin-gender, else asked for on a terminal; None for a script that gives none (or a
    person who gave no answer understood): the caller sets up a man and says so."""
    return read_gender(args.admin_gender, _("Is the administrator a man or a woman? Type m or f: "))


def cmd_demo(args: argparse.Namespace) -> int:
    if args.applicants < 0:
        raise CliError(_("--applicants must be zero or more"), 2)
    store = open_store(args)
    hint = ""  # how to sign in to the store this run set up, said last
    try:
        ctx = setup.open_context(store)
        if ctx is None:
            password = os.environ.get(PASSWORD_ENV) or DEMO_PASSWORD
            ctx = setup.init_store(
                store, args.association or "ajfar", args.branch, "admin", password,
                _("Demo administrator"),  # as the window's demo: papers print a name, not «admin»
            )
            say(_("Store set up for the demonstration."))
            _describe(ctx, args)
            hint = (_("Sign in as {user} with the password in {env}.").format(user="admin", env=PASSWORD_ENV)
                    if os.environ.get(PASSWORD_ENV) else
                    _("Sign in as {user} with the password {password}.").format(user="admin", password=DEMO_PASSWORD))
        else:
            follow_digits(ctx.profile)
            if args.association and args.association != ctx.profile.id:
                raise CliError(
                    _("This store belongs to {id}, not {other}").format(
                        id=ctx.profile.id, other=args.association
                    ),
                    2,
                )
            if args.branch and args.branch != ctx.branch.code:
                raise CliError(
                    _("This store belongs to branch {code}, not {other}").format(
                        code=ctx.branch.code, other=args.branch
                    ),
                    2,
                )
            sign_in(ctx, args)
        from ..services.demo.demo import fill_demo  # Faker loads only for this command

        progress = ProgressPrinter(
            args.progress, {"demo": lambda done, total: ngettext(
                "Created {done} of {total} applicant", "Created {done} of {total} applicants", total
            ).format(done=done, total=total or "?")}
        )
        counts = fill_demo(ctx, args.applicants, seed=args.seed, progress=progress)
        progress.finish()
    finally:
        store.close()
    labels = {
        "applicants": _("Applicants"),
        "members": _("Household members"),
        "documents": _("Documents"),
        "expired_documents": _("of them expired"),
        "requests": _("Requests"),
        **{state: wf.state_label(state) for state in wf.STATES},
        "meetings": _("Committee meetings"),
        "decisions": _("Committee decisions"),
        "deliveries": _("Services delivered"),
        "surveys": _("Satisfaction surveys"),
        "complaints": _("Complaints and suggestions"),
        "enquiries": _("Enquiries"),
        "overdue": _("Overdue requests"),
    }
    for key, value in counts.items():
        if value or key not in wf.STATES:  # the states the demo did not reach are left out
            say(f"{labels.get(key, key)}: {value}")
    say(_("Done in {seconds} s").format(seconds=decimal(progress.elapsed, 1)))
    if hint:
        say(hint)
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    report = diagnose(args.data_dir, args.db_url)
    if report.association:
        try:
            follow_digits(get_profile(report.association))
        except ProfileError:  # the doctor says so below
            pass
    if args.json:
        print_json(
            {
                "ok": report.ok,
                "data_dir": str(report.data_dir),
                "store_url": report.store_url,
                "backups_dir": str(report.backups_dir),
                "association": report.association,
                "branch": report.branch,
                "counts": report.counts,
                "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in report.checks],
            }
        )
    else:
        say(_("Data folder: {path}").format(path=report.data_dir))
        say(_("Store: {url}").format(url=report.store_url))
        say(_("Backups: {path}").format(path=report.backups_dir))
        for check in report.checks:
            mark = _("OK") if check.ok else _("PROBLEM")
            say(f"[{mark}] {check.name}: {check.detail}")
        if report.counts:
            say(_("Applicants: {n}").format(n=report.counts.get("applicants", 0)))
            say(
                _("Requests: {n}").format(n=report.counts.get("requests", 0))
                + "".join(
                    f"{'؛ ' if args.lang == 'ar' else '; '}{_(wf.STATE_LABELS.get(k[9:], k[9:]))}: {v}"
                    for k, v in sorted(report.counts.items())
                    if k.startswith("requests_")
                )
            )
        say(_("All checks passed.") if report.ok else _("Problems found."))
    return 0 if report.ok else 1
