"""Writing and reading the consortium's exchange files (USB stick or shared folder).

Each file a member writes holds, under a key ``k`` drawn for that file and thrown away after:
the tags and sealed reveals of its consenting people (``psi.publish``), its own people again as
queries blinded by ``r`` (kept here to unblind the answers), and its answers to the queries of
the other members' last files (raised to ``k``).  A member reading the file records the sender's
queries (answered in its own next file) and opens the answers to its own queries against the
sender's table: the people both hold, with what the sender chose to reveal.  See
``docs/coordination.md``."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ...db.casework import ServiceDelivery
from ...db.coordination import ConsortiumMember, CoordinationExport, CoordinationReveal
from ...db.models import Applicant, SupportRequest
from ...domain import id_types, permissions
from ...i18n import _, ngettext
from ..store.context import AppContext
from ..store.events import COORDINATION_CHANGED
from . import exchange_file as xf
from . import psi
from .membership import add_certificates, mine, signer

KEEP_EXPORTS = 20  # our files whose answers may still come back


@dataclass(frozen=True)
class ImportResult:
    sender: str  # the member's name
    number: int
    answered: bool  # the file answered our queries
    matches: int  # our people the sender holds too
    new_matches: int
    removed: int  # matches of an earlier file the sender no longer reveals
    new_members: list[str]


def _people(s: Session) -> list[tuple[uuid.UUID, str]]:
    """Our people who consented to coordination, with their identity key (walk-ins without a
    document and anonymised files take no part)."""
    rows = s.execute(
        select(Applicant.id, Applicant.id_type, Applicant.id_country, Applicant.national_id)
        .where(Applicant.coordination_consent.is_(True), Applicant.anonymised_at.is_(None),
               Applicant.id_type != id_types.NONE)
        .order_by(Applicant.id)
    ).all()
    return [(r.id, psi.identity_key(r.id_type, r.id_country, r.national_id)) for r in rows]


def _last_services(s: Session) -> dict[uuid.UUID, tuple[str, dt.date]]:
    """Applicant -> (program, day) of the last service delivered."""
    out: dict[uuid.UUID, tuple[str, dt.date]] = {}
    q = (select(SupportRequest.applicant_id, SupportRequest.program, ServiceDelivery.delivered_on)
         .join(ServiceDelivery, ServiceDelivery.request_id == SupportRequest.id)
         .join(Applicant, Applicant.id == SupportRequest.applicant_id)
         .where(Applicant.coordination_consent.is_(True)))
    for applicant, program, day in s.execute(q):
        if applicant not in out or out[applicant][1] < day:
            out[applicant] = (program, day)
    return out


def export(ctx: AppContext) -> bytes:
    """The next exchange file of this member, for every other member."""
    ctx.require(permissions.COORDINATE)
    with ctx.uow() as s:
        me = mine(s)
        people = _people(s)
        if len(people) > xf.MAX_SET:
            raise xf.ExchangeRefused(ngettext(
                "More than {n} person consented to coordination: a file holds at most {n}",
                "More than {n} people consented to coordination: a file holds at most {n}",
                xf.MAX_SET).format(n=xf.MAX_SET))
        programs = [p.code for p in ctx.profile.programs]
        names = [p.name_ar for p in ctx.profile.programs]
        services = _last_services(s)
        flags = ((psi.ASSOCIATION if me.reveal_association else 0)
                 | (psi.PROGRAM if me.reveal_program else 0) | (psi.MONTH if me.reveal_month else 0))
        packed = []
        for applicant, identity in people:
            program, day = services.get(applicant, ("", None))
            index = programs.index(program) + 1 if me.reveal_program and program in programs else 0
            month = day.strftime("%Y-%m") if me.reveal_month and day else ""
            packed.append((identity, psi.pack_reveal(flags, index, month)))
        k, r, nonce = psi.new_scalar(), psi.new_scalar(), os.urandom(16)
        table, queries = psi.publish(me.id, nonce, k, r, packed)
        now = dt.datetime.now(dt.UTC)
        answers = []
        for m in s.scalars(select(ConsortiumMember).where(ConsortiumMember.member_id != me.member_id)):
            if m.pending_queries:
                answers.append(xf.Answer(m.member_id, m.pending_number, psi.blind_all(k, m.pending_queries)))
                m.pending_queries, m.last_answered_at = None, now  # each query set answered once
        me.exports += 1
        number = me.exports
        s.add(CoordinationExport(number=number, created_at=now, query_key=r, count=len(people),
                                 applicants=b"".join(a.bytes for a, _i in people)))
        s.execute(delete(CoordinationExport).where(CoordinationExport.number <= number - KEEP_EXPORTS))
        directory = [json.loads(m.certificate) for m in s.scalars(select(ConsortiumMember))]
        ctx.audit(s, "export", "consortium", me.id, number=number, people=len(people),
                  answered=[a.to for a in answers])
        data = xf.write(xf.Exchange(me.id, me.member_id, number, now.isoformat(), nonce,
                                    [n if me.reveal_program else "" for n in names], directory,
                                    table, queries, answers), signer(me))
    ctx.changed(COORDINATION_CHANGED, number)
    return data


def import_file(ctx: AppContext, data: bytes) -> ImportResult:
    """Read another member's file: refused unless it is signed by a member of our consortium,
    newer than its last one read here, and asks about no more people than it offers."""
    ctx.require(permissions.COORDINATE)
    ex, _signed = xf.read(data)
    with ctx.uow() as s:
        me = mine(s)
        if ex.consortium != me.id:
            raise xf.ExchangeRefused(_("This file comes from another consortium: refused"))
        if ex.sender == me.member_id:
            raise xf.ExchangeRefused(_("This file is one of our own"))
        new_members = add_certificates(s, me, ex.directory)
        sender = s.get(ConsortiumMember, ex.sender)
        if sender is None:
            raise xf.ExchangeRefused(_("This file comes from an association that is not a member "
                                       "of the consortium: refused"))
        xf.check_signature(data, sender.public_key)
        if ex.number <= sender.last_number:
            raise xf.ExchangeRefused(_("File {number} of {member} was already read here (the last "
                                       "was {last})").format(number=ex.number, member=sender.name,
                                                             last=sender.last_number))
        if len(ex.queries) // psi.POINT > len(ex.table) // psi.ENTRY:
            raise xf.ExchangeRefused(_("The file asks about more people than it offers: refused"))
        now = dt.datetime.now(dt.UTC)
        sender.pending_queries, sender.pending_number = ex.queries or None, ex.number
        sender.last_number, sender.last_import_at = ex.number, now
        sender.last_file_at = _moment(ex.created) or now
        answer = next((a for a in ex.answers if a.to == me.member_id), None)
        found = _open(s, answer, ex) if answer is not None else None
        matches = new = removed = 0
        if found is not None:
            matches, new, removed = _record(ctx, s, sender, found, ex.programs, now)
        ctx.audit(s, "import", "consortium", me.id, member=sender.name, number=ex.number,
                  answered=found is not None, matches=matches, new=new, removed=removed)
    ctx.changed(COORDINATION_CHANGED, ex.number)
    return ImportResult(sender.name, ex.number, found is not None, matches, new, removed, new_members)


def _moment(text: str) -> dt.datetime | None:
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _open(s: Session, answer: xf.Answer, ex: xf.Exchange) -> dict[uuid.UUID, bytes] | None:
    """Our applicants the sender holds too -> its sealed reveal opened; None when the answer
    does not fit the file of ours it names (too old, or not ours)."""
    ours = s.get(CoordinationExport, answer.number)
    if ours is None or len(answer.values) != ours.count * psi.POINT:
        return None
    try:
        opened = psi.open_answers(ours.query_key, answer.values, ex.nonce, ex.table)
    except psi.BadPoint:
        raise xf.ExchangeRefused(_("The file's answers are not valid: refused")) from None
    ids = ours.applicants
    return {uuid.UUID(bytes=ids[i * 16:(i + 1) * 16]): plain for i, plain in opened.items()}


def _record(ctx: AppContext, s: Session, sender: ConsortiumMember, found: dict[uuid.UUID, bytes],
            programs: list[str], now: dt.datetime) -> tuple[int, int, int]:
    """Replace what the sender revealed before with this answer: each new match audited."""
    consenting = set(s.scalars(select(Applicant.id).where(
        Applicant.id.in_(list(found)), Applicant.coordination_consent.is_(True))))
    old = {r.applicant_id: r for r in s.scalars(
        select(CoordinationReveal).where(CoordinationReveal.member_id == sender.member_id))}
    new = 0
    for applicant, plain in found.items():
        if applicant not in consenting:  # withdrew since our file left: nothing kept
            continue
        flags, program, month = psi.unpack_reveal(plain)
        values = {
            "association": sender.name if flags & psi.ASSOCIATION else "",
            "program": programs[program - 1] if flags & psi.PROGRAM and 0 < program <= len(programs) else "",
            "service_month": month if flags & psi.MONTH else "",
        }
        row = old.pop(applicant, None)
        if row is None:
            s.add(CoordinationReveal(member_id=sender.member_id, applicant_id=applicant,
                                     first_seen_at=now, updated_at=now, **values))
            ctx.audit(s, "match", "applicant", applicant, member=sender.name, **values)
            new += 1
        else:
            for key, value in values.items():
                setattr(row, key, value)
            row.updated_at = now
    for row in old.values():
        s.delete(row)
    return len(found.keys() & consenting), new, len(old)
