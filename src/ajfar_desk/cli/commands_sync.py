"""``sync status|export|import|invite|join|conflicts|settle|duplicates|merge``: the exchange
between head office and branch laptops by file (a USB stick or a shared folder)."""

from __future__ import annotations

import argparse
import dataclasses
import uuid
from pathlib import Path

from ..i18n import _, ngettext
from ..services.sync import sync, sync_duplicates, sync_enrol, sync_review
from ..services.sync.sync_words import import_summary, to_review
from .common import (
    CliError,
    context,
    invitation_passphrase,
    json_verb,
    listing,
    moment,
    open_store,
    out_path,
    print_json,
    read_in,
    reading_verb,
    say,
    write_out,
    writing_verb,
)


def _changes(n: int) -> str:
    return ngettext("{n} change", "{n} changes", n).format(n=n)

def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], help=_("exchange data with head office or a branch"))
    ssub = p.add_subparsers(dest="sync", required=True, metavar="WHAT")
    json_verb(ssub, "status", common, _("this node and what each peer still needs"), cmd_status)
    ex = writing_verb(ssub, "export", common, _("write a bundle for a peer"), _("the bundle file to write"),
                      cmd_export)
    ex.add_argument("--to", required=True, metavar="NODE", help=_("the peer: its node id or branch code"))
    reading_verb(ssub, "import", common, _("apply a bundle received from a peer"), _("the bundle file"),
                 cmd_import, json=True)
    di = ssub.add_parser("direct", parents=[common],
                         help=_("exchange both ways with head office's database over the network"))
    di.add_argument("--with-url", required=True, metavar="URL",
                    help=_("head office's database, e.g. postgresql+psycopg://user:pw@host/db"))
    di.set_defaults(func=cmd_direct)
    inv = writing_verb(ssub, "invite", common, _("enrol a branch laptop (head office)"),
                       _("the invitation file to write"), cmd_invite)
    inv.add_argument("--branch", required=True, metavar="CODE", help=_("the laptop's branch"))
    reading_verb(ssub, "join", common, _("set up this laptop from an invitation"), _("the invitation file"),
                 cmd_join)
    json_verb(ssub, "conflicts", common, _("values that lost to a concurrent edit"), cmd_conflicts)
    se = ssub.add_parser("settle", parents=[common], help=_("settle a conflict"))
    se.add_argument("conflict", metavar="ID", help=_("the conflict's id"))
    se.add_argument("--keep", required=True, choices=(sync_review.WINNER, sync_review.LOSER),
                    help=_("keep the value that won, or bring back the one that lost"))
    se.set_defaults(func=cmd_settle)
    json_verb(ssub, "duplicates", common, _("one person (the same identity number) registered at two branches"), cmd_duplicates)
    me = ssub.add_parser("merge", parents=[common], help=_("merge the two files of a duplicate"))
    me.add_argument("duplicate", metavar="ID", help=_("the duplicate's id"))
    me.add_argument("--take", action="append", metavar="FIELD",
                    choices=[f for f in sync_duplicates.COMPARED if f != "notes"],
                    help=_("take the second file's value of this field (repeatable; `sync duplicates` "
                           "lists what differs); a phone not kept becomes the second phone, other "
                           "values left behind go into the notes"))
    me.set_defaults(func=cmd_merge)


def _peer_id(ctx, target: str) -> str:
    for p in sync.peers(ctx):
        if target in (p.node, p.branch):
            return p.node
    raise CliError(_("Unknown peer {peer}; see: ajfar-desk sync status").format(peer=target), 2)


def cmd_status(args) -> int:
    with context(args) as ctx:
        me, peers = sync.node(ctx), sync.peers(ctx)
        open_conflicts = len(sync_review.conflicts(ctx))
        open_duplicates = len(sync_review.duplicates(ctx))
    if args.json:
        print_json({"node": me.id, "branch": me.branch, "conflicts": open_conflicts,
                    "duplicates": open_duplicates, "peers": [p.__dict__ for p in peers]})
        return 0
    say(_("This node: {node} (branch {branch})").format(node=me.id, branch=me.branch))
    for p in peers:
        waiting = _changes(p.pending) if p.pending else _("nothing")
        say(_("{branch} {node}: {pending} to send; last sent {sent}, last received {received}")
            .format(branch=p.branch, node=p.node, pending=waiting,
                    sent=moment(p.last_export_at) or _("never"), received=moment(p.last_import_at) or _("never")))
    say(_("Open conflicts: {c}; duplicates: {d}").format(c=open_conflicts, d=open_duplicates))
    return 0


BUNDLE_SUFFIX = ".ajfar"  # the window's import dialog lists bundles by it (``ui/sync/sync_view``)


def with_bundle_suffix(path: str) -> str:
    """A bundle's name ends in ``.ajfar``, as the window names it: a file named otherwise on the
    USB stick was hidden by the import dialog's «Ajfar bundles» filter (trial b)."""
    return path if path.lower().endswith(BUNDLE_SUFFIX) else path + BUNDLE_SUFFIX


def cmd_export(args) -> int:
    out_path(args, args.out)  # a store's own file named is refused as named, before any suffix
    if not Path(args.out).is_dir():
        args.out = with_bundle_suffix(args.out)
    return write_out(args, lambda ctx: sync.export_bundle(ctx, _peer_id(ctx, args.to)),
                     _("Bundle written to {path} ({size} bytes)"))


def cmd_import(args) -> int:
    result = read_in(args, sync.import_bundle)
    if args.json:
        print_json(result.__dict__)
        return 0
    say(import_summary(result, result.branch))
    if result.clock_warning:
        say(result.clock_warning)
    if result.profile_note:
        say(result.profile_note)
    return 0


def cmd_direct(args) -> int:
    from ..services.store.store import Store
    from ..services.users import setup

    remote_store = Store.open(args.data_dir, db_url=args.with_url)
    try:
        remote = setup.open_context(remote_store)
        if remote is None:
            raise CliError(_("No store is set up at {url}").format(url=args.with_url), 2)
        remote.user = setup.first_user(remote)
        with context(args) as ctx:
            received, sent = sync.exchange_direct(ctx, remote)
    finally:
        remote_store.close()
    say(_("Received {a}; sent {b}.").format(a=_changes(received.changes), b=_changes(sent.changes))
        + " " + to_review(received))
    return 0


def cmd_invite(args) -> int:
    return write_out(args, lambda ctx, passphrase: sync_enrol.invite(ctx, args.branch, passphrase),
                     _("Invitation written to {path}; give its passphrase to the branch another way"),
                     invitation=True)


def cmd_join(args) -> int:
    data = Path(args.file).read_bytes()
    passphrase = invitation_passphrase(confirm=False)
    store = open_store(args)
    try:
        ctx, result = sync_enrol.join(store, data, passphrase)
    finally:
        store.close()
    say(ngettext("This laptop joined as branch {branch}: {changes} change received",
                 "This laptop joined as branch {branch}: {changes} changes received",
                 result.changes).format(branch=ctx.branch.code, changes=result.changes))
    return 0


def _listing(args, read, line) -> int:
    """Rows to review, one line each (or as JSON), then how many."""
    with context(args) as ctx:
        rows = read(ctx)
    return listing(args, rows, lambda r: r.__dict__, line)


def cmd_conflicts(args) -> int:
    return _listing(args, sync_review.conflicts,
                    lambda r: f"{r.id}  {r.table}.{r.field}  {r.label}: {r.winner!r} / {r.loser!r}")


def cmd_settle(args) -> int:
    with context(args) as ctx:
        view = sync_review.settle(ctx, uuid.UUID(args.conflict), args.keep)
    say(_("Settled: {field} keeps {value!r}").format(
        field=view.field, value=view.winner if args.keep == sync_review.WINNER else view.loser))
    return 0


def _duplicate_lines(r) -> str:
    """The two files, then each field the second file says otherwise (``--take`` its name)."""
    head = f"{r.id}  {r.national_id}  {r.kept_name} ({r.kept_branch}) / {r.other_name} ({r.other_branch})"
    return "\n".join([head, *(f"    {d.field}: {_shown(d.first)} / {_shown(d.second)}" for d in r.differences)])


def _shown(value) -> str:
    return "—" if value is None else str(value)


def cmd_duplicates(args) -> int:
    with context(args) as ctx:
        rows = sync_review.duplicates(ctx)
    return listing(args, rows, dataclasses.asdict, _duplicate_lines)


def cmd_merge(args) -> int:
    with context(args) as ctx:
        sync_review.merge(ctx, uuid.UUID(args.duplicate), set(args.take or ()))
    say(_("The two files are merged"))
    return 0
