"""The schema of a bundle's contents, checked after its signature and before anything is used,
stored or relayed.

A change is ``{"s": seq, "st": stamp, "n": node, "t": table, "r": row id, "o": op, "d": JSON of
field -> value, "p": JSON of field -> the stamp it replaced}``.  Only tables this version
exchanges, their exchanged columns, the three operations, values of each column's type and length
(and what the domain validators accept, e.g. a national ID) pass; anything else refuses the whole
bundle with a message naming the change, the table, the column and what is wrong.  A member
(relayed by head office) is ``{"node", "branch", "name", "public_key"}``."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import decimal
import json
import re
from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, Integer, LargeBinary, Numeric, String, Uuid

from ...db import synced as sv
from ...db.base import UTCDateTime
from ...domain.errors import ValidationError
from ...domain.hlc import ClockError, parse
from ...domain.identity import is_luhn_valid
from ...i18n import N_, _
from .sync_bundle import BundleError
from .sync_merge import PARSED

OPS = ("insert", "update", "delete")
KEYS = {"s", "st", "n", "t", "r", "o", "d", "p"}
_HEX32 = re.compile(r"[0-9a-f]{32}")
_STAND_IN = re.compile(r"[DW][0-9a-f]{9}|000[0-9]{7}")  # a duplicate's, a walk-in's, an anonymised person's

Check = Callable[[Any], bool]  # does an exchanged value fit its column


def _safe(check):
    """A check that answers False instead of raising."""
    def run(v) -> bool:
        try:
            return bool(check(v))
        except (ValueError, TypeError, ValidationError, binascii.Error, decimal.InvalidOperation):
            return False
    return run


_moment = _safe(lambda v: type(v) is str and dt.datetime.fromisoformat(v) is not None)
_date = _safe(lambda v: type(v) is str and dt.date.fromisoformat(v) is not None)
_number = _safe(lambda v: type(v) is str and decimal.Decimal(v).is_finite())
_binary = _safe(lambda v: type(v) is str and base64.b64decode(v, validate=True) is not None)
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_CANONICAL_ID = re.compile(r"[12][0-9]{9}")  # what validate_national_id returns
_OTHER_ID = re.compile(r"[A-Z0-9]{5,20}")  # a passport's, GCC ID's, border or visa number


def _uuid(v) -> bool:
    return type(v) is str and _UUID.fullmatch(v) is not None


def _national_id(v) -> bool:
    """What the domain's identity validators store (a Saudi ID or iqama: ten Western digits, the
    check digit right; another document's Latin capitals and digits), or a duplicate's, a
    walk-in's or an anonymised person's stand-in."""
    if type(v) is not str:
        return False
    if _CANONICAL_ID.fullmatch(v):
        return is_luhn_valid(v)
    return _STAND_IN.fullmatch(v) is not None or _OTHER_ID.fullmatch(v) is not None


def _other_type(id_type) -> bool:
    """A change that names a type other than the Saudi ID and iqama (the number is then checked
    as those types store it: a visa's ten digits may start with 2 without a Luhn digit)."""
    return isinstance(id_type, str) and id_type not in ("national_id", "iqama", "")


def _other_number(v) -> bool:
    return type(v) is str and (_STAND_IN.fullmatch(v) is not None or _OTHER_ID.fullmatch(v) is not None)


def _kind(col) -> tuple[Check, str]:
    """(check, what the value must be) for a column."""
    kind = col.type
    if isinstance(kind, Uuid):
        return _uuid, N_("an id")
    if isinstance(kind, UTCDateTime):
        return _moment, N_("a date and time")
    if isinstance(kind, Date):
        return _date, N_("a date")
    if isinstance(kind, Numeric):
        return _number, N_("a number")
    if isinstance(kind, LargeBinary):
        return _binary, N_("binary data (base 64)")
    if isinstance(kind, Boolean):
        return (lambda v: type(v) is bool), N_("true or false")
    if isinstance(kind, Integer):
        return (lambda v: type(v) in (int, bool) and -2**63 <= v < 2**63), N_("a whole number")
    if isinstance(kind, String) and kind.length:
        n = kind.length
        return (lambda v: type(v) is str and len(v) <= n), N_("text of at most {n} characters")
    return (lambda v: type(v) is str), N_("text")


DOMAIN = {("applicant", "national_id"): (_national_id, N_("a valid national ID"))}


@cache
def table_schema(table: str) -> dict[str, tuple[Check, str, bool, int]]:
    """Exchanged column -> (check, what it must be, nullable, length)."""
    t = sv.synced_tables()[table].__table__
    out = {}
    for name in sv.columns(table):
        col = t.c[name]
        check, what = DOMAIN.get((table, name)) or _kind(col)
        out[name] = (check, what, bool(col.nullable), getattr(col.type, "length", None) or 0)
    return out


@cache
def required(table: str) -> tuple[str, ...]:
    """The columns an added row must carry: not nullable and no fixed default (a column added
    by a later version takes its default when a row logged before it arrives: ``insert``)."""
    defaults = sv.logged_defaults(table)
    return tuple(name for name, spec in table_schema(table).items()
                 if not spec[2] and defaults[name] is None)


def _refuse(n: int, table: str, problem: str, **fields) -> BundleError:
    return BundleError(_("Change {n} of the bundle ({table}): {problem}").format(
        n=n, table=table or "?", problem=_(problem).format(**fields)))


def check_changes(changes: list) -> None:
    """Every change of the schema above, or BundleError naming what is wrong."""
    tables = sv.synced_tables()
    for n, c in enumerate(changes, start=1):
        if type(c) is not dict or c.keys() != KEYS:
            raise _refuse(n, "", N_("a change must hold exactly the fields {keys}"),
                          keys=", ".join(sorted(KEYS)))
        table = c["t"]
        if not isinstance(table, str) or table not in tables:
            raise _refuse(n, str(table)[:40], N_("unknown table"))
        if c["o"] not in OPS:
            raise _refuse(n, table, N_("unknown operation “{op}”"), op=str(c["o"])[:20])
        if not isinstance(c["s"], int) or isinstance(c["s"], bool) or c["s"] < 1:
            raise _refuse(n, table, N_("its sequence number must be a whole number"))
        if not isinstance(c["n"], str) or not _HEX32.fullmatch(c["n"]):
            raise _refuse(n, table, N_("its node must be 32 hexadecimal digits"))
        try:
            if not isinstance(c["st"], str) or parse(c["st"])[2] != c["n"]:
                raise ClockError(c["st"])
        except ClockError:
            raise _refuse(n, table, N_("its clock stamp is not valid")) from None
        schema = table_schema(table)
        id_check, id_what = schema["id"][:2]
        if not id_check(c["r"]):
            raise _refuse(n, table, N_("its row id must be {what}"), what=_(id_what))
        data, prev = _json_object(n, table, c["d"], "d"), _json_object(n, table, c["p"], "p")
        if c["o"] == "delete" and data:
            raise _refuse(n, table, N_("a delete carries no values"))
        # a number of another identity type than a Saudi one is checked as that type's (asked
        # once per change, not for every value)
        other = table == "applicant" and "national_id" in data and _other_type(data.get("id_type"))
        for name, value in data.items():
            spec = schema.get(name)
            if other and name == "national_id":
                spec = (_other_number, spec[1], spec[2], spec[3]) if spec else None
            if spec is None or (value is None and not spec[2]) or (value is not None and not spec[0](value)):
                _check_value(n, table, {**schema, name: spec} if spec else schema, name, value)
        if c["o"] == "insert":
            if data.get("id") != c["r"]:
                raise _refuse(n, table, N_("an added row must carry its own id"))
            needed = required(table)
            if None in map(data.get, needed):  # one pass in C; the loop below names the column
                for name in needed:
                    if data.get(name) is None:
                        raise _refuse(n, table, N_("column “{column}” is required"), column=name)
        for name, stamp in prev.items():
            if name not in schema or not isinstance(stamp, str):
                raise _refuse(n, table, N_("unknown column “{column}”"), column=str(name)[:40])
            if stamp:
                try:
                    parse(stamp)
                except ClockError:
                    raise _refuse(n, table, N_("its clock stamp is not valid")) from None
        c[PARSED] = (data, prev)  # read once: the merge uses this reading


def _json_object(n: int, table: str, text, part: str) -> dict:
    try:
        value = json.loads(text) if isinstance(text, str) else None
    except ValueError:
        value = None
    if not isinstance(value, dict):
        raise _refuse(n, table, N_("its “{part}” must be a JSON object"), part=part)
    return value


def _check_value(n: int, table: str, schema: dict, name: str, value) -> None:
    if name not in schema:
        raise _refuse(n, table, N_("unknown column “{column}”"), column=str(name)[:40])
    check, what, nullable, _length = schema[name]
    if value is None:
        if not nullable:
            raise _refuse(n, table, N_("column “{column}” is required"), column=name)
        return
    if not check(value):
        raise _refuse(n, table, N_("column “{column}” must be {what}"), column=name,
                      what=_(what).format(n=_length))


def check_members(members: list) -> None:
    """Members relayed by head office: node, branch, name and a 32-byte public key each."""
    for n, m in enumerate(members, start=1):
        ok = (isinstance(m, dict) and set(m) == {"node", "branch", "name", "public_key"}
              and isinstance(m["node"], str) and _HEX32.fullmatch(m["node"]) is not None
              and isinstance(m["branch"], str) and 0 < len(m["branch"]) <= 16
              and isinstance(m["name"], str) and len(m["name"]) <= 200
              and _safe(lambda v: len(base64.b64decode(v, validate=True)) == 32)(m["public_key"]))
        if not ok:
            raise BundleError(_("Member {n} listed in the bundle is not valid").format(n=n))
