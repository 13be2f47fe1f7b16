"""The audit log's hash chain (each entry's hash covers its fields and the previous hash) and
the words it is shown in: every action, entity and detail code, translated."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..i18n import N_, _, current_language
from . import workflow as wf
from .digits import ARABIC_DECIMAL_SEPARATOR, ARABIC_THOUSANDS_SEPARATOR, localize_digits
from .money import format_amount
from .people import GENDERS, ROLES
from .role_titles import role_title
from .text import ltr_code

GENESIS = "0" * 64
FIELDS = ("seq", "at", "branch", "user_id", "action", "entity", "entity_id", "details")


def entry_hash(prev_hash: str, entry: Mapping[str, Any]) -> str:
    """SHA-256 over the previous hash and the entry's fields in canonical JSON.  The chain id is
    hashed too when it is not the branch code itself (a desk's lane), so an entry cannot be moved
    to another chain; entries of a branch's own chain hash as they always did."""
    body = {name: "" if entry.get(name) is None else str(entry[name]) for name in FIELDS}
    chain = entry.get("chain") or ""
    if chain and chain != body["branch"]:
        body["chain"] = str(chain)
    payload = prev_hash + json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    branch: str
    seq: int
    kind: str  # altered | missing | out_of_order | head | cut | rehashed | emptied | appended | anchor
    detail: str = ""
    chain: str = ""


def check_chain(branch: str, entries: Iterable[Mapping[str, Any]], head: tuple[int, str] | None,
                chain: str = "") -> list[ChainProblem]:
    """Walk one chain's entries in ``seq`` order; report every break. ``head`` is the stored
    (seq, hash) of the last entry, which catches entries removed from the end."""
    problems: list[ChainProblem] = []
    prev_hash, expected = GENESIS, 1
    for entry in entries:
        seq = int(entry["seq"])
        if seq != expected:
            kind = "missing" if seq > expected else "out_of_order"
            problems.append(ChainProblem(branch, expected, kind, f"next entry is {seq}", chain))
        if entry["prev_hash"] != prev_hash:
            problems.append(ChainProblem(branch, seq, "altered", "does not follow the previous entry", chain))
        if entry_hash(entry["prev_hash"], entry) != entry["hash"]:
            problems.append(ChainProblem(branch, seq, "altered", "its content does not match its hash", chain))
        prev_hash, expected = entry["hash"], seq + 1
    if head is not None and (head[0] != expected - 1 or (head[0] and head[1] != prev_hash)):
        problems.append(ChainProblem(branch, head[0], "head", "entries at the end were removed", chain))
    return problems


# -- what the log shows: every action, entity and detail code written by ``ctx.audit`` ---------
# (tests/services/users/test_audit_words.py fails when a code written anywhere has no label here)

UNKNOWN_USER = "unknown user"  # a refused sign-in under a name no account has: never the typed text

ACTIONS = {
    "create": N_("Added"), "update": N_("Changed"), "delete": N_("Removed"),
    "open": N_("Opened"), "save": N_("Saved"), "record": N_("Recorded"),
    "decide": N_("Decided"), "close": N_("Closing"), "issue": N_("Issued"),
    "print": N_("Printed"), "reprint": N_("Reprinted"),
    "record_signature": N_("Signature recorded"), "export": N_("Exported"),
    "import": N_("Imported"), "sign_in": N_("Signed in"), "sign_out": N_("Signed out"),
    "sign_in_failed": N_("Sign-in refused"), "locked": N_("Account locked"),
    "demo": N_("Demo data added"), "add_peer": N_("Desk added for synchronisation"),
    "export_person": N_("Personal data exported"), "anonymise": N_("Anonymised"),
    "merge": N_("Duplicates merged"), "settle": N_("Conflict settled"),
    "link": N_("Linked to a request"),
    "assign": N_("Assignment"), "escalate": N_("Escalation"), "resolve": N_("Resolution"),
    "override_eligibility": N_("Submitted despite the eligibility rules"),
    # the request workflow's steps
    "submit": N_("Submission"), "refer_to_researcher": N_("Referral to the social researcher"),
    "return_to_desk": N_("Return to the front desk"),
    "forward_to_committee": N_("Sending to the committee"), "approve": N_("Approval"),
    "reject": N_("Rejection"), "request_more_info": N_("Request for more information"),
    "defer": N_("Postponement"), "deliver": N_("Service delivered"),
    "cancel": N_("Cancellation"), "reopen": N_("Reopening"),
    "deliver_immediately": N_("Immediate service delivered"), "accept": N_("Accepted at the desk"),
    "appeal": N_("Appeal"), "lodge": N_("Appeal recorded"),
    # the coordination between associations
    "invite": N_("Invitation written"), "join": N_("Joined"),
    "match": N_("Found known to another association"),
    "coordination_lookup": N_("Asked whether other associations know the person"),
    "coordination_consent": N_("Consent to coordination"),
    "reveal_settings": N_("What a match reveals was changed"),
    "book": N_("Appointment booked"), "move": N_("Appointment moved"), "attended": N_("Attended"),
    "missed": N_("Did not come"),
    "resend": N_("Message sent again"),
    "password_changed": N_("Password chosen by its owner"),
    "backup": N_("Backup made"), "restore": N_("Restored from a backup"),
    "adopt": N_("Head office's version put in force"),
}
ENTITIES = {
    "request": N_("Request"), "applicant": N_("Applicant"), "user": N_("User account"),
    "meeting": N_("Committee meeting"), "document": N_("Document"),
    "household_member": N_("Household member"), "social_study": N_("Social study"),
    "service_delivery": N_("Service delivery"), "declaration": N_("Declaration"),
    "referral": N_("Referral letter"), "decision": N_("Decision letter"),
    "minutes": N_("Meeting minutes"), "receipt": N_("Receipt"), "store": N_("Data store"),
    "complaint": N_("Complaint"), "suggestion": N_("Suggestion"), "enquiry": N_("Enquiry"),
    "library": N_("Library document"),
    "survey_response": N_("Survey response"), "sync_peer": N_("Synchronised desk"),
    "sync_bundle": N_("Synchronisation bundle"), "sync_conflict": N_("Synchronisation conflict"),
    "appeal": N_("Appeal"), "consortium": N_("Consortium of associations"),
    "appointment": N_("Appointment"), "message": N_("Message to the applicant"),
    "profile": N_("Association profile"),
}
DETAIL_KEYS = {
    "from": N_("from"), "to": N_("to"), "reference": N_("reference"), "reason": N_("reason"),
    "role": N_("role"), "request": N_("request"), "amount": N_("amount"),
    "outcome": N_("decision"), "number": N_("number"), "year": N_("year"),
    "active": N_("active"), "password": N_("password"), "count": N_("times"),
    "scan": N_("scan attached"), "kind": N_("kind"), "applicant": N_("applicant"),
    "fields": N_("fields"), "recommendation": N_("recommendation"), "file": N_("file"),
    "rows": N_("rows"), "meeting": N_("meeting"), "locked": N_("locked"), "disabled": N_("account disabled"), "sha256": "SHA-256",
    "mode": N_("how taken"), "index": N_("satisfaction index"), "branch": N_("branch"),
    "changes": N_("changes"), "applied": N_("applied"), "conflicts": N_("conflicts"),
    "scans": N_("with scans"), "failed": N_("rules not met"), "days_late": N_("days late"),
    "channel": N_("channel"), "referred": N_("referred to the researcher"),
    "informed": N_("complainant told"), "satisfaction": N_("satisfaction"),
    "consent": N_("consent"), "field": N_("field"), "keep": N_("kept"),
    "removed": N_("removed record"), "moved": N_("records moved"), "seed": N_("seed"),
    "taken": N_("values taken from the merged file"), "noted": N_("values kept in the notes"),
    "applicants": N_("applicants"), "requests": N_("requests"), "complaints": N_("complaints"),
    "surveys": N_("surveys"), "members": N_("household members"), "documents": N_("documents"),
    "enquiries": N_("enquiries"), "overdue": N_("overdue requests"),
    "expired_documents": N_("expired documents"), "full_name": N_("full name"),
    "meetings": N_("committee meetings"), "decisions": N_("committee decisions"),
    "deliveries": N_("services delivered"),
    "people": N_("people"), "answered": N_("answered"), "member": N_("member"),
    "new": N_("new"), "matches": N_("matches"), "name": N_("name"),
    "association": N_("association"), "program": N_("program"), "month": N_("month"),
    "service_month": N_("month of the last service"), "found": N_("found"),
    "id_type": N_("identity type"), "number_end": N_("last digits of the number"),
    "given": N_("given"),
    "day": N_("day"), "time": N_("time"), "purpose": N_("purpose"), "employee": N_("employee"),
    "gender": N_("gender"), "signature": N_("signature"),
    "appeals": N_("appeals"), "immediate_services": N_("immediate services"),
    "must_change_password": N_("chooses a new password at the next sign-in"),
    "safety_copy": N_("safety copy of the replaced store"),
}
VALUES = {  # detail values that are codes, by detail key
    "mode": {"desk": N_("At the desk"), "phone": N_("By phone"), "paper": N_("Printed form")},
    "informed": {
        "phone": N_("By phone"), "sms": N_("By text message"), "in_person": N_("In person"),
        "letter": N_("By letter"), "email": N_("By e-mail"),
        "not_reachable": N_("Could not be reached"), "anonymous": N_("Anonymous: nobody to tell"),
    },
    "outcome": {"approve": N_("Approval"), "reject": N_("Rejection"),
                "more_info": N_("Request for more information"), "defer": N_("Postponement"),
                # an appeal decided (``services.requests.appeals``)
                "upheld": N_("Rejection upheld"), "overturned": N_("Rejection overturned")},
    "keep": {"winner": N_("the value that won"), "loser": N_("the other value")},
    "password": {"reset": N_("reset")},
    # how a declaration is signed (``domain.documents``' signature modes)
    "signature": {"pad": N_("Drawn on the screen"), "wet": N_("By hand on the printed paper")},
    "gender": GENDERS,
    "purpose": {"interview": N_("Interview"), "document": N_("Bring a document"),
                "service": N_("Collect a service")},
}
_CODE_KEYS = frozenset({"reference", "request", "file", "number", "meeting"})  # Western digits
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def action_label(code: str) -> str:
    """The action in the reader's language; an unknown code as it is."""
    return _(ACTIONS[code]) if code in ACTIONS else code


def entity_label(code: str) -> str:
    return _(ENTITIES[code]) if code in ENTITIES else code


def detail_label(key: str) -> str:
    """A detail's key in words; a request status (the demo's counts by status) by its name."""
    if key in DETAIL_KEYS:
        return _(DETAIL_KEYS[key])
    return wf.state_label(key) if key in wf.STATE_LABELS else key


def short_id(text: str) -> str:
    """A record id shortened to its last characters (time-ordered UUIDs begin alike), read
    left to right."""
    return ltr_code("…" + text[-8:]) if UUID_TEXT.fullmatch(text) else ltr_code(text)


def what_text(entity: str, entity_id: str, *, full: bool = False) -> str:
    """«Request …1a2b3c4d»: the entity in words and its id (a code, Western digits; whole with
    ``full``). A refused sign-in under an unknown name shows «unknown user» in words."""
    name = entity_label(entity)
    if entity == "user" and entity_id == UNKNOWN_USER:
        return name + ": " + _("unknown user")
    if not entity_id:
        return name
    return f"{name} {ltr_code(entity_id) if full else short_id(entity_id)}"


Namer = Callable[[str, str], "str | None"]  # (key, code) -> the code's name, None: not known


def details_text(details: Mapping[str, Any], style: str, name_of: Namer | None = None) -> str:
    """``key: value، key: value`` (``;`` in English) with keys and coded values translated, numbers in ``style``
    ("arabic" or "western") digits and codes (references, hashes, files) read left to right.
    ``name_of`` names the codes only the association's profile or another room knows (a
    channel, a program, a document's kind: ``services/users/audit_text``)."""
    # not «·», which reads as an Arabic-Indic zero beside Arabic digits
    separator = "، " if current_language() == "ar" else "; "
    gender = details.get("gender")  # an account's: its role reads in her gender
    return separator.join(
        f"{detail_label(key)}: "
        + (role_title(str(value), str(gender)) if key == "role" and gender
           else detail_value(key, value, style, name_of))
        for key, value in details.items())


def detail_value(key: str, value: Any, style: str, name_of: Namer | None = None) -> str:
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, int | float) and key not in _CODE_KEYS:
        return _number(value, style)
    if isinstance(value, list):
        return ", ".join(detail_value(key, v, style, name_of) for v in value)
    text = "" if value is None else str(value)
    named = name_of(key, text) if name_of is not None and text else None
    if named is not None:
        return named
    if key in ("from", "to"):
        return wf.state_label(text)
    if key == "role":
        return _(ROLES[text]) if text in ROLES else text
    if key in VALUES and text in VALUES[key]:
        return _(VALUES[key][text])
    if key == "kind":  # a paper's, a complaint's (a document's: ``name_of``)
        return entity_label(text)
    if key == "sha256":
        return ltr_code(text[:12] + "…")
    if key == "amount":
        return _amount(text, style)
    if key == "consent":
        return _(text)  # the importer's fixed sentence, translated in the catalog
    if UUID_TEXT.fullmatch(text):
        return short_id(text)
    if key in _CODE_KEYS or key == "removed":
        return ltr_code(text)
    return text


def _number(value: int | float, style: str) -> str:
    if isinstance(value, float):
        text = f"{value:,.1f}".removesuffix(".0")
    else:
        text = f"{value:,}"
    return _localize(text, style)


def _amount(text: str, style: str) -> str:
    try:
        value = Decimal(text)
    except (InvalidOperation, ValueError):
        return text
    return format_amount(value, "ar" if style == "arabic" else "en", style)  # domain.money


def _localize(text: str, style: str) -> str:
    if style == "arabic":
        text = text.replace(",", ARABIC_THOUSANDS_SEPARATOR).replace(".", ARABIC_DECIMAL_SEPARATOR)
    return localize_digits(text, style)
