"""The applicant's receipt (إيصال استلام طلب): its placeholders and list items.

The receipt is drawn by the papers' renderer (``papers.render``) from ``receipt.toml``, like the
other papers: letterhead, number and date, blocks, the footer with the QR code and the hash.
This module adds what only a receipt has, all from the paper's stored content: the association's
contact channels (how to follow up), the rights and duties its policy states, and whether the
request has a committee answer date.
"""

from __future__ import annotations

from typing import Any

from ..domain.errors import ValidationError
from ..domain.profile import AssociationProfile
from .formatter import Formatter

_YES = "yes"


def channel_names(content: dict[str, Any], profile: AssociationProfile) -> list[str]:
    """The contact channels the receipt names, in the paper's language (a channel since
    removed from the profile prints its code)."""
    lang = content["lang"]
    names = []
    for code in content.get("follow_up", {}).get("channels", []):
        try:
            names.append(profile.channel(code).name(lang))
        except ValidationError:
            names.append(code)
    return names


def receipt_placeholders(
    content: dict[str, Any], profile: AssociationProfile, f: Formatter
) -> dict[str, str]:
    separator = "، " if f.lang == "ar" else ", "
    return {
        # The number the applicant quotes back: a code with Latin letters keeps Western digits
        # (the paper's number beside it in the letterhead has them too).
        "reference": f.latin_code(content["request"]["reference"]),
        "channels": separator.join(channel_names(content, profile)),
        "no_committee": "" if content["request"].get(
            "committee", bool(content["request"].get("answer_due"))) else _YES,
        "documents_count": f.num(len(content.get("documents", []))),
    }


def list_items(
    content: dict[str, Any], profile: AssociationProfile, source: str
) -> list[str] | None:
    """The items of a ``list`` block (None: this paper has no such source)."""
    if "follow_up" not in content:
        return None
    if source == "channels":
        return channel_names(content, profile)
    return list(content.get("policy", {}).get(source, []))
