"""``ajfar-desk``: the desktop program (no command) or a command-line tool over the same services.

Exit codes: 0 success, 1 failure, 2 wrong usage or invalid input, 3 a document that is not
genuine (``verify``).  Errors are one line on stderr
in the chosen language (``--lang``); set AJFAR_DEBUG=1 to see a traceback for unexpected ones.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from sqlalchemy.exc import SQLAlchemyError

from ..domain.errors import ValidationError
from ..domain.profile import ProfileError
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES, _, set_language
from ..services.tabular import TableError
from . import (
    commands_admin,
    commands_backup,
    commands_data,
    commands_feedback,
    commands_papers,
    commands_store,
    commands_sync,
)
from .common import CliError

PROG = "ajfar-desk"


def _global_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    """--data-dir, --db-url, --lang: before the command, or after it (``defaults=False``)."""
    keep = {} if defaults else {"default": argparse.SUPPRESS}
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
        "--lang",
        choices=LANGUAGES,
        help=_("language of messages (default: ar)"),
        **({"default": DEFAULT_LANGUAGE} if defaults else keep),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_(
            "Ajfar Desk: the front office of a non-profit association. "
            "Without a command, the desktop program opens."
        ),
    )
    _global_options(parser, defaults=True)
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, defaults=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands_store.add_parsers(sub, common)
    commands_data.add_parsers(sub, common)
    commands_papers.add_parsers(sub, common)
    commands_admin.add_parsers(sub, common)
    commands_feedback.add_parsers(sub, common)
    commands_backup.add_parsers(sub, common)
    commands_sync.add_parsers(sub, common)
    return parser


def _preselect_language(argv: list[str]) -> None:
    """Apply --lang before the parser is built, so its help is in that language too."""
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    if known.lang in LANGUAGES:
        set_language(known.lang)


def _launch_gui(args: argparse.Namespace) -> int:
    try:
        app = importlib.import_module("ajfar_desk.ui.app")
    except ImportError as exc:
        raise CliError(_("The desktop program cannot start: {error}").format(error=exc)) from None
    return int(app.run(args.data_dir, args.db_url, args.lang) or 0)


def _fail(message: str, code: int) -> int:
    print(
        f"{PROG}: " + _("error: {message}").format(message=" ".join(message.split())),
        file=sys.stderr,
        flush=True,
    )
    return code


def _paper_problem(exc: Exception) -> str | None:
    """The message of a template or signing error (their modules load only when printing)."""
    for module, name in (
        ("ajfar_desk.printing.templates", "TemplateError"),
        ("ajfar_desk.printing.signing", "SigningError"),
    ):
        kind = getattr(sys.modules.get(module), name, None)
        if kind is not None and isinstance(exc, kind):
            return str(exc)
    return None


def _utf8_output() -> None:
    """JSON and Arabic text leave as UTF-8 even through a pipe on a machine with another locale."""
    for stream in (sys.stdout, sys.stderr):
        if not stream.isatty() and (stream.encoding or "").lower().replace("-", "") != "utf8":
            try:
                stream.reconfigure(encoding="utf-8")
            except (AttributeError, ValueError):
                pass


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_output()
    _preselect_language(argv)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # --help (0) or a usage error already printed (2)
        return int(exit_.code or 0)
    set_language(args.lang)
    try:
        if args.command is None:
            return _launch_gui(args)
        return int(args.func(args) or 0)
    except CliError as exc:
        return _fail(exc.message, exc.code)
    except ValidationError as exc:
        return _fail(_("; ").join(message for _field, message in exc.errors), 2)
    except ProfileError as exc:
        return _fail(exc.message if exc.key == "id" else str(exc), 2)
    except TableError as exc:
        return _fail(str(exc), 2)
    except KeyboardInterrupt:
        return _fail(_("interrupted"), 130)
    except (OSError, SQLAlchemyError) as exc:
        if os.environ.get("AJFAR_DEBUG"):
            raise
        detail = (
            exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc).splitlines()[0]
        )
        filename = getattr(exc, "filename", None)
        return _fail(f"{detail}: {filename}" if filename else detail, 1)
    except Exception as exc:  # a bug: one line, unless debugging
        problem = _paper_problem(exc)
        if problem is not None:  # a wording file or the signing settings: the user's to fix
            return _fail(problem, 2)
        if os.environ.get("AJFAR_DEBUG"):
            raise
        return _fail(
            _("unexpected {kind}: {error} (set AJFAR_DEBUG=1 for details)").format(
                kind=type(exc).__name__, error=exc
            ),
            1,
        )


if __name__ == "__main__":
    sys.exit(main())
