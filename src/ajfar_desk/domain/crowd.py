"""Similar names among very many: everyone born one year, which the duplicate check reads for a
birth "about 1980" (tens of thousands of names on a big store).  ``text.similar_names`` finds
them by looking at every name; here most are never looked at one by one, and the same names are
found with the same scores.

Why it may skip them: a name reaches the threshold only if enough of the query's parts have a
near part in it (``least_near``: 3 of 4, 2 of 3, ...); so of any ``width - least + 1`` query
parts, one at least has a near part in every name that passes.  The query parts whose near parts
are the rarest among the year's names are taken; only the names holding one of those near parts
(found with ``str.find`` over the names joined, in C) are scored, by ``text.similar_names``
itself; a name found only by the last part taken misses the others taken, so it must hold a
near part of every other query part, as many times as the query holds it.  Which parts are near is decided per part (``text._near_parts``), never per name, so a
name scored among fewer others gets the same score.

The year's distinct parts (hundreds among tens of thousands written) are given by the caller
(``db.name_parts`` keeps them in the store): splitting them out of the names costs more than
all the rest.  The names stay UTF-8 bytes as the database gives them.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from itertools import compress, repeat
from operator import add, le

from .text import _LINK_WORDS, _near_parts, similar_names

_SAMPLE = 50_000  # characters of the joined names in which the near parts are counted
# a near part written in more than one name in this many (by the sample): its names are found
# by testing every name in C, not by going from one place it is written to the next
_LINES_A_FIND = 20
_EPSILON = 1e-9  # a bound a hair lower than exact: never drops a name at the threshold


def least_near(width: int, threshold: float) -> int:
    """The fewest of ``width`` query parts that must have a near part in a name for it to reach
    ``threshold``: its aligned weight W is at most the number of such parts m and at most its
    length L, and it must reach ``threshold * (width + L) / 2``; the smallest L that can pass
    asks the fewest."""
    for length in range(1, width + 1):
        need = threshold * (width + length) / 2 - _EPSILON
        if min(width, length) >= need:
            return max(1, min(width, -int(-need // 1)))
    return width


def similar_names_many(
    query: list[str], joined: str | bytes, threshold: float, words: AbstractSet[str] | None = None,
) -> dict[str, float]:
    """``text.similar_names(query, joined.split("\\n"), threshold)``, the same names and scores,
    for thousands of normalised names given joined by line breaks (as the database joins them,
    so that no row becomes a Python object; a normalised name holds no line break), as text or
    as its UTF-8 bytes (as SQLite hands a BLOB over: nothing decoded).  ``words``: the names'
    parts if known (``db.name_parts``), or more (a part no name holds finds nothing); else they are
    split out of ``joined``."""
    width = len(query)
    if not joined:
        return {}
    data = joined.encode() if isinstance(joined, str) else joined
    if not width or threshold <= 0.0:
        return similar_names(query, data.decode().split("\n"), threshold)
    vocabulary = set(words) if words is not None else words_of(data)
    vocabulary.difference_update(_LINK_WORDS)
    vocabulary.discard("")
    near = _near_parts(query, vocabulary)
    by_part: list[list[bytes]] = [[] for _ in range(width)]
    for part, bits in near.items():
        while bits:
            low = bits & -bits
            by_part[low.bit_length() - 1].append(part.encode())
            bits ^= low
    # the query parts whose near parts are written least often, counted in a sample of the
    # names (which parts are taken changes how many names are scored, never what is found)
    sample = data[:_SAMPLE]
    written = [sum(sample.count(p) for p in by_part[i]) for i in range(width)]
    rare = sorted(range(width), key=written.__getitem__)
    spare = width - least_near(width, threshold)  # query parts a passing name may miss
    taken = rare[: spare + 1]
    # a UTF-8 part found in UTF-8 names starts on a letter (no letter's bytes begin inside
    # another's), so the names holding it are the same as in the text
    candidates: set[bytes] = set()
    for rank, i in enumerate(taken):
        # a name found here and not before holds no near part of the ``rank`` rarer parts: it
        # misses them already; found by the last part taken, it may miss no other, so it must
        # hold a near part (at least as a substring) of every other query part, as many as
        # the query holds that part (each aligns with a part of its own: «محمد محمد محمد
        # العتيبي» without العتيبي needs three parts near محمد)
        found: list[bytes] = []
        for piece in by_part[i]:
            at = data.find(piece)
            while at >= 0:
                start = data.rfind(b"\n", 0, at) + 1
                end = data.find(b"\n", at)
                if end < 0:
                    end = len(data)
                found.append(data[start:end])
                at = data.find(piece, end)
        if rank == spare and rank:
            found = _lines_holding(found, _needs(query, by_part, taken[:spare]), sample)
        candidates.update(found)
    # every name found must hold near parts of as many query parts as a passing name aligns
    # (``least_near``), counted in C for all of them at once before any is scored
    kept = _lines_holding(list(candidates), _needs(query, by_part, []), sample,
                          least_near(width, threshold))
    return similar_names(query, [c.decode() for c in kept], threshold)


def _needs(query: list[str], by_part: list[list[bytes]], missed: list[int],
           ) -> list[tuple[list[bytes], int]]:
    """What a name missing the query parts ``missed`` must hold to reach the threshold: for
    each other distinct query part, its near parts, and how many times the query holds it."""
    times: dict[str, int] = {}
    for j, part in enumerate(query):
        if j not in missed:
            times[part] = times.get(part, 0) + 1
    first = {part: j for j, part in reversed(list(enumerate(query)))}
    return [(by_part[first[part]], n) for part, n in times.items()]


def _lines_holding(lines: list[bytes], needs: list[tuple[list[bytes], int]], sample: bytes,
                   least: int | None = None) -> list[bytes]:
    """Of ``lines``, those holding, for each (parts, n) of ``needs``, the parts n times (counted
    as substrings: never fewer than the name's parts that are one of them); or with ``least``,
    those holding them so at least ``least`` times in all, each need counted at most n times
    (a name part aligns with one query part: a name passes only if as many of its parts are
    near the query's parts).  Each test runs over all the lines in C, the needs whose parts are
    written least in ``sample`` first (the fewest lines left to test)."""
    kept = lines
    total: list[int] = [0] * len(lines)
    for parts, times in sorted(needs, key=lambda need: sum(map(sample.count, need[0]))):
        if not parts:
            if least is None:
                return []
            continue
        counts: Iterable[int] = map(bytes.count, kept, repeat(parts[0]))
        for part in parts[1:]:
            counts = map(add, counts, map(bytes.count, kept, repeat(part)))
        if least is None:
            kept = list(compress(kept, map(le, repeat(times), counts)))
        else:
            total = list(map(add, total, map(min, counts, repeat(times))))
    return kept if least is None else list(compress(kept, map(le, repeat(least), total)))


def words_of(joined: bytes) -> set[str]:
    """The distinct parts of names joined by line breaks (UTF-8), split on single spaces as
    ``text.tokens_of_normalized`` splits them."""
    if any(space in joined for space in _OTHER_SPACES):
        parts = set(joined.replace(b"\n", b" ").split(b" "))
    else:  # only spaces and line breaks: split on both at once, in one pass (a little faster)
        parts = set(joined.split())
    parts.discard(b"")
    return {p.decode() for p in parts}


# the bytes other than space and line break that ``bytes.split()`` splits on: a normalised
# name holds none (``text.normalize_name`` makes every run of white space one space)
_OTHER_SPACES = (b"\t", b"\r", b"\x0b", b"\x0c")

