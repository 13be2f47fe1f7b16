"""The association's profile in the exchange: head office puts its version in force in every
bundle it sends, whole (the TOML, the policy text, the logo); a branch puts in its own only the
number and hash of the version it runs.  A branch adopts head office's version as its next one,
in the import's transaction; head office is told when a branch still runs another version (it
changes with the branch's next import of head office's bundle)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...domain.digits import digit_style, localize_digits
from ...domain.profile import ProfileError
from ...i18n import _
from ..profile import versions
from ..profile.versions import ProfileFiles
from ..store.context import AppContext
from . import sync_bundle as sb


def outgoing(session: Session, i_am_hub: bool) -> dict | None:
    """What this node's bundle says of its profile (None for a store with no version yet)."""
    row = versions.in_force_row(session)
    return versions.to_wire(row, whole=i_am_hub) if row is not None else None


def incoming(ctx: AppContext, session: Session, wire: object, *, from_hub: bool,
             i_am_hub: bool, branch_name: str) -> tuple[ProfileFiles | None, str]:
    """Read what a bundle says of its sender's profile: (head office's files, now this branch's
    version in force, or None; a note for the person importing, or "")."""
    if wire is None:
        return None, ""
    try:
        number, sha, files, by = versions.from_wire(wire)
    except ValueError as exc:
        raise sb.BundleError(_("The bundle's profile is malformed ({field})").format(
            field=str(exc))) from None
    mine = versions.in_force_row(session)
    digits = digit_style(ctx.profile.digits)
    if mine is not None and mine.sha256 == sha:
        return None, ""
    if i_am_hub:
        message = _("The branch {branch} runs version {theirs} of the association's profile; "
                    "head office's is version {ours}: the branch takes it at its next import "
                    "of head office's bundle")
        return None, message.format(branch=branch_name, theirs=localize_digits(str(number), digits),
                                    ours=localize_digits(str(mine.number if mine else 0), digits))
    if not from_hub or files is None:
        return None, ""
    if files.association != ctx.profile.id:
        raise sb.BundleError(_("This bundle belongs to another association"))
    try:
        versions.load_files(ctx.store.data_dir, files)  # checked as every profile file is
    except ProfileError as exc:
        raise sb.BundleError(_("Head office's profile cannot be read by this program: {error}")
                             .format(error=exc)) from None
    versions.add_version(session, files, number, versions.HEAD_OFFICE, by)
    ctx.audit(session, "adopt", "profile", number, sha256=sha)
    message = _("This branch now runs head office's version {number} of the association's profile")
    return files, message.format(number=localize_digits(str(number), digits))
