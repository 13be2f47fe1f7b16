"""Issued papers (declaration, committee referral, receipt, committee decision letter, minutes):
numbers, canonical content, content hash.

A paper's content is a plain JSON-able mapping of everything printed on it. Its canonical form
(sorted keys, no insignificant spaces, UTF-8) is hashed with SHA-256; the hash is printed on the
paper and in its QR code, and stored, so a paper can later be told genuine or altered.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DECLARATION = "declaration"
REFERRAL = "referral"
DECISION = "decision"  # the committee's decision, as a letter to the applicant
MINUTES = "minutes"  # the minutes of a committee meeting (belong to the meeting)
RECEIPT = "receipt"  # the applicant's receipt of a submitted request (إيصال استلام طلب)
# what a draft still lacks, for the applicant to take home (المستندات المطلوبة لاستكمال طلبك)
NEEDED = "needed"
KINDS = (DECLARATION, REFERRAL, RECEIPT)  # the desk's papers: any request may have them
REQUEST_KINDS = (DECLARATION, REFERRAL, RECEIPT, DECISION, NEEDED)  # papers numbered after a request
ALL_KINDS = (*REQUEST_KINDS, MINUTES)
# R is the referral's: the receipt is A, the applicant's acknowledgement of receipt; N the
# documents still needed.
_SUFFIX = {DECLARATION: "D", REFERRAL: "R", RECEIPT: "A", DECISION: "C", NEEDED: "N"}

# Committee decisions (services.committee.committee.OUTCOMES) and the letter each one gets.
APPROVE, REJECT, MORE_INFO, DEFER = "approve", "reject", "more_info", "defer"
OUTCOMES = (APPROVE, REJECT, MORE_INFO, DEFER)
LETTER_OUTCOMES = (APPROVE, REJECT, MORE_INFO)  # a deferral is no answer to the applicant

SIGNATURE_PAD = "pad"
SIGNATURE_WET = "wet"

GENUINE = "genuine"
ALTERED = "altered"
UNKNOWN = "unknown"

_HASH = re.compile(r"[0-9a-f]{64}")


def document_number(request_reference: str, kind: str, revision: int) -> str:
    """``AJF-1447-000123-D1``: the request's reference, the paper's kind, its revision."""
    return f"{request_reference}-{_SUFFIX[kind]}{revision}"


def minutes_number(code: str, hijri_year: int, meeting: int, revision: int) -> str:
    """``AJF-1447-M012-1``: the association's code, the meeting's Hijri year and number
    (numbered within the year), the revision of its minutes."""
    return f"{code}-{hijri_year}-M{meeting:03d}-{revision}"


def outcome_counts(outcomes: list[str]) -> dict[str, int]:
    """How many requests a meeting approved, rejected, asked more of, deferred."""
    return {o: sum(1 for x in outcomes if x == o) for o in OUTCOMES}


def canonical_json(content: Mapping[str, Any]) -> str:
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(content: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


def normalize_hash(text: str) -> str | None:
    """A typed or scanned hash: spaces, dashes and case do not matter. None if not a hash."""
    cleaned = re.sub(r"[\s\-:]", "", text or "").lower()
    return cleaned if _HASH.fullmatch(cleaned) else None


def qr_payload(number: str, sha256: str, signature: str = "") -> str:
    """``AJFAR-DOC:<number>:<sha256>[:<signature>]``: the signature (the issuing node's Ed25519
    key over ``seal_message``, URL-safe base64) is absent on papers printed before it existed."""
    return f"AJFAR-DOC:{number}:{sha256}" + (f":{signature}" if signature else "")


def seal_message(number: str, sha256: str) -> bytes:
    """What the node signs for a paper's QR code."""
    return f"AJFAR-DOC:{number}:{sha256}".encode("ascii")


def _qr_parts(text: str) -> list[str] | None:
    parts = (text or "").strip().split(":")
    return parts if len(parts) in (3, 4) and parts[0] == "AJFAR-DOC" else None


def parse_qr_payload(text: str) -> tuple[str, str] | None:
    """Number and hash from a scanned QR code, or None."""
    parts = _qr_parts(text)
    if parts:
        digest = normalize_hash(parts[2])
        if digest:
            return parts[1].strip(), digest
    return None


def qr_signature(text: str) -> str | None:
    """The signature a scanned QR code carries, or None (an older paper, or not a QR code)."""
    parts = _qr_parts(text)
    return parts[3].strip() or None if parts and len(parts) == 4 else None


@dataclass(frozen=True)
class IssuedView:
    """A paper as issued and stored (``services.papers.documents`` hands these out; printing renders
    them): plain data, never an ORM row."""

    id: uuid.UUID
    request_id: uuid.UUID | None  # None for the minutes of a meeting
    kind: str
    number: str
    revision: int
    lang: str
    content: dict[str, Any]
    sha256: str
    issued_at: dt.datetime
    signature_mode: str
    signature_png: bytes | None
    signed_at: dt.datetime | None
    scan_name: str | None
    print_count: int
    meeting_id: uuid.UUID | None = None  # the minutes' meeting
    qr_signature: str = ""  # the node's signature over number and hash (``paper_seal``)

    @property
    def signed(self) -> bool:
        return self.signed_at is not None
