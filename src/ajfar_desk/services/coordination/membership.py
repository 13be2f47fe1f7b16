"""Founding a consortium of associations, inviting a member and joining with the invitation.

As with a branch laptop (``services.sync.sync_enrol``) the invitation is a file protected by a
passphrase given another way; it carries the new member's signing key, its certificate signed by
the inviting member and the certificates of the members so far.  The member's blinding scalars
are never in it: each member draws its own, for each file it writes."""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization as ser
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import select
from sqlalchemy.orm import Session

from ...db.coordination import Consortium, ConsortiumMember
from ...domain import permissions
from ...domain.errors import ValidationError
from ...i18n import _, ngettext
from ..store.context import AppContext
from ..sync import sync_enrol
from . import exchange_file as xf

MAGIC = b"AJFCI1"
MIN_PASSPHRASE = sync_enrol.MIN_PASSPHRASE


@dataclass(frozen=True)
class MemberView:
    member_id: str
    name: str
    fingerprint: str
    invited_by: str  # the inviting member's name ("" for the founder)
    is_self: bool
    last_import_at: dt.datetime | None  # its last file read here
    last_file_at: dt.datetime | None  # when it wrote that file
    last_answered_at: dt.datetime | None


@dataclass(frozen=True)
class Status:
    consortium: str
    name: str
    member_id: str
    member_name: str
    fingerprint: str
    exports: int
    reveal_association: bool
    reveal_program: bool
    reveal_month: bool
    members: list[MemberView]


class NotCoordinating(ValidationError):
    def __init__(self) -> None:
        super().__init__("coordination", _(
            "This association is not in a consortium: coordination is off (create one, or join "
            "with an invitation)"))


def _raw(private: Ed25519PrivateKey) -> tuple[bytes, bytes]:
    return (private.private_bytes(ser.Encoding.Raw, ser.PrivateFormat.Raw, ser.NoEncryption()),
            private.public_key().public_bytes(ser.Encoding.Raw, ser.PublicFormat.Raw))


def mine(s: Session) -> Consortium:
    row = s.scalars(select(Consortium)).first()
    if row is None:
        raise NotCoordinating()
    return row


def signer(row: Consortium) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(row.signing_key)


def _member_row(cert: dict) -> ConsortiumMember:
    return ConsortiumMember(
        member_id=cert["member"], name=cert["name"], public_key=base64.b64decode(cert["public_key"]),
        certificate=xf.canonical(cert).decode(), invited_by=cert["by"], last_number=0,
        pending_number=0)


def _refuse_second(s: Session) -> None:
    if s.scalars(select(Consortium)).first() is not None:
        raise ValidationError("coordination", _("This association is already in a consortium"))


def _name(text: str, field: str) -> str:
    name = " ".join((text or "").split())
    if not name or len(name) > 120:
        raise ValidationError(field, _("Give a name of 1 to 120 characters"))
    return name


def create(ctx: AppContext, name: str) -> bytes:
    """Found a consortium with this association as its first member; returns its charter (the
    consortium's id and the founder's key fingerprint, for the members to compare)."""
    ctx.require(permissions.COORDINATE)
    name = _name(name, "name")
    private, public = _raw(Ed25519PrivateKey.generate())
    consortium, member = xf.consortium_id(public), uuid.uuid4().hex
    cert = xf.certify(Ed25519PrivateKey.from_private_bytes(private), member, consortium, member,
                      ctx.profile.name("ar"), public)
    with ctx.uow() as s:
        _refuse_second(s)
        s.add(Consortium(id=consortium, name=name, member_id=member, signing_key=private,
                         reveal_association=True, reveal_program=True, reveal_month=True, exports=0))
        s.add(_member_row(cert))
        ctx.audit(s, "create", "consortium", consortium, name=name)
    return json.dumps({"consortium": consortium, "name": name, "founder": cert,
                       "fingerprint": xf.fingerprint(public)}, ensure_ascii=False, indent=2).encode()


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=sync_enrol.SCRYPT_N, r=8, p=1).derive(passphrase.encode())


def invite(ctx: AppContext, member_name: str, passphrase: str) -> bytes:
    """The invitation of another association, certified by this member."""
    ctx.require(permissions.COORDINATE)
    member_name = _name(member_name, "member")
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise ValidationError("passphrase", ngettext(
            "The passphrase needs at least {n} character", "The passphrase needs at least {n} characters",
            MIN_PASSPHRASE).format(n=MIN_PASSPHRASE))
    private, public = _raw(Ed25519PrivateKey.generate())
    member = uuid.uuid4().hex
    with ctx.uow() as s:
        me = mine(s)
        taken = {m.name for m in s.scalars(select(ConsortiumMember))}
        if member_name in taken:
            raise ValidationError("member", _("A member of the consortium is already called {name}")
                                  .format(name=member_name))
        cert = xf.certify(signer(me), me.member_id, me.id, member, member_name, public)
        s.add(_member_row(cert))
        directory = [json.loads(m.certificate) for m in s.scalars(select(ConsortiumMember))]
        ctx.audit(s, "invite", "consortium", me.id, member=member_name)
        payload = xf.canonical({"consortium": me.id, "name": me.name, "member": member,
                                "private_key": xf.b64(private), "directory": directory})
    salt, nonce = os.urandom(16), os.urandom(12)
    return MAGIC + salt + nonce + ChaCha20Poly1305(_key(passphrase, salt)).encrypt(nonce, payload, MAGIC)


def join(ctx: AppContext, data: bytes, passphrase: str) -> Status:
    """This association joins the consortium of the invitation."""
    ctx.require(permissions.COORDINATE)
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 28 + 16:
        raise ValidationError("invitation", _("This file is not an invitation to a consortium"))
    salt, nonce, body = data[6:22], data[22:34], data[34:]
    try:
        invitation = json.loads(ChaCha20Poly1305(_key(passphrase or "", salt)).decrypt(nonce, body, MAGIC))
    except InvalidTag:
        raise ValidationError("passphrase", _("Wrong passphrase, or the invitation was altered")) from None
    consortium, member = invitation["consortium"], invitation["member"]
    certs = xf.trusted(invitation["directory"], consortium, {})
    if member not in certs:
        raise ValidationError("invitation", _("The invitation's certificates do not hold together"))
    private = base64.b64decode(invitation["private_key"])
    with ctx.uow() as s:
        _refuse_second(s)
        s.add(Consortium(id=consortium, name=invitation["name"], member_id=member, signing_key=private,
                         reveal_association=True, reveal_program=True, reveal_month=True, exports=0))
        s.add_all(_member_row(c) for c in certs.values())
        ctx.audit(s, "join", "consortium", consortium, name=invitation["name"])
    return status(ctx)


def add_certificates(s: Session, me: Consortium, certs: list) -> list[str]:
    """Members named in a received directory that chain to the consortium: recorded; returns
    the names of those new here."""
    known = {m.member_id: m.public_key for m in s.scalars(select(ConsortiumMember))}
    new = []
    for member, cert in xf.trusted(certs, me.id, known).items():
        if member not in known:
            s.add(_member_row(cert))
            new.append(cert["name"])
    return new


def status(ctx: AppContext) -> Status:
    ctx.require(permissions.COORDINATE)
    with ctx.reading() as s:
        me = mine(s)
        rows = list(s.scalars(select(ConsortiumMember).order_by(ConsortiumMember.name)))
        names = {m.member_id: m.name for m in rows}
        members = [MemberView(
            m.member_id, m.name, xf.fingerprint(m.public_key),
            "" if m.invited_by == m.member_id else names.get(m.invited_by, m.invited_by),
            m.member_id == me.member_id, m.last_import_at, m.last_file_at, m.last_answered_at)
            for m in rows]
        own = names.get(me.member_id, "")
        key = next(m.public_key for m in rows if m.member_id == me.member_id)
        return Status(me.id, me.name, me.member_id, own, xf.fingerprint(key), me.exports,
                      me.reveal_association, me.reveal_program, me.reveal_month, members)


def coordinating(ctx: AppContext) -> bool:
    """Whether this association is in a consortium (coordination is off until it is)."""
    with ctx.reading() as s:
        return s.scalars(select(Consortium.id)).first() is not None


def set_reveal(ctx: AppContext, *, association: bool, program: bool, month: bool) -> Status:
    """What a match with one of our people reveals to the member that holds them too."""
    ctx.require(permissions.COORDINATE)
    with ctx.uow() as s:
        me = mine(s)
        me.reveal_association, me.reveal_program, me.reveal_month = association, program, month
        ctx.audit(s, "reveal_settings", "consortium", me.id, association=association,
                  program=program, month=month)
    return status(ctx)
