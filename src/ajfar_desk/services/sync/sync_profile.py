"""The association's profile in the exchange: head office puts its version in force in every
bundle it sends, whole (the TOML, the policy text, the logo); a branch puts in its own only the
number and hash of the version it runs.  A branch adopts head office's version as its next one,
in the import's transaction; head office is told when a branch still runs another version (it
changes with the branch's next import of head office's bundle).

A branch whose last bundle came without "profile" runs a program from before profiles were
kept in the store, and that program refuses a bundle holding one (its check allowed nothing but
changes, members and an anchor): head office leaves its profile out of the bundles for that
branch (kept in ``store_meta`` as ``older_program:<node>``) until the branch's bundles carry
one again, and is told why the branch does not take its version.  Head office alone does so:
were a branch to leave its own out when head office's bundle had none, each would take the
other for an older program for ever.  So head office is upgraded first (an older head office
refuses an upgraded branch's bundles the same way).

A branch does not take head office's version while its own rows use a code that version
removes (rows not yet sent when head office imported it: head office's own import counted only
the rows it held).  Taking it would leave those rows with a code no list, form, report or paper
of the branch can name, the state ``profiles`` refuses at head office.  So the branch keeps its
version and every row as it is, imports the rest of the bundle, and says which codes and how
many rows of which table hold the version back; head office keeps those codes in its profile
(a new version: the branch's rows reach it with the branch's bundle), or the rows are changed
at the branch, and a later bundle brings the version.  Should the bundle's own rows use a code
that only head office's new version has (an item it added), keeping the old version would leave
those rows unnamed instead: then nothing of the bundle is imported, and both are said."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...db.models import StoreMeta
from ...domain.digits import digit_style, localize_digits
from ...domain.profile import ProfileError
from ...i18n import _
from ..profile import profiles, versions
from ..profile.versions import ProfileFiles
from ..store.context import AppContext
from . import sync_bundle as sb


def _older_key(node: str) -> str:
    return f"older_program:{node}"


def outgoing(session: Session, i_am_hub: bool, to_node: str) -> dict | None:
    """What this node's bundle to ``to_node`` says of its profile (None for a store with no
    version yet, or for a node whose program would refuse the bundle for it)."""
    row = versions.in_force_row(session)
    if row is None or session.get(StoreMeta, _older_key(to_node)) is not None:
        return None
    return versions.to_wire(row, whole=i_am_hub)


def _remember_program(session: Session, sender: str, older: bool) -> None:
    """Whether ``sender``'s program predates profiles, as its latest bundle shows."""
    known = session.get(StoreMeta, _older_key(sender))
    if older and known is None:
        session.add(StoreMeta(key=_older_key(sender), value="no profile in its bundles"))
    elif not older and known is not None:
        session.delete(known)


def incoming(ctx: AppContext, session: Session, wire: object, *, from_hub: bool,
             i_am_hub: bool, branch_name: str, sender: str
             ) -> tuple[tuple[ProfileFiles, int] | None, str]:
    """Read what a bundle says of its sender's profile: (head office's files and their ``seq``
    here, now this branch's version in force, or None; a note for the person importing, or "")."""
    if i_am_hub:
        _remember_program(session, sender, older=wire is None)
    if wire is None:
        if i_am_hub and versions.in_force_row(session) is not None:
            return None, _("The branch {branch} runs an older version of the program, which "
                           "does not take the association's profile: head office's bundles "
                           "leave it out until the branch's program is upgraded").format(
                               branch=branch_name)
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
        theirs = versions.load_files(ctx.store.data_dir, files)  # checked as every profile file is
    except ProfileError as exc:
        raise sb.BundleError(_("Head office's profile cannot be read by this program: {error}")
                             .format(error=exc)) from None
    held_back = profiles.still_used(session, ctx.profile, theirs)
    if held_back:
        return None, _kept_back(ctx, session, theirs, number, held_back, mine, digits)
    row = versions.add_version(session, files, number, versions.HEAD_OFFICE, by)
    ctx.audit(session, "adopt", "profile", number, sha256=sha)
    message = _("This branch now runs head office's version {number} of the association's profile")
    return (files, row.seq), message.format(number=localize_digits(str(number), digits))


def _kept_back(ctx: AppContext, session: Session, theirs, number: int, held_back: list[str],
               mine, digits: str) -> str:
    """The note of a version the branch does not take (its rows use codes it removes), or the
    refusal of the whole bundle when the bundle's rows need that version (see the module)."""
    said_number = localize_digits(str(number), digits)
    needed = profiles.not_in(session, ctx.profile, theirs)
    if needed:
        raise sb.BundleError(_(
            "Nothing was imported: head office's version {number} of the association's profile "
            "removes codes that rows of this branch still use ({removed}), and the bundle's rows "
            "use codes only that version has ({needed}). Ask head office to keep those codes in "
            "its profile, then import its next bundle").format(
                number=said_number, removed=_("; ").join(held_back), needed=_("; ").join(needed)))
    return _(
        "Head office's version {number} of the association's profile is not taken: {removed}. "
        "This branch keeps version {mine} and its rows as they are; ask head office to keep "
        "those codes in its profile (or change those rows here): a later bundle brings the "
        "version").format(number=said_number, removed=_("; ").join(held_back),
                          mine=localize_digits(str(mine.number if mine else 0), digits))
