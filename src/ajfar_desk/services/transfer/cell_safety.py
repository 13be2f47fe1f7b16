"""Spreadsheet cells that cannot turn into formulas, and text that carries no control characters.

Export (OWASP "CSV Injection"): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or
a carriage return is written with a single quote in front (CSV), or as a text cell with Excel's
"quote prefix" (XLSX), so a spreadsheet program shows it and never evaluates it.  What stays
usable:

* amounts are numbers: a cell of a number column that is a plain number (``-150.00``) is
  written as it is (CSV) or as a number (XLSX); anything else in it is neutralised like text;
* Saudi phones are exported as typed (``0501234567``) and need nothing; a foreign number
  (``+201001234567``) is text, so it gets the quote and keeps its ``+`` (Excel would otherwise
  turn it into a number and drop the sign);
* a cell that already starts with quotes before one of those characters gets one more, so the
  quote removed on import gives back exactly what was stored.

Import: in a CSV file, one leading quote before those characters (ours) is removed; formula text is kept as
plain text, which nothing in Ajfar Desk ever evaluates.
"""

from __future__ import annotations

import re

from ...i18n import _

TRIGGERS = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
# C0 controls, DEL and C1 controls; tab, line feed and carriage return are decided per column.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_OR_BREAK = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _risky(text: str) -> bool:
    bare = text.lstrip("'")
    return bool(bare) and bare[0] in TRIGGERS


def neutralise(text: str, *, number: bool = False) -> str:
    """``text`` as a CSV cell no spreadsheet program evaluates (see the module notes)."""
    if not text or not _risky(text) or (number and _NUMBER.fullmatch(text)):
        return text
    return "'" + text


def needs_text_cell(text: str) -> bool:
    """Whether an XLSX cell holding ``text`` must be marked as text (with a quote prefix); the
    text itself is written unchanged, and read back unchanged."""
    return text[:1] in TRIGGERS


def restore(text: str) -> str:
    """The stored text of a cell ``neutralise`` wrote (one leading quote removed)."""
    if text.startswith("'") and _risky(text[1:]):
        return text[1:]
    return text


def control_problem(text: str, *, multiline: bool = False) -> str | None:
    """A message when ``text`` holds a NUL or another control character (tab and line breaks
    too, unless ``multiline``), else None."""
    found = (_CONTROL if multiline else _CONTROL_OR_BREAK).search(text)
    if found is None:
        return None
    return _("contains the control character U+{code:04X}, which is not allowed here").format(
        code=ord(found.group())
    )


__all__ = ["control_problem", "needs_text_cell", "neutralise", "restore"]
