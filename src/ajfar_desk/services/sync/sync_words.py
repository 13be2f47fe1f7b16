"""What an import brought, in words, for the window and the command line alike: the changes
applied, then only what waits for a person («تعارض واحد للمراجعة.», or «لا شيء للمراجعة.»
rather than «٠ تعارض»)."""

from __future__ import annotations

from collections.abc import Callable

from ...i18n import _, ngettext
from .sync import ImportResult


def import_summary(r: ImportResult, peer: str, number: Callable[[int], str] = str) -> str:
    """``peer``: the sender's branch as the reader knows it; ``number``: how a count is written
    (the profile's digits in the window; the command line localises its lines itself)."""
    parts = [_("Bundle number {number} from {peer} imported: {changes}, {applied}.").format(
        number=number(r.number), peer=peer,
        changes=ngettext("{n} change", "{n} changes", r.changes).format(n=number(r.changes)),
        applied=ngettext("{n} applied", "{n} applied", r.applied).format(n=number(r.applied)))]
    parts.append(to_review(r, number))
    return " ".join(parts)


def to_review(r: ImportResult, number: Callable[[int], str] = str) -> str:
    """What an import left for a person: its conflicts and files registered twice, or that
    there is nothing (never «٠ تعارض»)."""
    parts = []
    if r.conflicts:
        parts.append(ngettext("{n} conflict to review.", "{n} conflicts to review.",
                              r.conflicts).format(n=number(r.conflicts)))
    if r.duplicates:
        parts.append(ngettext("{n} file registered twice, to merge.", "{n} files registered twice, to merge.",
                              r.duplicates).format(n=number(r.duplicates)))
    return " ".join(parts) or _("Nothing to review.")
