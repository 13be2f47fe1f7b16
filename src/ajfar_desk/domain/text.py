"""Arabic-aware text rules: name normalisation for search and duplicate detection, bidi helpers.

``normalize_name`` folds the spelling variants people actually type for the same Arabic name
(hamza forms of alef, taa marbuta, alef maqsura, diacritics, tatweel, "عبد الله" written apart,
"ابن"/"بن") into one search key.  It is pure ``str`` work: one ``translate`` table and a few
compiled regular expressions.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import process
from rapidfuzz.distance import Indel

T = TypeVar("T")

FSI = "\u2068"  # FIRST STRONG ISOLATE
PDI = "\u2069"  # POP DIRECTIONAL ISOLATE
LRI = "\u2066"  # LEFT-TO-RIGHT ISOLATE
LRM = "\u200e"  # LEFT-TO-RIGHT MARK
_SEPARATOR = re.compile(r"[^\w]")

# LRM, RLM, ALM, LRE/RLE/PDF/LRO/RLO, LRI/RLI/FSI/PDI.
BIDI_CONTROLS = (
    "\u200e\u200f\u061c"
    + "".join(map(chr, range(0x202A, 0x202F)))
    + "".join(map(chr, range(0x2066, 0x206A)))
)
# Zero-width characters that change nothing a reader can see: ZWSP, ZWNJ, ZWJ, word joiner, BOM.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"

_STRIP_BIDI = str.maketrans(dict.fromkeys(BIDI_CONTROLS))

_NAME_DROP = (
    [chr(c) for c in range(0x064B, 0x0660)]  # tashkeel (fathatan ... wavy hamza below)
    + ["\u0670"]  # superscript alef
    + [chr(c) for c in range(0x06D6, 0x06EE)]  # Quranic annotation marks
    + [chr(c) for c in range(0x0300, 0x0370)]  # Latin combining accents ("José" ~ "jose")
    + ["\u0640"]  # tatweel
    + list(BIDI_CONTROLS)
    + list(_INVISIBLE)
)
_NAME_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ة": "ه",
    "ى": "ي",
    "ؤ": "و",
    "ئ": "ي",
    # Punctuation used between name parts counts as a space.
    "-": " ",
    "_": " ",
    ".": " ",
    ",": " ",
    "،": " ",
}
_NAME_TABLE = str.maketrans({**dict.fromkeys(_NAME_DROP), **_NAME_MAP})

_SPACES = re.compile(r"\s+")
_ABD_AL = re.compile(r"(?<!\S)عبد (?=ال)")  # "عبد الله" -> "عبدالله"
_IBN = re.compile(r"(?<!\S)ابن(?!\S)")  # standalone "ابن" -> "بن"

# Words that link name parts ("son of", "daughter of") and say nothing about who someone is.
_LINK_WORDS = frozenset({"بن", "بنت"})

SIMILAR_NAME_THRESHOLD = 0.8


def isolate(text: str) -> str:
    """Wrap ``text`` in FSI ... PDI so it keeps its own direction inside Arabic or English text."""
    return f"{FSI}{text}{PDI}" if text else ""


def ltr_code(text: str) -> str:
    """A code read left to right whatever its digits: "AJF-١٤٤٧-٠٠٠١٢٣", "٠٥٠ ١٢٣ ٤٥٦٧".

    Arabic-Indic digits count as right-to-left numbers to the bidi algorithm, so a dash or a
    space between two groups would swap them; a left-to-right mark on each side of every
    separator keeps the groups in order.
    """
    if not text:
        return ""
    return LRI + _SEPARATOR.sub(lambda m: LRM + m.group() + LRM, text) + PDI


def strip_bidi_controls(text: str) -> str:
    """Remove directional marks, embeddings, overrides and isolates (LRM, RLM, ALM, U+202A-E,
    U+2066-9), e.g. from text pasted out of another program."""
    return text.translate(_STRIP_BIDI)


def _fold(text: str) -> str:
    # NFKD splits hamza/madda off alef, waw and yaa (and accents off Latin letters) so the
    # translate table drops them; NFKC then folds presentation forms and recomposes the rest.
    text = unicodedata.normalize("NFKD", text).lower().translate(_NAME_TABLE)
    text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub(" ", text).strip()
    text = _ABD_AL.sub("عبد", text)
    return _IBN.sub("بن", text)


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    """``_fold``'s work on the letters of one word (text without whitespace), before the two
    rules that join words; kept: the same name parts come back in every search and import."""
    text = unicodedata.normalize("NFKD", word).lower().translate(_NAME_TABLE)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _fold_words(text: str) -> str:
    """``_fold`` word by word: the same result (every step but the last two works on each
    character and its combining marks, never across whitespace, which each step keeps as
    whitespace: tests/test_text.py compares the two on random text), a few times faster."""
    joined = " ".join(filter(None, map(_fold_word, text.split())))
    if "عبد " in joined:  # (each rule's text must be there for it to apply: most names skip both)
        joined = _ABD_AL.sub("عبد", joined)
    return _IBN.sub("بن", joined) if "ابن" in joined else joined


# Words ``_fold_word`` gives back as they are (found so, at most ``_STABLE_KEPT``): a folded
# name made of them alone is folded already.  Its words are then each folded to themselves, and
# the two joining rules, applied once, find nothing more to join (a joined «عبدال…» starts with
# «عبد», not «ال»; «بن» is no «ابن»), so the second pass would give it back unchanged.
_STABLE: set[str] = set()
_STABLE_KEPT = 65_536


def normalize_name(text: str) -> str:
    """The search / duplicate-detection key of a name; idempotent.

    >>> normalize_name("عبدُ اللّه بن أحمد") == normalize_name("عبدالله ابن احمد")
    True
    """
    if not text:
        return ""
    once = _fold_words(text)
    if once.isascii():
        return once
    words = once.split(" ")
    if _STABLE.issuperset(words):  # (see ``_STABLE``)
        return once
    twice = _fold_words(once)  # almost always equal; guarantees idempotence for exotic input
    if twice == once and len(_STABLE) < _STABLE_KEPT:
        _STABLE.update(w for w in words if _fold_word(w) == w)
    return twice


def name_tokens(text: str) -> list[str]:
    """Normalised words of a name, without the linking words "بن" / "بنت"."""
    return tokens_of_normalized(normalize_name(text))


def tokens_of_normalized(normalized: str) -> list[str]:
    """``name_tokens`` for a name that is already the output of ``normalize_name``."""
    return [tok for tok in normalized.split(" ") if tok and tok not in _LINK_WORDS]


@lru_cache(maxsize=16384)
def _token_similarity(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 4:  # short names ("حسن"/"حسين") differ by one letter yet are distinct
        return 0.0
    # difflib's ratio is 2*M/T where M (its matching blocks) is a common subsequence, so never
    # more than rapidfuzz's Indel similarity 2*LCS/T: below the threshold there, below it in
    # difflib too, and the slow SequenceMatcher is asked only of the few pairs that may pass.
    # (The score stays difflib's: the two differ on some pairs, e.g. "abcd"/"bcda".)
    # The bound in difflib's own arithmetic, so a pair exactly at 0.8 is kept as difflib keeps it.
    total = len(a) + len(b)
    if 2.0 * ((total - Indel.distance(a, b)) // 2) / total < SIMILAR_NAME_THRESHOLD:
        return 0.0
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    return ratio if ratio >= SIMILAR_NAME_THRESHOLD else 0.0


def name_similarity(a: str, b: str) -> float:
    """Similarity of two names in [0, 1]; ``>= SIMILAR_NAME_THRESHOLD`` (0.8) means "similar".

    Tokens are aligned in order (a weighted longest common subsequence where near-identical
    spellings of a part count by their difflib ratio) and scored as 2*matched / (len_a + len_b):
    one different part out of four gives 0.75, a missing grandfather name (3 of 4) about 0.86.
    """
    return token_similarity(name_tokens(a), name_tokens(b))


def token_similarity(ta: list[str], tb: list[str]) -> float:
    """``name_similarity`` on token lists already normalised (no re-normalising in a hot loop)."""
    if not ta and not tb:
        return 1.0
    if not ta or not tb:
        return 0.0
    if ta == tb:
        return 1.0
    return aligned_similarity(ta, tb, _token_similarity)


def aligned_similarity(a: Sequence[T], b: Sequence[T], score: Callable[[T, T], float]) -> float:
    """Two sequences aligned in order (a weighted longest common subsequence, a pair of items
    counting by ``score`` in [0, 1]), scored 2*matched / (len_a + len_b), at most 1; 0 when
    either is empty.  Names in one script (``token_similarity``) and across scripts
    (``cross_script.parts_similarity``) are scored this way."""
    if not a or not b:
        return 0.0
    prev = [0.0] * (len(b) + 1)
    for x in a:
        cur = [0.0]
        for j, y in enumerate(b):
            cur.append(max(prev[j + 1], cur[j], prev[j] + score(x, y)))
        prev = cur
    return min(1.0, 2.0 * prev[-1] / (len(a) + len(b)))


@lru_cache(maxsize=65536)
def _parts(normalized: str) -> tuple[str, ...]:
    """``tokens_of_normalized``, kept: the names born one day are scored again and again while
    a desk types, corrects and registers."""
    return tuple(tokens_of_normalized(normalized))


def similar_names(query: list[str], names: Iterable[str], threshold: float) -> dict[str, float]:
    """Of many normalised names (all born one day), those whose ``token_similarity`` with the
    query tokens reaches ``threshold``, with that score: exactly what scoring each one would
    find, but most never reach the alignment.  Each query part adds at most 1 to the aligned
    weight, and only if some part of the name is near it (score above 0, asked once per distinct
    part), so a name with too few near parts cannot reach the threshold and is skipped."""
    found: dict[str, float] = {}
    if not query:
        return {n: 1.0 for n in names if not _parts(n) and threshold <= 1.0}
    width = len(query)
    distinct = set(names)
    named = list(zip(distinct, map(_parts, distinct), strict=True))  # one day's hundreds: map and union in C
    near = _near_parts(query, set().union(*(tokens for _name, tokens in named)))
    hit = {y for y, bits in near.items() if bits}  # the few parts near some query part
    for name, tokens in named:
        # a name with no part near the query aligns nothing: skipped by one test in C
        if not tokens or (threshold > 0.0 and hit.isdisjoint(tokens)):
            continue
        mask = 0
        for y in tokens:
            mask |= near[y]
        if 2.0 * mask.bit_count() / (width + len(tokens)) < threshold:
            continue
        score = token_similarity(query, list(tokens))
        if score >= threshold:
            found[name] = score
    return found


def _near_parts(query: list[str], parts: set[str]) -> dict[str, int]:
    """Each candidate part -> bit i set when it is near query part i (``_token_similarity`` above
    0).  rapidfuzz's C loop picks, for each query part, the candidates whose Indel similarity
    (the bound ``_token_similarity`` checks first; a little under it, so no float rounding drops
    one) may pass; only those are scored, so one day's few hundred distinct parts cost a few
    calls instead of one Python call per pair."""
    near = dict.fromkeys(parts, 0)
    choices = list(near)
    for i, x in enumerate(query):
        for y, _score, _index in process.extract(
            x, choices, scorer=Indel.normalized_similarity,
            score_cutoff=SIMILAR_NAME_THRESHOLD - 0.01, limit=None,
        ):
            if _token_similarity(x, y) > 0.0:
                near[y] |= 1 << i
    return near


def full_name(
    first: str | None, father: str | None, grandfather: str | None, family: str | None
) -> str:
    """The four-part name joined with single spaces, skipping empty parts."""
    parts = (first, father, grandfather, family)
    return " ".join(_SPACES.sub(" ", p).strip() for p in parts if p and p.strip())
