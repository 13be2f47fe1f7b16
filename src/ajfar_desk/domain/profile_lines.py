"""Where a key of a profile file is: its line, for the refusals that name the key
(``programs[2].eligibility.max_income`` → the line of that key under the second
``[[programs]]``).  tomllib keeps no positions, so the text is read again, line by line: table
headers (``[x]``, ``[[x]]``) and ``key =`` lines.  Good enough for the files people write (one
key a line); None when the key cannot be found (then the key alone names the place)."""

from __future__ import annotations

import re

_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\s\"-]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=")
_PART = re.compile(r"([A-Za-z0-9_-]+)(?:\[(\d+)\])?")
_DECODE_AT = re.compile(r"\(at line (\d+), column \d+\)")


def decode_line(message: str) -> int | None:
    """The line tomllib's refusal names (``Invalid value (at line 2, column 5)``)."""
    found = _DECODE_AT.search(message)
    return int(found.group(1)) if found else None


def key_at(text: str, line: int | None) -> str | None:
    """The key written on ``line`` (``has_expiry = yes`` → ``has_expiry``), or None."""
    lines = text.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return None
    found = _KEY.match(lines[line - 1])
    return found.group(1) if found else None


def _path(key: str) -> list[tuple[str, int]] | None:
    """``programs[2].eligibility`` → [("programs", 2), ("eligibility", 0)]."""
    parts = []
    for piece in key.split("."):
        match = _PART.fullmatch(piece.strip())
        if match is None:
            return None
        parts.append((match.group(1), int(match.group(2) or 0)))
    return parts


def line_of(text: str, key: str) -> int | None:
    """The 1-based line of ``key`` in ``text``, or of the nearest table holding it."""
    path = _path(key)
    if not path or key in ("", "/"):
        return None
    counts: dict[str, int] = {}  # header path -> how many [[header]] seen so far
    current: list[tuple[str, int]] = []
    best: int | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        header = _HEADER.match(line) if stripped.startswith("[") else None
        if header:
            names = [n.strip().strip('"') for n in header.group(2).split(".")]
            if header.group(1) == "[[":
                joined = ".".join(names)
                counts[joined] = counts.get(joined, 0) + 1
                # an array's entries below a parent entry: counted again under each parent
                for deeper in [k for k in counts if k.startswith(joined + ".")]:
                    counts[deeper] = 0
            current = [(n, counts.get(".".join(names[:i + 1]), 0)) for i, n in enumerate(names)]
            if _holds(current, path):
                best = number
            continue
        found = _KEY.match(line)
        if found and _holds([*current, (found.group(1), 0)], path):
            if len(current) + 1 >= len(path):
                return number
            best = number
    return best


def _holds(where: list[tuple[str, int]], path: list[tuple[str, int]]) -> bool:
    """``where`` (a header or a key) is ``path`` or a table above it."""
    if len(where) > len(path):
        return False
    for (name, index), (want, want_index) in zip(where, path, strict=False):
        if name != want or (want_index and index != want_index):
            return False
    return True
