"""The exchange file between two nodes: compressed, encrypted for the association, signed by the
sending node.

Layout: ``AJFB1`` | header length (4 bytes, big endian) | header (JSON) | ciphertext |
Ed25519 signature (64 bytes) over everything before it.  The ciphertext is ChaCha20-Poly1305
under the association's key, with the header as associated data, of the zlib-compressed JSON
list of changes.  Any flipped bit, cut or foreign key is caught before anything is read."""

from __future__ import annotations

import json
import os
import struct
import zlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from ..i18n import _

MAGIC = b"AJFB1"
SIGNATURE = 64
NONCE = 12
FORMAT = 1


class BundleError(ValueError):
    """A bundle that cannot be accepted; the message says why, for the person importing it."""


@dataclass(frozen=True)
class Header:
    association: str
    sender: str  # node id
    receiver: str
    number: int  # bundles from sender to receiver, counted from 1
    ack: int  # the highest of the receiver's log the sender has imported
    count: int  # changes inside
    created: str  # ISO time
    nonce: str  # hex

    def to_bytes(self) -> bytes:
        return json.dumps({"format": FORMAT, **self.__dict__}, sort_keys=True).encode()


def seal(header: Header, changes: list[dict], key: bytes, signer: Ed25519PrivateKey,
         anchor: dict | None = None) -> bytes:
    """With ``anchor`` (the sender's signed audit chain heads, ``audit_anchor``) the sealed body
    is ``{"changes": [...], "anchor": {...}}``; without, the list of changes as before."""
    head = header.to_bytes()
    content = changes if anchor is None else {"changes": changes, "anchor": anchor}
    body = zlib.compress(json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode(), 6)
    sealed = ChaCha20Poly1305(key).encrypt(bytes.fromhex(header.nonce), body, head)
    unsigned = MAGIC + struct.pack(">I", len(head)) + head + sealed
    return unsigned + signer.sign(unsigned)


def new_nonce() -> str:
    return os.urandom(NONCE).hex()


def read_header(data: bytes) -> Header:
    """The header, before any check: who sent it, to whom, which number."""
    if len(data) < len(MAGIC) + 4 + SIGNATURE or not data.startswith(MAGIC):
        raise BundleError(_("This file is not an Ajfar Desk exchange bundle (or it was cut short)"))
    (size,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if size > 4096 or start + size + SIGNATURE > len(data):
        raise BundleError(_("The bundle is damaged or cut short"))
    try:
        fields = json.loads(data[start:start + size])
        if fields.pop("format") != FORMAT:
            raise BundleError(_("The bundle was made by another version of the program"))
        return Header(**fields)
    except BundleError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError):
        raise BundleError(_("The bundle is damaged or cut short")) from None


def open_sealed(data: bytes, header: Header, public_key: bytes, key: bytes) -> list[dict]:
    """Check the sender's signature, decrypt and decompress; the changes, or BundleError."""
    return open_with_anchor(data, header, public_key, key)[0]


def open_with_anchor(data: bytes, header: Header, public_key: bytes, key: bytes) -> tuple[list[dict], dict | None]:
    """``open_sealed`` and the sender's audit anchor, if the bundle carries one."""
    unsigned, signature = data[:-SIGNATURE], data[-SIGNATURE:]
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, unsigned)
    except InvalidSignature:
        raise BundleError(_("The bundle's signature does not match its sender: it was altered "
                            "or damaged")) from None
    head_end = len(MAGIC) + 4 + struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])[0]
    head, sealed = unsigned[len(MAGIC) + 4:head_end], unsigned[head_end:]
    try:
        body = ChaCha20Poly1305(key).decrypt(bytes.fromhex(header.nonce), sealed, head)
        changes = json.loads(zlib.decompress(body))
    except InvalidTag:
        raise BundleError(_("The bundle was not encrypted for this association")) from None
    except (ValueError, zlib.error):
        raise BundleError(_("The bundle is damaged or cut short")) from None
    anchor = None
    if isinstance(changes, dict):
        anchor, changes = changes.get("anchor"), changes.get("changes")
    if not isinstance(changes, list) or len(changes) != header.count:
        raise BundleError(_("The bundle is damaged or cut short"))
    return changes, anchor if isinstance(anchor, dict) else None


def new_signing_key() -> tuple[bytes, bytes]:
    """A node's key pair: (private, public), raw bytes."""
    from cryptography.hazmat.primitives import serialization as ser

    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())
    return raw, private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)


def signer(private: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(private)
