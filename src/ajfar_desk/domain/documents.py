"""Issued papers (declaration, committee referral): numbers, canonical content, content hash.

A paper's content is a plain JSON-able mapping of everything printed on it. Its canonical form
(sorted keys, no insignificant spaces, UTF-8) is hashed with SHA-256; the hash is printed on the
paper and in its QR code, and stored, so a paper can later be told genuine or altered.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from typing import Any

DECLARATION = "declaration"
REFERRAL = "referral"
KINDS = (DECLARATION, REFERRAL)
_SUFFIX = {DECLARATION: "D", REFERRAL: "R"}

SIGNATURE_PAD = "pad"
SIGNATURE_WET = "wet"

GENUINE = "genuine"
ALTERED = "altered"
UNKNOWN = "unknown"

_HASH = re.compile(r"[0-9a-f]{64}")


def document_number(request_reference: str, kind: str, revision: int) -> str:
    """``AJF-1447-000123-D1``: the request's reference, the paper's kind, its revision."""
    return f"{request_reference}-{_SUFFIX[kind]}{revision}"


def canonical_json(content: Mapping[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def normalize_hash(text: str) -> str | None:
    """A typed or scanned hash: spaces, dashes and case do not matter. None if not a hash."""
    cleaned = re.sub(r"[\s\-:]", "", text or "").lower()
    return cleaned if _HASH.fullmatch(cleaned) else None


def qr_payload(number: str, sha256: str) -> str:
    return f"AJFAR-DOC:{number}:{sha256}"


def parse_qr_payload(text: str) -> tuple[str, str] | None:
    """Number and hash from a scanned QR code, or None."""
    parts = (text or "").strip().split(":")
    if len(parts) == 3 and parts[0] == "AJFAR-DOC":
        digest = normalize_hash(parts[2])
        if digest:
            return parts[1].strip(), digest
    return None
