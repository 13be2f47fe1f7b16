"""One search box: any part of the name in either script, an ID number of any type (national ID,
iqama, passport, GCC ID, border or visa number), phone or request reference, as you type.

A name is looked up as typed (the normalised Arabic or Latin name), then across scripts: the
typed parts' consonant skeletons (``domain.transliteration``) against the indexed key of every
file's Arabic and Latin names, each candidate kept only when its name in the other script
really is the typed one ("Mohammed Alshamari" finds «محمد الشمري», not «محمود الشمري»)."""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy import bindparam, or_, select, text

from ...db.models import Applicant, SupportRequest
from ...db.search_index import fts_query, fts_query_any, uses_fts
from ...domain import permissions
from ...domain.cross_script import query_matches
from ...domain.digits import digits_only, normalize_digits
from ...domain.phone import phone_search_key
from ...domain.text import name_tokens
from ...domain.transliteration import is_latin, query_skeletons
from ..store.context import AppContext
from .views import ApplicantHit

REFERENCE_RE = re.compile(r"^[A-Za-z]{2,}[A-Za-z0-9]*(-\d*)*-?$")
ID_CODE_RE = re.compile(r"[A-Z0-9]*[0-9][A-Z0-9]*")  # a passport number holds a digit
_CODE_SEPARATORS = re.compile(r"[\s\-.]+")
HIT_COLUMNS = (
    Applicant.id,
    Applicant.national_id,
    Applicant.full_name,
    Applicant.phone,
    Applicant.birth_date,
    Applicant.city,
    Applicant.id_type,
    Applicant.birth_approx,
)


def _hit(row, reference: str | None = None) -> ApplicantHit:
    return ApplicantHit(
        row.id, row.national_id, row.full_name, row.phone, row.birth_date, row.city, reference,
        row.id_type, birth_approx=bool(row.birth_approx),
    )


def _by_number(s, prefix: str, limit: int):
    """Files whose ID number (any type) starts with ``prefix``: the identity index's range."""
    return s.execute(
        select(*HIT_COLUMNS)
        .where(_prefix_range(Applicant.national_id, prefix), Applicant.id_type != "none")
        .order_by(Applicant.national_id)
        .limit(limit)
    ).all()


def _prefix_range(column, prefix: str):
    return (column >= prefix) & (column < prefix + "\uffff")


def search(ctx: AppContext, query: str, limit: int = 30) -> list[ApplicantHit]:
    ctx.require(permissions.VIEW_APPLICANT)
    query = normalize_digits(query or "").strip()
    if not query:
        return []
    hits: dict = {}
    with ctx.reading() as s:
        if REFERENCE_RE.match(query):
            rows = s.execute(
                select(*HIT_COLUMNS, SupportRequest.reference)
                .join(SupportRequest, SupportRequest.applicant_id == Applicant.id)
                .where(_prefix_range(SupportRequest.reference, query.upper()))
                .order_by(SupportRequest.reference)
                .limit(limit)
            ).all()
            for row in rows:
                hits.setdefault(row.id, _hit(row, row.reference))
        # A phone may be typed "+966 55 123 4567", "00966-55-...", "(055) 123 4567", in any
        # digit script: only digits and one leading "+" are left.
        typed = digits_only(query)
        number = typed[1:] if typed.startswith("+") else typed
        if number and number.isdigit() and not any(ch.isalpha() for ch in query):
            if len(number) <= 20 and typed == number:
                for row in _by_number(s, number, limit):
                    hits.setdefault(row.id, _hit(row))
            key = phone_search_key(query)
            if key and len(number) >= 3:
                rows = s.execute(
                    select(*HIT_COLUMNS)
                    .where(
                        or_(
                            _prefix_range(Applicant.phone, key),
                            _prefix_range(Applicant.phone2, key),
                        )
                    )
                    .limit(limit)
                ).all()
                for row in rows:
                    hits.setdefault(row.id, _hit(row))
        code = _CODE_SEPARATORS.sub("", query).upper()
        if any(ch.isalpha() for ch in code) and len(code) <= 20 and ID_CODE_RE.fullmatch(code):
            for row in _by_number(s, code, limit):  # a passport number, letters and digits
                hits.setdefault(row.id, _hit(row))
        tokens = name_tokens(query)
        if tokens and len(hits) < limit and any(ch.isalpha() for ch in query):
            for row in _by_name(s, tokens, limit - len(hits)):
                hits.setdefault(row.id, _hit(row))
        skeletons = query_skeletons(query) if not any(ch.isdigit() for ch in query) else []
        if skeletons and len(hits) < limit:
            for row in _across_scripts(s, query, skeletons, limit - len(hits), hits.keys()):
                hits.setdefault(row.id, _hit(row))
        found = list(hits.values())[:limit]
        return _with_requests(s, found)


# plain SQL through the session's connection, one statement compiled once (as find_similar)
_REQUESTS_OF = (
    select(SupportRequest.applicant_id, SupportRequest.reference, SupportRequest.status)
    .where(SupportRequest.applicant_id.in_(bindparam("ids", expanding=True)))
    .order_by(SupportRequest.created_at.desc(), SupportRequest.reference.desc())
)


def _with_requests(session, hits: list[ApplicantHit]) -> list[ApplicantHit]:
    """Each hit with the request the results show and its state, drafts included: the one whose
    reference was typed, else the newest.  One query by the requests' applicant index."""
    if not hits:
        return hits
    rows = session.connection().execute(_REQUESTS_OF, {"ids": [h.id for h in hits]}).all()
    matched = {h.id: h.matched_reference for h in hits if h.matched_reference}
    shown: dict = {}
    for row in rows:  # newest first; the typed reference wins over the newest
        if row.applicant_id not in shown or matched.get(row.applicant_id) == row.reference:
            shown[row.applicant_id] = row
    return [replace(h, request_reference=shown[h.id].reference, request_status=shown[h.id].status)
            if h.id in shown else h for h in hits]


# Candidates read per hit wanted: a skeleton is shared by a few names («محمد», «محمود»), and
# the ones of the typed script are found by the name itself.
_KEY_CANDIDATES = 4


def _across_scripts(session, query: str, skeletons: list[tuple[str, ...]], limit: int, found):
    """Files whose name in the other script (their Arabic name for a Latin query, their Latin
    name or a name registered in Latin letters for an Arabic one) is the typed name."""
    latin_query = is_latin(query)
    wanted = _KEY_CANDIDATES * limit
    columns = (*HIT_COLUMNS, Applicant.latin_name)
    if uses_fts(session.connection()):
        keys = (
            select(text("rowid"))
            .select_from(text("applicant_fts"))
            .where(text("applicant_fts MATCH :q"))
            .limit(wanted)
            .scalar_subquery()
        )
        stmt = select(*columns).where(Applicant.search_key.in_(keys))
        rows = session.execute(stmt, {"q": fts_query_any(skeletons, "key")}).all()
    else:
        stmt = select(*columns)
        for alternatives in skeletons:
            stmt = stmt.where(or_(*(
                c for k in alternatives for c in (
                    Applicant.name_key.like(f"{k}%"), Applicant.name_key.like(f"% {k}%")))))
        rows = session.execute(stmt.limit(wanted)).all()
    out = []
    for row in rows:
        if row.id in found:
            continue
        names = [n for n in (row.full_name, row.latin_name) if n and is_latin(n) != latin_query]
        if any(query_matches(query, n) for n in names):
            out.append(row)
            if len(out) == limit:
                break
    return out


def _by_name(session, tokens: list[str], limit: int):
    if uses_fts(session.connection()):
        keys = (
            select(text("rowid"))
            .select_from(text("applicant_fts"))
            .where(text("applicant_fts MATCH :q"))
            .limit(limit)
            .scalar_subquery()
        )
        stmt = select(*HIT_COLUMNS).where(Applicant.search_key.in_(keys))
        return session.execute(stmt, {"q": fts_query(tokens)}).all()
    stmt = select(*HIT_COLUMNS)
    for token in tokens:
        stmt = stmt.where(
            or_(Applicant.name_norm.like(f"{token}%"), Applicant.name_norm.like(f"% {token}%"))
        )
    return session.execute(stmt.limit(limit)).all()
