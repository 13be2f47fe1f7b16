"""The arithmetic of the private set intersection: identities hashed into a prime-order group,
blinded by secret scalars, and the tags and sealed reveals a member publishes.

The group is the prime-order subgroup of edwards25519 (order L = 2^252 + …), through PyNaCl's
bindings to libsodium.  (Ristretto255 would be the first choice, but PyNaCl 1.6 does not expose
it; every point received is checked to lie on the main subgroup, which rules out the small-order
points that make the cofactor a risk: libsodium's ``scalarmult_ed25519_noclamp`` refuses them.)

- ``H(x)``: the identity (type, country, number, the consortium's id as domain separation)
  hashed with SHA-512 and mapped into the group twice (Elligator 2, cofactor cleared) and the two
  points added: a uniform point whose discrete log nobody knows.
- ``F_k(x) = H(x)^k``: an oblivious pseudo-random function of the member's key ``k``.  A member
  publishes ``tag(F_k(x))`` for its people; another member learns ``F_k(y)`` only for the ``y``
  it asks about, blinded: it sends ``H(y)^r`` (random ``r``), receives ``H(y)^(r·k)`` and
  removes ``r``.  Without ``k`` nobody can compute a tag, so guessing identities offline is
  useless (the space of ten-digit numbers is small enough to hash in an afternoon: that is
  why a plain or keyed hash would not do)."""

from __future__ import annotations

import hashlib
import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from nacl import bindings as na
from nacl.exceptions import RuntimeError as NaclRuntimeError

POINT = 32  # bytes of a group element
TAG = 16  # bytes of a published tag
SEALED = 4 + 16  # a reveal record: 4 bytes of plain data and the AEAD tag
ENTRY = TAG + SEALED  # bytes of one published record
_DOMAIN = b"ajfar-desk/coordination/v1"


class BadPoint(ValueError):
    """A received value that is not an element of the prime-order group."""


def identity_key(id_type: str, id_country: str, number: str) -> str:
    """The identity as every member writes it: type, issuing country, number (upper case)."""
    return f"{id_type}|{id_country.upper()}|{number.upper()}"


def hash_to_group(consortium: str, identity: str) -> bytes:
    digest = hashlib.sha512(_DOMAIN + b"|" + consortium.encode() + b"|" + identity.encode()).digest()
    return na.crypto_core_ed25519_add(
        na.crypto_core_ed25519_from_uniform(digest[:32]),
        na.crypto_core_ed25519_from_uniform(digest[32:]),
    )


def new_scalar() -> bytes:
    """A uniformly random non-zero scalar modulo the group's order."""
    while True:
        k = na.crypto_core_ed25519_scalar_reduce(os.urandom(64))
        if any(k):
            return k


def invert(k: bytes) -> bytes:
    return na.crypto_core_ed25519_scalar_invert(k)


def blind(k: bytes, point: bytes) -> bytes:
    """``point^k``; a value that is not a point of the prime-order group raises BadPoint."""
    try:
        return na.crypto_scalarmult_ed25519_noclamp(k, point)
    except (NaclRuntimeError, ValueError, TypeError):
        raise BadPoint("not an element of the group") from None


def blind_all(k: bytes, blob: bytes) -> bytes:
    """Every 32-byte element of ``blob`` raised to ``k``, in order."""
    mult = na.crypto_scalarmult_ed25519_noclamp
    out = bytearray()
    try:
        for i in range(0, len(blob), POINT):
            out += mult(k, blob[i:i + POINT])
    except (NaclRuntimeError, ValueError, TypeError):
        raise BadPoint("not an element of the group") from None
    return bytes(out)


def _kdf(label: bytes, nonce: bytes, value: bytes) -> bytes:
    return hashlib.sha256(_DOMAIN + b"|" + label + b"|" + nonce + b"|" + value).digest()


def tag(nonce: bytes, value: bytes) -> bytes:
    """The published tag of ``F_k(x)`` in the file with ``nonce`` (unlinkable across files)."""
    return _kdf(b"tag", nonce, value)[:TAG]


def seal(nonce: bytes, value: bytes, plain: bytes) -> bytes:
    """The reveal for ``F_k(x)``: a key used once (it depends on the file's nonce), so a zero
    AEAD nonce is safe."""
    return ChaCha20Poly1305(_kdf(b"key", nonce, value)).encrypt(bytes(12), plain, nonce)


def unseal(nonce: bytes, value: bytes, sealed: bytes) -> bytes:
    return ChaCha20Poly1305(_kdf(b"key", nonce, value)).decrypt(bytes(12), sealed, nonce)


# a reveal: 1 byte of flags, 1 byte the program's index in the file's list, 2 bytes the month
ASSOCIATION, PROGRAM, MONTH = 1, 2, 4
_EPOCH = 2000 * 12  # months counted from January 2000


def pack_reveal(flags: int, program: int, month: str) -> bytes:
    months = 0
    if month:
        year, mm = month.split("-")
        months = int(year) * 12 + int(mm) - 1 - _EPOCH + 1  # 0: no month
    return struct.pack(">BBH", flags, program, max(0, min(months, 0xFFFF)))


def unpack_reveal(data: bytes) -> tuple[int, int, str]:
    flags, program, months = struct.unpack(">BBH", data)
    month = ""
    if months:
        total = months - 1 + _EPOCH
        month = f"{total // 12:04d}-{total % 12 + 1:02d}"
    return flags, program, month


def publish(consortium: str, nonce: bytes, k: bytes, r: bytes,
            people: list[tuple[str, bytes]]) -> tuple[bytes, bytes]:
    """A member's file from its people (identity key, packed reveal): the table of tags and
    sealed reveals under ``k`` (shuffled, so its order says nothing), and its queries blinded by
    ``r``, in the order of ``people``."""
    import secrets

    mult = na.crypto_scalarmult_ed25519_noclamp
    entries, queries = [], bytearray()
    for identity, reveal in people:
        point = hash_to_group(consortium, identity)
        value = mult(k, point)
        entries.append(tag(nonce, value) + seal(nonce, value, reveal))
        queries += mult(r, point)
    for i in range(len(entries) - 1, 0, -1):  # Fisher-Yates with the system's randomness
        j = secrets.randbelow(i + 1)
        entries[i], entries[j] = entries[j], entries[i]
    return b"".join(entries), bytes(queries)


def open_answers(r: bytes, answers: bytes, nonce: bytes, table: bytes) -> dict[int, bytes]:
    """Our queries' answers (``H(y)^(r·k)``, in our order) against the answering member's table:
    query index -> the reveal it sealed for that person, for the people it holds too."""
    published = {table[i:i + TAG]: table[i + TAG:i + ENTRY] for i in range(0, len(table), ENTRY)}
    unblinded = blind_all(invert(r), answers)
    out = {}
    for i in range(0, len(unblinded), POINT):
        value = unblinded[i:i + POINT]
        sealed = published.get(tag(nonce, value))
        if sealed is not None:
            try:
                out[i // POINT] = unseal(nonce, value, sealed)
            except InvalidTag:  # a tag that collides, or an entry altered: no reveal
                continue
    return out
