"""Names across scripts: one key for an Arabic name and the Latin spellings people give it.

«محمد عبدالله الشمري», "Mohammed Abdullah Al-Shammari" and "Muhammad Abdallah Alshamari" are
one person.  Each name part, in either script, is reduced to a *consonant skeleton* (``mhmd``,
``abdl``, ``cmr``) and, between its consonants, *vowel slots*.  Two parts match when their
skeletons are equal and every slot agrees: an Arabic long vowel (ا و ي) needs a Latin vowel that
can write it, and a Latin vowel that can only be long ("oo", "ou", "ee", "ai", "aa", …) needs the
Arabic long vowel.  So "Mahmoud" is «محمود» but not «محمد», "Hussein" is «حسين» but not «حسن»,
"Saeed" is «سعيد» but not «سعد».  The skeleton alone is the indexed search key.

The mapping (the classes merge what Gulf passports write interchangeably):

==========  ====================  =========================================================
class       Arabic                Latin (ALA-LC, then the usual Gulf / passport spellings)
==========  ====================  =========================================================
``b``       ب                     b, p
``d``       د ت ط ض ث ذ ظ         d, t, dh, th (ALA-LC ṭ ḍ ẓ lose their dots: t, d, z/dh)
``z``       ز                     z
``s``       س ص                   s, ss, c
``c``       ش                     sh, ch
``j``       ج                     j
``q``       ق غ                   q, g, gh (Gulf ق is "g": "Al-Gahtani"; غ "Ghanim"/"Ganim")
``k``       ك                     k
``x``       خ                     kh
``h``       ح ه                   h (a word's final h, ح or ه/ة is dropped on both sides:
                                  "Saleh"/«صالح», "Abdulla(h)"/«عبدالله», "Fatima(h)")
``f``       ف                     f, v, ph
``l m n r`` ل م ن ر               l m n r
``w`` ``y`` و ي at a word start   w, y at a word start
``a``       ا أ إ آ ع at a start  a vowel at a word start ("Eisa", "Issa" «عيسى»; "Omar")
(slot)      ا و ي inside a word   vowels and y/w inside a word; ع ء inside a word are a
                                  glottal slot that takes any Latin vowel ("Saad"/«سعد»)
==========  ====================  =========================================================

Doubled Latin consonants count once ("Shammari", "Hussein"); the article «ال» and its Latin forms
(al, el, Al-, Aal, and the sun-letter forms ar-, as-, ash-, ad-, at-, az-, an-, adh-, ath-) are
dropped ("Ar-Rashid", "Al-Rashid", "Alrasheed", «الرشيد»); «آل» and "Al"/"Aal" before a family
name too; «بن»/«بنت» and bin/ibn/bint/ben are link words; «عبد» compounds are one part whichever
way they are written ("Abdul Rahman", "Abdulrahman", "Abd al-Rahman", "Abdurrahman", «عبد الرحمن»).

Sources: the ALA-LC romanisation table for Arabic (Library of Congress, 2012); the spellings in
Saudi and Gulf passports and civil registers as they appear in published name lists (the first
names, father names and family/tribal names of ``tests/data/names_corpus.tsv``, written by hand
as people write them).  Pure Python, no network.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

from .text import normalize_name

_ARABIC_CLASS = {
    "ب": "b", "پ": "b", "ت": "d", "ث": "d", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d",
    "ر": "r", "ز": "z", "س": "s", "ش": "c", "ص": "s", "ض": "d", "ط": "d", "ظ": "d", "غ": "q",
    "ف": "f", "ڤ": "f", "ق": "q", "گ": "q", "ك": "k", "ک": "k", "ل": "l", "م": "m", "ن": "n",
    "ه": "h",
}
_ARABIC_VOWEL = {"ا": "a", "و": "u", "ي": "y"}  # "y": ي or ى (the normaliser folds them)
_ARABIC_GLOTTAL = frozenset("عء")
_LATIN_DIGRAPH = {"kh": "x", "sh": "c", "ch": "c", "gh": "q", "th": "d", "dh": "d", "ph": "f"}
_LATIN_CLASS = {
    "b": "b", "p": "b", "t": "d", "d": "d", "z": "z", "s": "s", "c": "s", "j": "j", "g": "q",
    "q": "q", "k": "k", "h": "h", "f": "f", "v": "f", "l": "l", "m": "m", "n": "n", "r": "r",
    "x": "k",
}
_LATIN_VOWELS = frozenset("aeiouyw'")
_APOSTROPHES = str.maketrans({c: "'" for c in "\u2018\u2019\u02bc\u02bf\u02be`\u00b4"})
_LATIN_SPLIT = re.compile(r"[\s\-_.,/]+")
_LINK = frozenset({"bin", "ibn", "bint", "ben", "binti", "bn", "بن", "بنت"})
_ARTICLES = frozenset({
    "al", "el", "aal", "ال", "ul", "il", "ar", "as", "ash", "ad", "at", "az", "an", "adh", "ath",
    "ur", "us", "ud", "ut", "un",
})
_ABD_FORMS = frozenset({"abd", "abdul", "abdel", "abdal", "abdol", "abdil", "abdu", "abdo"})
_ABD_LATIN = re.compile(r"^abd(?:[aeiou]l|[aeiou])?")
_AL_LATIN = re.compile(r"^(?:al|el)")
# Arabic words that start with the letters ا ل but carry no article
_NOT_ARTICLE = frozenset({"الياس", "الهام", "الا"})


class Part(NamedTuple):
    """One name part: its consonant skeleton and, after each consonant, the vowel slot.

    ``latin`` tells how the slots were written: an Arabic slot holds ``a``/``u``/``y`` for its
    long vowels and ``'`` for ع or ء (a final ح/ه/ة too); a Latin slot is the vowels as typed."""

    skeleton: str
    slots: tuple[str, ...]
    latin: bool


def is_latin(text: str) -> bool:
    """Does the name hold Latin letters (and no Arabic ones)?"""
    if text.isascii():
        return any(ch.isalpha() for ch in text)
    has_latin = False
    for ch in text:
        if "\u0600" <= ch <= "\u06ff" or "\ufb50" <= ch <= "\ufeff":
            return False
        if ch.isalpha():  # "é": a Latin letter with its accent
            has_latin = True
    return has_latin


@lru_cache(maxsize=65536)
def parts(text: str) -> tuple[Part, ...]:
    """The name's parts in either script, link words and articles gone, «عبد» compounds joined."""
    if not text:
        return ()
    if is_latin(text):
        return tuple(p for p in (_latin_part(t) for t in _latin_tokens(text)) if p.skeleton)
    return _arabic_parts(normalize_name(text))


@lru_cache(maxsize=65536)
def parts_of_normalized(name: str) -> tuple[Part, ...]:
    """``parts`` of a name already through ``text.normalize_name`` (``applicant.name_norm``):
    the names born one day are read this way, without normalising them again."""
    if not name:
        return ()
    if is_latin(name):
        return parts(name)
    return _arabic_parts(name)


def _arabic_parts(normalized: str) -> tuple[Part, ...]:
    out = []
    tokens = [t for t in normalized.split(" ") if t and t not in _LINK and t != "ال"]
    for i, token in enumerate(tokens):
        if token == "عبد" and i + 1 < len(tokens):  # «عبد ربه»: one part, as «عبدالله» is
            tokens[i + 1] = "عبد" + tokens[i + 1]
            continue
        if i + 1 < len(tokens) and tokens[i + 1] == "الله" and not token.startswith("عبد"):
            tokens[i + 1] = token + "له"  # «ضيف الله» is "Daifallah"
            continue
        part = _arabic_part(token)
        if part.skeleton:
            out.append(part)
    return tuple(out)


LATIN_MARK = "0"  # before the skeletons of a name written in Latin letters, in the key


def name_key(*names: str | None) -> str:
    """The indexed key: the skeletons of every part of the given names (the Arabic name and the
    Latin one), each once, space separated, ASCII only; those of a name in Latin letters marked
    with ``LATIN_MARK`` ("mhmd cmr 0mhmd 0cmr"), so a query looks only at the other script's."""
    seen: dict[str, None] = {}
    for name in names:
        _add_skeletons(seen, name)
    return " ".join(seen)


def name_key_normalized(name: str, normalized: str, *others: str | None) -> str:
    """``name_key(name, *others)`` for a name whose ``text.normalize_name`` is at hand (every
    saved applicant's is, as ``name_norm``): an Arabic name's parts are read from it instead of
    normalising the name a second time.  The same key."""
    if is_latin(name) or is_latin(normalized):  # (an Arabic name's normal form is Arabic too)
        return name_key(name, *others)
    seen = dict.fromkeys(part.skeleton for part in _arabic_parts(normalized))  # = parts(name)
    for other in others:
        if other:  # (none or empty: no parts)
            _add_skeletons(seen, other)
    return " ".join(seen)


def _add_skeletons(seen: dict[str, None], name: str | None) -> None:
    mark = LATIN_MARK if is_latin(name or "") else ""
    for part in parts(name or ""):
        seen.setdefault(mark + part.skeleton, None)


def query_skeletons(text: str) -> list[tuple[str, ...]]:
    """The key's words to look up for a typed query, each a prefix of a word of the stored key:
    for a Latin query the skeletons of Arabic names, for an Arabic one those of Latin names
    (marked); a part may be read two ways (the alternatives of ``query_parts``)."""
    mark = "" if is_latin(text) else LATIN_MARK
    return [tuple(dict.fromkeys(mark + p.skeleton for p in alts)) for alts in query_parts(text)]


def query_parts(text: str) -> list[tuple[Part, ...]]:
    """The typed parts, the last one still being typed: "Alsh" may be the article and the start
    of "Shammari" (too short yet for ``parts`` to drop the article), so it is read both ways."""
    found: list[tuple[Part, ...]] = [(p,) for p in parts(text)]
    if not found:
        return found
    if is_latin(text):
        last = _latin_tokens(text)[-1:]
        if last and last[0][:2] in ("al", "el") and 2 < len(last[0]) < 6:
            other = _latin_part(last[0][2:])
            if other.skeleton:
                found[-1] = (found[-1][0], other)
    else:
        last = normalize_name(text).split(" ")[-1:]
        if last and last[0].startswith("ال") and len(last[0]) == 3:  # «الش»: «الشمري» begun
            found[-1] = (found[-1][0], _arabic_part(last[0][2:]))
    return found


# ---- Arabic ------------------------------------------------------------------------------


@lru_cache(maxsize=32768)  # a name's parts come from a few thousand words: each read once
def _arabic_part(token: str) -> Part:
    if token.startswith("عبد") and len(token) >= 5:  # «عبدالله», «عبدالرحمن»: abd + the rest
        head = _arabic_letters("عبد")
        rest = _arabic_letters(_strip_article(token[3:]))
        if rest[0]:
            return Part(head[0] + rest[0], head[1] + rest[1], False)
    skeleton, slots = _arabic_letters(_strip_article(token))
    return Part(skeleton, slots, False)


def _strip_article(token: str) -> str:
    if token.startswith("ال") and len(token) >= 4 and token not in _NOT_ARTICLE:
        return token[2:]
    return token


def _arabic_letters(token: str) -> tuple[str, tuple[str, ...]]:
    cons: list[str] = []
    slots: list[str] = []
    glottal_end = ""
    if token and token[-1] in "حه" and len(token) > 1:  # final ح, ه, ة: dropped, as Latin does
        token, glottal_end = token[:-1], ("h" if token[-1] == "ح" else "t")
    for i, ch in enumerate(token):
        cls = _ARABIC_CLASS.get(ch)
        if i == 0 and (ch in "اع" or ch in _ARABIC_GLOTTAL):
            cons.append("a")
            slots.append("")
        elif i == 0 and ch in "وي":
            cons.append("w" if ch == "و" else "y")
            slots.append("")
        elif cls is not None:
            cons.append(cls)
            slots.append("")
        elif ch in _ARABIC_VOWEL and cons:
            slots[-1] += _ARABIC_VOWEL[ch]
        elif ch in _ARABIC_GLOTTAL and cons:
            slots[-1] += "'"
    if slots and glottal_end:
        slots[-1] += glottal_end
    return "".join(cons), tuple(slots)


# ---- Latin -------------------------------------------------------------------------------


def _latin_tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).lower())
    text = "".join(ch for ch in text if ch.isascii() and (ch.isalpha() or ch in " '-_.,/"))
    words = [w.strip("'") for w in _LATIN_SPLIT.split(text)]
    words = [w for w in words if w and w not in _LINK]
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if word in _ARTICLES and nxt is not None:
            i += 1
            continue
        if word in _ABD_FORMS and nxt is not None:  # "Abdul Rahman", "Abd al-Rahman"
            skip = nxt in _ARTICLES and i + 2 < len(words)
            rest = words[i + 2] if skip else nxt
            rest = "lah" if rest in ("allah", "alla", "ullah", "ulla", "illah") else rest
            out.append("abdul" + rest)
            i += 3 if skip else 2
            continue
        if word == "allah" and out and not out[-1].startswith("abd"):  # "Daif Allah"
            out[-1] += "allah"
        else:
            out.append(word)
        i += 1
    return out


@lru_cache(maxsize=32768)
def _latin_part(token: str) -> Part:
    m = _ABD_LATIN.match(token)
    if m and len(token) - m.end() >= 2:
        rest = _strip_latin_article(token[m.end():])
        head = _latin_letters("abd")
        tail = _latin_letters(rest)
        if tail[0]:
            return Part(head[0] + tail[0], head[1] + tail[1], True)
    skeleton, slots = _latin_letters(_strip_latin_article(token))
    return Part(skeleton, slots, True)


def _strip_latin_article(token: str) -> str:
    if len(token) >= 6 and _AL_LATIN.match(token):  # "Alshamari", "Elrashid" (not "Alawi")
        return token[2:]
    return token


def _latin_letters(token: str) -> tuple[str, tuple[str, ...]]:
    # doubled consonants once; a final h goes (as the Arabic final ح/ه/ة does)
    token = re.sub(r"([b-df-hj-np-tv-xz])\1+", r"\1", token)
    if len(token) > 1 and token.endswith("h") and token[-2:] not in _LATIN_DIGRAPH:
        token = token[:-1]
    cons: list[str] = []
    slots: list[str] = []
    i = 0
    if token and token[0] in "aeiou'":
        cons.append("a")
        slots.append("")
        while i < len(token) and token[i] in "aeiou'":
            slots[-1] += token[i]
            i += 1
    elif token and token[0] in "wy":
        cons.append(token[0])
        slots.append("")
        i = 1
    while i < len(token):
        pair = token[i:i + 2]
        if pair in _LATIN_DIGRAPH:
            cls = _LATIN_DIGRAPH[pair]
            i += 2
        elif token[i] in _LATIN_VOWELS:
            if cons:
                slots[-1] += token[i]
            i += 1
            continue
        else:
            cls = _LATIN_CLASS.get(token[i], "")
            i += 1
        if cls and not (cons and cons[-1] == cls and not slots[-1]):
            cons.append(cls)
            slots.append("")
    return "".join(cons), tuple(slots)
