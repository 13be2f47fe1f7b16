"""How an association revises its policy without a new program: the system administrator
exports the profile in force, edits it, checks it and imports it; the store keeps every version.

Only head office imports: its version travels to the branches in the bundles it sends
(``services.sync``), a branch refuses an import of its own.  An import that would take away a
program, a document kind, a channel, a category or a branch that rows of the store still use is
refused, naming each item and how many rows use it.  Refused rather than "retired": every list,
form, report and paper reads its names from the profile, and a retired state none of them
knows would show those rows with a bare code or fail on them; the administrator keeps the item
(and may say in its name that it is no longer offered) instead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ...db.enquiries import Enquiry
from ...db.models import Applicant, Document, SupportRequest, User
from ...db.profile_versions import ProfileVersion
from ...domain import permissions
from ...domain.digits import digit_style, localize_digits
from ...domain.errors import ValidationError
from ...domain.profile import AssociationProfile, ProfileError, install_profile, load_profile
from ...i18n import _, ngettext
from ..store.context import AppContext
from ..store.events import PROFILE_CHANGED
from . import versions
from .versions import ProfileFiles, VersionView


class ProfileRefused(ValidationError):
    """A profile that cannot be put in force: ``reasons`` as the command line prints them
    (``FILE:LINE: key: message``), ``message`` the same said for the window, one a line."""

    def __init__(self, reasons: list[str], said: list[str]):
        super().__init__("profile", "\n".join(said))
        self.reasons = reasons


def said(exc: ProfileError, digits: str = "western") -> str:
    """A file's error as the window says it: the line (in the profile's ``digits``) and the
    key, then what is wrong."""
    if exc.line:
        return _("Line {line}, key “{key}”: {message}").format(
            line=localize_digits(str(exc.line), digit_style(digits)), key=exc.key, message=exc.message)
    return _("Key “{key}”: {message}").format(key=exc.key, message=exc.message)


@dataclass(frozen=True)
class Checked:
    profile: AssociationProfile
    files: ProfileFiles


def read(path: Path | str) -> Checked:
    """The file at ``path`` read and checked as a profile (ProfileError naming file, line and
    key), with the policy text and logo it names."""
    path = Path(path)
    profile = load_profile(path, named_by_file=False)
    return Checked(profile, versions.read_files(path, profile))


# what rows use each kind of item: (the profile's items, the columns that hold their codes)
def _uses(profile: AssociationProfile):
    return (
        (_("the program"), {p.code for p in profile.programs}, (SupportRequest.program,)),
        (_("the document kind"), {k.code for k in profile.document_kinds}, (Document.kind,)),
        (_("the channel"), {c.code for c in profile.channels}, (SupportRequest.channel, Enquiry.channel)),
        (_("the category"), {c.code for c in profile.categories}, (Applicant.category,)),
        (_("the branch"), {b.code for b in profile.branches},
         (Applicant.branch, SupportRequest.branch, User.branch)),
    )


def used_codes(session: Session, old: AssociationProfile,
               new: AssociationProfile) -> list[tuple[str, str, str, int]]:
    """(what, code, table, rows) of every item ``old`` has and ``new`` has not that rows of the
    store use.  Only those codes are counted (an index or a short scan each)."""
    found = []
    for (what, before, columns), (_what, after, _columns) in zip(_uses(old), _uses(new), strict=True):
        gone = sorted(before - after)
        if not gone:
            continue
        for column in columns:
            counts = session.execute(
                select(column, func.count()).where(column.in_(gone)).group_by(column)).all()
            found += [(what, code, column.table.name, count) for code, count in sorted(counts)]
    return found


def _said(found: list[tuple[str, str, str, int]], digits: str,
          sentence: Callable[[int], str]) -> list[str]:
    """Each (what, code, table, rows) of ``used_codes`` in ``sentence`` (its plural for rows)."""
    return [sentence(count).format(what=what, code=code, table=table,
                                   n=localize_digits(str(count), digit_style(digits)))
            for what, code, table, count in found]


def still_used(session: Session, old: AssociationProfile, new: AssociationProfile) -> list[str]:
    """Every item ``new`` takes away from ``old`` that rows of the store still use, said with
    how many rows use it."""
    return _said(used_codes(session, old, new), old.digits, lambda count: ngettext(
        "the new profile removes {what} “{code}”, but {n} row of the table “{table}” "
        "still uses that code",
        "the new profile removes {what} “{code}”, but {n} rows of the table “{table}” "
        "still use that code", count))


def not_in(session: Session, mine: AssociationProfile, theirs: AssociationProfile) -> list[str]:
    """Every item ``theirs`` has and ``mine`` has not that rows of the store use (rows that came
    with head office's bundle), said with how many rows use it."""
    return _said(used_codes(session, theirs, mine), mine.digits, lambda count: ngettext(
        "{n} row of the table “{table}” uses {what} “{code}”, which this branch's version does "
        "not have",
        "{n} rows of the table “{table}” use {what} “{code}”, which this branch's version does "
        "not have", count))


def check(ctx: AppContext, path: Path | str, *, for_window: bool = False) -> list[str]:
    """Every reason the file at ``path`` cannot be put in force in this store ([] when it can):
    every mistake of the file (each with its line and key), or each item it removes that rows
    still use.  As the command line prints them (``FILE:LINE: key: message``), or ``for_window``."""
    try:
        checked = read(path)
    except ProfileError as exc:
        return [said(e, ctx.profile.digits) if for_window else str(e) for e in exc.mistakes]
    return _refusals(ctx, checked)


def _refusals(ctx: AppContext, checked: Checked, session: Session | None = None) -> list[str]:
    if checked.profile.id != ctx.profile.id:
        message = _("id: this store is for the association “{store}”, the file is for “{file}”")
        return [message.format(store=ctx.profile.id, file=checked.profile.id)]
    if session is not None:
        return still_used(session, ctx.profile, checked.profile)
    with ctx.reading() as s:
        return still_used(s, ctx.profile, checked.profile)


def current(ctx: AppContext) -> VersionView:
    """The version in force: its number, when and by whom it was imported, its sha256."""
    with ctx.reading() as s:
        row = versions.in_force_row(s)
        if row is None:
            raise ValidationError("profile", _("This store has no profile yet"))
        return versions.view(row)


def history(ctx: AppContext) -> list[VersionView]:
    """Every version this store has run, the newest first."""
    with ctx.reading() as s:
        rows = s.scalars(select(ProfileVersion).order_by(ProfileVersion.seq.desc()))
        return [versions.view(r) for r in rows]


def export(ctx: AppContext, out: Path | str) -> list[Path]:
    """The profile in force written at ``out`` (the exact text), its policy text and logo beside
    it where its ``policy_file`` and ``logo`` say: ready to edit and import again."""
    ctx.require(permissions.MANAGE_PROFILE)
    with ctx.reading() as s:
        files = versions.in_force_files(s)
    if files is None:
        raise ValidationError("profile", _("This store has no profile yet"))
    return versions.write_files(files, Path(out))


def import_file(ctx: AppContext, path: Path | str) -> VersionView:
    """Put the profile at ``path`` in force as this store's next version: head office's system
    administrator only, checked first, audited, in one transaction."""
    ctx.require(permissions.MANAGE_PROFILE)
    from ..sync import sync_node

    if sync_node.hub(ctx.store) is not None:
        raise ValidationError("profile", _(
            "Only head office imports the association's profile: its version reaches this "
            "branch with the next exchange"))
    try:
        checked = read(path)
    except ProfileError as exc:
        raise ProfileRefused([str(e) for e in exc.mistakes],
                             [said(e, ctx.profile.digits) for e in exc.mistakes]) from None
    with ctx.uow() as s:
        errors = _refusals(ctx, checked, s)
        if errors:
            raise ProfileRefused(errors, errors)
        latest = versions.in_force_row(s)
        if latest is not None and latest.sha256 == checked.files.sha256 \
                and versions.in_force_files(s) == checked.files:
            raise ValidationError("profile", _("This profile is already the one in force (version "
                                               "{number})").format(number=latest.number))
        number = (s.scalar(select(func.max(ProfileVersion.number))) or 0) + 1
        by = ctx.user.username if ctx.user else ""
        row = versions.add_version(s, checked.files, number, versions.IMPORTED, by)
        ctx.audit(s, "import", "profile", number, sha256=row.sha256, file=Path(path).name)
        done = versions.view(row)
        ctx.changed(PROFILE_CHANGED, number)
    put_in_force(ctx, checked.files, row.seq)
    return done


def put_in_force(ctx: AppContext, files: ProfileFiles, seq: int) -> None:
    """After the commit: this context and every later ``get_profile`` use the new version
    (``seq``); the other desks on the store take it at their next transaction."""
    profile = versions.load_files(ctx.store.data_dir, files)
    install_profile(profile)
    ctx.profile, ctx.profile_seq = profile, seq
    ctx.branch = profile.branch(ctx.branch.code)
