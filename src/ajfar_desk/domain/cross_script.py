"""Names across scripts, compared: two parts are one name when their skeletons agree and every
vowel slot agrees (``domain.transliteration`` makes the parts and says why); whole names are
aligned part by part and scored like the Arabic names (``text.token_similarity``)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz.distance import Indel

from .text import aligned_similarity
from .transliteration import Part, parts, parts_of_normalized, query_parts

CROSS_THRESHOLD = 0.8
_MARKS = str.maketrans("", "", "'ht")  # glottal ع/ء, final ح, final ه/ة
_STRONG_U = ("oo", "ou", "uu", "au", "w")
_STRONG_I = ("ee", "ii", "ie", "ei", "ai", "ay", "ey", "y")

def _can(vowel: str, written: str) -> bool:
    if vowel == "a":
        return "a" in written
    if vowel == "u":
        return any(c in written for c in "ouw")
    return any(c in written for c in "iey")  # "y": ي (or ى, which Latin writes "a")


def _slot_agrees(arabic: str, latin: str, final: bool) -> bool:
    written = latin.replace("'", "")
    longs = arabic.translate(_MARKS)
    glottal = arabic != longs
    if final and "t" in arabic and not longs:  # ة/ه: "Munira", "Fatimah", "Abdullah"
        return any(c in written for c in "ae") and not any(c in written for c in "ouy")
    if final and "h" in arabic and not longs:  # ح: "Saleh", "Salih", "Sobh"
        return not any(c in written for c in "ouy")
    for v in longs:
        if final and v == "y":
            if not written or not any(c in written for c in "aeiy"):
                return False
        elif not _can(v, written):
            return False
    if "u" not in longs and any(s in written for s in _STRONG_U):
        return False
    if "y" not in longs and any(s in written for s in _STRONG_I):
        return False
    if "a" not in longs and not glottal and "aa" in written:
        return False
    if final and written and not longs:
        # a Latin final vowel writes a long vowel or ة/ه: "Hamdi" is not «حمد»
        return glottal and not any(c in written for c in "iouy")
    return True


@lru_cache(maxsize=262144)
def part_score(a: Part, b: Part) -> float:
    """1.0 when the parts are one name; a near skeleton (one letter off in five or more) scores
    its similarity, just under a sure match; else 0."""
    if a.skeleton == b.skeleton:
        if a.latin and b.latin:
            return 1.0  # Latin spellings of one name vary freely in their vowels
        if not a.latin and not b.latin:  # Arabic: the long vowels tell «محمد» from «محمود»
            strip = str.maketrans("", "", "'")
            return 1.0 if [x.translate(strip) for x in a.slots] == [
                y.translate(strip) for y in b.slots] else 0.0
        arabic, latin = (b, a) if a.latin else (a, b)
        last = len(arabic.slots) - 1
        ok = all(
            _slot_agrees(x, y, i == last)
            for i, (x, y) in enumerate(zip(arabic.slots, latin.slots, strict=True))
        )
        return 1.0 if ok else 0.0
    if min(len(a.skeleton), len(b.skeleton)) >= 5:
        ratio = Indel.normalized_similarity(a.skeleton, b.skeleton)
        if ratio >= 0.8:
            return 0.95 * ratio
    return 0.0


def parts_similarity(pa: tuple[Part, ...], pb: tuple[Part, ...]) -> float:
    """Parts aligned in order (a weighted longest common subsequence), scored 2·matched/(|a|+|b|),
    as ``text.token_similarity`` scores Arabic names."""
    return aligned_similarity(pa, pb, part_score)


def cross_similarity(a: str, b: str) -> float:
    """How alike two names are across scripts (either may be Arabic or Latin), in [0, 1]."""
    return parts_similarity(parts(a), parts(b))


def similar_across(
    query: str, names: Iterable[str], threshold: float = CROSS_THRESHOLD,
    normalized: bool = False,
) -> dict[str, float]:
    """Of many names (say all born one day), those whose ``cross_similarity`` with ``query``
    reaches ``threshold``.  A name whose skeletons cannot align enough of the query's parts is
    skipped before the alignment (as ``text.similar_names`` does).  ``normalized``: the names
    are ``applicant.name_norm`` values, not normalised again."""
    read = parts_of_normalized if normalized else parts
    q = parts(query)
    found: dict[str, float] = {}
    if not q:
        return found
    width = len(q)
    near: dict[Part, int] = {}
    for name in set(names):
        if not name:
            continue
        p = read(name)
        if not p:
            continue
        mask = 0
        for y in p:
            bits = near.get(y)
            if bits is None:
                bits = 0
                for i, x in enumerate(q):
                    if part_score(x, y) > 0.0:
                        bits |= 1 << i
                near[y] = bits
            mask |= bits
        if 2.0 * mask.bit_count() / (width + len(p)) < threshold:
            continue
        score = parts_similarity(q, p)
        if score >= threshold:
            found[name] = score
    return found


def _begins(whole: str, start: str) -> bool:
    return len(whole) > len(start) and whole.startswith(start)


def query_matches(query: str, name: str) -> bool:
    """For the search box: does every typed part match a part of ``name`` (the last typed part,
    still being typed, may be the start of one)?"""
    q = query_parts(query)
    p = parts(name)
    if not q:
        return False
    for i, alternatives in enumerate(q):
        last = i == len(q) - 1
        if not any(part_score(x, y) > 0.0 or (last and _begins(y.skeleton, x.skeleton))
                   for x in alternatives for y in p):
            return False
    return True
