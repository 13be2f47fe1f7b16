"""The administrator's backups, as the window offers them: the copies kept in ``DATA/backups/``
(the daily ones, those made by hand, before a migration and before a restore), one made now, and
a restore from one of them.

The copying and the checks are ``services.store.backup``'s (the command line's ``backup`` and
``restore``): the same refusals (a target among the store's files, a damaged or foreign file, a
newer schema, a wrong passphrase).  Each use case checks the signed-in account's stored role
first (administrators only).  A restore takes a safety copy of the current store into the
backups folder, then closes the store (its engine: the window must open it again, which
``ui.shell.app`` does) and puts the backup in its place; the replaced file is also kept beside
the store (``.before-restore-…``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from ...db import migrate
from ...db.engine import is_encrypted
from ...db.models import Applicant, SupportRequest
from ...domain import permissions
from ...i18n import _
from ..store import backup as store_backup
from ..store.backup import BackupError, BackupInfo, RestoreResult
from ..store.context import AppContext
from ..store.output_files import safe_output
from ..users.audit_anchor import write_beside

MANUAL, DAILY, SAFETY, MIGRATION = "manual", "daily", "safety", "migration"
SAFETY_LABEL = "before-restore"
_NAME = r"^{stem}-(?P<label>[A-Za-z0-9_.-]+?)-(?P<stamp>\d{{8}}-\d{{6}})(?:-\d+)?\.sqlite$"

Progress = Callable[..., object] | None


@dataclass(frozen=True)
class KeptBackup:
    """One copy in the backups folder: when it was made (local time), its size, its kind."""

    path: Path
    made: dt.datetime
    size: int
    kind: str  # MANUAL, DAILY, SAFETY or MIGRATION

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class CurrentStore:
    """What a restore replaces: the store's file and what it holds now."""

    file: Path
    association: str
    branch: str
    applicants: int
    requests: int


@dataclass(frozen=True)
class Restored:
    result: RestoreResult
    safety: Path  # the copy of the replaced store, in the backups folder


def _allowed(ctx: AppContext) -> None:
    """Administrators only, asked of the stored account (a role changed since sign-in counts)."""
    ctx.require(permissions.MANAGE_BACKUPS)
    with ctx.reading():  # the stored account's role is read and the operation checked again
        pass


def _kind(label: str) -> str:
    if label == store_backup.AUTO_LABEL:
        return DAILY
    if label == SAFETY_LABEL:
        return SAFETY
    if label.startswith("before-"):
        return MIGRATION
    return MANUAL


def folder(ctx: AppContext) -> Path:
    return store_backup.backups_dir(ctx.store)


def kept_backups(ctx: AppContext) -> list[KeptBackup]:
    """The copies in the backups folder, newest first (a folder listing: cheap)."""
    _allowed(ctx)
    name = re.compile(_NAME.format(stem=re.escape(store_backup._file_of(ctx.store).stem)))
    found = []
    place = folder(ctx)
    for path in place.glob("*.sqlite") if place.is_dir() else ():
        match = name.match(path.name)
        if match is None:
            continue
        made = dt.datetime.strptime(match["stamp"], store_backup.STAMP)
        found.append(KeptBackup(path, made, path.stat().st_size, _kind(match["label"])))
    return sorted(found, key=lambda b: (b.made, b.name), reverse=True)


def backup_now(ctx: AppContext, target: Path | str | None = None, progress: Progress = None) -> Path:
    """A consistent copy of the store, in the backups folder or in ``target`` (a folder: a dated
    name in it; never one of the store's files).  Seconds on a big store: a worker's job."""
    _allowed(ctx)
    store_backup._file_of(ctx.store)
    if target is None:
        target = folder(ctx)
        target.mkdir(parents=True, exist_ok=True)
    else:
        safe_output(target, ctx.store, folder_ok=True, option=_("The chosen place"))
    made = store_backup.backup(ctx.store, target)
    with ctx.uow() as s:
        ctx.audit(s, "backup", "store", file=made.name)
    return made


def is_encrypted_backup(path: Path | str) -> bool:
    return is_encrypted(Path(path))


def current_store(ctx: AppContext) -> CurrentStore:
    _allowed(ctx)
    path = store_backup._file_of(ctx.store)
    meta = ctx.store.meta()
    with ctx.reading() as s:
        applicants = s.scalar(select(func.count()).select_from(Applicant)) or 0
        requests = s.scalar(select(func.count()).select_from(SupportRequest)) or 0
    return CurrentStore(path, meta.get("association", ""), meta.get("branch", ""), applicants,
                        requests)


def check(ctx: AppContext, path: Path | str, passphrase: str | None = None,
          progress: Progress = None) -> BackupInfo:
    """What the backup holds, checked on a copy (integrity, schema, passphrase): before asking."""
    _allowed(ctx)
    return store_backup.check_backup(path, passphrase)


def restore(ctx: AppContext, path: Path | str, passphrase: str | None = None,
            progress: Progress = None) -> Restored:
    """Replace the store with the backup at ``path``.  First a safety copy of the current store
    (into the backups folder), then the store is closed and the backup checked and put in its
    place.  Afterwards ``ctx.store`` must not be used: open the store again."""
    _allowed(ctx)
    source = Path(path)
    current = store_backup._file_of(ctx.store)
    if source.resolve() == current.resolve():
        raise BackupError(_("The backup cannot overwrite the store itself"))
    store_backup.check_backup(source, passphrase)  # a refusal leaves everything as it was
    safety_name = migrate.backup_name(folder(ctx), current.stem, SAFETY_LABEL)
    with ctx.uow() as s:  # in the replaced store, so in its safety copy too
        ctx.audit(s, "restore", "store", file=source.name, safety_copy=safety_name.name)
    safety = migrate.copy_sqlite(current, safety_name, store_backup._key(ctx.store))
    write_beside(ctx.store, safety)  # the audit chains' signed heads, as for every backup
    ctx.store.close()  # no connection of this process holds the file while it is replaced
    result = store_backup.restore(source, ctx.store.data_dir, passphrase)
    assert result is not None  # no confirmation asked here: the window asked before
    return Restored(result, safety)
