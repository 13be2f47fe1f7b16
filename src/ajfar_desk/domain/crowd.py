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

The year's distinct parts (hundreds among tens of thousands written) are kept between checks by
``YearWords``: splitting them out costs more than all the rest; a year whose names changed has
only its changed dates split again, and the dates are kept with them, so that the files of the
names found are read by their dates (``YearWords.born``).  The names stay UTF-8 bytes as the
database gives them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet

from .text import _LINK_WORDS, _near_parts, similar_names

_SAMPLE = 50_000  # characters of the joined names in which the near parts are counted
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
    parts if known (``YearWords``), or more (a part no name holds finds nothing); else they are
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
    rare = sorted(range(width), key=lambda i: sum(sample.count(p) for p in by_part[i]))
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
        must = _needs(query, by_part, taken[:spare]) if rank == spare else []
        for piece in by_part[i]:
            at = data.find(piece)
            while at >= 0:
                start = data.rfind(b"\n", 0, at) + 1
                end = data.find(b"\n", at)
                if end < 0:
                    end = len(data)
                line = data[start:end]
                at = data.find(piece, end)
                if rank and line not in candidates and not _holds_enough(line, must):
                    continue
                candidates.add(line)
    return similar_names(query, [c.decode() for c in candidates], threshold)


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


def _holds_enough(line: bytes, needs: list[tuple[list[bytes], int]]) -> bool:
    """Does ``line`` hold, for each (parts, n) of ``needs``, one of the parts n times (counted
    as substrings: never fewer than the name's parts that are one of them)?"""
    for parts, times in needs:
        if times == 1:
            for part in parts:
                if part in line:
                    break
            else:
                return False
        elif sum(line.count(part) for part in parts) < times:
            return False
    return True


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


class YearWords:
    """The parts of a year's names, kept between checks: splitting a crowded year's tens of
    thousands of parts costs more than everything else the check does.  The names come per
    birth date, joined; a date whose names are not the ones last seen (told by the length and
    hash of its joined names) has its parts split and added.  So the parts kept are all those
    of the year's names, and maybe a few more of names since edited or deleted (harmless: a
    part no name holds finds nothing).  Nothing is ever read from a database here: a store
    that changes, or another store, only makes the changed dates split again."""

    def __init__(self) -> None:
        self._seen: dict[object, tuple[int, int]] = {}
        self._words: dict[int, set[str]] = {}
        self._years: dict[int, tuple[int, int]] = {}
        self._days: dict[int, tuple[tuple[int, int], list[int], list[object]]] = {}

    def remembers(self, year: int) -> bool:
        """Has ``remember`` been told the names of ``year``?"""
        return year in self._years

    def known(self, year: int, joined: bytes) -> set[str] | None:
        """The parts of the year's names (``joined``) if they are the names last
        ``remember``-ed for it (told by their length and hash), as a new set; else None: then
        ``words`` must be asked, day by day."""
        if self._years.get(year) != (len(joined), hash(joined)):
            return None
        return set(self._words[year])

    def remember(self, year: int, joined: bytes,
                 days: Sequence[tuple[object, bytes]] = ()) -> None:
        """The year's names, joined, whose parts ``words`` was last given: ``known`` answers
        without the dates as long as they stay the same.  ``days``: the dates whose names,
        joined in turn, are ``joined`` (as ``words`` was given them): ``born`` then tells the
        date of a name found in ``joined``."""
        mark = (len(joined), hash(joined))
        self._years[year] = mark
        starts, dates, at = [], [], 0
        for day, names in days:
            starts.append(at)
            dates.append(day)
            at += len(names) + 1
        if days and at - 1 == len(joined):
            self._days[year] = (mark, starts, dates)  # one value: another thread sees all or none
        else:  # not the dates of these names (or none given)
            self._days.pop(year, None)

    def born(self, year: int, joined: bytes, names: Iterable[str]) -> list[tuple[object, str]] | None:
        """Each of ``names`` (each a whole line of ``joined``) with each date it is found on,
        as the dates last ``remember``-ed with ``joined`` say; None when no dates were
        remembered with these names."""
        kept = self._days.get(year)
        if kept is None or kept[0] != (len(joined), hash(joined)):
            return None
        _mark, starts, dates = kept
        padded = b"\n" + joined + b"\n"
        found: list[tuple[object, str]] = []
        for name in names:
            line = b"\n" + name.encode() + b"\n"
            at = padded.find(line)  # ``at``: where the name begins in ``joined``
            while at >= 0:
                found.append((dates[bisect_right(starts, at) - 1], name))
                at = padded.find(line, at + len(line) - 1)
        return found

    def words(self, year: int, days: Iterable[tuple[object, bytes]]) -> set[str]:
        """The parts of the names born each day of ``year`` (``days``: each date with its
        names joined), as a new set: a call in another thread may add to the kept one."""
        kept = self._words.setdefault(year, set())
        seen = self._seen
        changed = {}
        for day, names in days:
            mark = (len(names), hash(names))
            if seen.get(day) != mark:
                changed[day] = (names, mark)
        if changed:  # split at once: each part decoded once, not once a day
            kept.update(words_of(b"\n".join(names for names, _mark in changed.values())))
            for day, (_names, mark) in changed.items():
                seen[day] = mark  # only once its parts are in
        return set(kept)
