"""Tables of the exchange between nodes (branch laptops and head office).

- ``sync_log``: every change this store holds, its own and those received, in the order it got
  them (``seq``); one row per row changed in one flush, with the fields, their new values and
  the clock stamp of the value each field replaced (to tell a concurrent edit from a later one).
- ``sync_row``: when each row was created (the stamp of every field not changed since) and
  its tombstone once deleted, so a late update never brings it back;
- ``sync_field``: the stamp of a field's current value once changed (last-writer-wins).
- ``sync_peer``: the other nodes: their keys, what they acknowledged, bundles numbers.
- ``sync_conflict``: a value that lost to a concurrent edit, kept for a person to review.
- ``sync_duplicate``: one national ID registered at two branches while offline.
Conflicts and duplicates are synchronised rows themselves, so every node sees them."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, SyncedRow, utcnow


class SyncLog(Base):
    __tablename__ = "sync_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    stamp: Mapped[str] = mapped_column(String(72), unique=True)  # the change's clock stamp
    node: Mapped[str] = mapped_column(String(32))  # the node where the change was made
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(40), index=True)
    op: Mapped[str] = mapped_column(String(8))  # upsert | delete
    data: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> value
    prev: Mapped[str] = mapped_column(Text, default="{}")  # JSON: field -> stamp it replaced


class SyncField(Base):
    __tablename__ = "sync_field"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(72))


class SyncRow(Base):
    """When a row was created and, once deleted, its tombstone (a delete always wins)."""

    __tablename__ = "sync_row"
    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    row_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(72))  # created
    deleted: Mapped[str | None] = mapped_column(String(72))  # the delete's stamp


class SyncPeer(Base):
    __tablename__ = "sync_peer"
    node: Mapped[str] = mapped_column(String(32), primary_key=True)
    branch: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200), default="")
    public_key: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519, raw 32 bytes
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)  # our log they confirmed having
    seen_seq: Mapped[int] = mapped_column(Integer, default=0)  # their log we have imported
    sent_bundle: Mapped[int] = mapped_column(Integer, default=0)
    received_bundle: Mapped[int] = mapped_column(Integer, default=0)
    last_export_at: Mapped[dt.datetime | None]
    last_import_at: Mapped[dt.datetime | None]
    # the sender's clock minus ours when its last bundle was made (ms; None: not known yet)
    clock_skew_ms: Mapped[int | None] = mapped_column(BigInteger)


class SyncConflict(SyncedRow, Base):
    __tablename__ = "sync_conflict"
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(40), index=True)
    field: Mapped[str] = mapped_column(String(40))
    winner: Mapped[str] = mapped_column(Text)  # JSON value kept
    winner_stamp: Mapped[str] = mapped_column(String(72))
    loser: Mapped[str] = mapped_column(Text)  # JSON value that lost
    loser_stamp: Mapped[str] = mapped_column(String(72))
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | settled
    settled_by: Mapped[uuid.UUID | None]
    settled_at: Mapped[dt.datetime | None]
    choice: Mapped[str] = mapped_column(String(12), default="")  # winner | loser


class SyncDuplicate(SyncedRow, Base):
    __tablename__ = "sync_duplicate"
    national_id: Mapped[str] = mapped_column(String(20))  # the identity's number, any type
    kept_id: Mapped[uuid.UUID]  # keeps the national ID (registered first)
    other_id: Mapped[uuid.UUID]  # holds a placeholder ID until merged
    status: Mapped[str] = mapped_column(String(12), default="open")  # open | merged
    merged_at: Mapped[dt.datetime | None] = mapped_column(default=None)


def deterministic_id(*parts: str) -> uuid.UUID:
    """The same conflict or duplicate found on two nodes gets the same id (one row, not two)."""
    return uuid.uuid5(uuid.NAMESPACE_URL, "ajfar-sync:" + "|".join(parts))


__all__ = ["SyncLog", "SyncField", "SyncRow", "SyncPeer", "SyncConflict", "SyncDuplicate",
           "deterministic_id", "utcnow"]
