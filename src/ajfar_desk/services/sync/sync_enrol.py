"""Enrolling a branch laptop: head office writes an invitation file (protected by a passphrase
given to the branch by another way) holding the new node's identity, the association's key,
the nodes it may exchange with and a first bundle of everything; the laptop joins with it."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import delete, select

from ...db.base import new_id
from ...db.models import StoreMeta
from ...db.sync_tables import SyncPeer
from ...domain import permissions
from ...domain.errors import ValidationError
from ...domain.profile import HEAD_OFFICE, AssociationProfile, get_profile
from ...i18n import _, ngettext
from ..profile import versions
from ..store.context import AppContext
from ..store.store import Store
from ..users.setup import is_initialized
from . import sync, sync_node
from .sync_bundle import new_signing_key

MAGIC = b"AJFI1"
MIN_PASSPHRASE = 10
SCRYPT_N = 2**15  # scrypt's work factor for the invitation key (r=8, p=1)


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=SCRYPT_N, r=8, p=1).derive(passphrase.encode())


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def may_enrol(ctx: AppContext) -> bool:
    """Only head office enrols laptops: it signs the list of members every laptop trusts, so a
    node a laptop enrolled would be known to that laptop alone."""
    return ctx.branch.code == HEAD_OFFICE


def invite(ctx: AppContext, branch: str, passphrase: str, name: str = "") -> bytes:
    """The invitation for a new node of ``branch``; head office registers it as a peer now."""
    ctx.require(permissions.SYNC)
    ctx.require(permissions.MANAGE_USERS)
    if not may_enrol(ctx):
        raise ValidationError("branch", _("Only head office enrols a branch laptop; this laptop belongs to "
                                          "{branch}").format(branch=ctx.branch.name()))
    if all(b.code != branch for b in ctx.profile.branches):
        raise ValidationError("branch", _(
            "Branch {branch} is not in the association's profile (it has: {codes}). Add the branch to "
            "the profile first: «ajfar-desk profile export --out FILE», a [[branches]] entry with its "
            "code, ref_prefix and names, then «ajfar-desk profile import FILE» (or «Association "
            "profile» in the window).").format(branch=branch, codes=", ".join(b.code for b in ctx.profile.branches)))
    target = ctx.profile.branch(branch)
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError("passphrase", ngettext("The passphrase needs at least {n} character", "The passphrase needs at least {n} characters", MIN_PASSPHRASE).format(
            n=MIN_PASSPHRASE))
    me = sync.node(ctx)
    with ctx.reading() as s:
        taken = {ctx.branch.code} | set(s.scalars(select(SyncPeer.branch)))
    if target.code in taken:  # a branch's audit chain and reference numbers have one writer
        raise ValidationError("branch", _("Branch {branch} already has its node; one node per "
                                          "branch").format(branch=target.code))
    node_id = uuid.uuid4().hex
    private, public = new_signing_key()
    sync.add_peer(ctx, node_id, target.code, public, name or target.name())
    with ctx.reading() as s:
        directory = [{"node": me.id, "branch": ctx.branch.code, "name": ctx.branch.name(),
                      "public_key": _b64(me.public_key)}]
        directory += [{"node": p.node, "branch": p.branch, "name": p.name,
                       "public_key": _b64(p.public_key)}
                      for p in s.scalars(select(SyncPeer)) if p.node != node_id]
    first = sync.export_bundle(ctx, node_id)
    with ctx.reading() as s:  # a sixth association's laptop has no bundled file to start from
        profile = versions.in_force_row(s)
        wire = versions.to_wire(profile, whole=True) if profile is not None else None
    payload = json.dumps({
        "profile": wire,
        "association": ctx.profile.id, "branch": target.code, "node": node_id,
        "private_key": _b64(private), "public_key": _b64(public),
        "association_key": _b64(me.association_key), "directory": directory,
        "bundle": _b64(first),
    }).encode()
    salt, nonce = os.urandom(16), os.urandom(12)
    return MAGIC + salt + nonce + ChaCha20Poly1305(_key(passphrase, salt)).encrypt(nonce, payload, MAGIC)


def read_invitation(data: bytes, passphrase: str) -> dict:
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 28 + 16:
        raise ValidationError("invitation", _("This file is not an Ajfar Desk invitation"))
    salt, nonce, body = data[5:21], data[21:33], data[33:]
    try:
        return json.loads(ChaCha20Poly1305(_key(passphrase or "", salt)).decrypt(nonce, body, MAGIC))
    except InvalidTag:
        raise ValidationError("passphrase", _("Wrong passphrase, or the invitation was altered")) from None


def join(store: Store, data: bytes, passphrase: str) -> tuple[AppContext, sync.ImportResult]:
    """Set up this store as the invited node and import head office's first bundle."""
    if is_initialized(store):
        raise ValidationError("association", _("This store is already set up for an association"))
    invitation = read_invitation(data, passphrase)
    try:
        return _join(store, invitation)
    except BaseException:
        _undo(store)  # the store was empty: leave it empty, so joining can be tried again
        raise


def _undo(store: Store) -> None:
    from ...db.sync_tables import SyncField, SyncLog, SyncRow

    with store.transaction() as s:
        s.info.pop("sync", None)
        for table in (StoreMeta, SyncPeer, SyncLog, SyncRow, SyncField):  # sync_hub with the meta
            s.execute(delete(table))
    store.sessions.configure(info={})
    store.sync_node = None  # type: ignore[attr-defined]


def _invited_profile(store: Store, invitation: dict) -> AssociationProfile:
    """Head office's profile in force, as the invitation carries it (an older head office's
    carries none: the bundled file of its association)."""
    if invitation.get("profile") is None:
        return get_profile(invitation["association"])
    try:
        files = versions.from_wire(invitation["profile"])[2]
    except ValueError:
        files = None
    if files is None or files.association != invitation["association"]:
        raise ValidationError("invitation", _("Wrong passphrase, or the invitation was altered"))
    return versions.load_files(store.data_dir, files)


def _join(store: Store, invitation: dict) -> tuple[AppContext, sync.ImportResult]:
    profile = _invited_profile(store, invitation)
    branch = profile.branch(invitation["branch"])
    with store.transaction() as s:
        s.add_all([
            StoreMeta(key="association", value=profile.id),
            StoreMeta(key="branch", value=branch.code),
            StoreMeta(key="store_id", value=str(new_id())),
            StoreMeta(key="created_at", value=dt.datetime.now(dt.UTC).isoformat()),
            StoreMeta(key=sync_node.HUB, value=invitation["directory"][0]["node"]),
        ])
    sync_node.create(
        store, branch.code, base64.b64decode(invitation["association_key"]), invitation["node"],
        (base64.b64decode(invitation["private_key"]), base64.b64decode(invitation["public_key"])))
    ctx = AppContext(store, profile, branch)
    for peer in invitation["directory"]:
        sync.add_peer(ctx, peer["node"], peer["branch"], base64.b64decode(peer["public_key"]),
                      peer.get("name", ""))
    result = sync.apply_bundle(ctx, base64.b64decode(invitation["bundle"]))
    return ctx, result
