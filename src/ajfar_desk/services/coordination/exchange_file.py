"""The coordination exchange file and the members' certificates.

Layout: ``AJFC1`` | header length (4 bytes, big endian) | header (JSON) | records | Ed25519
signature (64 bytes) of the sending member over everything before it.  The records follow the
header's counts: the sender's table (``table`` × 36 bytes: a tag and a sealed reveal), its
blinded queries (``queries`` × 32 bytes) and its answers to other members' queries (each
``count`` × 32 bytes, in the order of ``answers``).  No identity number, name or hash of one is
in the file: only group elements blinded by secret scalars and tags derived from them.

A certificate names a member (id, association's name, public key) and is signed by the member
that invited it; the founder's signs itself, and the consortium's id is the hash of the
founder's key, so a chain of certificates from the consortium's id down is checked without any
other authority."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import struct
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ...domain.errors import AppError
from ...i18n import _
from . import psi

MAGIC = b"AJFC1"
SIGNATURE = 64
MAX_FILE = 256 * 1024 * 1024
MAX_SET = 250_000  # identities a member may publish, and ask about, in one file
MAX_HEADER = 4 * 1024 * 1024
_HEX32 = re.compile(r"[0-9a-f]{32}")


class ExchangeRefused(AppError, ValueError):
    """A file that cannot be accepted; the message says why."""

    exit_code = 3


def canonical(data: dict) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def consortium_id(founder_key: bytes) -> str:
    return hashlib.sha256(b"ajfar-desk/consortium|" + founder_key).hexdigest()[:32]


def fingerprint(public_key: bytes) -> str:
    """A member's key as people compare it by phone: 4 groups of 4 hex digits."""
    h = hashlib.sha256(public_key).hexdigest()[:16].upper()
    return " ".join(h[i:i + 4] for i in range(0, 16, 4))


def certify(signer: Ed25519PrivateKey, by: str, consortium: str, member: str, name: str,
            public_key: bytes) -> dict:
    body = {"consortium": consortium, "member": member, "name": name, "public_key": b64(public_key),
            "by": by, "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    return {**body, "signature": b64(signer.sign(canonical(body)))}


def _cert_ok(cert, consortium: str, keys: dict[str, bytes]) -> bool:
    """A well-formed certificate of this consortium, signed by a member in ``keys`` (or the
    founder's own, whose key hashes to the consortium's id)."""
    try:
        if not (isinstance(cert, dict) and cert.get("consortium") == consortium
                and _HEX32.fullmatch(cert["member"]) and _HEX32.fullmatch(cert["by"])
                and isinstance(cert["name"], str) and 0 < len(cert["name"]) <= 120):
            return False
        public = base64.b64decode(cert["public_key"], validate=True)
        signer = keys.get(cert["by"])
        if cert["by"] == cert["member"] and consortium_id(public) == consortium:
            signer = public
        if signer is None or len(public) != 32:
            return False
        body = {k: v for k, v in cert.items() if k != "signature"}
        Ed25519PublicKey.from_public_bytes(signer).verify(
            base64.b64decode(cert["signature"], validate=True), canonical(body))
        return True
    except (KeyError, TypeError, ValueError, InvalidSignature):
        return False


def trusted(certs: list, consortium: str, known: dict[str, bytes]) -> dict[str, dict]:
    """Member id -> certificate, for every certificate that chains to the consortium (through
    the members already ``known``, id -> key, or through one another)."""
    keys = dict(known)
    out: dict[str, dict] = {}
    pending = [c for c in certs if isinstance(c, dict)]
    grew = True
    while grew:
        grew = False
        for cert in list(pending):
            if _cert_ok(cert, consortium, keys):
                member, key = cert["member"], base64.b64decode(cert["public_key"])
                pending.remove(cert)
                if member in keys and keys[member] != key:
                    continue  # one member, one key: a second key for it is ignored
                keys[member] = key
                out[member] = cert
                grew = True
    return out


@dataclass(frozen=True)
class Answer:
    to: str  # the member whose queries these answer
    number: int  # its file they answer
    values: bytes  # count × 32 bytes, in its queries' order


@dataclass(frozen=True)
class Exchange:
    consortium: str
    sender: str
    number: int
    created: str
    nonce: bytes
    programs: list[str]
    directory: list[dict]
    table: bytes  # count × psi.ENTRY
    queries: bytes  # count × psi.POINT
    answers: list[Answer]


def write(ex: Exchange, signer: Ed25519PrivateKey) -> bytes:
    head = canonical({
        "format": 1, "consortium": ex.consortium, "sender": ex.sender, "number": ex.number,
        "created": ex.created, "nonce": ex.nonce.hex(), "programs": ex.programs,
        "directory": ex.directory, "table": len(ex.table) // psi.ENTRY,
        "queries": len(ex.queries) // psi.POINT,
        "answers": [{"to": a.to, "number": a.number, "count": len(a.values) // psi.POINT}
                    for a in ex.answers],
    })
    unsigned = b"".join([MAGIC, struct.pack(">I", len(head)), head, ex.table, ex.queries,
                         *(a.values for a in ex.answers)])
    return unsigned + signer.sign(unsigned)


def _damaged() -> ExchangeRefused:
    return ExchangeRefused(_("This coordination file is damaged or cut short"))


def read(data: bytes) -> tuple[Exchange, bytes]:
    """The file's contents as written, not yet trusted, and the bytes its signature covers."""
    if len(data) > MAX_FILE:
        raise ExchangeRefused(_("The coordination file is larger than {mb} MB: refused").format(
            mb=MAX_FILE // (1024 * 1024)))
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4 + SIGNATURE:
        raise ExchangeRefused(_("This file is not a coordination exchange file"))
    (size,) = struct.unpack(">I", data[5:9])
    if size > MAX_HEADER or 9 + size + SIGNATURE > len(data):
        raise _damaged()
    try:
        h = json.loads(data[9:9 + size])
        answers = [(str(a["to"]), int(a["number"]), int(a["count"])) for a in h["answers"]]
        counts = [int(h["table"]), int(h["queries"]), *(c for _t, _n, c in answers)]
        fields = (str(h["consortium"]), str(h["sender"]), int(h["number"]), str(h["created"]),
                  bytes.fromhex(h["nonce"]), [str(p) for p in h["programs"]], list(h["directory"]))
    except (ValueError, KeyError, TypeError):
        raise _damaged() from None
    if h.get("format") != 1:
        raise ExchangeRefused(_("The coordination file was made by another version of the program"))
    if min(counts) < 0 or counts[0] > MAX_SET or counts[1] > MAX_SET or len(fields[5]) > 255:
        raise _damaged()
    sizes = [counts[0] * psi.ENTRY, counts[1] * psi.POINT, *(c * psi.POINT for c in counts[2:])]
    body = data[9 + size:-SIGNATURE]
    if len(body) != sum(sizes):
        raise _damaged()
    parts, at = [], 0
    for n in sizes:
        parts.append(body[at:at + n])
        at += n
    ex = Exchange(*fields, table=parts[0], queries=parts[1],
                  answers=[Answer(t, n, v) for (t, n, _c), v in zip(answers, parts[2:], strict=True)])
    return ex, data[:-SIGNATURE]


def check_signature(data: bytes, public_key: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(data[-SIGNATURE:], data[:-SIGNATURE])
    except InvalidSignature:
        raise ExchangeRefused(_("The coordination file's signature does not match its sender: it "
                                "was altered or damaged")) from None
