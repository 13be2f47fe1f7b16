"""The digits of what the command line prints: the store's profile's once it is open
(``follow_digits``); before that (an error in the arguments, a store that is not there) the
digits the command presumes (``presume_digits``): the bundled profile of ``--association``, else
the convention of the system's locale when it is Arabic, else Western.  Codes with a Latin
letter (references, paper numbers, ids, paths) keep Western digits whatever the digits."""

from __future__ import annotations

import argparse
import locale
import sys

from ..domain.digits import ARABIC_DECIMAL_SEPARATOR, digit_style, localize_outside_codes

# One command a process (``main`` presumes them afresh), so one store's profile at a time.
_OUTPUT = {"digits": "western"}


def follow_digits(profile) -> None:
    """From now on the lines said write numbers, counts and dates in ``profile``'s digits when
    the language is Arabic (Aman's and AlAjfar's ٠-٩); codes with a Latin letter (references,
    paper numbers, ids, paths) keep Western digits (``localize_text``)."""
    _OUTPUT["digits"] = digit_style(profile.digits)


def _system_locale() -> str | None:
    """The locale's name the system gives for numbers (``ar_SA``), None when it gives none."""
    if sys.platform == "win32":  # no LANG there: the user's locale, by its number
        import ctypes

        lcid = ctypes.windll.kernel32.GetUserDefaultLCID()  # type: ignore[attr-defined]
        return locale.windows_locale.get(lcid)
    from babel import default_locale

    return default_locale("LC_NUMERIC")  # LANGUAGE, LC_ALL, LC_NUMERIC, LANG (C/POSIX: None)


def locale_digits() -> str:
    """The digits the system's locale writes numbers in when it is an Arabic one (``ar_SA``,
    ``ar_EG``: ٠-٩; ``ar_MA``, ``ar_AE``: 0-9, as CLDR says); Western for any other."""
    from babel import Locale, UnknownLocaleError

    try:
        name = _system_locale()
        found = Locale.parse(name.split(":")[0]) if name else None
    except (ValueError, UnknownLocaleError, OSError, AttributeError):
        return "western"
    if found is None or found.language != "ar":
        return "western"
    return "arabic" if found.default_numbering_system == "arab" else "western"


def presumed_digits(args: argparse.Namespace | None) -> str:
    """The profile digits a command writes before it has a store's: those of the bundled
    profile named by ``--association`` (``init``, ``demo``), else the system locale's."""
    # ``--association`` names a profile for ``init`` and ``demo`` (``coordination reveal`` has
    # an option of that name meaning something else)
    association = getattr(args, "association", None) if getattr(args, "command", None) in (
        "init", "demo") else None
    if association:
        from ..domain.profile import ProfileError, bundled_profile

        try:
            return bundled_profile(association).digits
        except ProfileError:  # an unknown id: the command says so, in the locale's digits
            pass
    return locale_digits()


def presume_digits(args: argparse.Namespace | None = None) -> None:
    """A command starts afresh (tests run many in one process) with the digits it presumes."""
    _OUTPUT["digits"] = digit_style(presumed_digits(args))


def said(text: str) -> str:
    """A line as printed: its digits as ``follow_digits`` set them (codes keep theirs)."""
    if _OUTPUT["digits"] != "western":
        return localize_outside_codes(text, _OUTPUT["digits"])
    return text


def decimal(value: float, places: int) -> str:
    """A number with ``places`` decimals, its separator the Arabic «٫» where the digits are."""
    text = f"{value:.{places}f}"
    return text.replace(".", ARABIC_DECIMAL_SEPARATOR) if _OUTPUT["digits"] == "arabic" else text
