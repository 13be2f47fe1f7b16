"""A list's search box (the enquiries, the complaints): the words typed, and whether a record's
fields hold them all, whatever the digits, the Arabic spelling variants and the diacritics."""

from __future__ import annotations

from collections.abc import Sequence

from .digits import normalize_digits
from .text import normalize_name


def search_words(text: str) -> list[str]:
    """What a search box holds, as the words a record must contain (``has_words``)."""
    return normalize_name(normalize_digits(text)).split()


def has_words(words: Sequence[str], *fields: str | None) -> bool:
    """Each of ``words`` is found in one of ``fields``; a phone stored +9665… is found as
    typed, 05…"""
    said = " ".join(f for f in fields if f)
    haystack = normalize_name(f"{said} {said.replace('+966', '0')}")
    return all(w in haystack for w in words)
