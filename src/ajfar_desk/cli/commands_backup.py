"""Commands about keeping the store safe: backup, restore, and ``init --encrypt``.

The passphrase of an encrypted store comes from ``--passphrase-file`` (these commands), else
``$AJFAR_PASSPHRASE`` (every command), else a prompt on a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from ..i18n import _
from ..services.store import backup as backups
from ..services.store.store import (
    PASSPHRASE_ENV,
    Store,
    check_new_passphrase,
    is_encrypted_store,
    store_file,
)
from .commands_store import init_profile
from .common import CliError, data_dir, first_line, out_path, say, store_exists, typed_twice


def _passphrase_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=_(
            "read an encrypted store's passphrase from the first line of FILE (else ${env}, "
            "else a prompt)"
        ).format(env=PASSPHRASE_ENV),
    )


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "backup", parents=[common], help=_("write a consistent copy of the store to a file")
    )
    p.add_argument("--out", required=True, metavar="FILE", help=_("the backup file (or a folder)"))
    _passphrase_option(p)
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "restore",
        parents=[common],
        help=_("replace the store with a backup (the current one is kept)"),
    )
    p.add_argument("file", metavar="FILE", help=_("the backup file"))
    p.add_argument("--yes", action="store_true", help=_("do not ask for confirmation"))
    _passphrase_option(p)
    p.set_defaults(func=cmd_restore)

    _extend_init(sub)


def _extend_init(sub) -> None:
    """``init --encrypt``: the store is created encrypted, then set up as usual."""
    init = sub.choices.get("init")
    if init is None:
        return
    init.add_argument(
        "--encrypt",
        action="store_true",
        help=_("encrypt the store with a passphrase (for laptops)"),
    )
    _passphrase_option(init)
    plain_init = init.get_default("func")
    init.set_defaults(func=lambda args: _init_encrypted(args, plain_init))


def read_passphrase(args: argparse.Namespace, new: bool = False) -> str | None:
    """The passphrase given for this command, or None (then ``$AJFAR_PASSPHRASE`` applies)."""
    if getattr(args, "passphrase_file", None):
        return first_line(args.passphrase_file, _("Cannot read the passphrase file: {error}"))
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        if new:
            raise CliError(
                _(
                    "No passphrase given: use --passphrase-file FILE or set {env} "
                    "(standard input is not a terminal, so there is no prompt)"
                ).format(env=PASSPHRASE_ENV),
                2,
            )
        return None
    if new:
        return typed_twice(
            _("Passphrase: "), _("Repeat the passphrase: "), _("The two passphrases differ")
        )
    return getpass.getpass(_("Passphrase: "))


def _init_encrypted(args: argparse.Namespace, plain_init) -> int:
    if not args.encrypt:
        return plain_init(args)
    init_profile(args)  # a wrong id or file fails before anything is created
    path = store_file(data_dir(args), args.db_url)
    if path is None:
        raise CliError(_("Only a SQLite store (a laptop's) can be encrypted"), 2)
    if (
        path.is_file()
        and path.stat().st_size > 0
        and not is_encrypted_store(data_dir(args), args.db_url)
    ):
        raise CliError(
            _("A store that is not encrypted already exists in {path}").format(path=path.parent), 2
        )
    passphrase = read_passphrase(args, new=True) or ""
    check_new_passphrase(passphrase)
    Store.open(args.data_dir, args.db_url, passphrase=passphrase).close()
    os.environ[PASSPHRASE_ENV] = passphrase  # the rest of this command opens the store with it
    return plain_init(args)


def _sqlite_only(args: argparse.Namespace) -> None:
    if store_file(data_dir(args), args.db_url) is None:
        raise CliError(backups.pg_dump_message(args.db_url), 2)


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1_048_576:.1f} MB"


def cmd_backup(args: argparse.Namespace) -> int:
    _sqlite_only(args)
    out_path(args, args.out, folder_ok=True)
    if not store_exists(args):
        raise CliError(_("No store in {path}").format(path=data_dir(args)), 2)
    passphrase = read_passphrase(args) if is_encrypted_store(args.data_dir, args.db_url) else None
    store = Store.open(args.data_dir, args.db_url, passphrase=passphrase)
    try:
        out = backups.backup(store, args.out)
    finally:
        store.close()
    say(_("Backup written: {path} ({size})").format(path=out, size=_size(out)))
    return 0


def _describe(info: backups.BackupInfo) -> str:
    return _(
        "association {association}, branch {branch}, {applicants} applicants, {requests} requests"
    ).format(
        association=info.association or "-",
        branch=info.branch or "-",
        applicants=info.applicants,
        requests=info.requests,
    )


def _ask(info: backups.BackupInfo, args: argparse.Namespace) -> bool:
    say(_("Backup: {path} ({what})").format(path=info.path, what=_describe(info)))
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise CliError(
            _("Restoring replaces the store in {path}: add --yes to confirm").format(
                path=data_dir(args)
            ),
            2,
        )
    answer = input(
        _("Replace the store in {path} with this backup? [y/N] ").format(path=data_dir(args))
    )
    return answer.strip().lower() in {"y", "yes", _("y"), _("yes")}


def cmd_restore(args: argparse.Namespace) -> int:
    _sqlite_only(args)
    if args.db_url:
        raise CliError(_("restore works on the data folder's store (--data-dir), not --db-url"), 2)
    backup_file = Path(args.file)
    passphrase = None
    if backup_file.is_file() and is_encrypted_store(db_url=f"sqlite:///{backup_file.resolve()}"):
        passphrase = read_passphrase(args)
    result = backups.restore(
        backup_file, data_dir(args), passphrase, confirm=lambda info: _ask(info, args)
    )
    if result is None:
        say(_("Nothing changed."))
        return 1
    say(_("Store restored from {path}.").format(path=backup_file))
    if result.kept_aside:
        say(_("The previous store is kept as {path}").format(path=result.kept_aside))
    if result.migration and result.migration.from_revision != result.migration.to_revision:
        say(
            _("Its schema was brought from {old} to {new}.").format(
                old=result.migration.from_revision, new=result.migration.to_revision
            )
        )
    return 0
