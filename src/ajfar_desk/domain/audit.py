"""The audit log's hash chain: each entry's hash covers its fields and the previous hash."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
FIELDS = ("seq", "at", "branch", "user_id", "action", "entity", "entity_id", "details")


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's fields in canonical JSON."""
    body = {name: "" if entry.get(name) is None else str(entry[name]) for name in FIELDS}
    payload = prev_hash + json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    branch: str
    seq: int
    kind: str  # altered | missing | out_of_order | head
    detail: str = ""


def check_chain(branch: str, entries: Iterable[Mapping[str, Any]], head: tuple[int, str] | None) -> list[ChainProblem]:
    """Walk one branch's entries in ``seq`` order; report every break. ``head`` is the stored
    (seq, hash) of the last entry, which catches entries removed from the end."""
    problems: list[ChainProblem] = []
    prev_hash, expected = GENESIS, 1
    for entry in entries:
        seq = int(entry["seq"])
        if seq != expected:
            kind = "missing" if seq > expected else "out_of_order"
            problems.append(ChainProblem(branch, expected, kind, f"next entry is {seq}"))
        if entry["prev_hash"] != prev_hash:
            problems.append(ChainProblem(branch, seq, "altered", "does not follow the previous entry"))
        if entry_hash(entry["prev_hash"], entry) != entry["hash"]:
            problems.append(ChainProblem(branch, seq, "altered", "its content does not match its hash"))
        prev_hash, expected = entry["hash"], seq + 1
    if head is not None and (head[0] != expected - 1 or (head[0] and head[1] != prev_hash)):
        problems.append(ChainProblem(branch, head[0], "head", "entries at the end were removed"))
    return problems
