"""Similar names among very many: everyone born one year, which the duplicate check reads for a
birth "about 1980" (tens of thousands of names on a big store).  ``text.similar_names`` finds
them by looking at every name; here most are never looked at one by one, and the same names are
found with the same scores.

Why it may skip them: a name reaches the threshold only if enough of the query's parts have a
near part in it (``least_near``: 3 of 4, 2 of 3, ...); so of any ``width - least + 1`` query
parts, one at least has a near part in every name that passes.  The query parts whose near parts
are the rarest among the year's names are taken; only the names holding one of those near parts
(found with ``str.find`` over the names joined, in C) are scored, by ``text.similar_names``
itself.  Which parts are near is decided per part (``text._near_parts``), never per name, so a
name scored among fewer others gets the same score.
"""

from __future__ import annotations

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


def similar_names_many(query: list[str], joined: str, threshold: float) -> dict[str, float]:
    """``text.similar_names(query, joined.split("\\n"), threshold)``, the same names and scores,
    for thousands of normalised names given joined by line breaks (as the database joins them,
    so that no row becomes a Python object; a normalised name holds no line break)."""
    width = len(query)
    if not joined:
        return {}
    if not width or threshold <= 0.0:
        return similar_names(query, joined.split("\n"), threshold)
    vocabulary = set(joined.replace("\n", " ").split(" "))  # a little faster than split()
    vocabulary.difference_update(_LINK_WORDS)
    vocabulary.discard("")
    near = _near_parts(query, vocabulary)
    by_part: list[list[str]] = [[] for _ in range(width)]
    for part, bits in near.items():
        while bits:
            low = bits & -bits
            by_part[low.bit_length() - 1].append(part)
            bits ^= low
    # the query parts whose near parts are written least often, counted in a sample of the
    # names (which parts are taken changes how many names are scored, never what is found)
    sample = joined[:_SAMPLE]
    rare = sorted(range(width), key=lambda i: sum(sample.count(p) for p in by_part[i]))
    chosen = {p for i in rare[: width - least_near(width, threshold) + 1] for p in by_part[i]}
    candidates: set[str] = set()
    for part in chosen:
        at = joined.find(part)
        while at >= 0:
            start = joined.rfind("\n", 0, at) + 1
            end = joined.find("\n", at)
            if end < 0:
                end = len(joined)
            candidates.add(joined[start:end])
            at = joined.find(part, end)
    return similar_names(query, candidates, threshold)
