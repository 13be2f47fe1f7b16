"""A paper's seal: the node's signature over its number and hash in the QR code, and the checks
that tell a genuine paper from one whose record was changed in the database.

The hash stored with a paper can be recomputed by whoever edits the store, together with the
content.  What they cannot redo unseen: the audit entry written when the paper was issued holds
the hash as issued (changing it breaks the audit chain and its anchors, ``audit_anchor``), and
the QR code's signature is made with the node's key, checked against this node's and its peers'
public keys.  Ed25519 signatures are deterministic: a reprint carries the same signature."""

from __future__ import annotations

import base64
import json

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.models import AuditEntry
from ...db.sync_tables import SyncPeer
from ...domain import documents as paper
from ...i18n import _
from ..store.store import Store

VALID, INVALID, NONE = "valid", "invalid", "none"


def _node(store: Store):
    from ..sync import sync_node

    return getattr(store, "sync_node", None) or sync_node.load(store)


def sign(store: Store, number: str, sha256: str) -> str:
    """The QR code's signature for a paper ("" for a store without a node key)."""
    node = _node(store)
    if node is None:
        return ""
    raw = Ed25519PrivateKey.from_private_bytes(node.private_key).sign(paper.seal_message(number, sha256))
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def check_signature(store: Store, s: Session, number: str, sha256: str, signature: str | None) -> str:
    """valid (this node's key or an enrolled peer's), invalid, or none (an older paper)."""
    if not signature:
        return NONE
    try:
        raw = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    except ValueError:
        return INVALID
    keys = [p for (p,) in s.execute(select(SyncPeer.public_key))]
    node = _node(store)
    if node is not None:
        keys.insert(0, node.public_key)
    message = paper.seal_message(number, sha256)
    for key in keys:
        try:
            Ed25519PublicKey.from_public_bytes(key).verify(raw, message)
            return VALID
        except (InvalidSignature, ValueError):
            continue
    return INVALID


def issued_hashes(s: Session, number: str) -> list[str]:
    """The hashes the audit log recorded when a paper of this number was issued, oldest first
    (two when two laptops issued one number offline and an exchange renumbered the later)."""
    out = []
    for details in s.scalars(select(AuditEntry.details).where(
            AuditEntry.action == "issue", AuditEntry.entity_id == number).order_by(AuditEntry.at)):
        try:
            digest = json.loads(details or "{}").get("sha256")
        except ValueError:
            continue
        if digest:
            out.append(str(digest))
    return out


def reasons(store: Store, s: Session, number: str, digest: str, stored: str, content_ok: bool,
            signature: str) -> list[str]:
    """Why a paper is not genuine, in words; empty when it is."""
    out = []
    if digest != stored:
        out.append(_("the fingerprint on the paper differs from the one stored for this number"))
    if not content_ok:
        out.append(_("the stored content no longer matches its stored fingerprint"))
    issued = issued_hashes(s, number)
    if issued and stored not in issued:
        out.append(_("the audit entry written when the paper was issued holds another fingerprint "
                     "({issued}): the paper's record was changed in the database").format(
                     issued=issued[0][:12] + "…"))
    if signature == INVALID:
        out.append(_("the QR code's signature does not match the association's keys: the QR code "
                     "was forged or altered"))
    return out
