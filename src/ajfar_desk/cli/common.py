"""What the commands share: opening the store, the acting user, output and progress."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import os
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..db.engine import STORE_FILE
from ..domain.dates import format_both
from ..domain.errors import AppError
from ..i18n import _, current_language, ngettext
from ..paths import default_data_dir
from ..services.store.store import Store
from ..services.users import setup
from .digits import decimal, follow_digits, presume_digits, said  # noqa: F401 - theirs to import

USER_ENV = "AJFAR_USER"
PASSWORD_ENV = "AJFAR_PASSWORD"


def day(d) -> str:
    """A date in a line said: Hijri beside Gregorian, Hijri first, as the window shows dates
    (``format_both``: "10/04/1446 هـ (13/10/2024)"); the digits follow ``say``.  Gregorian
    alone outside the Umm al-Qura range; "" for no date."""
    if d is None:
        return ""
    return format_both(d, current_language())


def moment(at) -> str:
    """A stored moment in a line said: its local day as ``day`` writes it, then the hour
    ("27/06/1448 هـ (07/12/2026) 19:16"); "" for none."""
    if at is None:
        return ""
    local = (at if at.tzinfo else at.replace(tzinfo=dt.UTC)).astimezone()
    return f"{day(local.date())} {local.strftime('%H:%M')}"


class CliError(AppError):
    """A failure to report as one line on stderr, with an exit code (2: usage or input, 1: other)."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.exit_code = self.code = code


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir) if args.data_dir else default_data_dir()


def store_exists(args: argparse.Namespace) -> bool:
    """False only when we know there is no store yet (the default SQLite file is absent)."""
    return bool(args.db_url) or (data_dir(args) / STORE_FILE).is_file()


def out_path(
    args: argparse.Namespace, value: str | Path, option: str = "--out", folder_ok: bool = False
) -> Path:
    """An output path checked before any work: never one of the data folder's store files."""
    from ..services.store.output_files import safe_output
    from ..services.store.store import store_file

    folder = data_dir(args)
    return safe_output(
        value, folder, db_file=store_file(folder, args.db_url), option=option, folder_ok=folder_ok
    )


_OPENED: list[Store] = []  # stores this command opened: a daily backup after it, if it wrote


def open_store(args: argparse.Namespace) -> Store:
    from ..services.store.daily_backup import watch_writes

    store = Store.open(args.data_dir, args.db_url)  # no backup before answering
    watch_writes(store)
    _OPENED.append(store)
    return store


def after_command() -> list:
    """The day's backup of each store the command wrote to, in a detached child (not waited
    for: the command has answered).  Returns the children started."""
    from ..services.store.daily_backup import after_command as start_backup

    started = [child for store in _OPENED if (child := start_backup(store)) is not None]
    _OPENED.clear()
    return started


def acting_username(args: argparse.Namespace) -> str | None:
    """The account named with --user, else by $AJFAR_USER; None: nobody named."""
    return getattr(args, "user", None) or os.environ.get(USER_ENV) or None


def acting_password(args: argparse.Namespace) -> str | None:
    """The named user's password: the first line of --password-file (given before the command),
    else $AJFAR_PASSWORD; never an argument of its own (it would show in the process list)."""
    name = getattr(args, "acting_password_file", None)
    if name:
        return first_line(name, _("Cannot read the password file: {error}"))
    return os.environ.get(PASSWORD_ENV)


def first_line(name: str | Path, cannot_read: str) -> str:
    """A secret given in a file (a password, a passphrase: never as an argument, which shows in
    the process list): the file's first line.  ``cannot_read`` is the message, with ``{error}``."""
    try:
        lines = Path(name).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise CliError(cannot_read.format(error=exc.strerror or exc), 2) from None
    return lines[0] if lines else ""


INVITE_ENV = "AJFAR_INVITE_PASSPHRASE"


def invitation_passphrase(confirm: bool) -> str:
    """An invitation's passphrase (a branch laptop's, another association's): from
    $AJFAR_INVITE_PASSPHRASE, else typed at the terminal (twice when making the invitation)."""
    if os.environ.get(INVITE_ENV):
        return os.environ[INVITE_ENV]
    if not sys.stdin.isatty():
        raise CliError(_("Give the invitation's passphrase in {env}").format(env=INVITE_ENV), 2)
    first = getpass.getpass(_("Invitation passphrase: "))
    if confirm and getpass.getpass(_("Again: ")) != first:
        raise CliError(_("The two passphrases differ"), 2)
    return first


def typed_twice(prompt: str, again: str, differ: str) -> str:
    """A new secret typed at the terminal, hidden, and again to confirm it."""
    first = getpass.getpass(prompt)
    if getpass.getpass(again) != first:
        raise CliError(differ, 2)
    return first


def sign_in(ctx, args: argparse.Namespace, *, named: bool = False) -> None:
    """Who the command acts as.  A named user (--user or $AJFAR_USER) signs in as at the window:
    the password is checked (argon2; five wrong ones lock the account for 15 minutes; every
    attempt is audited) and a disabled account is refused.  Nobody named: the first active
    administrator, as scripts have always had it, unless the command acts for a person at the
    desk (``named``), which then refuses."""
    username = acting_username(args)
    if not username:
        if named:
            raise CliError(
                _("This command acts as a named user: give --user NAME, with the password in "
                  "${env} or --password-file FILE").format(env=PASSWORD_ENV), 2)
        ctx.user = setup.acting_user(ctx, None)
        return
    password = acting_password(args)
    if password is None:
        raise CliError(
            _("No password for {username}: set ${env} or give --password-file FILE").format(
                username=username, env=PASSWORD_ENV), 2)
    ctx.user = setup.sign_in(ctx, username, password)


@contextmanager
def context(args: argparse.Namespace, *, named: bool = False):
    """The set-up store's context, acting as the user ``sign_in`` names (see there)."""
    if not store_exists(args):
        raise CliError(not_set_up_message(args), 2)
    store = open_store(args)
    try:
        ctx = setup.open_context(store)
        if ctx is None:
            raise CliError(not_set_up_message(args), 2)
        follow_digits(ctx.profile)
        sign_in(ctx, args, named=named)
        yield ctx
    finally:
        store.close()


def not_set_up_message(args: argparse.Namespace) -> str:
    return _("No store is set up in {path}; run: ajfar-desk init --association ID").format(
        path=data_dir(args)
    )


def say(text: str = "") -> None:
    """One line of the answer, its digits as ``follow_digits`` set them."""
    print(said(text), flush=True)


def say_shown(n: int) -> None:
    """The line under a listing: how many rows it showed (in each language's plural form)."""
    say(ngettext("{n} shown", "{n} shown", n).format(n=n))


def listing(args: argparse.Namespace, rows: Sequence, as_json: Callable, line: Callable[..., str]) -> int:
    """A listing's answer: each row ``as_json`` (with --json), else one ``line`` a row and how
    many were shown."""
    if args.json:
        print_json([as_json(r) for r in rows])
        return 0
    for r in rows:
        say(line(r))
    say_shown(len(rows))
    return 0


def contact_options(p: argparse.ArgumentParser, request_help: str) -> None:
    """The options of a contact received (an enquiry, a complaint): who (a registered
    applicant's ID, a phone), the request it concerns (``request_help``), the day it was
    received, and --json for the result."""
    p.add_argument("--applicant", default="", metavar="ID",
                   help=_("the ID number of a registered applicant"))
    p.add_argument("--phone", default="", metavar="PHONE", help=_("their phone"))
    p.add_argument("--request", default="", metavar="REF", help=request_help)
    p.add_argument("--date", default="", metavar="DATE",
                   help=_("the day it was received, in either calendar (default: today)"))
    p.add_argument("--json", action="store_true", help=_("print the result as JSON"))


def warn(text: str) -> None:
    print(said(text), file=sys.stderr, flush=True)


def print_json(data: object) -> None:
    """For scripts: Western digits whatever the profile (never through ``say``)."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str), flush=True)


def write_out(args: argparse.Namespace, make: Callable, done: str, *, invitation: bool = False) -> int:
    """An exchanged file (a bundle, an invitation, an exchange file): --out checked before any
    work, its bytes made in the store's context, written whole or not at all; then ``done``
    said, with ``{path}`` and ``{size}`` (in bytes).  An ``invitation``'s passphrase is asked
    (twice) once --out is known to be good, and given to ``make`` after the context."""
    from ..services.store.output_files import write_atomic

    out = out_path(args, args.out)
    asked = (invitation_passphrase(confirm=True),) if invitation else ()
    with context(args) as ctx:
        data = make(ctx, *asked)
    write_atomic(out, data)
    say(done.format(path=args.out, size=len(data)))
    return 0


def read_in(args: argparse.Namespace, apply: Callable, *, invitation: bool = False):
    """A received file (FILE) applied in the store's context; returns what ``apply`` returns.
    An ``invitation``'s passphrase is asked once the file is read, and given to ``apply``."""
    data = Path(args.file).read_bytes()
    asked = (invitation_passphrase(confirm=False),) if invitation else ()
    with context(args) as ctx:
        return apply(ctx, data, *asked)


def verb(sub, name: str, common: argparse.ArgumentParser, help_text: str, func: Callable):
    """A sub-command (with the options every command takes) that ``func`` runs."""
    parser = sub.add_parser(name, parents=[common], help=help_text)
    parser.set_defaults(func=func)
    return parser


def json_verb(sub, name: str, common: argparse.ArgumentParser, help_text: str, func: Callable):
    """A sub-command whose answer can be printed as JSON (--json)."""
    parser = verb(sub, name, common, help_text, func)
    parser.add_argument("--json", action="store_true", help=_("print the result as JSON"))
    return parser


def writing_verb(sub, name: str, common: argparse.ArgumentParser, help_text: str, out_help: str,
                 func: Callable):
    """A sub-command that writes a file to exchange (--out FILE, see ``write_out``)."""
    parser = verb(sub, name, common, help_text, func)
    parser.add_argument("--out", required=True, metavar="FILE", help=out_help)
    return parser


def reading_verb(sub, name: str, common: argparse.ArgumentParser, help_text: str, file_help: str,
                 func: Callable, *, json: bool = False):
    """A sub-command that reads a received file (FILE, see ``read_in``), its answer perhaps as JSON."""
    parser = (json_verb if json else verb)(sub, name, common, help_text, func)
    parser.add_argument("file", metavar="FILE", help=file_help)
    return parser


class ProgressPrinter:
    """Progress on stderr: one updating line on a terminal, one line per step with --progress.
    ``messages`` maps a phase to the line for (done, total); total is 0 when not known."""

    def __init__(self, enabled: bool, messages: dict[str, Callable[[int, int], str]]):
        self.tty = sys.stderr.isatty()
        self.enabled = enabled or self.tty
        self.messages = messages
        self.started = time.monotonic()
        self._open_line = False

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled or phase not in self.messages:
            return
        text = self.messages[phase](done, total)
        if self.tty:
            sys.stderr.write("\r" + text + " " * 8)
            self._open_line = True
        else:
            sys.stderr.write(text + "\n")
        sys.stderr.flush()

    def finish(self) -> None:
        if self._open_line:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self._open_line = False

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


def subcommands(sub, name: str, common: argparse.ArgumentParser, help_text: str, dest: str):
    """The sub-commands of command ``name`` (e.g. ``requests``), added by whichever module came
    first: a command's verbs can live in several modules."""
    parser = sub.choices.get(name)
    if parser is None:
        parser = sub.add_parser(name, parents=[common], help=help_text)
        return parser.add_subparsers(dest=dest, required=True, metavar=dest.upper())
    # argparse keeps a parser's sub-commands as one of its actions
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def add_password_file(parser: argparse.ArgumentParser) -> None:
    """--password-file after a journey command too (the acting user's, as before the command)."""
    parser.add_argument(
        "--password-file",
        dest="acting_password_file",
        metavar="FILE",
        default=argparse.SUPPRESS,
        help=_("read the --user's password from the first line of FILE"),
    )


# What a person may answer to «a man or a woman?», in either language: m/f, the words, or the
# Arabic initials the prompt offers («ر» رجل, «م» امرأة).
_GENDER_ANSWERS = {
    **dict.fromkeys(("m", "male", "man", "ر", "رجل", "ذكر"), "male"),
    **dict.fromkeys(("f", "female", "w", "woman", "م", "امرأة", "امراة", "أنثى", "انثى"), "female"),
}
GENDER_TRIES = 3


def read_gender(given: str | None, question: str) -> str | None:
    """The gender given as an option, else asked with ``question`` on a terminal (three tries);
    None for a script that gives none, or a person who gave no answer understood: the caller
    takes a man and says so on stderr, with the command that changes it."""
    if given or not sys.stdin.isatty():
        return given
    for _try in range(GENDER_TRIES):
        answer = input(question).strip().casefold()
        if answer in _GENDER_ANSWERS:
            return _GENDER_ANSWERS[answer]
    return None
