"""What argparse itself prints, in the user's language: usage, headings, its help line, its
errors, and the placeholders (metavars) that stand for what the user types.

argparse translates its messages through the ``_`` and ``ngettext`` of its own module, looked up
at every call; ``install`` points them at the program's catalog (``ajfar_desk.i18n``), so
«usage:», «options», «show this help message and exit» and «the following arguments are
required» read in Arabic like every other line.  The msgids are listed here (``MESSAGES``) so that
the catalog's extraction finds them; a message argparse prints that is not listed (a newer Python)
stays English, and ``tests/test_cli_help_language.py`` says which.  Messages only a programmer
meets (a parser built wrongly) are left as they are (``PROGRAMMER_MESSAGES``).

``localise`` then writes each metavar in the language: ``TEXT`` → «نص», ``FILE`` → «ملف»;
option and command names, and the values an option chooses from, stay as they are typed.
"""

from __future__ import annotations

import argparse

from ..i18n import N_, gettext, ngettext

MESSAGES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("can't open '%(filename)s': %(error)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("unexpected option string: %s"),
)
# A parser built wrongly: the programmer's, never the user's (English, as Python's).
PROGRAMMER_MESSAGES = frozenset({
    ".__call__() not defined",
    "'required' is an invalid argument for positionals",
    "mutually exclusive arguments must be optional",
    "%r is not callable",
    "cannot merge actions - two groups are named %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "cannot have multiple subparser arguments",
    "conflicting subparser: %s",
    "conflicting subparser alias: %s",
    'argument "-" with mode %r',
    "conflicting option string: %s",
})

# The placeholders of the commands' options, as the help and the errors show them.
METAVARS = (
    N_("COMMAND"), N_("WHAT"), N_("REPORT"), N_("ACTION"), N_("FILE"), N_("FILE.pdf"),
    N_("FILE.xlsx"), N_("DIR"), N_("URL"), N_("NAME"), N_("FULL NAME"), N_("USER"),
    N_("USERNAME"), N_("ROLE"), N_("ID"), N_("NATIONAL_ID"), N_("ISO-3166"), N_("CODE"),
    N_("CODE=VALUE"), N_("N"), N_("NUMBER"), N_("TEXT"), N_("REF"), N_("DATE"), N_("YEAR"),
    N_("YYYY-MM"), N_("'DATE HH:MM'"), N_("HASH"), N_("SIG"), N_("PAPER"), N_("PHONE"),
    N_("CITY"), N_("EMAIL"), N_("STATUS"), N_("SEED"), N_("KIND"), N_("TYPE"), N_("NODE"),
    N_("ADDR"), N_("AMOUNT"), N_("SURVEY"), N_("PROFILE"), N_("LIST"),
)
_METAVARS = frozenset(METAVARS)


def counted(singular: str, plural: str, n: int) -> str:
    """argparse's counted message in the language's plural form (Arabic has six)."""
    if singular == "expected %s argument":
        return ngettext("expected %s argument", "expected %s arguments", n)
    return ngettext(singular, plural, n)


def install() -> None:
    """argparse's messages from now on through the catalog, in the current language."""
    argparse._ = gettext  # type: ignore[attr-defined]
    argparse.ngettext = counted  # type: ignore[attr-defined]


def metavar(text: str) -> str:
    """A placeholder in the current language; one not listed stays as written."""
    return gettext(text) if text in _METAVARS else text


def localise(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Every placeholder of ``parser`` and of its commands' parsers in the current language
    (an option without one shows its name in capitals: that too).  A parent's options are the
    same objects in every parser that takes them: each is translated once."""
    done: set[int] = set()
    parsers = [parser]
    while parsers:
        p = parsers.pop()
        for action in p._actions:
            if id(action) in done:
                continue
            done.add(id(action))
            if isinstance(action.metavar, str):
                action.metavar = metavar(action.metavar)
            elif action.metavar is None and action.choices is None and action.nargs != 0:
                shown = action.dest.upper() if action.option_strings else action.dest
                if metavar(shown) != shown:
                    action.metavar = metavar(shown)
            if isinstance(action, argparse._SubParsersAction):
                parsers.extend(action.choices.values())
    return parser
