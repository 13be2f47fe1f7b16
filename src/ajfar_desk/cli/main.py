"""``ajfar-desk``: the desktop program (no command) or a command-line tool over the same services.

Exit codes: 0 success, 1 failure, 2 wrong usage or invalid input, 3 a document that is not
genuine (``verify``).  Errors are one line on stderr
in the chosen language (``--lang``); set AJFAR_DEBUG=1 to see a traceback for unexpected ones.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from typing import Any

from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language

PROG = "ajfar-desk"
# The command modules import the services they run: loaded only when a command is given, so the
# desktop program (no command) starts without them.
COMMAND_MODULES = (
    "commands_store",
    "commands_data",
    "commands_papers",
    "commands_admin",
    "commands_feedback",
    "commands_enquiries",
    "commands_appointments",
    "commands_guides",
    "commands_backup",
    "commands_profile",
    "commands_sync",
    "commands_coordination",
    "commands_requests",
    "commands_journey",
    "commands_messages",
)


def _global_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """--data-dir, --db-url, --user, --lang: before the command, or after it (``defaults=False``)."""
    keep: dict[str, Any] = {} if defaults else {"default": argparse.SUPPRESS}
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=_("the store's folder"),
        **({"default": None} if defaults else keep),
    )
    parser.add_argument(
        "--db-url",
        metavar="URL",
        help=_("a database URL instead of the folder's SQLite file"),
        **({"default": None} if defaults else keep),
    )
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=_(
            "act as this user account (default: $AJFAR_USER), signed in with its password "
            "($AJFAR_PASSWORD or --password-file); nobody named: the first administrator, "
            "except for the request's journey (requests new|step, documents, declaration, "
            "survey record), which needs a named user"
        ),
        **({"default": None} if defaults else keep),
    )
    if defaults:  # before the command only: some commands have a --password-file of their own
        parser.add_argument(
            "--password-file",
            dest="acting_password_file",
            metavar="FILE",
            default=None,
            help=_("read the --user's password from the first line of FILE"),
        )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help=_("language of messages (default: ar)"),
        **({"default": DEFAULT_LANGUAGE} if defaults else keep),
    )


def build_parser() -> argparse.ArgumentParser:
    """Every command's parser, all it prints (argparse's own words too) in the language set."""
    from . import argparse_words

    argparse_words.install()  # before the parsers: their headings and help line are made here
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_(
            "Ajfar Desk: the front office of a non-profit association. "
            "Without a command, the desktop program opens."
        ),
    )
    _global_options(parser, defaults=True)
    parser.add_argument("--version", action=_VersionAction,
                        help=_("print the program's name and version, then exit"))
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__package__}.{name}").add_parsers(sub, common)
    return argparse_words.localise(parser)


def _preselect_language(argv: list[str]) -> None:
    """Apply --lang before the parser is built, so its help is in that language too."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    if known.lang in LANGUAGES:
        set_language(known.lang)


def _gui_only(argv: list[str]) -> argparse.Namespace | None:
    """The global options when no command is given (the desktop program), else None.  The full
    parser (every command's module loaded) is built only for a command, --help or an error."""
    pre = argparse.ArgumentParser(prog=PROG, add_help=False, exit_on_error=False)
    pre.add_argument("--data-dir", default=None)
    pre.add_argument("--db-url", default=None)
    pre.add_argument("--lang", default=DEFAULT_LANGUAGE)  # a wrong one: the full parser says so
    pre.add_argument("--version", action="store_true")
    try:
        known, rest = pre.parse_known_args(argv)
    except (argparse.ArgumentError, SystemExit):  # e.g. --data-dir alone: the full parser says it
        return None
    return known if not rest and known.lang in LANGUAGES else None


def version_line() -> str:
    from ..services.help.about import version_line as line

    return line()


class _VersionAction(argparse.Action):
    """``--version`` in the full parser (e.g. after ``--lang``): the line is made only when asked
    (it imports Qt for its version: not on every command's way)."""

    def __init__(self, option_strings, dest, help=None):  # noqa: A002 - argparse's name
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_line(), flush=True)
        parser.exit()


def _launch_gui(args: argparse.Namespace, freeze: bool = False) -> int:
    try:
        app = importlib.import_module("ajfar_desk.ui.shell.app")
    except ImportError as exc:
        from .common import CliError  # (it loads the store's modules: not on the way to the GUI)

        raise CliError(_("The desktop program cannot start: {error}").format(error=exc)) from None
    return int(app.run(args.data_dir, args.db_url, args.lang, freeze=freeze) or 0)


def _fail(message: str, code: int) -> int:
    line = f"{PROG}: " + _("error: {message}").format(message=" ".join(message.split()))
    if sys.stderr is None:  # no console (the windowed program): the log file keeps it
        logging.getLogger(__name__).error("%s", line)
    print(line, file=sys.stderr, flush=True)
    return code


def _utf8_output() -> None:
    """JSON and Arabic text leave as UTF-8 even through a pipe on a machine with another locale."""
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # a program started without a console (a windowed build)
            continue
        if not stream.isatty() and (stream.encoding or "").lower().replace("-", "") != "utf8":
            reconfigure = getattr(stream, "reconfigure", None)  # not on every stream
            try:
                if reconfigure is not None:
                    reconfigure(encoding="utf-8")
            except ValueError:
                pass


def _failure(exc: Exception) -> int | None:
    """The exit code for an error, its line printed; None: let it raise (AJFAR_DEBUG)."""
    from sqlalchemy.exc import SQLAlchemyError

    from ..domain.errors import AppError

    if isinstance(exc, AppError):  # every error meant for people, whatever its kind
        from .digits import said  # its numbers, limits and dates in the profile's digits

        # a refusal that says what to do may say it for the command line (a command, not a button)
        summary = getattr(exc, "command_line_summary", exc.summary)
        return _fail(said(summary()), exc.exit_code)
    if os.environ.get("AJFAR_DEBUG"):
        return None
    if isinstance(exc, OSError | SQLAlchemyError):
        detail = (
            exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
        )
        filename = getattr(exc, "filename", None)
        return _fail(f"{detail}: {filename}" if filename else detail, 1)
    return _fail(  # a bug: one line, unless debugging
        _("unexpected {kind}: {error} (set AJFAR_DEBUG=1 for details)").format(
            kind=type(exc).__name__, error=exc
        ),
        1,
    )


def main(argv: list[str] | None = None) -> int:
    argv_given = argv
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_output()
    _preselect_language(argv)
    args = _gui_only(argv)
    if args is not None and args.version:
        print(version_line(), flush=True)
        return 0
    if args is None:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit as exit_:  # --help (0) or a usage error already printed (2)
            return int(exit_.code or 0)
    set_language(args.lang)
    from .digits import presume_digits

    # a command run in the same process as another (tests) starts afresh, with the digits it
    # presumes until a store's profile is read: an error before it says them
    presume_digits(args)
    # the program itself (its own command line, not a caller's arguments): what its start made
    # is frozen out of the collector's walks (``cycles.freeze_start_up``), here for a command,
    # after the first window for the desktop program
    program = argv_given is None
    try:
        if getattr(args, "command", None) is None:
            return _launch_gui(args, freeze=program)
        if program:
            from ..services.store.cycles import freeze_start_up

            freeze_start_up()
        try:
            return int(args.func(args) or 0)
        finally:
            from .common import after_command

            after_command()  # answered: the day's backup, if due and the command wrote
    except KeyboardInterrupt:
        return _fail(_("interrupted"), 130)
    except Exception as exc:
        code = _failure(exc)
        if code is None:
            raise
        return code


def gui_main() -> int:
    """``ajfar-desk-gui``: the desktop program started without a console (``gui-scripts``; the
    windowed executable of a bundle).  The same arguments as ``ajfar-desk``; what it would print
    goes nowhere, what it logs goes to the log file, set up first so that a failure before the
    first window (a missing module, a store that cannot be opened) is written there too."""
    from ..logs import setup_logging

    setup_logging(os.environ.get("AJFAR_LOG", "INFO"))
    try:
        return main()
    except BaseException:
        logging.getLogger(__name__).exception("the program stopped")
        raise


if __name__ == "__main__":
    sys.exit(main())
