"""The exchange file between two nodes: compressed, encrypted for the association, signed by the
sending node.

Layout: ``AJFB1`` | header length (4 bytes, big endian) | header (JSON) | ciphertext |
Ed25519 signature (64 bytes) over everything before it.  The ciphertext is ChaCha20-Poly1305
under the association's key, with the header as associated data, of the zlib-compressed JSON
contents: ``{"changes": [...], "members": [...]}`` and optional keys (format 2; format 1 held
the list of changes alone; a key this program does not know is left aside, ``CONTENT_KEYS``).  Any flipped bit, cut or foreign key is caught before anything is read.

Nothing is used before it is checked: the header's fields against their types (it names the
sender whose key checks the signature), then the signature, then the contents against the
schema (``sync_schema``).  A file larger than ``MAX_BUNDLE`` is refused unread; the contents are
inflated in steps and refused as soon as they pass ``MAX_INFLATED`` (a decompression bomb costs
at most the cap)."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import struct
import zlib
from dataclasses import dataclass

import orjson
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from ...domain.errors import AppError
from ...i18n import N_, _

MAGIC = b"AJFB1"
SIGNATURE = 64
NONCE = 12
FORMAT = 2
FORMATS = (1, 2)  # read: 1 = a list of changes, 2 = contents with the members
# the contents' keys this program reads.  A key it does not know is left aside, unread: a later
# program adds to the contents only what a receiver may go without (as "profile" was, which
# the program before it refused whole); what a receiver must understand comes with a new
# FORMAT, which an older program refuses as "made by another version of the program"
CONTENT_KEYS = frozenset({"changes", "members", "anchor", "profile"})
MAX_BUNDLE = 128 * 1024 * 1024  # bytes of the file as carried (compressed, encrypted)
MAX_INFLATED = 256 * 1024 * 1024  # bytes of its contents once inflated
_STEP = 1024 * 1024
_HEX32 = re.compile(r"[0-9a-f]{32}")
_NONCE = re.compile(r"[0-9a-f]{24}")


class BundleError(AppError, ValueError):
    """A bundle that cannot be accepted; the message says why, for the person importing it."""

    exit_code = 3


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


# header field -> (check, what it must be, for the refusal)
_TEXT, _WHOLE, _NODE, _MOMENT, _HEXNONCE = (
    N_("text"), N_("a whole number"), N_("a node id (32 hexadecimal digits)"),
    N_("a date and time"), N_("24 hexadecimal digits"))


def _is_moment(v) -> bool:
    try:
        return isinstance(v, str) and dt.datetime.fromisoformat(v).tzinfo is not None
    except ValueError:
        return False


def _whole(low: int):
    return lambda v: isinstance(v, int) and not isinstance(v, bool) and low <= v < 2**63


HEADER_SCHEMA = {
    "format": (_whole(1), _WHOLE),
    "association": (lambda v: isinstance(v, str) and 0 < len(v) <= 64, _TEXT),
    "sender": (lambda v: isinstance(v, str) and _HEX32.fullmatch(v) is not None, _NODE),
    "receiver": (lambda v: isinstance(v, str) and _HEX32.fullmatch(v) is not None, _NODE),
    "number": (_whole(1), _WHOLE),
    "ack": (_whole(0), _WHOLE),
    "count": (_whole(0), _WHOLE),
    "created": (_is_moment, _MOMENT),
    "nonce": (lambda v: isinstance(v, str) and _NONCE.fullmatch(v) is not None, _HEXNONCE),
}


def check_header(fields) -> None:
    """Every field present, of its type, and no other: or BundleError naming the field."""
    if not isinstance(fields, dict):
        raise BundleError(_("The bundle is damaged or cut short"))
    for name in fields:
        if name not in HEADER_SCHEMA:
            raise BundleError(_("The bundle's header has an unknown field “{field}”").format(field=name))
    for name, (check, kind) in HEADER_SCHEMA.items():
        if name not in fields:
            raise BundleError(_("The bundle's header lacks the field “{field}”").format(field=name))
        if not check(fields[name]):
            raise BundleError(_("The bundle's header field “{field}” must be {kind}").format(
                field=name, kind=_(kind)))


def inflate(body: bytes, limit: int) -> bytes:
    """zlib contents, inflated a step at a time and refused once past ``limit`` bytes."""
    unpack, out = zlib.decompressobj(), bytearray()
    pending = body
    while True:
        out += unpack.decompress(pending, min(_STEP, limit + 1 - len(out)))
        if len(out) > limit:
            raise BundleError(_("The bundle's contents are larger than {mb} MB once inflated: "
                                "refused").format(mb=limit // (1024 * 1024)))
        pending = unpack.unconsumed_tail
        if unpack.eof or not pending:
            break
    if not unpack.eof or unpack.unused_data:
        raise BundleError(_("The bundle is damaged or cut short"))
    return bytes(out)


def seal(header: Header, changes: list[dict], key: bytes, signer: Ed25519PrivateKey,
         members: list[dict] | None = None, anchor: dict | None = None,
         profile: dict | None = None) -> bytes:
    """The sealed body is ``{"changes": [...], "members": [...]}``, with ``"anchor"`` (the sender's
    signed audit chain heads, ``audit_anchor``) and ``"profile"`` (the sender's association
    profile, ``sync_profile``) when given."""
    head = header.to_bytes()
    contents: dict = {"changes": changes, "members": members or []}
    if anchor is not None:
        contents["anchor"] = anchor
    if profile is not None:
        contents["profile"] = profile
    body = zlib.compress(json.dumps(contents, ensure_ascii=False, separators=(",", ":")).encode(), 6)
    sealed = ChaCha20Poly1305(key).encrypt(bytes.fromhex(header.nonce), body, head)
    unsigned = MAGIC + struct.pack(">I", len(head)) + head + sealed
    return unsigned + signer.sign(unsigned)


def new_nonce() -> str:
    return os.urandom(NONCE).hex()


def read_header(data: bytes) -> Header:
    """The header, its fields checked against their types: who sent it, to whom, which number."""
    if len(data) > MAX_BUNDLE:
        raise BundleError(_("The bundle is larger than {mb} MB: refused").format(
            mb=MAX_BUNDLE // (1024 * 1024)))
    if len(data) < len(MAGIC) + 4 + SIGNATURE or not data.startswith(MAGIC):
        raise BundleError(_("This file is not an Ajfar Desk exchange bundle (or it was cut short)"))
    (size,) = struct.unpack(">I", data[len(MAGIC):len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if size > 4096 or start + size + SIGNATURE > len(data):
        raise BundleError(_("The bundle is damaged or cut short"))
    try:
        fields = json.loads(data[start:start + size])
    except ValueError:
        raise BundleError(_("The bundle is damaged or cut short")) from None
    if isinstance(fields, dict) and fields.get("format") not in FORMATS and _whole(1)(fields.get("format")):
        raise BundleError(_("The bundle was made by another version of the program"))
    check_header(fields)
    fields.pop("format")
    return Header(**fields)


def open_contents(data: bytes, header: Header, public_key: bytes, key: bytes) -> dict:
    """Check the sender's signature, decrypt, inflate (capped) and parse: ``{"changes": [...],
    "members": [...]}`` (and ``"anchor"`` when the sender sent its audit heads) as sent (their
    schema is checked by ``sync_schema``, an anchor's signature by ``audit_anchor``), or BundleError."""
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
    except InvalidTag:
        raise BundleError(_("The bundle was not encrypted for this association")) from None
    try:
        text = inflate(body, MAX_INFLATED)
    except zlib.error:
        raise BundleError(_("The bundle's contents are not compressed data")) from None
    try:
        contents = orjson.loads(text)  # as json.loads, faster; lone surrogates refused too
    except ValueError as exc:  # UnicodeDecodeError too
        raise BundleError(_("The bundle's contents are not valid JSON ({detail})").format(
            detail=str(exc).rsplit(": ", 1)[-1][:80])) from None  # where: "line 1 column 2 (char 1)"
    if isinstance(contents, list):  # format 1
        contents = {"changes": contents, "members": []}
    if isinstance(contents, dict) and not isinstance(contents.get("anchor", {}), dict):
        raise BundleError(_("The bundle is damaged or cut short"))
    if not isinstance(contents, dict) or not {"changes", "members"} <= contents.keys():
        raise BundleError(_("The bundle's contents must hold its changes and members"))
    contents = {k: v for k, v in contents.items() if k in CONTENT_KEYS}  # the rest: left aside
    if not isinstance(contents["changes"], list) or not isinstance(contents["members"], list):
        raise BundleError(_("The bundle's changes and members must be lists"))
    if len(contents["changes"]) != header.count:
        raise BundleError(_("The bundle holds {got} changes, its header says {count}").format(
            got=len(contents["changes"]), count=header.count))
    return contents


def new_signing_key() -> tuple[bytes, bytes]:
    """A node's key pair: (private, public), raw bytes."""
    from cryptography.hazmat.primitives import serialization as ser

    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption())
    return raw, private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw)


def signer(private: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(private)
