"""``profile``: how an association revises its policy without a new program.  ``export`` writes
the profile in force, ``check`` says everything wrong with an edited file, ``import`` puts it in
force (head office's system administrator), ``show`` lists the versions the store has run."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.profile import ProfileError
from ..i18n import N_, _
from ..services.profile import profiles
from ..services.profile.versions import VersionView
from ..services.store.store import Store
from ..services.users import setup
from .common import CliError, context, moment, out_path, print_json, say, store_exists, warn

SOURCES = {
    "bundled": N_("the program's file"),
    "imported": N_("imported"),
    "head_office": N_("from head office"),
}


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("profile", parents=[common],
                       help=_("the association's profile: export, check, import, show"))
    psub = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    e = psub.add_parser("export", parents=[common],
                        help=_("write the profile in force to a file, to edit it"))
    e.add_argument("--out", required=True, metavar="FILE", help=_("the TOML file to write"))
    e.set_defaults(func=cmd_export)
    c = psub.add_parser("check", parents=[common],
                        help=_("check a profile file; every error with its line and key (exit 2)"))
    c.add_argument("file", metavar="FILE")
    c.set_defaults(func=cmd_check)
    i = psub.add_parser("import", parents=[common],
                        help=_("put a checked profile in force (head office's administrator)"))
    i.add_argument("file", metavar="FILE")
    i.set_defaults(func=cmd_import)
    for name in ("show", "history"):
        s = psub.add_parser(name, parents=[common],
                            help=_("the version in force and the earlier ones"))
        s.add_argument("--json", action="store_true", help=_("machine-readable output"))
        s.set_defaults(func=cmd_show)


def cmd_export(args: argparse.Namespace) -> int:
    out = out_path(args, args.out)
    with context(args) as ctx:
        written = profiles.export(ctx, out)
        version = profiles.current(ctx)
    say(_("Version {number} of the profile written to {path}").format(
        number=version.number, path=written[0]))
    for extra in written[1:]:
        say(_("Beside it: {path}").format(path=extra))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if store_exists(args):
        store = Store.open(args.data_dir, args.db_url)
        try:
            ctx = setup.open_context(store)
            errors = profiles.check(ctx, path) if ctx is not None else _file_errors(path)
        finally:
            store.close()
    else:
        errors = _file_errors(path)
    for error in errors:
        warn(error)
    if errors:
        return 2
    say(_("The profile {path} is correct").format(path=path))
    return 0


def _file_errors(path: Path) -> list[str]:
    try:
        profiles.read(path)
    except ProfileError as exc:
        return [str(e) for e in exc.mistakes]
    return []


def cmd_import(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        try:
            version = profiles.import_file(ctx, args.file)
        except profiles.ProfileRefused as exc:
            for error in exc.reasons:
                warn(error)
            raise CliError(_("The profile was not imported"), 2) from None
    say(_("Version {number} of the profile is in force (sha256 {sha})").format(
        number=version.number, sha=version.sha256))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    with context(args) as ctx:
        rows = profiles.history(ctx)
        association = ctx.profile.name()
    if args.json:
        print_json([_as_json(v) for v in rows])
        return 0
    say(association)
    for index, v in enumerate(rows):
        mark = _("in force") if index == 0 else ""
        say(_("Version {number}: {source}, {when}{by} sha256 {sha} {mark}").format(
            number=v.number, source=_(SOURCES.get(v.source, v.source)), when=moment(v.imported_at),
            by=_(", by {user},").format(user=v.imported_by) if v.imported_by else ",",
            sha=v.sha256, mark=mark).rstrip())
    return 0


def _as_json(v: VersionView) -> dict:
    return {"number": v.number, "association": v.association, "sha256": v.sha256,
            "source": v.source, "imported_at": v.imported_at.isoformat(),
            "imported_by": v.imported_by}
